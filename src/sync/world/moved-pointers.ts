/**
 * The owner's pointers to where the world moved (issue 19, "Move the world"): in the root
 * document's `moved` map, one record per member carried, keyed by the member's player id, holding
 * the new play key sealed to that member's box key (member-box.ts) and signed by the owner (the
 * key the world key names), so a pointer nobody but the owner wrote is junk to every client, and
 * only its member can open it. The freeze itself is not here: it is the `moved` intent in every
 * zone's log (docs/intent-format.md, "Moving the world"), ordered like any other intent.
 *
 * Size: one record per member carried, whatever the number of members: 441 characters for a
 * play key (64 hex of world, 64 of member, 180 of sealed pointer, 86 of signature, the field
 * names), 613 as stored in a private world (sealed again under the world's cipher, place `moved`);
 * a reader refuses anything over MAX_POINTER_RECORD_CHARS (1,430).
 *
 *   root.moved.set(member, signMovedPointer(owner, { world, member, to: sealed }));
 *   readMovedPointer(member, raw, world, ownerKey);   // { world, member, to, sig } or null
 */
import type * as Y from 'yjs';
import { canonicalJson, canonicalJsonBounded } from '../../content/canonical.ts';
import { fromBase64Url, toBase64Url, utf8ToBytes } from '../intent/bytes.ts';
import { signBytes, verifyBytes, type Identity } from '../intent/identity.ts';

/** HPKE's encapsulated key (X25519: 32 bytes) and AES-GCM's tag (16 bytes). */
export const ENC = 32;
export const TAG = 16;
/** The longest text a pointer carries (a play key is 87 characters). */
export const MAX_POINTER_TEXT = 256;
/** The longest sealed pointer as stored: base64url of ENC + text + TAG. */
export const MAX_SEALED_POINTER_CHARS = Math.ceil(((ENC + MAX_POINTER_TEXT + TAG) * 4) / 3);

export interface MovedPointer {
  readonly v: 1;
  /** The id of the world it was written in (the old world). */
  readonly world: string;
  /** The member it is for (player id). */
  readonly member: string;
  /** The new play key, sealed to the member's box key (member-box.ts `sealToMember`). */
  readonly to: string;
  /** The owner's Ed25519 signature over the rest. */
  readonly sig: string;
}

const PREFIX = 'vetrellis/moved/v1\n';
export const MAX_POINTER_RECORD_CHARS = 1024 + MAX_SEALED_POINTER_CHARS;
const HEX64 = /^[0-9a-f]{64}$/;

/** The owner's signed record of `to` (a pointer sealed to `member`), as stored (before a private world's sealing). */
export function signMovedPointer(owner: Identity, f: { readonly world: string; readonly member: string; readonly to: string }): string {
  const body = { v: 1 as const, world: f.world, member: f.member, to: f.to };
  const sig = toBase64Url(signBytes(owner, utf8ToBytes(PREFIX + canonicalJson(body))));
  return canonicalJson({ ...body, sig });
}

/** The record stored under `key` if it is the owner's pointer for that member in `world`; null for anything else. Never throws. */
export function readMovedPointer(key: string, raw: unknown, world: string, ownerKey: Uint8Array | null): MovedPointer | null {
  if (ownerKey === null || typeof raw !== 'string' || raw.length > MAX_POINTER_RECORD_CHARS || !HEX64.test(key)) return null;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null || canonicalJsonBounded(v, MAX_POINTER_RECORD_CHARS) !== raw) return null;
  const r = v as Record<string, unknown>;
  if (Object.keys(r).length !== 5 || r['v'] !== 1 || r['world'] !== world || r['member'] !== key) return null;
  if (typeof r['to'] !== 'string' || r['to'].length > MAX_SEALED_POINTER_CHARS || typeof r['sig'] !== 'string') return null;
  const sig = fromBase64Url(r['sig']);
  if (sig === null) return null;
  const { sig: _s, ...body } = r;
  return verifyBytes(ownerKey, utf8ToBytes(PREFIX + canonicalJson(body)), sig) ? (r as unknown as MovedPointer) : null;
}

/**
 * The `moved` map as a client reads it: the owner's valid pointer per member. One seen here is
 * never lost to a deletion or an overwrite by someone holding the old link: it is written back.
 */
export class MovedPointers {
  readonly #map: Y.Map<unknown>;
  readonly #read: (key: string, value: unknown) => MovedPointer | null;
  readonly #seen = new Map<string, unknown>();

  /** `read`: the record under a key as stored (opened in a private world), checked; null for junk. */
  constructor(map: Y.Map<unknown>, read: (key: string, value: unknown) => MovedPointer | null) {
    this.#map = map;
    this.#read = read;
    for (const key of map.keys()) this.get(key);
    map.observe((event) => {
      const lost: string[] = [];
      for (const key of event.keysChanged) if (this.#seen.has(key) && this.get(key) === null) lost.push(key);
      if (lost.length > 0) queueMicrotask(() => this.#restore(lost));
    });
  }

  /** The owner's pointer for `member`, if the map holds one. */
  get(member: string): MovedPointer | null {
    const value = this.#map.get(member);
    const pointer = value === undefined ? null : this.#read(member, value);
    if (pointer !== null && !this.#seen.has(member)) this.#seen.set(member, value);
    return pointer;
  }

  /** True when the map holds any valid pointer (the owner has moved the world). */
  any(): boolean {
    for (const key of this.#map.keys()) if (this.get(key) !== null) return true;
    return false;
  }

  #restore(keys: readonly string[]): void {
    const doc = this.#map.doc;
    if (!doc) return;
    doc.transact(() => {
      for (const key of keys) if (this.get(key) === null) this.#map.set(key, this.#seen.get(key));
    });
  }
}
