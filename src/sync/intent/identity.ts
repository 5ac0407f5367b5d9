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
 * non-canonical encodings). Verification is strict RFC 8032 (zip215: false). It costs ~0.7 ms
 * per signature of a known key on one core (~1.7 ms for a key's first), which the replica pays
 * once per stored string (see signature-cache.ts).
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, sha256Hex } from './bytes.ts';

export interface Identity {
  /** 32-byte Ed25519 secret key (seed). Never leaves the device. */
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
  /** sha256(publicKey) as 64 hex chars. */
  readonly player: string;
}

export function playerIdOf(publicKey: Uint8Array): string {
  return sha256Hex(publicKey);
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

/** A decoded public key: a player signs many intents with one key. */
interface KnownKey {
  readonly point: InstanceType<typeof ed25519.Point>;
  readonly smallOrder: boolean;
  /** Verifications with this key so far; the second one gives the point its multiplication table. */
  uses: number;
}
/** Decoded keys by hex (null: not a curve point), bounded: at most a zone's worth of players. */
const knownKeys = new Map<string, KnownKey | null>();
const MAX_KNOWN_KEYS = 32;
/** Window of a key's table: 512 points (~100 KB), ~5 ms to build, ~1 ms saved per verification. */
const KEY_WINDOW = 4;

function knownKey(publicKey: Uint8Array): KnownKey | null {
  const hex = bytesToHex(publicKey);
  let key = knownKeys.get(hex);
  if (key === undefined) {
    try {
      const point = ed25519.Point.fromBytes(publicKey, false);
      key = { point, smallOrder: point.isSmallOrder(), uses: 0 };
    } catch {
      key = null;
    }
    if (knownKeys.size >= MAX_KNOWN_KEYS) knownKeys.clear();
    knownKeys.set(hex, key);
  }
  if (key !== null && ++key.uses === 2) key.point.precompute(KEY_WINDOW);
  return key;
}

function scalarLE(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

/**
 * Strict verification (RFC 8032, zip215: false); false (never a throw) for malformed keys or
 * signatures. The algebra of @noble/curves' `ed25519.verify` step by step, with one difference
 * in how, not what: the public key's point is decoded once and, from its second signature on,
 * multiplied through a precomputed table (noble decodes it and multiplies the slow way each
 * call), which makes a known player's signature 2.5-4x cheaper to check. Same verdicts:
 * tests/sync/identity.test.ts compares the two on valid, mutated and malformed signatures,
 * non-canonical encodings and small-order keys.
 */
export function verifyBytes(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    const key = knownKey(publicKey);
    if (key === null || key.smallOrder) return false;
    const r = signature.subarray(0, 32);
    // Both throw on a non-canonical point or s >= L: not a valid signature.
    const R = ed25519.Point.fromBytes(r, false);
    const SB = ed25519.Point.BASE.multiplyUnsafe(scalarLE(signature.subarray(32, 64)));
    const h = new Uint8Array(64 + message.length);
    h.set(r, 0);
    h.set(publicKey, 32);
    h.set(message, 64);
    const k = scalarLE(sha512(h)) % ed25519.Point.Fn.ORDER;
    // [8][S]B = [8]R + [8][k]A
    return R.add(key.point.multiplyUnsafe(k)).subtract(SB).clearCofactor().is0();
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
