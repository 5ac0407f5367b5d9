// Signature verification is strict RFC 8032 (@noble/curves' `ed25519.verify`, zip215: false):
// a valid signature verifies, and every mutation, out-of-range scalar, non-canonical point
// encoding and small-order key is refused, the same on every replica (one that accepted more
// would fold another log).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hexToBytes } from '../../src/sync/intent/bytes.ts';
import { createIdentity, signBytes, verifyBytes } from '../../src/sync/intent/identity.ts';
import { fuzzRuns, fuzzSeed, fuzzTimeout } from './harness.ts';

const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const P = 2n ** 255n - 19n;
const le32 = (n: bigint): Uint8Array => {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((n >> BigInt(8 * i)) & 255n);
  return out;
};
/** Encodings of the eight small-order points (and a sign-flipped twin of some), as RFC 8032 writes them. */
const SMALL_ORDER = [
  '0100000000000000000000000000000000000000000000000000000000000000',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0000000000000000000000000000000000000000000000000000000000000080',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
].map(hexToBytes);
/** y >= p: non-canonical encodings strict verification refuses. */
const NON_CANONICAL = [le32(P), le32(P + 1n), le32(P + 2n), le32(2n ** 255n - 1n)];

const keys = Array.from({ length: 3 }, () => createIdentity());

describe('strict signature verification', () => {
  it('accepts exactly the unchanged signature: every mutation, out-of-range scalar, non-canonical or small-order point is refused', () => {
    const seed = fuzzSeed('ed25519 strict verify');
    const cases = fc.record({
      key: fc.nat(keys.length - 1),
      message: fc.uint8Array({ minLength: 0, maxLength: 300 }),
      change: fc.oneof(
        fc.constant({ kind: 'none' as const }),
        fc.record({ kind: fc.constantFrom('sig' as const, 'key' as const, 'message' as const), at: fc.nat(), bit: fc.nat(7) }),
        fc.record({ kind: fc.constant('s' as const), add: fc.constantFrom(L, 2n * L, 0n), low: fc.boolean() }),
        fc.record({ kind: fc.constant('r' as const), with: fc.constantFrom(...SMALL_ORDER, ...NON_CANONICAL) }),
        fc.record({ kind: fc.constant('small-key' as const), with: fc.constantFrom(...SMALL_ORDER, ...NON_CANONICAL) }),
        fc.record({ kind: fc.constant('random-key' as const), bytes: fc.uint8Array({ minLength: 32, maxLength: 32 }) }),
      ),
    });
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(cases, ({ key, message, change }) => {
        const id = keys[key]!;
        let publicKey = id.publicKey.slice();
        let msg = message.slice();
        const sig = signBytes(id, message).slice();
        switch (change.kind) {
          case 'sig': sig[change.at % 64]! ^= 1 << change.bit; break;
          case 'key': publicKey[change.at % 32]! ^= 1 << change.bit; break;
          case 'message': if (msg.length > 0) msg[change.at % msg.length]! ^= 1 << change.bit; else msg = Uint8Array.of(change.bit); break;
          case 's': {
            let s = 0n;
            for (let i = 31; i >= 0; i--) s = (s << 8n) | BigInt(sig[32 + i]!);
            sig.set(le32(change.low ? change.add : s + change.add), 32);
            break;
          }
          case 'r': sig.set(change.with, 0); break;
          case 'small-key': publicKey = change.with.slice(); break;
          case 'random-key': publicKey = change.bytes.slice(); break;
        }
        // Only the unchanged signature verifies (a flipped bit, another key or message, S >= L or
        // S = 0, a small-order or non-canonical R or key: all refused by strict RFC 8032).
        const want = change.kind === 'none' || (change.kind === 's' && !change.low && change.add === 0n);
        expect(verifyBytes(publicKey, msg, sig)).toBe(want);
        // Asked again: the same answer.
        expect(verifyBytes(publicKey, msg, sig)).toBe(want);
        const label = `${change.kind}:${want}`;
        seen.set(label, (seen.get(label) ?? 0) + 1);
      }),
      { seed, numRuns: fuzzRuns(300) },
    );
    console.log(`[sync fuzz] ed25519 verdicts: ${[...seen].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    // Not vacuous: valid signatures verified, and every kind of change was tried.
    expect(seen.get('none:true') ?? 0).toBeGreaterThan(0);
    expect([...seen.keys()].filter((k) => k.endsWith(':false')).length).toBeGreaterThan(4);
  }, fuzzTimeout(300, 10));

  it('refuses the forgery a small-order key allows (it verifies any message with R = identity, S = 0)', () => {
    const identity = SMALL_ORDER[0]!;
    const forged = new Uint8Array(64);
    forged.set(identity, 0);
    for (const msg of [Uint8Array.of(1, 2, 3), new TextEncoder().encode('anything at all')]) {
      expect(verifyBytes(identity, msg, forged)).toBe(false);
    }
  });

  it('a signature by another key, or of another message, never verifies, however often the key was seen', () => {
    const [a, b] = [keys[0]!, keys[1]!];
    const msg = new TextEncoder().encode('vetrellis/intent/v1\n{"at":1}');
    for (let i = 0; i < 4; i++) {
      expect(verifyBytes(a.publicKey, msg, signBytes(a, msg))).toBe(true);
      expect(verifyBytes(a.publicKey, msg, signBytes(b, msg))).toBe(false);
      expect(verifyBytes(a.publicKey, Uint8Array.of(...msg, 32), signBytes(a, msg))).toBe(false);
    }
  });
});
