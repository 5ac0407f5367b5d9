/**
 * The page's address is the world link: `#/w/<worldKey>` (plus `?relay=` for a shared world on
 * another relay than the page's own host). The key is a random secret made in this browser; the
 * format matches src/sync's world keys, so a local world's link stays valid when worlds are shared.
 */
import { worldSeedOf } from '../session/index.ts';

const KEY_RE = /^[A-Za-z0-9_-]{22,86}$/;

export interface Route {
  readonly worldKey: string;
  readonly relay: string | null;
}

export function parseRoute(hash: string): Route | null {
  const m = /^#\/w\/([A-Za-z0-9_-]+)(?:\?(.*))?$/.exec(hash);
  if (!m || !KEY_RE.test(m[1]!)) return null;
  const relay = m[2] ? new URLSearchParams(m[2]).get('relay') : null;
  return { worldKey: m[1]!, relay };
}

/** The address of a world; `relay` only when the world's relay is not the page's own host. */
export function routeHash(worldKey: string, relay: string | null = null): string {
  return `#/w/${worldKey}${relay ? `?relay=${encodeURIComponent(relay)}` : ''}`;
}

/** 32 random bytes, base64url: 43 characters. */
export function createWorldKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The world seed (uint32) derived from its key, so the same link makes the same isle. */
export const seedOfKey: (worldKey: string) => number = worldSeedOf;
