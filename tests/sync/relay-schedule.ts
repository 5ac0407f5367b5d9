/**
 * One seeded schedule of play between real SharedWorlds over the memory relay, messages delivered
 * a few at a time in random order, for the sync properties that must hold whatever the delivery
 * (trade-atomic, party-share): open `players` worlds, let `opening` set the scene, play 120 steps
 * of `act` interleaved with partial deliveries, deliver the rest, and hand a fresh replica of the
 * harbor (folded from the relay's own copy of its log) to `check` after making sure every world
 * agrees with it. `foldInThreeOrders` is the same property in memory: one log, three replicas,
 * three delivery orders.
 *
 *   await playSchedule({ content, seed, players: 3, name: 'Market', stepMs: 3_000, opening, act, check });
 */
import type { Content } from '../../src/content/schema.ts';
import type { Action } from '../../src/engine/action.ts';
import type { GameEvent } from '../../src/engine/index.ts';
import { identityFromSecret } from '../../src/sync/intent/identity.ts';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import { MemoryDocStore } from '../../src/sync/world/doc-store.ts';
import { MemoryRelay } from '../../src/sync/world/memory-relay.ts';
import { SharedWorld } from '../../src/sync/world/shared-world.ts';
import { createWorldKey, roomName, worldIdOf, zoneDocName } from '../../src/sync/world/world-key.ts';
import { prng } from './harness.ts';
import { SEED, SHARED_VERDICTS, WORLD } from './fixture.ts';

export type Rnd = ReturnType<typeof prng>;

export interface Schedule {
  readonly content: Content;
  readonly seed: number;
  readonly players: number;
  /** The world's name (its maker's `create`). */
  readonly name: string;
  /** Game time between two acts is 1 to this many ms. */
  readonly stepMs: number;
  /** Sets the scene after every world has opened and synced; returns the game time it reached. */
  opening(worlds: readonly SharedWorld[], relay: MemoryRelay, rnd: Rnd, at: number): Promise<number>;
  /** What `w` does next. */
  act(w: SharedWorld, others: readonly string[], rnd: Rnd): Action;
  /** Checks the fresh replica (every world already agrees with it). */
  check(fresh: ZoneReplica, events: readonly GameEvent[]): void;
  /** Said when a world disagrees (how to rerun the seed). */
  readonly where: string;
}

/**
 * Folds `entries` (a harbor log) on three fresh replicas, each ingesting them in its own random
 * order and batches; `check` sees each replica and its events. Returns how many state hashes the
 * replicas ended with (1: they agree).
 */
export function foldInThreeOrders(content: Content, entries: readonly [string, string][], rnd: Rnd, check: (replica: ZoneReplica, events: readonly GameEvent[], r: number) => void): number {
  const hashes = new Set<string>();
  for (let r = 0; r < 3; r++) {
    const replica = new ZoneReplica({ rules: engineRules, content, world: WORLD, zone: 'harbor', seed: SEED, checkpointEvery: 3, verifier: SHARED_VERDICTS });
    const order = [...entries];
    for (let i = order.length - 1; i > 0; i--) { const j = rnd.int(i + 1); [order[i], order[j]] = [order[j]!, order[i]!]; }
    while (order.length > 0) replica.ingest(order.splice(0, 1 + rnd.int(3)));
    check(replica, foldEvents(replica), r);
    hashes.add(replica.stateHash);
  }
  return hashes.size;
}

export function foldEvents(r: ZoneReplica): GameEvent[] {
  return r.fold.entries.flatMap((_, i) => r.fold.eventsAt(i));
}

const tick = () => new Promise<void>((r) => setImmediate(r));

export async function playSchedule(s: Schedule): Promise<void> {
  const rnd = prng(s.seed);
  const relay = new MemoryRelay();
  const worldKey = createWorldKey();
  const worlds: SharedWorld[] = [];
  let at = Date.UTC(2030, 0, 1, 8);
  try {
    for (let i = 0; i < s.players; i++) {
      const identity = identityFromSecret(new Uint8Array(32).fill(i + 1 + (s.seed & 0x3f)));
      worlds.push(await SharedWorld.open({ content: s.content, identity, worldKey, store: new MemoryDocStore(), relay: relay.connect, name: `P${i}`, at, create: i === 0 ? { name: s.name } : null, relayTimeoutMs: 0, checkpointEvery: 8 }));
    }
    relay.flush();
    await tick();
    at = await s.opening(worlds, relay, rnd, at);
    relay.manual = true;
    for (let step = 0; step < 120; step++) {
      if (rnd.chance(0.5)) {
        const w = rnd.pick(worlds);
        w.submit(s.act(w, worlds.filter((x) => x !== w).map((x) => x.player), rnd), (at += 1 + rnd.int(s.stepMs)));
      } else {
        for (let d = 1 + rnd.int(6); d > 0 && relay.deliverOne(rnd.int); d--);
      }
      await tick();
    }
    for (let round = 0; round < 20 && relay.queued > 0; round++) {
      relay.flush();
      await tick();
    }
    const doc = relay.roomDoc(roomName(worldKey, zoneDocName('harbor')))!;
    const fresh = new ZoneReplica({ rules: engineRules, content: s.content, world: worldIdOf(worldKey), zone: 'harbor', seed: worlds[0]!.meta.seed, viewer: null });
    fresh.ingest([...doc.getMap('intents').entries()] as [string, string][]);
    for (const w of worlds) {
      const mine = w.zoneReplica('harbor')?.stateHash;
      if (mine !== fresh.stateHash) throw new Error(`${w.player.slice(0, 8)} disagrees with the relay's log, ${s.where}`);
    }
    s.check(fresh, foldEvents(fresh));
  } finally {
    for (const w of worlds) await w.close();
    relay.close();
  }
}
