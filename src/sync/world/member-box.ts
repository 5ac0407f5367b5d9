/**
 * Member box keys (issue 19, "Move the world"): each member's X25519 key pair, derived from their
 * player secret, whose public part they publish in a signed record (box-records.ts), so the owner
 * can seal the moved world's new play key to each member and to nobody else.
 *
 * No cryptography of our own: HKDF-SHA256 (`@noble/hashes`, domain-separated) turns the player
 * secret into input keying material, HPKE's own DeriveKeyPair (RFC 9180 section 7.1.3) makes the
 * X25519 key pair from it, and HPKE (`@hpke/core` with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and
 * AES-128-GCM, base mode) seals. HPKE's `info` and the AEAD's associated data both bind a sealed
 * pointer to the world it was written in and the member it is for, so a pointer copied to another
 * member's place or another world does not open. HPKE's base mode does not say who sealed: the
 * record holding it is signed by the owner (moved-pointers.ts). This module loads only when a
 * world opens for play (the web app: after its first screen), moves or is followed.
 *
 *   await boxKeyText(me);                         // 43 characters: the `box` of my box key record
 *   const sealed = await sealToMember(box, { world, member: me.player }, newKey);
 *   await openAsMember(me, { world, member: me.player }, sealed);   // newKey; null for anything else
 */
import { Aes128Gcm, CipherSuite, HkdfSha256 } from '@hpke/core';
import { DhkemX25519HkdfSha256 } from '@hpke/dhkem-x25519';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { fromBase64Url, toBase64Url, utf8ToBytes } from '../intent/bytes.ts';
import type { Identity } from '../intent/identity.ts';
import { ENC, MAX_POINTER_TEXT, MAX_SEALED_POINTER_CHARS, TAG } from './moved-pointers.ts';

export { MAX_SEALED_POINTER_CHARS } from './moved-pointers.ts';

let suiteMemo: CipherSuite | null = null;
function suite(): CipherSuite {
  suiteMemo ??= new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes128Gcm() });
  return suiteMemo;
}

const boxes = new WeakMap<Uint8Array, Promise<{ readonly pair: CryptoKeyPair; readonly publicKey: Uint8Array }>>();

/** The member's box key pair, a function of their player secret alone (the same on every device of theirs). */
export function memberBoxOf(identity: Identity): Promise<{ readonly pair: CryptoKeyPair; readonly publicKey: Uint8Array }> {
  let box = boxes.get(identity.secretKey);
  if (box === undefined) {
    const ikm = hkdf(sha256, identity.secretKey, utf8ToBytes('vetrellis/member-box/v1'), utf8ToBytes('x25519 key pair for sealed pointers'), 32);
    box = (async () => {
      const pair = await suite().kem.deriveKeyPair(ikm);
      return { pair, publicKey: new Uint8Array(await suite().kem.serializePublicKey(pair.publicKey)) };
    })();
    boxes.set(identity.secretKey, box);
  }
  return box;
}

/** A box public key as published in a roster entry (43 characters). */
export async function boxKeyText(identity: Identity): Promise<string> {
  return toBase64Url((await memberBoxOf(identity)).publicKey);
}

/** Where a pointer belongs: the world it is written in (its id) and the member it is for. */
export interface PointerPlace {
  readonly world: string;
  readonly member: string;
}

function bound(place: PointerPlace): Uint8Array {
  return utf8ToBytes(`vetrellis/moved-pointer/v1\n${place.world}\n${place.member}`);
}

/** `text` sealed to the member whose box public key is `boxPublicKey`, for `place` (base64url of enc ‖ ciphertext). */
export async function sealToMember(boxPublicKey: Uint8Array, place: PointerPlace, text: string): Promise<string> {
  const plain = utf8ToBytes(text);
  if (plain.length > MAX_POINTER_TEXT) throw new Error(`a pointer holds at most ${MAX_POINTER_TEXT} bytes`);
  const s = suite();
  const recipientPublicKey = await s.kem.deserializePublicKey(boxPublicKey);
  const info = bound(place);
  const sealed = await s.seal({ recipientPublicKey, info }, plain, info);
  const out = new Uint8Array(sealed.enc.byteLength + sealed.ct.byteLength);
  out.set(new Uint8Array(sealed.enc), 0);
  out.set(new Uint8Array(sealed.ct), sealed.enc.byteLength);
  return toBase64Url(out);
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The text sealed to `identity`'s box for `place`, or null (another member's, another world's, tampered, junk). Never throws. */
export async function openAsMember(identity: Identity, place: PointerPlace, sealed: unknown): Promise<string | null> {
  if (typeof sealed !== 'string' || sealed.length > MAX_SEALED_POINTER_CHARS) return null;
  const bytes = fromBase64Url(sealed);
  if (bytes === null || bytes.length < ENC + TAG) return null;
  try {
    const { pair } = await memberBoxOf(identity);
    const info = bound(place);
    const plain = await suite().open({ recipientKey: pair, enc: bytes.slice(0, ENC).buffer, info }, bytes.slice(ENC), info);
    return decoder.decode(plain);
  } catch {
    return null;
  }
}
