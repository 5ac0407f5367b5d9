/**
 * End-to-end encryption of a private world (issue 19, docs/links.md "Private worlds"): everything
 * a private world's documents and presence carry (intent bodies, roster entries, the world's
 * meta, presence, tells) is stored and sent as ciphertext under a key derived from the world's
 * read secret, which both the play link and the watch link hold and the relay never sees. The
 * relay and its storage see hashed room names, opaque ids (intent hashes, player ids) and these
 * strings. Signatures are checked after decryption, by the same code as in a plaintext world.
 *
 * No cryptography of our own: HKDF-SHA256 (`@noble/hashes`) derives the key, and AES-256-GCM-SIV
 * (`@noble/ciphers`, RFC 8452: an AEAD that stays safe when a nonce repeats) encrypts. The
 * associated data binds each string to the map and key it is stored under, so a ciphertext moved
 * to another key does not open. Stored strings take their nonce from that place (`seal`): the
 * same text under the same key gives the same string on every device, so a log entry written
 * back by healing, or by two devices, is one value, not a rewrite war; GCM-SIV then reveals only
 * whether two texts stored under one key are equal. Presence and tells, sent and never stored,
 * use a random nonce (`sealFresh`).
 *
 *   const cipher = worldCipherOf(worldKey);          // null for a world stored in plaintext
 *   const stored = cipher.seal('log', intent.id, intent.raw);
 *   cipher.open('log', intent.id, stored);           // intent.raw; null for anything else
 */
import { gcmsiv } from '@noble/ciphers/aes.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { fromBase64Url, randomBytes, toBase64Url, utf8ToBytes } from '../intent/bytes.ts';
import { isPrivateWorld, readSecretOfWorld, watchKeyOf } from './world-key.ts';

/** Which map (or presence field) a string belongs to: part of what it is bound to. */
export type SealedPlace = 'log' | 'roster' | 'meta' | 'presence' | 'listener' | 'tells';

/** Every sealed string starts so (format version 1). */
export const SEALED_PREFIX = 'e1.';
const NONCE = 12;
const TAG = 16;
/** Far above any intent, roster entry or presence (their own bounds are smaller). */
const MAX_SEALED_CHARS = 96 * 1024;
const decoder = new TextDecoder('utf-8', { fatal: true });

export class WorldCipher {
  readonly #key: Uint8Array;

  /** `readSecret`: the world's 32-byte read secret (docs/links.md). */
  constructor(readSecret: Uint8Array) {
    this.#key = hkdf(sha256, readSecret, utf8ToBytes('vetrellis/e2e/v1'), utf8ToBytes('world documents and presence'), 32);
  }

  /** `text` as stored under `key` of `place`; the same string on every device. */
  seal(place: SealedPlace, key: string, text: string): string {
    const aad = boundTo(place, key);
    return this.#seal(sha256(aad).subarray(0, NONCE), aad, text);
  }

  /** `text` as sent in presence (never stored): a fresh nonce each time. */
  sealFresh(place: SealedPlace, text: string): string {
    return this.#seal(randomBytes(NONCE), boundTo(place, ''), text);
  }

  /** The text sealed under `key` of `place`, or null for anything else (junk, another key or world, tampered). Never throws. */
  open(place: SealedPlace, key: string, value: unknown): string | null {
    return this.#open(boundTo(place, key), value);
  }

  openFresh(place: SealedPlace, value: unknown): string | null {
    return this.#open(boundTo(place, ''), value);
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

  #seal(nonce: Uint8Array, aad: Uint8Array, text: string): string {
    const sealed = gcmsiv(this.#key, nonce, aad).encrypt(utf8ToBytes(text));
    const out = new Uint8Array(NONCE + sealed.length);
    out.set(nonce, 0);
    out.set(sealed, NONCE);
    return SEALED_PREFIX + toBase64Url(out);
  }

  #open(aad: Uint8Array, value: unknown): string | null {
    if (typeof value !== 'string' || !value.startsWith(SEALED_PREFIX) || value.length > MAX_SEALED_CHARS) return null;
    const bytes = fromBase64Url(value.slice(SEALED_PREFIX.length));
    if (bytes === null || bytes.length < NONCE + TAG) return null;
    try {
      return decoder.decode(gcmsiv(this.#key, bytes.subarray(0, NONCE), aad).decrypt(bytes.subarray(NONCE)));
    } catch {
      return null;
    }
  }
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
