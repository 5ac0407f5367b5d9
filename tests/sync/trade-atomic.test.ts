// Trade is atomic in the fold, whatever the delivery: players offer, accept, decline, give away
// and drop what they offered, sell and buy, all in the same few turns; in every delivery order,
// and between real SharedWorlds over the memory relay with messages delivered a few at a time in
// random order, every replica ends with the same state, and nothing was made or lost by trade:
// the rope is still one rope, pebbles are the four there were less those sold, and the coin held
// is exactly what vendors paid out less what they took in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Content } from '../../src/content/schema.ts';
import { Npc } from '../../src/content/schema.ts';
import type { Action } from '../../src/engine/action.ts';
import { coinOf, type GameEvent, type GameState } from '../../src/engine/index.ts';
import { Author, content as base, entry, identities } from './fixture.ts';
import { fuzzRuns, fuzzSeed, fuzzTimeout, prng } from './harness.ts';
import { foldInThreeOrders, playSchedule, type Rnd } from './relay-schedule.ts';

/** The sync fixture with Pip's stall on the pier: kelp for 2 coins (two on the shelf); pebbles bought at 1. */
const content: Content = {
  ...base,
  npcs: new Map([['pip', Npc.parse({
    id: 'pip', name: 'Pip', description: 'A stallholder.', location: 'pier', greeting: 'Fresh kelp!',
    shop: { sells: [{ item: 'kelp', price: 2, stock: 2, restockMs: 30_000 }], buys: [{ item: 'pebble', price: 1 }] },
  })]]),
  version: 'sync-tiny-trade-1',
};

/** A trade-minded move of `me` among `others`: offers of rope, pebbles and coin, answers, and the deeds that race them. */
function tradeAction(rnd: Rnd, others: readonly string[]): Action {
  const to = rnd.pick(others);
  const goods = (): { items?: { item: string; qty: number }[]; coin?: number } => {
    const roll = rnd.int(4);
    if (roll === 0) return { items: [{ item: 'rope', qty: 1 }] };
    if (roll === 1) return { items: [{ item: 'pebble', qty: 1 + rnd.int(2) }] };
    if (roll === 2) return { coin: 1 + rnd.int(2) };
    return {};
  };
  switch (rnd.int(11)) {
    case 0: case 1: return { kind: 'offer', to, gives: goods(), wants: goods() };
    case 2: case 3: return rnd.chance(0.5) ? { kind: 'accept' } : { kind: 'accept', from: to };
    case 4: return { kind: 'decline' };
    case 5: return { kind: 'give', target: rnd.pick(['rope', 'pebble']), to };
    case 6: return { kind: 'drop', target: rnd.pick(['rope', 'pebble']) };
    case 7: return { kind: 'take', target: rnd.pick(['rope', 'pebble']) };
    case 8: return { kind: 'sell', target: 'pebble' };
    case 9: return { kind: 'buy', target: 'kelp' };
    default: return { kind: 'wait' };
  }
}

function total(s: GameState, item: string): number {
  let n = 0;
  for (const p of Object.values(s.players)) for (const st of p.inventory) if (st.item === item) n += st.qty;
  for (const floor of Object.values(s.floors)) n += floor[item] ?? 0;
  return n;
}

/** Conservation: what trade moved is all still somewhere, and coin is what vendors paid less what they took. */
function expectConserved(s: GameState, events: readonly GameEvent[], where: string): void {
  const sold = events.flatMap((e) => (e.type === 'sold' ? [e] : []));
  const bought = events.flatMap((e) => (e.type === 'bought' ? [e] : []));
  const coin = Object.values(s.players).reduce((n, p) => n + coinOf(p), 0);
  expect(total(s, 'rope'), `rope, ${where}`).toBe(1);
  expect(total(s, 'pebble') + sold.reduce((n, e) => n + e.qty, 0), `pebbles, ${where}`).toBe(4);
  expect(total(s, 'kelp'), `kelp, ${where}`).toBe(bought.reduce((n, e) => n + e.qty, 0));
  expect(coin, `coin, ${where}`).toBe(sold.reduce((n, e) => n + e.price, 0) - bought.reduce((n, e) => n + e.price, 0));
}

describe('trade settles atomically in the fold', () => {
  it('in memory: concurrent offers, accepts, gives and sales converge in every delivery order, conserving items and coin', () => {
    const seed = fuzzSeed('trade atomicity in memory');
    let traded = 0;
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 0, max: 0x7fffffff }), (players, schedule) => {
        const rnd = prng(schedule);
        const authors = identities(players).map((id) => new Author('harbor', id));
        const ids = authors.map((a) => a.player);
        const log = [
          ...authors.map((a, i) => a.write({ kind: 'join', name: `P${i}` }, 1)),
          authors[0]!.write({ kind: 'take', target: 'rope' }, 2),
          authors[1]!.write({ kind: 'take', target: 'pebble', qty: 4 }, 2),
          authors[1]!.write({ kind: 'sell', target: 'pebble', qty: 2 }, 3),
        ];
        // The race the property is about: P0 offers the rope for a coin, then gives it away or
        // drops it in the same turn as P1 accepts, or the turn before or after.
        const [p0, p1] = authors as [Author, Author];
        log.push(p0.write({ kind: 'offer', to: p1.player, gives: { items: [{ item: 'rope', qty: 1 }] }, wants: { coin: 1 } }, 4));
        log.push(p1.write({ kind: 'accept' }, 5 + rnd.int(2)));
        log.push(p0.write(rnd.chance(0.5) ? { kind: 'drop', target: 'rope' } : { kind: 'give', target: 'rope', to: rnd.pick(ids.slice(1)) }, 5 + rnd.int(2)));
        for (let turn = 7; turn < 12; turn++) {
          for (const a of authors) if (rnd.chance(0.7)) log.push(a.write(tradeAction(rnd, ids.filter((x) => x !== a.player)), turn));
        }
        const entries = log.map(entry);
        const agree = foldInThreeOrders(content, entries, rnd, (replica, events, r) => {
          expectConserved(replica.state, events, `replica ${r}, schedule ${schedule}`);
          if (r === 0) traded += events.filter((e) => e.type === 'traded').length;
        });
        expect(agree).toBe(1);
      }),
      { seed, numRuns: fuzzRuns(40) },
    );
    // The schedules did trade, not only refuse: the property is about real exchanges.
    expect(traded).toBeGreaterThan(0);
  }, fuzzTimeout(40));

  it('between SharedWorlds over the memory relay, delivered a few messages at a time in random order: every replica agrees and nothing is made or lost', async () => {
    const base0 = fuzzSeed('trade atomicity over the memory relay');
    let traded = 0;
    for (let k = 0; k < fuzzRuns(4); k++) {
      const seed = (base0 + k) | 0;
      const where = `schedule ${seed} (rerun: SYNC_FUZZ_SEED=${base0} npx vitest run tests/sync/trade-atomic.test.ts)`;
      await playSchedule({
        content, seed, players: 2 + prng(seed).int(2), name: 'Market', stepMs: 3_000, where,
        async opening(worlds, relay, rnd, at) {
          worlds[0]!.submit({ kind: 'take', target: 'rope' }, (at += 1000));
          worlds[1]!.submit({ kind: 'take', target: 'pebble', qty: 4 }, (at += 1000));
          worlds[1]!.submit({ kind: 'sell', target: 'pebble', qty: 2 }, (at += 1000));
          // The race: P0 offers the rope for a coin; P1 sees it and accepts while P0, not yet
          // seeing the acceptance, drops the rope or gives it to someone else.
          worlds[0]!.submit({ kind: 'offer', to: worlds[1]!.player, gives: { items: [{ item: 'rope', qty: 1 }] }, wants: { coin: 1 } }, (at += 1000));
          relay.flush();
          await new Promise<void>((r) => setImmediate(r));
          relay.manual = true;
          worlds[1]!.submit({ kind: 'accept' }, (at += 1000));
          worlds[0]!.submit(rnd.chance(0.5) ? { kind: 'drop', target: 'rope' } : { kind: 'give', target: 'rope', to: worlds[worlds.length - 1]!.player }, at);
          return at;
        },
        act(w, others, rnd) {
          // A player who sees an offer made to them mostly answers it (it may be stale elsewhere).
          const offered = Object.values(w.state.offers ?? {}).some((o) => o.to === w.player);
          return offered && rnd.chance(0.6) ? { kind: 'accept' } : tradeAction(rnd, others);
        },
        check(fresh, events) {
          expectConserved(fresh.state, events, where);
          traded += events.filter((e) => e.type === 'traded').length;
        },
      });
    }
    expect(traded).toBeGreaterThan(0);
  }, fuzzTimeout(4, 20_000));
});
