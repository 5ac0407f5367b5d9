/**
 * One schedule of the whole-world fuzz: 3-5 real SharedWorlds on the real isle (content/vetrellis)
 * over the memory relay, each playing random commands (missions towards gifts, borders and places,
 * and any action that makes sense where they stand), while the schedule delivers relay messages a
 * few at a time in random order, cuts and restores clients' connections, and closes clients and
 * opens them again (from what their device kept: a durable store in memory). At the end everyone
 * reconnects and every message is delivered (settles included), and the result says, per zone,
 * each client's state hash and the hash of a fresh replica of the relay's log.
 *
 *   const r = await runWorldSchedule(seed, { steps: 120 });
 *   r.zones.get('harbor')  // { relay: hash, clients: [hash, ...] }
 */
import { createHash } from 'node:crypto';
import type { Content } from '../../src/content/schema.ts';
import type { Action, GameState } from '../../src/engine/index.ts';
import { identityFromSecret, type Identity } from '../../src/sync/intent/identity.ts';
import { createIntent } from '../../src/sync/intent/intent.ts';
import type { SyncAction } from '../../src/sync/intent/sync-action.ts';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import * as Y from 'yjs';
import type { DocStore, StoredDoc } from '../../src/sync/world/doc-store.ts';
import { MemoryRelay, type MemoryLink } from '../../src/sync/world/memory-relay.ts';
import { SharedWorld } from '../../src/sync/world/shared-world.ts';
import { settlesDue, type CrossingFolds } from '../../src/sync/world/traveller.ts';
import { CrossingBoard } from '../../src/sync/replica/crossing-board.ts';
import { memberKeyOfWorld, ownerKeyOf, roomName, watchKeyOf, worldIdOf, worldOwnerOf, zoneDocName } from '../../src/sync/world/world-key.ts';
import { cutSnapOf, EPOCH_ZERO, epochDocName, loadSnapshot, newestCut, rootCuts } from '../../src/sync/world/world-cut.ts';
import { RootDoc, ZoneDoc } from '../../src/sync/world/world-docs.ts';
import { candidates } from '../engine/guided-play.ts';
import { giftTopics, Planner, zoneBorders, type Goal } from '../session/isle-plan.ts';
import { vetrellisContent } from '../session/kept-world.ts';
import { prng } from './harness.ts';

type Rnd = ReturnType<typeof prng>;

/** Commands a player types that only read (the session answers them without an intent). */
const READING = new Set(['look', 'examine', 'inventory', 'status']);
const START = Date.UTC(2030, 0, 1, 8);

export interface ScheduleResult {
  /** Per zone: the relay's log folded afresh, and each client's replica of it (clients that fold it). */
  readonly zones: ReadonlyMap<string, { readonly relay: string; readonly clients: readonly string[] }>;
  /** Per player: the zones whose fold (of the relay's log) holds their character. */
  readonly whereabouts: ReadonlyMap<string, readonly string[]>;
  /** Players whose character stands in a zone other than its location's. */
  readonly misplaced: readonly string[];
  /** Hand-overs whose arrive carries another state than its travel carried out (something crossed twice, or was lost). */
  readonly unsettled: readonly string[];
  /** Characters (player@zone) holding what only a forged arrive claims: many black pearls, or level 9. */
  readonly forged: readonly string[];
  /**
   * Per zone (sealed worlds): the state hashes of a second device that opened every zone from a
   * world cut of the fresh folds (each zone's snapshot at its final seal, replica/snapshot.ts),
   * fed once only the log outside the sealed sets (an epoch's tail), once the whole log; and one
   * that opened them from an earlier cut (half of each zone's seals), fed the whole log.
   */
  readonly fromCut: ReadonlyMap<string, { readonly tail: string; readonly all: string; readonly early: string; readonly snapshotBytes: number }>;
  /** `watched`: watchers whose join (signed without the member key's proof) some fold took in; none may be. */
  readonly watchersIn: readonly string[];
  readonly stats: { submitted: number; written: number; refused: number; crossings: number; delivered: number; disconnects: number; reopens: number; settles: number; seals?: number; finalRefolds?: number; cuts?: number; newcomers?: number };
}

function bytes(text: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(text).digest());
}

/**
 * A device's durable storage, in memory: every update of a document is kept by room and given
 * back when the document is opened again (as IndexedDB or the files would), synchronously, so a
 * schedule stays deterministic.
 */
class KeptInMemory implements DocStore {
  readonly durable = true;
  readonly #kept = new Map<string, Uint8Array[]>();
  open(doc: Y.Doc, room: string): StoredDoc {
    const kept = this.#kept.get(room) ?? [];
    this.#kept.set(room, kept);
    for (const u of kept) Y.applyUpdate(doc, u);
    const keep = (u: Uint8Array): void => void kept.push(u);
    doc.on('update', keep);
    return { whenLoaded: Promise.resolve(), close: async () => doc.off('update', keep) };
  }
  async holds(room: string): Promise<boolean> {
    return (this.#kept.get(room)?.length ?? 0) > 0;
  }
  async drop(room: string): Promise<void> {
    this.#kept.delete(room);
  }
}

interface Client {
  readonly identity: Identity;
  readonly store: KeptInMemory;
  links: MemoryLink[];
  world: SharedWorld;
  online: boolean;
  goal: Goal;
  spent: number;
}

/** Lets queued microtasks and the world's async loads (prefetch, following a defeat) run. */
async function settle(clients: readonly Client[]): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((r) => setImmediate(r));
  await Promise.all(clients.map((c) => c.world.ready()));
}

function mission(content: Content, rnd: Rnd): Goal {
  const roll = rnd.next();
  if (roll < 0.4) return { kind: 'cross', border: rnd.pick(zoneBorders(content)) };
  if (roll < 0.7) {
    const g = rnd.pick(giftTopics(content));
    return { kind: 'gift', npc: g.npc, topic: g.topic };
  }
  return { kind: 'visit', location: rnd.pick([...content.locations.keys()]) };
}

/** What this client types next: a step of its mission, or anything that makes sense here. */
function nextAction(content: Content, c: Client, others: readonly string[], plan: Planner, rnd: Rnd, at: number): Action {
  const state: GameState = c.world.state;
  if (!rnd.chance(0.3)) {
    const step = plan.next(c.goal, state, c.world.player, at);
    if (step !== 'done' && step !== 'stuck' && c.spent++ < 40) return step;
    c.goal = mission(content, rnd);
    c.spent = 0;
  }
  const here = others.filter((p) => state.players[p]);
  const options = candidates(content, state, c.world.player, here).filter((a) => !READING.has(a.kind));
  const extra: Action[] = [{ kind: 'say', text: `hi ${rnd.int(100)}` }, { kind: 'emote', text: 'waves' }, { kind: 'name', name: rnd.pick(['Ana', 'Bo', 'Cy']) }];
  return rnd.chance(0.1) || options.length === 0 ? rnd.pick(extra) : rnd.pick(options);
}

/**
 * Watchers of a `watched` world: a spectator's client (the watch key, refusing every action) and
 * modified clients with the watch key that write signed joins, without the member key's proof,
 * straight into the start zone's log (first intents of fresh keys, so only membership refuses them).
 */
class Watchers {
  readonly players = new Set<string>();
  readonly #doc = new Y.Doc();
  readonly #link: MemoryLink;
  readonly #world: string;
  readonly #zone: string;

  private constructor(readonly spectator: SharedWorld, content: Content, worldKey: string, relay: MemoryRelay) {
    this.#world = worldIdOf(worldKey);
    this.#zone = content.locations.get(content.world.start)!.zone;
    this.#link = relay.connect(this.#doc, roomName(watchKeyOf(worldKey)!, zoneDocName(this.#zone)));
  }

  static async open(content: Content, worldKey: string, relay: MemoryRelay): Promise<Watchers> {
    const spectator = await SharedWorld.open({
      content, identity: identityFromSecret(bytes(`spectator ${worldKey}`)), worldKey: watchKeyOf(worldKey)!, store: new KeptInMemory(), name: 'Wendel',
      relay: (doc, room) => relay.connect(doc, room), relayTimeoutMs: 0, checkpointEvery: 16,
    });
    if (spectator.submit({ kind: 'say', text: 'let me in' }).ok) throw new Error('a spectator signed an action');
    return new Watchers(spectator, content, worldKey, relay);
  }

  join(seed: number, at: number): void {
    const id = identityFromSecret(bytes(`watcher ${seed}/${this.players.size}`));
    this.players.add(id.player);
    const join = createIntent(id, { world: this.#world, zone: this.#zone, seq: 1, prev: null, turn: 1, at, action: { kind: 'join', name: 'Wendel' } });
    this.#doc.getMap('intents').set(join.id, join.raw);
  }

  async close(): Promise<void> {
    await this.spectator.close();
    this.#link.destroy();
    this.#doc.destroy();
  }
}

/** Black pearls a hostile member claims to carry in forged arrives: a count no play reaches. */
export const FORGED_PEARLS = 77;

/**
 * A member with the link and a modified client: a stock Yjs peer of each zone's room that signs,
 * on its own chains, a join and then arrives that lie (naming a travel that exists nowhere, or a
 * real travel of its own, and carrying 77 black pearls, level 9 and the name "P0"), and gives
 * pearls to others. Verified crossings must make every replica ignore what the arrives claim.
 */
class HostileMember {
  readonly #identity = identityFromSecret(bytes('hostile'));
  readonly #docs = new Map<string, Y.Doc>();
  readonly #heads = new Map<string, { seq: number; prev: string | null; turn: number }>();
  #travels: { zone: string; id: string }[] = [];
  constructor(
    private readonly content: Content,
    private readonly worldKey: string,
    private readonly relay: MemoryRelay,
  ) {}

  get player(): string {
    return this.#identity.player;
  }

  #doc(zone: string): Y.Doc {
    let doc = this.#docs.get(zone);
    if (!doc) {
      doc = new Y.Doc();
      this.relay.connect(doc, roomName(this.worldKey, zoneDocName(zone)));
      this.#docs.set(zone, doc);
    }
    return doc;
  }

  #write(zone: string, action: SyncAction, at: number, turn?: number): string {
    const h = this.#heads.get(zone) ?? { seq: 0, prev: null, turn: 0 };
    const t = turn ?? h.turn + 1 + (this.#doc(zone).getMap('intents').size);
    const made = createIntent(this.#identity, { world: worldIdOf(this.worldKey), zone, seq: h.seq + 1, prev: h.prev, turn: Math.max(t, h.turn + 1), at, action });
    this.#heads.set(zone, { seq: h.seq + 1, prev: made.id, turn: Math.max(t, h.turn + 1) });
    this.#doc(zone).getMap('intents').set(made.id, made.raw);
    return made.id;
  }

  act(rnd: Rnd, at: number, others: readonly string[]): void {
    const c = this.content;
    const start = c.locations.get(c.world.start)!;
    if (!this.#heads.has(start.zone)) {
      this.#write(start.zone, { kind: 'join', name: 'Mal' }, at);
      return;
    }
    const roll = rnd.int(4);
    const zones = [...c.zones.keys()];
    if (roll === 0) {
      // A real travel of its own out of the start zone (whatever the rules make of it).
      const exit = rnd.pick(start.exits);
      this.#travels.push({ zone: start.zone, id: this.#write(start.zone, { kind: 'travel', dir: exit.dir, digest: 'a'.repeat(64) }, at) });
      return;
    }
    if (roll === 3 && others.length > 0) {
      const zone = rnd.pick(zones);
      this.#write(zone, { kind: 'give', target: 'pearl', qty: 5, to: rnd.pick(others) }, at);
      return;
    }
    const zone = rnd.pick(zones.filter((z) => z !== start.zone));
    const location = rnd.pick([...c.locations.values()].filter((l) => l.zone === zone));
    const real = this.#travels.length > 0 && roll === 1 ? rnd.pick(this.#travels) : null;
    const base = engineRules.apply(c, engineRules.createWorld(c, 1), { id: 'x', player: this.player, at: 0, action: { kind: 'join', name: 'P0' } }).state.players[this.player]!;
    const state = { ...base, location: location.id, level: 9, inventory: [{ item: 'pearl', qty: FORGED_PEARLS }] };
    this.#write(zone, { kind: 'arrive', from: real?.zone ?? start.zone, fromLocation: start.id, dir: null, travel: real?.id ?? 'f'.repeat(64), state }, at, 1 + rnd.int(3));
  }

  close(): void {
    for (const d of this.#docs.values()) d.destroy();
  }
}

/**
 * `sealed`: the world is owned by its first player, whose device seals every zone at every
 * multiple of 8 turns as soon as its fold gets there (docs/finality.md "Seals"): concurrent
 * intents below a seal are then placed after it, and some chains meet a sealed head.
 */
/**
 * `watched`: a world made today (a play key, docs/links.md); a spectator opened with its watch
 * key folds alongside the players (its submits are refused, its folds compared like theirs), and
 * watchers' clients write signed joins without the member key's proof into the start zone.
 */
/**
 * `cut`: sealed, and the owner's device begins a new epoch (world-cut.ts) a third of the way in
 * (trying again every 15 steps while a zone is not sealed yet); a newcomer then joins from it, and
 * clients that reopen open the new epoch while others still bridge the old one. The relay's logs
 * are then folded at the newest epoch, from its snapshots and tails, as a new device would.
 */
export async function runWorldSchedule(seed: number, o: { readonly steps: number; readonly hostile?: boolean; readonly sealed?: boolean; readonly watched?: boolean; readonly cut?: boolean; readonly inspect?: (zone: string, fresh: ZoneReplica, clients: readonly ZoneReplica[]) => void }): Promise<ScheduleResult> {
  const content = vetrellisContent();
  const rnd = prng(seed);
  const relay = new MemoryRelay();
  const owner = identityFromSecret(bytes(`player ${seed}/0`));
  const sealed = o.sealed === true || o.cut === true;
  const worldKey = (o.watched ? 'P' : '') + Buffer.from(bytes(`world ${seed}`)).toString('base64url') + (sealed || o.watched ? Buffer.from(owner.publicKey).toString('base64url') : '');
  const n = 3 + rnd.int(3);
  const clients: Client[] = [];
  const stats: ScheduleResult['stats'] = { submitted: 0, written: 0, refused: 0, crossings: 0, delivered: 0, disconnects: 0, reopens: 0, settles: 0 };
  let at = START;
  let cleanup = (): void => {};
  let watchers: Watchers | null = null;
  try {
    const open = (identity: Identity, store: KeptInMemory, links: MemoryLink[], i: number): Promise<SharedWorld> =>
      SharedWorld.open({
        content, identity, worldKey, store, name: `P${i}`, at,
        create: i === 0 ? { name: 'Fuzz' } : null,
        relay: (doc, room) => {
          const link = relay.connect(doc, room);
          links.push(link);
          return link;
        },
        relayTimeoutMs: 0, checkpointEvery: 16,
        ...(sealed ? { sealing: { afterMs: 0, everyTurns: 8 } } : {}),
        cutting: false,
      });
    for (let i = 0; i < n; i++) {
      const identity = identityFromSecret(bytes(`player ${seed}/${i}`));
      const store = new KeptInMemory();
      const links: MemoryLink[] = [];
      clients.push({ identity, store, links, world: await open(identity, store, links, i), online: true, goal: mission(content, rnd), spent: 0 });
    }
    if (o.watched) watchers = await Watchers.open(content, worldKey, relay);
    // From here the schedule moves every message.
    relay.manual = true;
    const hostile = o.hostile ? new HostileMember(content, worldKey, relay) : null;
    cleanup = () => hostile?.close();
    const plan = new Planner(content);
    // `cut`: the owner's cut under way, whether one was written, and whether the newcomer came.
    let cutting: Promise<void> | null = null;
    let cutDone = false;
    let newcomer = false;
    for (let s = 0; s < o.steps; s++) {
      if (o.cut && !cutDone && cutting === null && s >= o.steps / 3 && s % 15 === 0) {
        const owning = clients[0]!.world;
        cutting = owning.cutWorld({ timeoutMs: 120_000 }).then((r) => {
          if (r.ok) cutDone = true;
        }, () => {}).finally(() => (cutting = null));
      }
      if (cutDone && !newcomer) {
        newcomer = true;
        const i = clients.length;
        const identity = identityFromSecret(bytes(`player ${seed}/${i}`));
        const store = new KeptInMemory();
        const links: MemoryLink[] = [];
        // A new device comes to a world it holds nothing of: it waits for the relay's answers.
        relay.manual = false;
        relay.flush();
        const world = await open(identity, store, links, i);
        relay.manual = true;
        clients.push({ identity, store, links, world, online: true, goal: mission(content, rnd), spent: 0 });
        stats.newcomers = (stats.newcomers ?? 0) + 1;
      }
      if (hostile && rnd.chance(0.15)) hostile.act(rnd, at, clients.map((x) => x.world.player));
      if (watchers && rnd.chance(0.05)) watchers.join(seed, at);
      const roll = rnd.int(100);
      const c = rnd.pick(clients);
      if (roll < 45) {
        at += 1 + rnd.int(4_000);
        const others = clients.filter((x) => x !== c).map((x) => x.world.player);
        const action = nextAction(content, c, others, plan, rnd, at);
        const zone = c.world.zone;
        const r = c.world.submit(action, at);
        stats.submitted += 1;
        if (r.ok) stats.written += 1;
        else stats.refused += 1;
        if (c.world.zone !== zone) stats.crossings += 1;
      } else if (roll < 88) {
        for (let k = 1 + rnd.int(12); k > 0 && relay.deliverOne(rnd.int); k--) stats.delivered += 1;
      } else if (roll < 93) {
        if (!c.online) continue;
        c.online = false;
        stats.disconnects += 1;
        for (const l of c.links) relay.disconnect(l);
      } else if (roll < 96) {
        // The player closes the app (what was in flight is lost) and opens it again from what the
        // device kept; offline if they were, the relay's copy arriving as the schedule delivers it.
        await c.world.close();
        c.links = [];
        stats.reopens += 1;
        c.world = await open(c.identity, c.store, c.links, clients.indexOf(c));
        if (!c.online) for (const l of c.links) relay.disconnect(l);
      } else {
        c.online = true;
        for (const l of c.links) relay.reconnect(l);
      }
      await settle(clients);
    }
    // Everyone back; everything delivered, until settles stop writing.
    for (const c of clients) for (const l of c.links) relay.reconnect(l);
    for (let round = 0; round < 50; round++) {
      relay.flush();
      await settle(clients);
      if (cutting !== null) await Promise.race([cutting, new Promise((r) => setTimeout(r, 20))]);
      if (relay.queued === 0 && cutting === null) break;
    }
    stats.cuts = cutDone ? 1 : 0;
    const result = collect(content, worldKey, relay, clients, stats, o.inspect);
    if (!watchers) return result;
    // The spectator folds what the players fold (every zone it holds), and no watcher got in.
    const zones = new Map([...result.zones].map(([zone, z]) => {
      const h = watchers!.spectator.zoneReplica(zone)?.stateHash;
      return [zone, { relay: z.relay, clients: h === undefined ? z.clients : [...z.clients, h] }] as const;
    }));
    return { ...result, zones, watchersIn: [...result.whereabouts.keys()].filter((p) => watchers!.players.has(p)) };
  } finally {
    for (const c of clients) await c.world.close();
    await watchers?.close();
    cleanup();
    relay.close();
  }
}

function collect(content: Content, worldKey: string, relay: MemoryRelay, clients: readonly Client[], stats: ScheduleResult['stats'], inspect?: (zone: string, fresh: ZoneReplica, clients: readonly ZoneReplica[]) => void): ScheduleResult {
  const seed = clients[0]!.world.meta.seed;
  const zones = new Map<string, { relay: string; clients: string[] }>();
  const whereabouts = new Map<string, string[]>();
  const misplaced: string[] = [];
  const forged: string[] = [];
  const folds = new Map<string, CrossingFolds>();
  // The relay's logs folded afresh, as one device would: every zone on one crossing board.
  const crossings = new CrossingBoard();
  const freshZones: [string, ZoneReplica, Y.Doc][] = [];
  // At the newest epoch (world-cut.ts): each zone from the cut's snapshot and the epoch's tail.
  const rootDoc = relay.roomDoc(roomName(worldKey, 'root'));
  const cut = rootDoc ? newestCut(rootCuts(new RootDoc(rootDoc), worldIdOf(worldKey), ownerKeyOf(worldKey))) : null;
  for (const zone of content.zones.keys()) {
    const doc = relay.roomDoc(roomName(worldKey, epochDocName(zone, cut ?? EPOCH_ZERO)));
    if (!doc) continue;
    const hash = cut === null ? null : cutSnapOf(cut, zone) ?? null;
    const snapshot = hash === null ? null : loadSnapshot(new ZoneDoc(doc, zone), hash);
    if (hash !== null && snapshot === null) throw new Error(`the relay holds no snapshot of ${zone} for epoch ${cut!.epoch}`);
    freshZones.push([zone, new ZoneReplica({ rules: engineRules, content, world: worldIdOf(worldKey), zone, seed, viewer: null, crossings, owner: worldOwnerOf(worldKey), member: memberKeyOfWorld(worldKey), ...(snapshot === null ? {} : { snapshot }) }), doc]);
  }
  for (const [, fresh, doc] of freshZones) fresh.ingest([...doc.getMap('intents').entries()]);
  for (const [zone, fresh] of freshZones) {
    stats.settles += fresh.fold.entries.filter((e) => e.intent.action.kind === 'settle').length;
    stats.seals = (stats.seals ?? 0) + (fresh.finalSeal?.n ?? 0);
    inspect?.(zone, fresh, clients.map((c) => c.world.zoneReplica(zone)).filter((z): z is ZoneReplica => z !== null && z !== undefined));
    for (const c of clients) stats.finalRefolds = (stats.finalRefolds ?? 0) + (c.world.zoneReplica(zone)?.diagnostics.snapshot()['seal/final-part-refolded'] ?? 0);
    folds.set(zone, fresh.fold);
    const hashes = clients.map((c) => c.world.zoneReplica(zone)?.stateHash).filter((h): h is string => h !== undefined);
    zones.set(zone, { relay: fresh.stateHash, clients: hashes });
    for (const [player, p] of Object.entries(fresh.state.players)) {
      const pearls = p.inventory.filter((x) => x.item === 'pearl').reduce((n, x) => n + x.qty, 0);
      if (pearls >= FORGED_PEARLS / 2 || p.level >= 9) forged.push(`${player.slice(0, 8)}@${zone}`);
      whereabouts.set(player, [...(whereabouts.get(player) ?? []), zone]);
      if (content.locations.get(p.location)?.zone !== zone) misplaced.push(player);
    }
  }
  const fromCut = new Map<string, { tail: string; all: string; early: string; snapshotBytes: number }>();
  const logs = new Map(freshZones.map(([zone, , doc]) => [zone, [...doc.getMap('intents').entries()] as [string, unknown][]]));
  const isSeal = (raw: unknown): number => {
    const m = typeof raw === 'string' ? /"kind":"seal"/.test(raw) && /"seq":(\d+)/.exec(raw) : null;
    return m ? Number(m[1]) : 0;
  };
  // Two world cuts: the fresh folds' (every seal), and an earlier one, of a device that had only
  // the first half of each zone's seals: its tail is long, and crosses later seals.
  const last = new Map(freshZones.map(([zone, fresh]) => [zone, fresh.snapshot()] as const));
  const cuts = cut !== null || [...last.values()].every((x) => x === null) ? null : {
    last,
    early: (() => {
      const board = new CrossingBoard();
      const early = freshZones.map(([zone, fresh]) => {
        const half = Math.ceil((fresh.finalSeal?.n ?? 0) / 2);
        const r = new ZoneReplica({ rules: engineRules, content, world: worldIdOf(worldKey), zone, seed, viewer: null, crossings: board, owner: worldOwnerOf(worldKey), member: memberKeyOfWorld(worldKey) });
        return [zone, r, logs.get(zone)!.filter(([, raw]) => isSeal(raw) <= half)] as const;
      });
      for (const [, r, log] of early) r.ingest(log);
      return new Map(early.map(([zone, r]) => [zone, r.snapshot()] as const));
    })(),
  };
  if (cuts !== null) {
    const hashes = new Map<string, string[]>();
    const startFrom = (cut: ReadonlyMap<string, ReturnType<ZoneReplica['snapshot']>>, pick: (zone: string, fresh: ZoneReplica) => [string, unknown][]): void => {
      const board = new CrossingBoard();
      const started = freshZones.map(([zone, fresh]) => {
        const snapshot = cut.get(zone) ?? null;
        const r = new ZoneReplica({ rules: engineRules, content, world: worldIdOf(worldKey), zone, seed, viewer: null, crossings: board, owner: worldOwnerOf(worldKey), member: memberKeyOfWorld(worldKey), ...(snapshot === null ? {} : { snapshot }) });
        return [zone, r, pick(zone, fresh)] as const;
      });
      for (const [, r, log] of started) r.ingest(log);
      for (const [zone, r] of started) hashes.set(zone, [...(hashes.get(zone) ?? []), r.stateHash]);
    };
    // What a snapshot's epoch would hold: the log outside the sealed set (the fold's first `count` entries).
    startFrom(cuts.last, (zone, fresh) => {
      const sealed = new Set(fresh.fold.entries.slice(0, fresh.finalSeal?.count ?? 0).map((e) => e.id));
      return logs.get(zone)!.filter(([id]) => !sealed.has(id));
    });
    startFrom(cuts.last, (zone) => logs.get(zone)!);
    startFrom(cuts.early, (zone) => logs.get(zone)!);
    for (const [zone, [tail, all, early]] of hashes) fromCut.set(zone, { tail: tail!, all: all!, early: early!, snapshotBytes: JSON.stringify(cuts.last.get(zone) ?? null).length });
  }
  const unsettled = clients.flatMap((c) => settlesDue(c.world.player, folds).map((d) => `${c.world.player.slice(0, 8)} ${d.from} -> ${d.to}`));
  return { zones, whereabouts, misplaced, unsettled, forged, fromCut, watchersIn: [], stats };
}
