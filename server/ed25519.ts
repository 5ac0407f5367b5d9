// Ed25519 verification for the relay by Node's own crypto (OpenSSL): about 0.16 ms a signature
// on the CI machines, where the replicas' pure-JS @noble/curves takes about 2.5 ms. The relay
// only filters junk, so a disagreement between the two on a hostile edge-case signature costs
// nobody anything: one the relay lets through is refused by every replica, and one it drops was
// never signed by an honest client (those come from @noble's sign, which both accept).
// tests/server/ed25519.test.ts checks both agree on honest and tampered signatures.
//
//   verifyEd25519(publicKey, message, signature) // true | false, never throws
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** Public keys made into KeyObjects, by their base64url text: a room sees a few dozen players. */
const KEYS_KEPT = 4_096;
const keys = new Map<string, KeyObject>();

function keyObject(publicKey: Uint8Array): KeyObject {
  const x = Buffer.from(publicKey.buffer, publicKey.byteOffset, publicKey.byteLength).toString('base64url');
  let key = keys.get(x);
  if (key === undefined) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    if (keys.size >= KEYS_KEPT) keys.delete(keys.keys().next().value!);
    keys.set(x, key);
  }
  return key;
}

export function verifyEd25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    return verify(null, message, keyObject(publicKey), signature);
  } catch {
    return false;
  }
}
