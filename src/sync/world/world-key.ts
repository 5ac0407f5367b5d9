/**
 * World keys, links and room names. The world key is a random secret in the share link
 * (`https://host/#/w/<worldKey>`, plus `?relay=<url>` inside the fragment when the relay is not
 * the page's own host). Browsers never send the fragment to a server, and every room name and
 * the world id are one-way hashes of the key, so neither the web server nor the relay learns it,
 * and nobody can find a world without the link.
 *
 *   const key = createWorldKey(me.publicKey);         // the maker owns it (issue 19)
 *   worldOwnerOf(key);                                 // me.player; null for a key that names no owner
 *   worldLink('https://vetrellis.example/', key);      // 'https://vetrellis.example/#/w/…'
 *   parseWorldLink(link);                              // { worldKey, relay }
 *   roomName(key, rootDocName()); roomName(key, zoneDocName('harbor'));
 */
import { fromBase64Url, randomBytes, sha256Hex, toBase64Url } from '../intent/bytes.ts';
import { playerIdOf } from '../intent/player-id.ts';

const KEY_RE = /^[A-Za-z0-9_-]{22,86}$/;
/** base64url characters of 32 bytes: the secret part of a key, and an owner's public key. */
const PART = 43;

/**
 * A new world's key: 32 random bytes, and, when `owner` (an Ed25519 public key) is given, that key
 * after them. The owner is then part of the world's identity: every name derived from the key
 * (rooms, world id, seed) binds them, so nobody can claim the world without making another one,
 * and no record needs to be signed or raced for. Keys made before owners (43 characters) name none.
 */
export function createWorldKey(owner?: Uint8Array): string {
  const secret = toBase64Url(randomBytes(32));
  return owner && owner.length === 32 ? secret + toBase64Url(owner) : secret;
}

/** The public key of the world's owner, when its key names one. */
export function ownerKeyOf(worldKey: string): Uint8Array | null {
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
  return KEY_RE.test(text);
}

/**
 * The world's seed (initial state, dice, the ordering lottery), a function of the key alone so
 * nobody holding the link can change it for later joiners by rewriting the root document.
 * FNV-1a of the key: the seed the web app has given its worlds from the start.
 */
export function worldSeedOf(worldKey: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < worldKey.length; i++) {
    h ^= worldKey.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The world's public id, carried by every intent (binds intents to one world). */
export function worldIdOf(worldKey: string): string {
  return sha256Hex(`vetrellis/world-id\n${worldKey}`);
}

export function rootDocName(): string {
  return 'root';
}

export function zoneDocName(zone: string): string {
  return `zone/${zone}`;
}

/** The relay room (and IndexedDB database, and file) name of one document of a world. */
export function roomName(worldKey: string, docName: string): string {
  return `vetrellis-${sha256Hex(`vetrellis/room\n${worldKey}\n${docName}`).slice(0, 40)}`;
}

export function worldLink(base: string, worldKey: string, relay?: string | null): string {
  const page = base.split('#')[0]!;
  return `${page}#/w/${worldKey}${relay ? `?relay=${encodeURIComponent(relay)}` : ''}`;
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
