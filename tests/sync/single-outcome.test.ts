// Single outcome and conservation: 2-5 players take the last moonpetal / gather the last kelp /
// strike the crab's last HP in the same turn. Across every delivery order exactly one wins,
// every replica agrees, and nothing is duplicated.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Content } from '../../src/content/schema.ts';
import type { Action } from '../../src/engine/action.ts';
import type { GameEvent } from '../../src/engine/events.ts';
import type { GameState } from '../../src/engine/state.ts';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import { Author, content, entry, identities, SEED, WORLD, SHARED_VERDICTS } from './fixture.ts';
import { fuzzRuns, fuzzSeed, fuzzTimeout, prng, shuffle } from './harness.ts';

const crab = content.enemies.get('crab')!;
/** The crab has one HP left: any hit is the last. */
const lastHp: Content = { ...content, enemies: new Map([['crab', { ...crab, hp: 1 }]]) };

function total(state: GameState, item: string): number {
  let n = 0;
  for (const p of Object.values(state.players)) for (const s of p.inventory) if (s.item === item) n += s.qty;
  for (const floor of Object.values(state.floors)) n += floor[item] ?? 0;
  return n;
}

const contests: { name: string; action: Action; content: Content; won: (e: GameEvent) => boolean; item: string; expected: number }[] = [
  { name: 'the last moonpetal', action: { kind: 'take', target: 'moonpetal' }, content, won: (e) => e.type === 'took' && e.item === 'moonpetal', item: 'moonpetal', expected: 1 },
  { name: 'the last kelp', action: { kind: 'gather', target: 'kelp-bed' }, content, won: (e) => e.type === 'gathered', item: 'kelp', expected: 1 },
  { name: "the crab's last HP", action: { kind: 'attack', target: 'crab' }, content: lastHp, won: (e) => e.type === 'enemy-defeated', item: 'crab-shell', expected: 1 },
];

describe('single outcome and conservation', () => {
  for (const c of contests) {
    it(`exactly one player gets ${c.name}, in every order`, () => {
      const seed = fuzzSeed(`single outcome: ${c.name}`);
      fc.assert(
        fc.property(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 0, max: 0x7fffffff }), (players, schedule) => {
          const rnd = prng(schedule);
          const authors = identities(players).map((id) => new Author('harbor', id));
          const joins = authors.map((a, i) => a.write({ kind: 'join', name: `P${i}` }, 1));
          const contested = authors.map((a) => a.write(c.action, 2));
          const log = [...joins, ...contested].map(entry);
          const hashes = new Set<string>();
          for (let r = 0; r < 3; r++) {
            const replica = new ZoneReplica({ rules: engineRules, content: c.content, world: WORLD, zone: 'harbor', seed: SEED, checkpointEvery: 2, verifier: SHARED_VERDICTS });
            const order = shuffle(log, rnd);
            while (order.length > 0) replica.ingest(order.splice(0, 1 + rnd.int(3)));
            const winners = replica.fold.entries
              .map((_, i) => replica.fold.eventsAt(i))
              .flat()
              .filter(c.won);
            expect(winners.length).toBe(1);
            expect(total(replica.state, c.item)).toBe(c.expected);
            hashes.add(replica.stateHash);
          }
          expect(hashes.size).toBe(1);
        }),
        { seed, numRuns: fuzzRuns(20) },
      );
    }, fuzzTimeout(20));
  }
});
