// PlayerChains keeps only seqs it has not accepted in a map, and accepts in-order intents
// without touching it. What it accepts, drops and reports must stay what the plain rule gives
// (docs/intent-format.md, "Chains and equivocation"): here a direct transcription of that rule,
// one candidate list per seq, is fed the same random deliveries (duplicates, gaps, equivocation,
// broken links, late arrivals) and both must agree after every intent.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VerifiedIntent } from '../../src/sync/intent/intent.ts';
import { lotteryOf } from '../../src/sync/replica/order.ts';
import { PlayerChains, type ChainEntry, type ChainIssue } from '../../src/sync/replica/player-chains.ts';
import { fuzzRuns, fuzzSeed } from './harness.ts';

const SEED = 7;

/** Only what the chains read of an intent. */
function intent(id: string, player: string, seq: number, prev: string | null, turn: number, at: number): VerifiedIntent {
  return { id, player, seq, prev, turn, signedTurn: turn, signedAt: at } as unknown as VerifiedIntent;
}

interface PlainEntry {
  readonly id: string;
  readonly turn: number;
  readonly at: number;
}

/** The rule as stated: every candidate of every seq kept; the chain recomputed from seq 1 each time. */
class PlainChains {
  readonly #candidates = new Map<string, Map<number, VerifiedIntent[]>>();
  readonly #accepted = new Map<string, PlainEntry[]>();
  readonly #stopped = new Map<string, number>();

  add(i: VerifiedIntent): { issue: ChainIssue | null; accepted: string[]; dropped: string[] } {
    const { player, seq } = i;
    const bySeq = this.#candidates.get(player) ?? new Map<number, VerifiedIntent[]>();
    this.#candidates.set(player, bySeq);
    const list = bySeq.get(seq) ?? [];
    if (list.some((c) => c.id === i.id)) return { issue: 'chain/duplicate', accepted: [], dropped: [] };
    list.push(i);
    bySeq.set(seq, list);
    const before = this.#accepted.get(player) ?? [];
    const stopped = this.#stopped.get(player);
    if (stopped !== undefined && seq >= stopped) return { issue: list.length > 1 ? 'chain/equivocation' : 'chain/after-stop', accepted: [], dropped: [] };
    // Walk the chain from seq 1: stop at the first seq with two candidates or a broken link.
    const chain: PlainEntry[] = [];
    let stopAt: number | null = null;
    let why: ChainIssue | null = null;
    for (let s = 1; stopAt === null; s++) {
      const c = bySeq.get(s);
      if (c === undefined) break;
      if (c.length > 1) {
        stopAt = s;
        why = 'chain/equivocation';
        break;
      }
      const e = c[0]!;
      const last = chain[chain.length - 1];
      const links = last === undefined ? e.prev === null : e.prev === last.id && e.turn > last.turn;
      if (!links) {
        stopAt = s;
        why = 'chain/broken-link';
        break;
      }
      chain.push({ id: c[0]!.id, turn: e.turn, at: last === undefined ? e.signedAt : Math.max(e.signedAt, last.at) });
    }
    if (stopAt !== null) this.#stopped.set(player, stopAt);
    this.#accepted.set(player, chain);
    const was = new Set(before.map((e) => e.id));
    const now = new Set(chain.map((e) => e.id));
    const accepted = chain.filter((e) => !was.has(e.id)).map((e) => e.id);
    const dropped = before.filter((e) => !now.has(e.id)).map((e) => e.id);
    // An intent that only waits for its predecessors is no issue; a stop is reported when it happens.
    const issue = stopAt !== null && stopAt !== stopped ? why : null;
    return { issue, accepted, dropped };
  }

  head(player: string): PlainEntry | null {
    const a = this.#accepted.get(player) ?? [];
    return a[a.length - 1] ?? null;
  }

  highestSeq(player: string): number {
    return Math.max(0, ...(this.#candidates.get(player)?.keys() ?? []));
  }

  stoppedPlayers(): string[] {
    return [...this.#stopped.keys()].sort();
  }
}

/**
 * Per player a few honest seqs (mostly), plus forks (a second intent for a seq, linking or not) and
 * intents with a turn that does not increase; delivered in a random order with repeats.
 */
const deliveries = fc
  .array(fc.record({ player: fc.constantFrom('a', 'b'), seq: fc.integer({ min: 1, max: 6 }), fork: fc.oneof({ arbitrary: fc.constant(0), weight: 6 }, { arbitrary: fc.integer({ min: 1, max: 6 }), weight: 1 }), badTurn: fc.boolean() }), { minLength: 1, maxLength: 40 })
  .map((picks) => {
    const made: VerifiedIntent[] = [];
    for (const player of ['a', 'b']) {
      for (let seq = 1; seq <= 6; seq++) made.push(intent(`${player}${seq}`, player, seq, seq === 1 ? null : `${player}${seq - 1}`, seq * 10, 1000 - seq));
    }
    return picks.map(({ player, seq, fork, badTurn }) => {
      if (fork === 0) return made.find((m) => m.id === `${player}${seq}`)!;
      // fork 1-3: a second intent for the seq that links to the honest predecessor; 4-6: one that names another.
      const prev = seq === 1 ? null : fork <= 3 ? `${player}${seq - 1}` : `${player}${fork}`;
      return intent(`${player}${seq}x${fork}${badTurn ? 't' : ''}`, player, seq, prev, badTurn ? 1 : seq * 10 + fork, 5 * fork);
    });
  });

describe('PlayerChains = the plain chain rule', () => {
  it('agrees on issues, accepted and dropped entries, heads and game times for any delivery', () => {
    const seed = fuzzSeed('player chains vs plain rule');
    fc.assert(
      fc.property(deliveries, (list) => {
        const chains = new PlayerChains(SEED);
        const plain = new PlainChains();
        for (const i of list) {
          const accepted: ChainEntry[] = [];
          const dropped: ChainEntry[] = [];
          const issue = chains.add(i, accepted, dropped);
          const want = plain.add(i);
          expect({ issue, accepted: accepted.map((e) => e.id), dropped: dropped.map((e) => e.id) }).toEqual(want);
          for (const p of ['a', 'b']) {
            const head = chains.head(p);
            const plainHead = plain.head(p);
            expect(head === null ? null : { id: head.id, turn: head.turn, at: head.at }).toEqual(plainHead);
            expect(chains.highestSeq(p)).toBe(plain.highestSeq(p));
          }
          expect(chains.stoppedPlayers()).toEqual(plain.stoppedPlayers());
        }
      }),
      { seed, numRuns: fuzzRuns(1_000) },
    );
  });

  it('gives each entry the lottery of its turn and player', () => {
    const chains = new PlayerChains(SEED);
    const accepted: ChainEntry[] = [];
    chains.add(intent('a1', 'a', 1, null, 3, 0), accepted, []);
    chains.add(intent('a2', 'a', 2, 'a1', 9, 0), accepted, []);
    expect(accepted.map((e) => e.lottery)).toEqual([lotteryOf(SEED, 3, 'a'), lotteryOf(SEED, 9, 'a')]);
  });
});
