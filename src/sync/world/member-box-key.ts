/**
 * Member box keys (issue 19, "Move the world"): each member's X25519 key pair, derived from their
 * player secret, whose public part they publish in their roster entry, so the owner can seal the
 * moved world's new play key to each member and to nobody else (member-box.ts seals and opens).
 * No cryptography of our own: HKDF-SHA256 (`@noble/hashes`) derives the secret, `@noble/curves`
 * computes its X25519 public key. Kept apart from the HPKE code, which loads only when a world
 * moves or is followed (every roster entry needs the public key, few sessions need the rest).
 *
 *   boxKeyText(me);        // 43 characters: the `box` of my roster entry
 */
import { x25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { toBase64Url, utf8ToBytes } from '../intent/bytes.ts';
import type { Identity } from '../intent/identity.ts';

export interface MemberBox {
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

/** HPKE's encapsulated key (X25519: 32 bytes) and AES-GCM's tag (16 bytes). */
export const ENC = 32;
export const TAG = 16;
/** The longest text a pointer carries (a play key is 87 characters). */
export const MAX_POINTER_TEXT = 256;
/** The longest sealed pointer as stored: base64url of ENC + text + TAG. */
export const MAX_SEALED_POINTER_CHARS = Math.ceil(((ENC + MAX_POINTER_TEXT + TAG) * 4) / 3);

const memo = new WeakMap<Uint8Array, MemberBox>();

/** The member's box key pair, a function of their player secret alone (the same on every device of theirs). */
export function memberBoxOf(identity: Identity): MemberBox {
  const known = memo.get(identity.secretKey);
  if (known) return known;
  const secretKey = hkdf(sha256, identity.secretKey, utf8ToBytes('vetrellis/member-box/v1'), utf8ToBytes('x25519 secret for sealed pointers'), 32);
  const box = { secretKey, publicKey: x25519.getPublicKey(secretKey) };
  memo.set(identity.secretKey, box);
  return box;
}

/** A box public key as published in a roster entry (43 characters). */
export function boxKeyText(identity: Identity): string {
  return toBase64Url(memberBoxOf(identity).publicKey);
}
