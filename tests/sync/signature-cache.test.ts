// The per-process memo of cryptographic verdicts: it answers only for the exact string that
// passed, and it may hold the only reference to strings of zones already closed, so what it
// holds is bounded by their total length.
import { afterEach, describe, expect, it } from 'vitest';
import { clearSignatureCache, knownSound, rememberSound, signatureCacheStats } from '../../src/sync/intent/signature-cache.ts';

afterEach(() => clearSignatureCache());

describe('verdict memo', () => {
  it('knows only the exact string that passed under an id', () => {
    rememberSound('a'.repeat(64), '{"x":1}');
    expect(knownSound('a'.repeat(64), '{"x":1}')).toBe(true);
    expect(knownSound('a'.repeat(64), '{"x":2}')).toBe(false);
    expect(knownSound('b'.repeat(64), '{"x":1}')).toBe(false);
    // A second string under the same id does not displace the one that passed.
    rememberSound('a'.repeat(64), '{"x":2}');
    expect(knownSound('a'.repeat(64), '{"x":1}')).toBe(true);
  });

  it('holds at most 64 MiB of text, however many large strings pass', () => {
    const mib = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 100; i++) rememberSound(i.toString(16).padStart(64, '0'), `${i}${mib}`);
    const { entries, chars } = signatureCacheStats();
    expect(chars).toBeLessThanOrEqual(64 * 1024 * 1024);
    expect(entries).toBeLessThan(100);
    // The newest verdicts are the ones kept.
    expect(knownSound((99).toString(16).padStart(64, '0'), `99${mib}`)).toBe(true);
  });
});
