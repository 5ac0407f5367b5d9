// The relay's Ed25519 (Node's OpenSSL) and the replicas' (@noble/curves) agree on what honest
// clients sign and on tampered signatures, keys and messages; malformed input is false, never a throw.
import { describe, expect, it } from 'vitest';
import { verifyEd25519 } from '../../server/ed25519.ts';
import { createIdentity, signBytes, verifyBytes } from '../../src/sync/intent/identity.ts';

describe("the relay's Ed25519", () => {
  it('agrees with the replicas on honest and tampered signatures', () => {
    for (let i = 0; i < 40; i++) {
      const me = createIdentity();
      const other = createIdentity();
      const message = new TextEncoder().encode(`intent ${i} `.repeat(1 + (i % 7)));
      const sig = signBytes(me, message);
      const cases: [Uint8Array, Uint8Array, Uint8Array][] = [
        [me.publicKey, message, sig],
        [other.publicKey, message, sig],
        [me.publicKey, message.map((b, j) => (j === i % message.length ? b ^ 1 : b)), sig],
        [me.publicKey, message, sig.map((b, j) => (j === i % 64 ? b ^ 0x40 : b))],
      ];
      for (const [pk, m, s] of cases) expect(verifyEd25519(pk, m, s)).toBe(verifyBytes(pk, m, s));
      expect(verifyEd25519(me.publicKey, message, sig)).toBe(true);
    }
  });

  it('answers false to malformed keys and signatures', () => {
    const me = createIdentity();
    const m = new Uint8Array([1, 2, 3]);
    const sig = signBytes(me, m);
    expect(verifyEd25519(me.publicKey.subarray(0, 31), m, sig)).toBe(false);
    expect(verifyEd25519(me.publicKey, m, sig.subarray(0, 63))).toBe(false);
    expect(verifyEd25519(new Uint8Array(32).fill(0xff), m, sig)).toBe(false);
    expect(verifyEd25519(me.publicKey, m, new Uint8Array(64).fill(7))).toBe(false);
  });
});
