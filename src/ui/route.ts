/**
 * The page's address is the world link: `#/w/<worldKey>` (plus `?relay=` for a shared world on
 * another relay than the page's own host). Keys, links and seeds are the session's (one maker of
 * world keys for the browser and the terminal); this file only reads and writes the address.
 */
import { isWorldKey, worldLink, worldSeedOf } from '../session/index.ts';
import { plainLabel } from '../session/plain-label.ts';

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

/** A relay as its URL says it (`ws://host` and `ws://host/` are one relay). */
function sameRelay(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
}

/** What a player can check a relay by: its host (and port; an international name as punycode). */
export function relayHost(relay: string): string {
  try {
    return new URL(relay).host || relay;
  } catch {
    return relay;
  }
}

/**
 * The relay a link would move a world this browser knows to, or null when the link names no
 * relay or the one the world already uses. `known` null: the world syncs through the page's own
 * host (`pageRelay`). A link is anyone's to write, and a move uploads the whole world there.
 */
export function relayMove(known: string | null, linked: string | null, pageRelay: string): string | null {
  if (linked === null || !isRelayUrl(linked)) return null;
  return sameRelay(known ?? pageRelay, linked) ? null : linked;
}

/** A relay a world could sync through: a ws:// or wss:// URL with a host. */
function isRelayUrl(relay: string): boolean {
  try {
    const url = new URL(relay);
    return (url.protocol === 'ws:' || url.protocol === 'wss:') && url.host !== '';
  } catch {
    return false;
  }
}

/**
 * The question asked before a known world moves: names the relay it would go to and the one it
 * keeps. The world's name is its maker's text, so it is cut short and kept to one plain line.
 */
export function relayMoveQuestion(worldName: string, to: string, from: string): string {
  // Its own quotes could close ours and make the rest of its name read as our words.
  const name = plainLabel(worldName.replace(/["“”]/g, "'"), 40);
  return `This link would move "${name}" to the relay at ${relayHost(to)} and share everything in it there.\n\n`
    + `Only do this if you trust ${relayHost(to)}. Move it? (Cancel keeps it on ${relayHost(from)}.)`;
}
