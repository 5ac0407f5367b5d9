/**
 * Player identity: an Ed25519 key pair made and kept on the player's device; the player id is
 * the sha256 (hex) of the public key, so an id cannot be claimed without the key.
 *
 *   const me = createIdentity();
 *   const sig = signBytes(me, bytes);
 *   verifyBytes(me.publicKey, bytes, sig); // true
 *
 * Why @noble/curves and not WebCrypto Ed25519: it is synchronous (the fold stays synchronous),
 * and it is the same code in Node and every browser, so whether a hostile, edge-case signature
 * is accepted can never differ between replicas (OpenSSL and BoringSSL may disagree on
 * non-canonical encodings). Verification is strict RFC 8032 (zip215: false), paid once per
 * stored string (see verifier.ts).
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes } from './bytes.ts';
import { playerIdOf } from './player-id.ts';

export { playerIdOf };

export interface Identity {
  /** 32-byte Ed25519 secret key (seed). Never leaves the device. */
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
  /** sha256(publicKey) as 64 hex chars. */
  readonly player: string;
}

export function identityFromSecret(secretKey: Uint8Array): Identity {
  const publicKey = ed25519.getPublicKey(secretKey);
  return { secretKey, publicKey, player: playerIdOf(publicKey) };
}

export function createIdentity(): Identity {
  return identityFromSecret(ed25519.utils.randomSecretKey());
}

export function signBytes(identity: Identity, message: Uint8Array): Uint8Array {
  return ed25519.sign(message, identity.secretKey);
}

/**
 * Strict verification (RFC 8032, zip215: false) by @noble/curves' own `ed25519.verify`; false
 * (never a throw) for malformed keys or signatures. Cryptography is where being clever costs
 * most, so no faster hand-built variant: the verifier's memo makes each stored string's check
 * happen once per world, and the persisted verified set once per device.
 */
export function verifyBytes(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

/** What a key store keeps: the secret key as hex (the public key and id derive from it). */
export interface StoredIdentity {
  readonly v: 1;
  readonly secretKey: string;
}

export function serializeIdentity(identity: Identity): StoredIdentity {
  return { v: 1, secretKey: bytesToHex(identity.secretKey) };
}

export function deserializeIdentity(stored: unknown): Identity | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const s = stored as Partial<StoredIdentity>;
  if (s.v !== 1 || typeof s.secretKey !== 'string' || !/^[0-9a-f]{64}$/.test(s.secretKey)) return null;
  return identityFromSecret(hexToBytes(s.secretKey));
}

/**
 * Where a device keeps its identity: IndexedDB in the browser (browser-key-store.ts), a file in
 * the terminal client's world folder (node-key-store.ts), memory in tests.
 */
export interface KeyStore {
  load(): Promise<Identity | null>;
  save(identity: Identity): Promise<void>;
}

/** The identity in `store`, made and saved on first use. */
export async function loadOrCreateIdentity(store: KeyStore): Promise<Identity> {
  const existing = await store.load();
  if (existing) return existing;
  const made = createIdentity();
  await store.save(made);
  return made;
}

export class MemoryKeyStore implements KeyStore {
  #identity: Identity | null;
  constructor(identity: Identity | null = null) {
    this.#identity = identity;
  }
  async load(): Promise<Identity | null> {
    return this.#identity;
  }
  async save(identity: Identity): Promise<void> {
    this.#identity = identity;
  }
}
