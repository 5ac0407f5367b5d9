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
import { Author, content as base, entry, identities } from './fixture.ts';
import { fuzzRuns, fuzzSeed, fuzzTimeout, prng } from './harness.ts';
import { foldInThreeOrders, playSchedule, type Rnd } from './relay-schedule.ts';

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
        const agree = foldInThreeOrders(content, entries, rnd, (replica, events, r) => {
          expectConserved(replica.state, events, `replica ${r}, schedule ${schedule}`);
          if (r === 0) split += shared(events).length;
        });
        expect(agree).toBe(1);
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
      await playSchedule({
        content, seed, players: 2 + prng(seed).int(2), name: 'Company', stepMs: 2_000, where,
        async opening(worlds, relay, _rnd, at) {
          for (const w of worlds.slice(1)) {
            worlds[0]!.submit({ kind: 'party', op: 'invite', target: w.player }, (at += 1000));
            relay.flush();
            await new Promise<void>((r) => setImmediate(r));
            w.submit({ kind: 'party', op: 'join' }, (at += 1000));
          }
          return at;
        },
        act: (_w, others, rnd) => companyAction(rnd, others),
        check(fresh, events) {
          expectConserved(fresh.state, events, where);
          split += shared(events).length;
        },
      });
    }
    expect(split).toBeGreaterThan(0);
  }, fuzzTimeout(4, 20_000));
});
