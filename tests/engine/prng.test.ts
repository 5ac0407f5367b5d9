// The dice and hashes must give the same numbers on every engine, forever: pinned exact values.
import { describe, expect, it } from 'vitest';
import { createRng, fnv1a32, mix32, rngInt, rngNext, seedForIntent } from '../../src/engine/prng.ts';

describe('prng', () => {
  it('mulberry32 from seed 1 gives the reference sequence', () => {
    const r = createRng(1);
    expect([rngNext(r), rngNext(r), rngNext(r), rngNext(r), rngNext(r)]).toEqual([
      2693262067, 11749833, 2265367787, 4213581821, 4159151403,
    ]);
    expect(r.state).toBe((1 + 5 * 0x6d2b79f5) >>> 0);
  });

  it('FNV-1a 32 matches the published test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('the intent seed mixes world seed, rng state and intent id', () => {
    expect(mix32(1)).toBe(1364076727);
    expect(seedForIntent(42, 7, 'intent-1')).toBe(3262404096);
    expect(seedForIntent(43, 7, 'intent-1')).not.toBe(seedForIntent(42, 7, 'intent-1'));
    expect(seedForIntent(42, 8, 'intent-1')).not.toBe(seedForIntent(42, 7, 'intent-1'));
    expect(seedForIntent(42, 7, 'intent-2')).not.toBe(seedForIntent(42, 7, 'intent-1'));
  });

  it('rngInt stays in range and covers it', () => {
    const r = createRng(99);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const v = rngInt(r, 6);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(6);
      seen.add(v);
    }
    expect(seen.size).toBe(6);
  });
});
