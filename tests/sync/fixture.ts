/**
 * A tiny two-zone world for the sync tests, built with the content zod schemas (independent of
 * content/ and of the engine's own fixture), plus helpers to make players and signed intents.
 *
 * Map:  pier (harbor) --north/south-- green (village)
 *       pier holds the last moonpetal and one rope; the kelp bed has 1 unit; a crab (3 HP) waits.
 */
import type { Content } from '../../src/content/schema.ts';
import { Enemy, Item, Location, Node, World, Zone } from '../../src/content/schema.ts';
import { createIdentity, type Identity } from '../../src/sync/intent/identity.ts';
import { createIntent, type VerifiedIntent } from '../../src/sync/intent/intent.ts';
import type { SyncAction } from '../../src/sync/intent/sync-action.ts';
import { sha256Hex } from '../../src/sync/intent/bytes.ts';
import { Verifier } from '../../src/sync/intent/verifier.ts';

function byId<T extends { id: string }>(list: readonly T[]): ReadonlyMap<string, T> {
  return new Map(list.map((v) => [v.id, v]));
}

export const content: Content = {
  world: World.parse({
    id: 'tiny', name: 'Tiny Isle', intro: 'A test isle.', start: 'pier', respawn: 'pier',
    dayLengthMs: 100_000, nightPercent: 25,
    player: {
      hp: 20, mp: 10, sp: 50, attack: 3, defence: 1, maxWeight: 10_000, maxSlots: 6,
      levels: [20, 40, 80], perLevel: { hp: 5, mp: 2, sp: 2, attack: 1, defence: 1 }, defeatExpPenalty: 50,
    },
  }),
  zones: byId([Zone.parse({ id: 'harbor', name: 'Harbor', description: 'Boats.' }), Zone.parse({ id: 'village', name: 'Village', description: 'Houses.' })]),
  locations: byId([
    Location.parse({
      id: 'pier', zone: 'harbor', name: 'Pier', description: 'Wet planks.',
      exits: [{ dir: 'north', to: 'green' }],
      items: [{ item: 'moonpetal', qty: 1 }, { item: 'rope', qty: 1 }, { item: 'pebble', qty: 4 }],
    }),
    Location.parse({ id: 'green', zone: 'village', name: 'Green', description: 'Grass.', exits: [{ dir: 'south', to: 'pier' }] }),
  ]),
  items: byId([
    Item.parse({ id: 'moonpetal', name: 'moonpetal', description: 'Glows.', kind: 'material', weight: 10, stack: 5 }),
    Item.parse({ id: 'rope', name: 'rope', description: 'Coiled.', kind: 'misc', weight: 500 }),
    Item.parse({ id: 'pebble', name: 'pebble', description: 'Tiny.', kind: 'misc', weight: 10, stack: 10 }),
    Item.parse({ id: 'kelp', name: 'kelp', description: 'Slimy.', kind: 'material', weight: 50, stack: 10 }),
    Item.parse({ id: 'crab-shell', name: 'crab shell', description: 'Hard.', kind: 'material', weight: 100, stack: 10 }),
  ]),
  nodes: byId([Node.parse({ id: 'kelp-bed', name: 'kelp bed', description: 'Kelp.', location: 'pier', resource: 'kelp', yield: 1, respawnMs: 60_000, spCost: 1 })]),
  stations: new Map(),
  recipes: new Map(),
  enemies: byId([Enemy.parse({ id: 'crab', name: 'crab', description: 'Snappy.', hp: 3, attack: 0, defence: 0, exp: 5, loot: [{ item: 'crab-shell', qty: 1 }], locations: ['pier'], respawnMs: 60_000 })]),
  effects: new Map(),
  skills: new Map(),
  npcs: new Map(),
  quests: new Map(),
  version: 'sync-tiny-1',
};

export const WORLD = sha256Hex('test-world');
/**
 * One verifier for the many replicas a property test builds in one process: verdicts are a pure
 * function of the stored string, so sharing them changes no outcome, and each signature is
 * checked once (as one device would) instead of once per replica.
 */
export const SHARED_VERDICTS = new Verifier();
export const SEED = 1234;

/** A player writing a chain of intents in one zone, like a well-behaved client would. */
export class Author {
  readonly id: Identity;
  seq = 0;
  prev: string | null = null;
  lastTurn = 0;
  at = 0;
  constructor(readonly zone = 'harbor', identity: Identity = createIdentity()) {
    this.id = identity;
  }
  get player(): string {
    return this.id.player;
  }
  /** Next intent at `turn` (bumped past this author's last turn). */
  write(action: SyncAction, turn: number, atStep = 1000): VerifiedIntent {
    const t = Math.max(turn, this.lastTurn + 1);
    this.seq += 1;
    this.at += atStep;
    const made = createIntent(this.id, { world: WORLD, zone: this.zone, seq: this.seq, prev: this.prev, turn: t, at: this.at, action });
    this.prev = made.id;
    this.lastTurn = t;
    return made;
  }
}

/** A pool of identities made once (key generation is the slow part of making test players). */
const pool: Identity[] = [];
export function identities(n: number): Identity[] {
  while (pool.length < n) pool.push(createIdentity());
  return pool.slice(0, n);
}

export function entry(i: VerifiedIntent): [string, string] {
  return [i.id, i.raw];
}
