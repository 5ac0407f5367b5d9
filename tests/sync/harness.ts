/**
 * Shared pieces of the sync property tests: run counts from the environment, a seeded PRNG for
 * schedules, seed printing, and random player actions for the tiny fixture world.
 *
 *   SYNC_FUZZ_RUNS=10000 npx vitest run tests/sync      # the nightly setting
 *   SYNC_FUZZ_SEED=123 npx vitest run tests/sync        # rerun a printed seed
 */
import type { Action } from '../../src/engine/action.ts';

export function fuzzRuns(fallback: number): number {
  const n = Number(process.env['SYNC_FUZZ_RUNS']);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** A test timeout that grows with the run count (the nightly setting runs 10,000+). */
export function fuzzTimeout(fallbackRuns: number, perRunMs = 1_000): number {
  return Math.max(30_000, fuzzRuns(fallbackRuns) * perRunMs);
}

/** The fast-check seed for one property: SYNC_FUZZ_SEED or a fresh one, printed either way. */
export function fuzzSeed(name: string): number {
  const fixed = Number(process.env['SYNC_FUZZ_SEED']);
  const seed = Number.isInteger(fixed) ? fixed : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
  console.log(`[sync fuzz] ${name}: seed ${seed} (rerun: SYNC_FUZZ_SEED=${seed} npx vitest run tests/sync)`);
  return seed;
}

/** mulberry32: a small seeded PRNG for delivery schedules. */
export function prng(seed: number): { next(): number; int(n: number): number; pick<T>(xs: readonly T[]): T; chance(p: number): boolean } {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
    chance: (p) => next() < p,
  };
}

export function shuffle<T>(xs: readonly T[], rnd: { int(n: number): number }): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rnd.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function randomAction(rnd: ReturnType<typeof prng>, others: readonly string[]): Action {
  const roll = rnd.int(12);
  switch (roll) {
    case 0: return { kind: 'take', target: 'moonpetal' };
    case 1: return { kind: 'take', target: 'rope' };
    case 2: return { kind: 'take', target: 'pebble', qty: 1 + rnd.int(3) };
    case 3: return { kind: 'drop', target: 'pebble', qty: 1 };
    case 4: return { kind: 'gather', target: 'kelp-bed' };
    case 5: return { kind: 'attack', target: 'crab' };
    case 6: return { kind: 'say', text: `hi ${rnd.int(100)}` };
    case 7: return { kind: 'wait' };
    case 8: return others.length > 0 ? { kind: 'give', target: 'pebble', to: rnd.pick(others) } : { kind: 'look' };
    case 9: return { kind: 'drop', target: 'moonpetal' };
    case 10: return { kind: 'inventory' };
    default: return { kind: 'rest' };
  }
}
