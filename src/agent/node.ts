/**
 * The agent API in Node: a world in memory (`seed`), kept in a folder (`world`), shared through a
 * relay (`relay`) or joined by its link (`join`), as the terminal client opens them. The terminal
 * client opens its worlds here too, for people and agents alike.
 *
 *   const env = await openAgentWorld({ seed: 7 });
 *   const env = await openAgentWorld({ world: '.vetrellis/worlds/mine' });
 *   const env = await openAgentWorld({ join: 'http://localhost:8080/#/w/<key>', name: 'Bot', world: 'bot-dir' });
 */
import { join, resolve } from 'node:path';
import type { Content } from '../content/schema.ts';
import type { WorldBackend } from '../session/index.ts';
import { LocalWorld, memoryLogStore } from '../session/local-world.ts';
import { loadContentDir, openNodeWorld } from '../session/node-world.ts';
import { parseWorldLink, worldIdOf } from '../sync/world/world-key.ts';
import type { AgentWorld } from './agent-world.ts';
import { checkedName, checkedSeed, openAgentWorld as openWith, type AgentOptions } from './index.ts';

export * from './index.ts';
export { ContentError } from '../session/node-world.ts';

/** The isle this project ships. */
export const DEFAULT_CONTENT_DIR = resolve(import.meta.dirname, '../../content/vetrellis');

export interface PlaceOptions {
  /** Keep the world in this folder (created if missing) and continue it next time. */
  readonly world?: string | undefined;
  /** ws(s):// URL of a relay to share the world through. */
  readonly relay?: string | undefined;
  /** A share link of a world to join. */
  readonly join?: string | undefined;
  /** Called if another client takes the world folder over while this one plays in it. */
  readonly onLockLost?: (why: string) => void;
  /** Join a shared world as a companion of the player of this name (the companion's own option). */
  readonly companionOf?: string | undefined;
}

export interface NodeAgentOptions extends Omit<AgentOptions, 'content' | 'release'>, PlaceOptions {
  /** The content's folder, or content already loaded (default: the isle this project ships). */
  readonly content?: string | Content;
}

export interface PlayWorld {
  readonly world: WorldBackend;
  /** The world's folder; null for a world in memory. */
  readonly dir: string | null;
  /** Lets go of the folder once the world is closed. */
  readonly release: () => Promise<void>;
}

/**
 * Opens the world the options name: in memory unless a folder, relay or link is given. Throws
 * (with nothing changed) when a kept or shared world cannot be opened.
 */
export async function openPlayWorld(content: Content, options: PlaceOptions & { readonly name: string; readonly seed: number }): Promise<PlayWorld> {
  if (!options.world && !options.relay && !options.join) {
    return { world: LocalWorld.open(content, memoryLogStore(options.seed)), dir: null, release: async () => {} };
  }
  const opened = await openNodeWorld({
    content, dir: options.world, relay: options.relay, join: options.join, name: options.name, seed: options.seed, companionOf: options.companionOf,
    ...(options.onLockLost ? { onLockLost: options.onLockLost } : {}),
  });
  return { world: opened.world, dir: opened.dir, release: () => opened.lock.release() };
}

export async function openAgentWorld(options: NodeAgentOptions = {}): Promise<AgentWorld> {
  const content = typeof options.content === 'object' ? options.content : loadContentDir(options.content ?? DEFAULT_CONTENT_DIR);
  const { world: _dir, relay: _relay, join: _join, onLockLost: _lost, companionOf: _friend, ...rest } = options;
  if (options.backend || (!options.world && !options.relay && !options.join)) return openWith({ ...rest, content });
  const place = await openPlayWorld(content, { ...options, name: checkedName(options.name), seed: checkedSeed(options.seed) });
  return openWith({ ...rest, content, backend: place.world, release: place.release });
}

/**
 * Where a companion keeps its own key and copy of a world: never the player's folder (one client
 * per folder, and a companion is a player of its own), one per companion name and world.
 */
export function companionFolder(name: string, link: string): string {
  const key = parseWorldLink(link)?.worldKey;
  const world = key ? worldIdOf(key).slice(0, 12) : 'unknown';
  return join('.vetrellis', 'companions', `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${world}`);
}
