/**
 * The agent API in the browser: a world in memory (`seed`), any world a session can play
 * (`backend`), or a shared world joined by its link (`join`), its key and its copy of the world in
 * IndexedDB under a profile of its own, so a bot (or the web app's companion, in a Web Worker)
 * is a player apart from the tab's. Node's counterpart, with folders, is ./node.ts.
 *
 *   const env = await openAgentWorld({ content, join: 'https://host/#/w/<key>', name: 'Pip',
 *                                      profile: 'companion:pip:3fa2…', companionOf: 'Ana', clock: 'real' });
 */
import { openBrowserWorld, relayForPage } from '../session/browser-world.ts';
import { parseWorldLink, worldIdOf } from '../sync/world/world-key.ts';
import type { AgentWorld } from './agent-world.ts';
import { checkedName, openAgentWorld as openWith, type AgentOptions } from './index.ts';

export * from './index.ts';

export interface BrowserAgentOptions extends Omit<AgentOptions, 'release'> {
  /** A share link of a world to join; its relay is the one the link names, else the link's own host. */
  readonly join?: string;
  /** Whose key and copy of the world (browser-world.ts `profile`); default the browser's player. */
  readonly profile?: string;
  /** Join as the companion of the roster's player of this name. */
  readonly companionOf?: string;
  /** How long opening waits for the relay before playing from what this browser holds (ms). */
  readonly relayTimeoutMs?: number;
}

/** Throws (with nothing written) when the link is not a world's, or the world cannot be opened. */
export async function openAgentWorld(options: BrowserAgentOptions): Promise<AgentWorld> {
  const { join, profile, companionOf, relayTimeoutMs, ...rest } = options;
  if (join === undefined || options.backend) return openWith(rest);
  const parsed = parseWorldLink(join);
  const page = URL.canParse(join) ? new URL(join) : null;
  if (!parsed || !page) throw new Error(`"${join}" is not a Vetrellis world link (it should be a page address ending in #/w/<key>)`);
  const world = await openBrowserWorld({
    content: options.content, worldKey: parsed.worldKey, relay: relayForPage(page, parsed.relay), name: checkedName(options.name),
    create: null, linkBase: `${page.origin}${page.pathname}`,
    ...(profile === undefined ? {} : { profile }), ...(companionOf === undefined ? {} : { companionOf }),
    ...(relayTimeoutMs === undefined ? {} : { relayTimeoutMs }),
  });
  return openWith({ ...rest, backend: world });
}

/**
 * Where a companion of this browser keeps its key and its copy of a world: one profile per world
 * and name, so the Pip of one isle is not the Pip of another, and inviting Pip again brings back
 * the same character. Named by the world's id (a hash), never its key: IndexedDB names can be
 * read by anyone with the device. (Node's counterpart is a folder: node.ts `companionFolder`.)
 *
 *   companionProfile('https://host/#/w/<key>', 'Pip');   // 'companion:3fa2c81d07be:pip'
 */
export function companionProfile(link: string, name: string): string {
  const key = parseWorldLink(link)?.worldKey;
  if (!key) throw new Error(`"${link}" is not a Vetrellis world link`);
  return `companion:${worldIdOf(key).slice(0, 12)}:${name.normalize('NFKC').toLowerCase().replace(/\s+/g, '-')}`;
}
