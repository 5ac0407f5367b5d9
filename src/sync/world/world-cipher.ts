/**
 * End-to-end encryption of a private world (issue 19, docs/links.md "Private worlds"): everything
 * a private world's documents and presence carry (intent bodies, roster entries, the world's
 * meta, presence, tells) is stored and sent as ciphertext under a key derived from the world's
 * read secret, which both the play link and the watch link hold and the relay never sees. The
 * relay and its storage see hashed room names, opaque ids (intent hashes, player ids) and these
 * strings. Signatures are checked after decryption, by the same code as in a plaintext world.
 *
 * No cryptography of our own: HKDF-SHA256 (`@noble/hashes`) derives the key, and AES-SIV
 * (`@noble/ciphers`, RFC 5297, with a 512-bit key: AES-256), the standard deterministic
 * authenticated encryption, encrypts. The associated data binds each string to the map and key
 * it is stored under, so a ciphertext moved to another key does not open. Deterministic is what
 * the log needs: the same text under the same key gives the same string on every device, so an
 * entry written back by healing, or by two devices, is one value, not a rewrite war; all it
 * reveals is whether two texts stored under one key are equal. Presence and tells, sent and
 * never stored, carry a random nonce as one more associated datum (RFC 5297's nonce-based use),
 * so even repeated ones differ (`sealFresh`).
 *
 *   const cipher = worldCipherOf(worldKey);          // null for a world stored in plaintext
 *   const stored = cipher.seal('log', intent.id, intent.raw);
 *   cipher.open('log', intent.id, stored);           // intent.raw; null for anything else
 */
import { aessiv } from '@noble/ciphers/aes.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { fromBase64Url, randomBytes, toBase64Url, utf8ToBytes } from '../intent/bytes.ts';
import { isPrivateWorld, readSecretOfWorld, watchKeyOf } from './world-key.ts';

/** Which map (or presence field) a string belongs to: part of what it is bound to. */
export type SealedPlace = 'log' | 'roster' | 'meta' | 'presence' | 'listener' | 'tells' | 'moved';

/** Every sealed string starts so (format version 1). */
export const SEALED_PREFIX = 'e1.';
/** A fresh string's random nonce; the synthetic IV that every string starts with. */
const NONCE = 16;
const SIV = 16;
/** Far above any intent, roster entry or presence (their own bounds are smaller). */
const MAX_SEALED_CHARS = 96 * 1024;
const decoder = new TextDecoder('utf-8', { fatal: true });

export class WorldCipher {
  readonly #key: Uint8Array;

  /** `readSecret`: the world's 32-byte read secret (docs/links.md). */
  constructor(readSecret: Uint8Array) {
    this.#key = hkdf(sha256, readSecret, utf8ToBytes('vetrellis/e2e/v1'), utf8ToBytes('world documents and presence'), 64);
  }

  /** `text` as stored under `key` of `place`; the same string on every device. */
  seal(place: SealedPlace, key: string, text: string): string {
    return SEALED_PREFIX + toBase64Url(aessiv(this.#key, boundTo(place, key)).encrypt(utf8ToBytes(text)));
  }

  /** The text sealed under `key` of `place`, or null for anything else (junk, another key or world, tampered). Never throws. */
  open(place: SealedPlace, key: string, value: unknown): string | null {
    const bytes = sealedBytes(value, SIV);
    return bytes === null ? null : this.#open(bytes, boundTo(place, key));
  }

  /** `text` as sent in presence (never stored): a fresh nonce each time. */
  sealFresh(place: SealedPlace, text: string): string {
    const nonce = randomBytes(NONCE);
    const sealed = aessiv(this.#key, boundTo(place, ''), nonce).encrypt(utf8ToBytes(text));
    const out = new Uint8Array(NONCE + sealed.length);
    out.set(nonce, 0);
    out.set(sealed, NONCE);
    return SEALED_PREFIX + toBase64Url(out);
  }

  openFresh(place: SealedPlace, value: unknown): string | null {
    const bytes = sealedBytes(value, NONCE + SIV);
    return bytes === null ? null : this.#open(bytes.subarray(NONCE), boundTo(place, ''), bytes.subarray(0, NONCE));
  }

  /** A presence field's value, sealed when sent (see `sealFresh`). */
  sealFreshJson(place: SealedPlace, value: unknown): string {
    return this.sealFresh(place, JSON.stringify(value));
  }

  /** A presence field as sent, opened and parsed; undefined when it does not open. Never throws. */
  openFreshJson(place: SealedPlace, value: unknown): unknown {
    const text = this.openFresh(place, value);
    if (text === null) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }

  #open(sealed: Uint8Array, ...ad: Uint8Array[]): string | null {
    try {
      return decoder.decode(aessiv(this.#key, ...ad).decrypt(sealed));
    } catch {
      return null;
    }
  }
}

/** The bytes of a sealed string at least `min` long; null for anything else. */
function sealedBytes(value: unknown, min: number): Uint8Array | null {
  if (typeof value !== 'string' || !value.startsWith(SEALED_PREFIX) || value.length > MAX_SEALED_CHARS) return null;
  const bytes = fromBase64Url(value.slice(SEALED_PREFIX.length));
  return bytes === null || bytes.length < min ? null : bytes;
}

function boundTo(place: SealedPlace, key: string): Uint8Array {
  return utf8ToBytes(`vetrellis/e2e/v1\n${place}\n${key}`);
}

/** True when `value` has the form of a sealed string (what a relay may store without reading it). */
export function looksSealed(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith(SEALED_PREFIX);
}

let memo: { readonly key: string; readonly cipher: WorldCipher } | null = null;

/** The cipher of a private world (the last asked for is kept); null for a world stored in plaintext. */
export function worldCipherOf(worldKey: string): WorldCipher | null {
  if (!isPrivateWorld(worldKey)) return null;
  const watch = watchKeyOf(worldKey)!;
  if (memo?.key === watch) return memo.cipher;
  const secret = readSecretOfWorld(watch);
  if (secret === null) return null;
  memo = { key: watch, cipher: new WorldCipher(secret) };
  return memo.cipher;
}
