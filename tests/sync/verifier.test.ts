// The verifier's memo of cryptographic verdicts: it answers only for the exact string that
// passed, and it may hold the only reference to strings of zones already closed, so what it
// holds is bounded by their total length. One per world: nothing is shared between worlds.
import { describe, expect, it } from 'vitest';
import { Verifier } from '../../src/sync/intent/verifier.ts';

describe('verdict memo', () => {
  it('knows only the exact string that passed under an id', () => {
    const v = new Verifier();
    v.rememberSound('a'.repeat(64), '{"x":1}');
    expect(v.knownSound('a'.repeat(64), '{"x":1}')).toBe(true);
    expect(v.knownSound('a'.repeat(64), '{"x":2}')).toBe(false);
    expect(v.knownSound('b'.repeat(64), '{"x":1}')).toBe(false);
    // A second string under the same id does not displace the one that passed.
    v.rememberSound('a'.repeat(64), '{"x":2}');
    expect(v.knownSound('a'.repeat(64), '{"x":1}')).toBe(true);
  });

  it('holds at most 64 MiB of text, however many large strings pass', () => {
    const v = new Verifier();
    const mib = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 100; i++) v.rememberSound(i.toString(16).padStart(64, '0'), `${i}${mib}`);
    const { entries, chars } = v.stats();
    expect(chars).toBeLessThanOrEqual(64 * 1024 * 1024);
    expect(entries).toBeLessThan(100);
    // The newest verdicts are the ones kept, and only the oldest left: never all at once.
    expect(v.knownSound((99).toString(16).padStart(64, '0'), `99${mib}`)).toBe(true);
    expect(entries).toBeGreaterThan(50);
  });

  it('is its own per world: one world\'s verdicts are not another\'s', () => {
    const a = new Verifier();
    const b = new Verifier();
    a.rememberSound('c'.repeat(64), '{"x":1}');
    expect(b.knownSound('c'.repeat(64), '{"x":1}')).toBe(false);
  });
});
