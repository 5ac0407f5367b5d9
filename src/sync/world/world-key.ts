/**
 * World keys, links and room names. The world key is a random secret in the share link
 * (`https://host/#/w/<worldKey>`, plus `?relay=<url>` inside the fragment when the relay is not
 * the page's own host). Browsers never send the fragment to a server, and every room name and
 * the world id are one-way hashes of the key, so neither the web server nor the relay learns it,
 * and nobody can find a world without the link.
 *
 * Three kinds of key (docs/links.md): a play key (`P` + secret + owner, worlds made today), the
 * watch key computed from it (`W` + read secret + owner + member public key: read, never join),
 * and the keys of worlds made before watch links (43 characters, or 86 with an owner), which
 * both read and join and have no watch key. A world's identity (id, rooms, seed) is its watch key,
 * or the key itself for older worlds, so both links of one world open the same rooms.
 *
 *   const key = createWorldKey(me.publicKey);         // the maker owns it (issue 19)
 *   worldOwnerOf(key);                                 // me.player; null for a key that names no owner
 *   worldLink('https://vetrellis.example/', key);      // 'https://vetrellis.example/#/w/…'
 *   watchKeyOf(key); canJoin(watchKeyOf(key)!);        // 'W…'; false
 *   parseWorldLink(link);                              // { worldKey, relay }
 *   roomName(key, rootDocName()); roomName(key, zoneDocName('harbor'));
 */
import { fromBase64Url, randomBytes, sha256Hex, toBase64Url } from '../intent/bytes.ts';
import type { Identity } from '../intent/identity.ts';
import { memberKeyOf, readSecretOf } from '../intent/membership.ts';
import { playerIdOf } from '../intent/player-id.ts';

const KEY_RE = /^[A-Za-z0-9_-]{22,86}$/;
/** base64url characters of 32 bytes: the secret part of a key, and an owner's public key. */
const PART = 43;
/** `P`: a play key; `E`: the play key of a private (end-to-end encrypted) world. */
const PLAY_RE = /^[PE][A-Za-z0-9_-]{86}$/;
/** `W`: a watch key; `V`: the watch key of a private world. */
const WATCH_RE = /^[WV][A-Za-z0-9_-]{129}$/;
const PRIVATE_RE = /^[EV]/;

/**
 * A new world's key: 32 random bytes, and, when `owner` (an Ed25519 public key) is given, that key
 * after them. The owner is then part of the world's identity: every name derived from the key
 * (rooms, world id, seed) binds them, so nobody can claim the world without making another one,
 * and no record needs to be signed or raced for. With an owner it is a play key, which has a
 * watch key (docs/links.md); keys made before owners (43 characters) name none and have none.
 */
export function createWorldKey(owner?: Uint8Array, o: { readonly private?: boolean } = {}): string {
  const secret = toBase64Url(randomBytes(32));
  return owner && owner.length === 32 ? `${o.private === true ? 'E' : 'P'}${secret}${toBase64Url(owner)}` : secret;
}

/**
 * True for a private world's keys: everything its documents and presence carry is encrypted with
 * a key derived from its read secret (world-cipher.ts). Only worlds with an owner can be private.
 */
export function isPrivateWorld(worldKey: string): boolean {
  return PRIVATE_RE.test(worldKey) && (PLAY_RE.test(worldKey) || WATCH_RE.test(worldKey));
}

/** The world's read secret (docs/links.md `R`), which both of its links hold; null for worlds made before watch links. */
export function readSecretOfWorld(worldKey: string): Uint8Array | null {
  const watch = watchKeyOf(worldKey);
  return watch === null ? null : partOf(watch, 0);
}

/** What a key lets its holder do: play (and read), or only watch. */
export function keyKind(worldKey: string): 'play' | 'watch' {
  return WATCH_RE.test(worldKey) ? 'watch' : 'play';
}

/** True when the key lets its holder join and play (every key but a watch key). */
export function canJoin(worldKey: string): boolean {
  return keyKind(worldKey) === 'play';
}

/** The part of a key at 43-character slot `i` after its one-letter kind, as bytes. */
function partOf(worldKey: string, i: number): Uint8Array | null {
  const b = fromBase64Url(worldKey.slice(1 + i * PART, 1 + (i + 1) * PART));
  return b !== null && b.length === 32 ? b : null;
}

let memo: { readonly key: string; readonly watch: string; readonly member: Identity } | null = null;

/** A play key's watch key and member key (the last asked for is kept: it is asked for often). */
function derived(playKey: string): { readonly watch: string; readonly member: Identity } | null {
  if (!PLAY_RE.test(playKey)) return null;
  if (memo?.key === playKey) return memo;
  const secret = partOf(playKey, 0);
  if (secret === null) return null;
  const member = memberKeyOf(secret);
  const watch = `${playKey[0] === 'E' ? 'V' : 'W'}${toBase64Url(readSecretOf(secret))}${playKey.slice(1 + PART)}${toBase64Url(member.publicKey)}`;
  memo = { key: playKey, watch, member };
  return memo;
}

/** The watch key of a world: its own for a watch key, computed for a play key; null for worlds made before watch links. */
export function watchKeyOf(worldKey: string): string | null {
  if (WATCH_RE.test(worldKey)) return worldKey;
  return derived(worldKey)?.watch ?? null;
}

/** The key names are derived from: the watch key where there is one, else the key itself. */
function identityOf(worldKey: string): string {
  return watchKeyOf(worldKey) ?? worldKey;
}

/** The member key a play key holds (it signs joiners' membership proofs); null for other keys. */
export function memberOf(worldKey: string): Identity | null {
  return derived(worldKey)?.member ?? null;
}

/** The member public key every join must be proved by (docs/links.md); null: joins need no proof. */
export function memberKeyOfWorld(worldKey: string): Uint8Array | null {
  const watch = watchKeyOf(worldKey);
  return watch === null ? null : partOf(watch, 2);
}

/** The public key of the world's owner, when its key names one. */
export function ownerKeyOf(worldKey: string): Uint8Array | null {
  if (PLAY_RE.test(worldKey) || WATCH_RE.test(worldKey)) return partOf(worldKey, 1);
  if (worldKey.length !== 2 * PART || !isWorldKey(worldKey)) return null;
  const key = fromBase64Url(worldKey.slice(PART));
  return key !== null && key.length === 32 ? key : null;
}

/** The player id of the world's owner (the maker of the world), or null for a world with none. */
export function worldOwnerOf(worldKey: string): string | null {
  const key = ownerKeyOf(worldKey);
  return key === null ? null : playerIdOf(key);
}

export function isWorldKey(text: string): boolean {
  return KEY_RE.test(text) || PLAY_RE.test(text) || WATCH_RE.test(text);
}

/**
 * The world's seed (initial state, dice, the ordering lottery), a function of the key alone so
 * nobody holding the link can change it for later joiners by rewriting the root document.
 * FNV-1a of the key: the seed the web app has given its worlds from the start.
 */
export function worldSeedOf(worldKey: string): number {
  worldKey = identityOf(worldKey);
  let h = 0x811c9dc5;
  for (let i = 0; i < worldKey.length; i++) {
    h ^= worldKey.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The world's public id, carried by every intent (binds intents to one world). */
export function worldIdOf(worldKey: string): string {
  return sha256Hex(`vetrellis/world-id\n${identityOf(worldKey)}`);
}

export function rootDocName(): string {
  return 'root';
}

export function zoneDocName(zone: string): string {
  return `zone/${zone}`;
}

/**
 * The relay room (and IndexedDB database, and file) name of one document of a world. The rooms of
 * an epoch whose cut id starts with `o` (cuts made since session 15) are owned: their names bind
 * the owner's key, so the owner can have the relay drop them once superseded (drop-order.ts).
 */
export function roomName(worldKey: string, docName: string): string {
  const inner = innerRoomHash(worldKey, docName);
  const owner = OWNED_DOC.test(docName) ? ownerKeyOf(worldKey) : null;
  return owner === null ? `vetrellis-${inner.slice(0, 40)}` : ownedRoomName(toBase64Url(owner), inner);
}

/** A document of an epoch with owned rooms (`zone/<zone>@<epoch>.o<15 hex>`). */
const OWNED_DOC = /@[1-9][0-9]*\.o[0-9a-f]{15}$/;

/** The hash a room's name comes from: what an owner's drop order names (drop-order.ts). */
export function innerRoomHash(worldKey: string, docName: string): string {
  return sha256Hex(`vetrellis/room\n${identityOf(worldKey)}\n${docName}`);
}

/** The name of an owned room, from the owner's public key (base64url) and the room's inner hash. */
export function ownedRoomName(owner: string, inner: string): string {
  return `vetrellis-${sha256Hex(`vetrellis/owned-room\n${owner}\n${inner}`).slice(0, 40)}`;
}

export function worldLink(base: string, worldKey: string, relay?: string | null): string {
  const page = base.split('#')[0]!;
  return `${page}#/w/${worldKey}${relay ? `?relay=${encodeURIComponent(relay)}` : ''}`;
}

/** The watch link of a world (read, never join); null for a world made before watch links. */
export function watchLink(base: string, worldKey: string, relay?: string | null): string | null {
  const watch = watchKeyOf(worldKey);
  return watch === null ? null : worldLink(base, watch, relay);
}

/** A share link, a bare `#/w/<key>` fragment or a bare key; null when it names no world. */
export function parseWorldLink(link: string): { worldKey: string; relay: string | null } | null {
  const text = link.trim();
  if (isWorldKey(text)) return { worldKey: text, relay: null };
  const m = /#\/w\/([A-Za-z0-9_-]+)(?:\?(.*))?$/.exec(text);
  if (!m || !isWorldKey(m[1]!)) return null;
  const relay = m[2] ? new URLSearchParams(m[2]).get('relay') : null;
  return { worldKey: m[1]!, relay };
}
