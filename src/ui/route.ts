/**
 * The page's address is the world link: `#/w/<worldKey>` (plus `?relay=` for a shared world on
 * another relay than the page's own host). Keys, links and seeds are the session's (one maker of
 * world keys for the browser and the terminal); this file only reads and writes the address.
 */
import { isWorldKey, worldLink, worldSeedOf } from '../session/index.ts';

export interface Route {
  readonly worldKey: string;
  readonly relay: string | null;
}

export function parseRoute(hash: string): Route | null {
  const m = /^#\/w\/([A-Za-z0-9_-]+)(?:\?(.*))?$/.exec(hash);
  if (!m || !isWorldKey(m[1]!)) return null;
  const relay = m[2] ? new URLSearchParams(m[2]).get('relay') : null;
  return { worldKey: m[1]!, relay };
}

/** The address of a world; `relay` only when the world's relay is not the page's own host. */
export function routeHash(worldKey: string, relay: string | null = null): string {
  return worldLink('', worldKey, relay);
}

/** The world seed (uint32) derived from its key, so the same link makes the same isle. */
export const seedOfKey: (worldKey: string) => number = worldSeedOf;
