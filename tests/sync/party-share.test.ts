// Parties share EXP and spoils identically on every replica, whatever the delivery: two or three
// players invite, join and leave parties, fight the crab on the pier, step away to the rocks and
// back, all in the same few turns; in every delivery order, and between real SharedWorlds over the
// memory relay with messages delivered a few at a time in random order, every replica ends with the
// same state, and nothing is made or lost by sharing: each fallen crab's EXP shares add up to its
// EXP, every shell and coin it gave is in someone's pack or on the floor, and its portions are its
// loot.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Content } from '../../src/content/schema.ts';
import { Enemy, Location } from '../../src/content/schema.ts';
import type { Action } from '../../src/engine/action.ts';
import { coinOf, type EventOf, type GameEvent, type GameState } from '../../src/engine/index.ts';
import { identityFromSecret } from '../../src/sync/intent/identity.ts';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import { MemoryDocStore } from '../../src/sync/world/doc-store.ts';
import { MemoryRelay } from '../../src/sync/world/memory-relay.ts';
import { SharedWorld } from '../../src/sync/world/shared-world.ts';
import { createWorldKey, roomName, worldIdOf, zoneDocName } from '../../src/sync/world/world-key.ts';
import { Author, content as base, entry, identities, SEED, SHARED_VERDICTS, WORLD } from './fixture.ts';
import { fuzzRuns, fuzzSeed, fuzzTimeout, prng } from './harness.ts';

const LOOT = 3;
const COIN = 5;
const EXP = 7;
/** The sync fixture with the rocks beside the pier (same zone), and a crab worth sharing that is soon back. */
const content: Content = {
  ...base,
  locations: new Map([
    ['pier', Location.parse({ ...base.locations.get('pier')!, exits: [{ dir: 'north', to: 'green' }, { dir: 'east', to: 'rocks' }] })],
    ['rocks', Location.parse({ id: 'rocks', zone: 'harbor', name: 'Rocks', description: 'Barnacles.', exits: [{ dir: 'west', to: 'pier' }] })],
    ['green', base.locations.get('green')!],
  ]),
  enemies: new Map([['crab', Enemy.parse({ ...base.enemies.get('crab')!, hp: 6, exp: EXP, coin: COIN, loot: [{ item: 'crab-shell', qty: LOOT }], respawnMs: 2_000 })]]),
  version: 'sync-tiny-party-1',
};

type Rnd = ReturnType<typeof prng>;

/** A company-minded move: invitations, answers, leaving, the fight, and stepping away from it. */
function companyAction(rnd: Rnd, others: readonly string[]): Action {
  switch (rnd.int(10)) {
    case 0: return { kind: 'party', op: 'invite', target: rnd.pick(others) };
    case 1: return { kind: 'party', op: 'join' };
    case 2: return rnd.chance(0.3) ? { kind: 'party', op: 'leave' } : { kind: 'wait' };
    case 3: return { kind: 'move', dir: 'east' };
    case 4: return { kind: 'move', dir: 'west' };
    default: return { kind: 'attack', target: 'crab' };
  }
}

function foldEvents(r: ZoneReplica): GameEvent[] {
  return r.fold.entries.flatMap((_, i) => r.fold.eventsAt(i));
}

const defeats = (events: readonly GameEvent[]) => events.flatMap((e) => (e.type === 'enemy-defeated' ? [e] : []));

/** Conservation: each defeat's shares add up to its EXP, its portions are its loot, and every shell and coin is somewhere. */
function expectConserved(s: GameState, events: readonly GameEvent[], where: string): void {
  const fallen = defeats(events);
  for (const d of fallen) {
    expect(d.shares.reduce((n, x) => n + x.exp, 0), `EXP shares, ${where}`).toBe(EXP);
    if (d.portions) {
      const items = d.portions.reduce((n, p) => n + p.items.reduce((k, i) => k + i.qty, 0), 0) + d.dropped.reduce((n, x) => n + x.qty, 0);
      expect(items, `portions of the loot, ${where}`).toBe(LOOT);
      expect(d.portions.reduce((n, p) => n + (p.coin ?? 0), 0), `portions of the coin, ${where}`).toBe(COIN);
      // Every portion went to a member of the looter's party (a share of the EXP with it).
      for (const p of d.portions) expect(d.shares.some((x) => x.player === p.player), `a portion without a share, ${where}`).toBe(true);
    }
  }
  let shells = 0;
  for (const p of Object.values(s.players)) for (const st of p.inventory) if (st.item === 'crab-shell') shells += st.qty;
  for (const floor of Object.values(s.floors)) shells += floor['crab-shell'] ?? 0;
  expect(shells, `shells, ${where}`).toBe(LOOT * fallen.length);
  expect(Object.values(s.players).reduce((n, p) => n + coinOf(p), 0), `coin, ${where}`).toBe(COIN * fallen.length);
}

const shared = (events: readonly GameEvent[]): EventOf<'enemy-defeated'>[] => defeats(events).filter((d) => d.portions !== undefined);

describe('parties share identically on every replica', () => {
  it('in memory: concurrent invitations, joins, leaves, blows and steps away converge in every delivery order, sharing by the rules', () => {
    const seed = fuzzSeed('party sharing in memory');
    let split = 0;
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 3 }), fc.integer({ min: 0, max: 0x7fffffff }), (players, schedule) => {
        const rnd = prng(schedule);
        const authors = identities(players).map((id) => new Author('harbor', id));
        const ids = authors.map((a) => a.player);
        const [p0, p1] = authors as [Author, Author];
        const log = [
          ...authors.map((a, i) => a.write({ kind: 'join', name: `P${i}` }, 1)),
          p0.write({ kind: 'party', op: 'invite', target: p1.player }, 2),
          // The race: P1 joins in the same turn as P0's blow that may fell the crab, or just after.
          p1.write({ kind: 'party', op: 'join' }, 3 + rnd.int(2)),
        ];
        for (let turn = 3; turn < 14; turn++) {
          for (const a of authors) if (rnd.chance(0.8)) log.push(a.write(companyAction(rnd, ids.filter((x) => x !== a.player)), turn));
        }
        const entries = log.map(entry);
        const hashes = new Set<string>();
        for (let r = 0; r < 3; r++) {
          const replica = new ZoneReplica({ rules: engineRules, content, world: WORLD, zone: 'harbor', seed: SEED, checkpointEvery: 3, verifier: SHARED_VERDICTS });
          const order = [...entries];
          for (let i = order.length - 1; i > 0; i--) { const j = rnd.int(i + 1); [order[i], order[j]] = [order[j]!, order[i]!]; }
          while (order.length > 0) replica.ingest(order.splice(0, 1 + rnd.int(3)));
          const events = foldEvents(replica);
          expectConserved(replica.state, events, `replica ${r}, schedule ${schedule}`);
          if (r === 0) split += shared(events).length;
          hashes.add(replica.stateHash);
        }
        expect(hashes.size).toBe(1);
      }),
      { seed, numRuns: fuzzRuns(40) },
    );
    // The schedules did share spoils in a party, not only fight alone.
    expect(split).toBeGreaterThan(0);
  }, fuzzTimeout(40));

  it('between SharedWorlds over the memory relay, delivered a few messages at a time in random order: every replica agrees and the sharing conserves', async () => {
    const base0 = fuzzSeed('party sharing over the memory relay');
    let split = 0;
    for (let k = 0; k < fuzzRuns(4); k++) {
      const seed = (base0 + k) | 0;
      const where = `schedule ${seed} (rerun: SYNC_FUZZ_SEED=${base0} npx vitest run tests/sync/party-share.test.ts)`;
      const rnd = prng(seed);
      const relay = new MemoryRelay();
      const worldKey = createWorldKey();
      const n = 2 + rnd.int(2);
      const worlds: SharedWorld[] = [];
      let at = Date.UTC(2030, 0, 1, 8);
      try {
        for (let i = 0; i < n; i++) {
          const identity = identityFromSecret(new Uint8Array(32).fill(i + 1 + (seed & 0x3f)));
          worlds.push(await SharedWorld.open({ content, identity, worldKey, store: new MemoryDocStore(), relay: relay.connect, name: `P${i}`, at, create: i === 0 ? { name: 'Company' } : null, relayTimeoutMs: 0, checkpointEvery: 8 }));
        }
        relay.flush();
        await new Promise<void>((r) => setImmediate(r));
        for (const w of worlds.slice(1)) {
          worlds[0]!.submit({ kind: 'party', op: 'invite', target: w.player }, (at += 1000));
          relay.flush();
          await new Promise<void>((r) => setImmediate(r));
          w.submit({ kind: 'party', op: 'join' }, (at += 1000));
        }
        relay.manual = true;
        for (let step = 0; step < 120; step++) {
          if (rnd.chance(0.5)) {
            const w = rnd.pick(worlds);
            const others = worlds.filter((x) => x !== w).map((x) => x.player);
            w.submit(companyAction(rnd, others), (at += 1 + rnd.int(2_000)));
          } else {
            for (let d = 1 + rnd.int(6); d > 0 && relay.deliverOne(rnd.int); d--);
          }
          await new Promise<void>((r) => setImmediate(r));
        }
        for (let round = 0; round < 20 && relay.queued > 0; round++) {
          relay.flush();
          await new Promise<void>((r) => setImmediate(r));
        }
        const doc = relay.roomDoc(roomName(worldKey, zoneDocName('harbor')))!;
        const fresh = new ZoneReplica({ rules: engineRules, content, world: worldIdOf(worldKey), zone: 'harbor', seed: worlds[0]!.meta.seed, viewer: null });
        fresh.ingest([...doc.getMap('intents').entries()] as [string, string][]);
        for (const w of worlds) expect(w.zoneReplica('harbor')?.stateHash, `${w.player.slice(0, 8)}, ${where}`).toBe(fresh.stateHash);
        const events = foldEvents(fresh);
        expectConserved(fresh.state, events, where);
        split += shared(events).length;
      } finally {
        for (const w of worlds) await w.close();
        relay.close();
      }
    }
    expect(split).toBeGreaterThan(0);
  }, fuzzTimeout(4, 20_000));
});
