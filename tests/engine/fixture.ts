/**
 * A small world built in code for the engine's unit and property tests, parsed through the zod
 * schemas so defaults fill in exactly as they do for YAML content. Independent of content/.
 *
 * Map:  mine --west-- square (inn, anvil) --north/south-- dock --east (locked: brass key)-- shed
 *                                                          |down
 *                                                         cave (crab)
 */
import type { Content } from '../../src/content/schema.ts';
import {
  Effect, Enemy, Item, Location, Node, Npc, Recipe, Skill, Station, World, Zone,
} from '../../src/content/schema.ts';
import type { Action } from '../../src/engine/action.ts';
import type { GameEvent } from '../../src/engine/events.ts';
import type { GameState, PlayerState } from '../../src/engine/state.ts';
import { apply, createWorld } from '../../src/engine/index.ts';

function byId<T extends { id: string }>(list: readonly T[]): ReadonlyMap<string, T> {
  return new Map(list.map((v) => [v.id, v]));
}

export const world = World.parse({
  id: 'fixture', name: 'Fixture Isle', intro: 'A test isle.', start: 'dock', respawn: 'square',
  dayLengthMs: 100_000, nightPercent: 25,
  player: {
    hp: 20, mp: 10, sp: 10, attack: 3, defence: 1, maxWeight: 10_000, maxSlots: 5,
    levels: [20, 40, 80], perLevel: { hp: 5, mp: 2, sp: 2, attack: 1, defence: 1 }, defeatExpPenalty: 50,
  },
});

const items = [
  { id: 'rope', name: 'rope', description: 'A coil of rope.', kind: 'misc', weight: 1000 },
  { id: 'driftwood', name: 'driftwood', description: 'Grey wood.', kind: 'material', weight: 500, stack: 10 },
  { id: 'copper-ore', name: 'copper ore', description: 'Green rock.', kind: 'material', weight: 800, stack: 5 },
  { id: 'pickaxe', name: 'pickaxe', description: 'A crude pickaxe.', kind: 'tool', weight: 1500 },
  { id: 'hammer', name: 'hammer', description: 'A smith\'s hammer.', kind: 'tool', weight: 1000 },
  { id: 'copper-sword', name: 'copper sword', description: 'Sharp.', kind: 'weapon', weight: 2000, slot: 'mainHand', stats: { attack: 4 } },
  { id: 'wooden-club', name: 'wooden club', description: 'Blunt.', kind: 'weapon', weight: 1500, slot: 'mainHand', stats: { attack: 2 } },
  { id: 'leather-pack', name: 'leather pack', description: 'Roomy.', kind: 'armour', weight: 800, slot: 'body', stats: { capacity: 5000, slots: 2, defence: 1 } },
  { id: 'cloth-shirt', name: 'cloth shirt', description: 'Thin.', kind: 'armour', weight: 200, slot: 'body', stats: {} },
  { id: 'brass-key', name: 'brass key', description: 'Small.', kind: 'key', weight: 50 },
  { id: 'potion', name: 'potion', description: 'Red.', kind: 'potion', weight: 200, stack: 5, consumable: { hp: 10, cures: ['poison'], verb: 'drink' } },
  { id: 'bread', name: 'bread', description: 'Crusty.', kind: 'food', weight: 300, stack: 5, consumable: { sp: 5, applies: ['well-fed'], verb: 'eat' } },
  { id: 'strength-tonic', name: 'strength tonic', description: 'Fizzy.', kind: 'potion', weight: 200, consumable: { applies: ['strength'], verb: 'drink' } },
  { id: 'boulder', name: 'boulder', description: 'Very heavy.', kind: 'misc', weight: 20_000 },
  { id: 'crab-shell', name: 'crab shell', description: 'Hard.', kind: 'material', weight: 300, stack: 10 },
  { id: 'iron-ingot', name: 'iron ingot', description: 'Dense.', kind: 'material', weight: 4000, stack: 5 },
  { id: 'pebble', name: 'pebble', description: 'Tiny.', kind: 'misc', weight: 10, stack: 3 },
].map((i) => Item.parse(i));

const locations = [
  {
    id: 'dock', zone: 'harbor', name: 'Dock', description: 'Wet planks.',
    variants: [
      { when: { firstVisit: true }, text: 'You step onto the dock for the first time.' },
      { when: { night: true }, text: 'The dock at night.' },
      { when: { flag: 'lamp-lit' }, text: 'The dock, lit by the lamp.' },
    ],
    exits: [
      { dir: 'north', to: 'square' },
      { dir: 'east', to: 'shed', lock: { id: 'shed-door', key: 'brass-key', locked: 'The shed is locked.', opened: 'The lock clicks.' } },
      { dir: 'down', to: 'cave' },
    ],
    items: [{ item: 'rope', qty: 1 }, { item: 'driftwood', qty: 3 }, { item: 'brass-key', qty: 1 }, { item: 'pebble', qty: 9 }],
    scenery: [{ name: 'old anchor', description: 'Rusted through.' }],
  },
  {
    id: 'square', zone: 'village', name: 'Square', description: 'A quiet square.', restful: true,
    exits: [{ dir: 'south', to: 'dock' }, { dir: 'west', to: 'mine' }],
    items: [{ item: 'hammer', qty: 1 }, { item: 'boulder', qty: 1 }, { item: 'potion', qty: 3 }, { item: 'bread', qty: 2 }],
  },
  {
    id: 'mine', zone: 'village', name: 'Mine', description: 'Dark tunnels.',
    exits: [{ dir: 'east', to: 'square' }],
    items: [{ item: 'copper-sword', qty: 1 }, { item: 'wooden-club', qty: 1 }, { item: 'strength-tonic', qty: 1 }, { item: 'iron-ingot', qty: 3 }],
  },
  {
    id: 'shed', zone: 'harbor', name: 'Shed', description: 'Dusty shelves.',
    exits: [{ dir: 'west', to: 'dock' }], items: [{ item: 'leather-pack', qty: 1 }, { item: 'cloth-shirt', qty: 1 }],
  },
  {
    id: 'cave', zone: 'harbor', name: 'Cave', description: 'Dripping rock.',
    exits: [{ dir: 'up', to: 'dock' }],
  },
].map((l) => Location.parse(l));

const nodes = [
  { id: 'driftwood-pile', name: 'driftwood pile', description: 'Wood.', location: 'dock', resource: 'driftwood', yield: 3, respawnMs: 10_000, spCost: 2 },
  { id: 'copper-vein', name: 'copper vein', description: 'Ore.', location: 'mine', resource: 'copper-ore', yield: 4, perGather: 2, respawnMs: 20_000, tool: 'pickaxe', spCost: 3 },
].map((n) => Node.parse(n));

const stations = [Station.parse({ id: 'anvil', name: 'anvil', description: 'Iron.', location: 'square' })];

const recipes = [
  { id: 'make-pickaxe', category: 'tool', output: { item: 'pickaxe' }, inputs: [{ item: 'driftwood', qty: 2 }, { item: 'rope' }] },
  { id: 'forge-sword', category: 'weapon', output: { item: 'copper-sword' }, inputs: [{ item: 'copper-ore', qty: 2 }, { item: 'driftwood', qty: 1 }], tools: ['hammer'], station: 'anvil', spCost: 2 },
  { id: 'brew-potion', category: 'potion', output: { item: 'potion', qty: 2 }, inputs: [{ item: 'crab-shell', qty: 1 }] },
].map((r) => Recipe.parse(r));

const enemies = [
  Enemy.parse({
    id: 'crab', name: 'crab', description: 'Snappy.', hp: 10, attack: 4, defence: 1, exp: 25,
    loot: [{ item: 'crab-shell', qty: 2 }, { item: 'pebble', qty: 1, chance: 50 }],
    locations: ['cave'], respawnMs: 30_000, inflicts: { effect: 'poison', chance: 30 },
  }),
  Enemy.parse({
    id: 'kraken', name: 'kraken', description: 'Huge.', hp: 200, attack: 30, defence: 10, exp: 500,
    locations: ['shed'], respawnMs: 60_000,
  }),
];

const effects = [
  { id: 'poison', name: 'poisoned', kind: 'debuff', turns: 3, perTurn: { hp: -2 } },
  { id: 'rested', name: 'rested', kind: 'buff', turns: 5, defence: 1 },
  { id: 'well-fed', name: 'well fed', kind: 'buff', turns: 3, perTurn: { sp: 1 } },
  { id: 'strength', name: 'strong', kind: 'buff', turns: 3, attack: 2 },
  { id: 'weakened', name: 'weakened', kind: 'debuff', turns: 2, perTurn: { hp: -1 }, attack: -3, defence: -1 },
].map((e) => Effect.parse(e));

const skills = [
  { id: 'power-strike', name: 'power strike', description: 'Hard.', cost: { sp: 3 }, power: 3 },
  { id: 'mend', name: 'mend', description: 'Heals.', cost: { mp: 4 }, heal: 8 },
  { id: 'hamstring', name: 'hamstring', description: 'Low cut.', cost: { sp: 2 }, applies: 'weakened' },
  { id: 'rally', name: 'rally', description: 'A war cry.', cost: { sp: 4 }, applies: 'strength' },
  { id: 'fireball', name: 'fireball', description: 'Hot.', cost: { mp: 5 }, power: 6, learnedAt: 2 },
].map((s) => Skill.parse(s));

const npcs = [
  Npc.parse({
    id: 'archon', name: 'Archon', description: 'Keeper of the lamp.', location: 'dock', greeting: 'Welcome, traveller.',
    topics: [
      { id: 'lamp', keywords: ['lamp', 'light'], text: 'I will light the lamp.', sets: 'lamp-lit' },
      { id: 'gift', keywords: ['gift', 'present'], text: 'Take this.', gives: { item: 'potion', qty: 2 } },
      { id: 'secret', keywords: ['secret'], text: 'The lamp hides a secret.', requires: 'lamp-lit' },
    ],
  }),
];

export const fixture: Content = {
  world,
  zones: byId([Zone.parse({ id: 'harbor', name: 'Harbor', description: 'Boats.' }), Zone.parse({ id: 'village', name: 'Village', description: 'Houses.' })]),
  locations: byId(locations),
  items: byId(items),
  nodes: byId(nodes),
  stations: byId(stations),
  recipes: byId(recipes),
  enemies: byId(enemies),
  effects: byId(effects),
  skills: byId(skills),
  npcs: byId(npcs),
  quests: new Map(),
  version: 'fixture-1',
};

/** A world being played in a test: applies actions in order, 1000 ms of game time apart. */
export class Game {
  state: GameState;
  events: GameEvent[] = [];
  at = 0;
  private n = 0;
  constructor(readonly content: Content = fixture, seed = 1) {
    this.state = createWorld(content, seed);
  }
  do(player: string, action: Action, at?: number): GameEvent[] {
    this.n += 1;
    this.at = at ?? this.at + 1000;
    const r = apply(this.content, this.state, { id: `t${this.n}`, player, at: this.at, action });
    this.state = r.state;
    this.events = r.events;
    return r.events;
  }
  player(id: string): PlayerState {
    const p = this.state.players[id];
    if (!p) throw new Error(`no player ${id}`);
    return p;
  }
  /** The refusal reason of the last action, or null when it was accepted. */
  get refusal(): string | null {
    const e = this.events.find((ev) => ev.type === 'refused');
    return e && e.type === 'refused' ? e.reason : null;
  }
}

/** A fixture world where these players (ids = names) have joined, in order. */
export function joinedGame(...names: string[]): Game {
  const g = new Game();
  for (const n of names) g.do(n, { kind: 'join', name: n });
  return g;
}
