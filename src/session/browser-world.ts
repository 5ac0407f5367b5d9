/**
 * Opening a shared world in the browser: the player's key and the world's documents live in
 * IndexedDB, and the relay is the page's own host unless the link names another. The web app
 * calls this and hands the result to a `Session`.
 *
 *   const world = await openBrowserWorld({ content, worldKey, relay: relayForPage(location, null), name: 'Ana',
 *                                          create: { name: "Ana's isle" } });
 *   const session = new Session(world, { name: 'Ana', clock: () => Date.now() });
 */
import type { Content } from '../content/schema.ts';
import { loadOrCreateIdentity, type Identity } from '../sync/intent/identity.ts';
import { IndexedDbDocStore, IndexedDbKeyStore } from '../sync/browser.ts';
import { roomName, rootDocName, worldIdOf } from '../sync/world/world-key.ts';
import { worldDocNames } from '../sync/world/epoch-ref.ts';
import { DEVICE_DOCS } from '../sync/world/device-docs.ts';
import { SharedWorldBackend } from './shared-world-backend.ts';

export interface BrowserWorldRequest {
  readonly content: Content;
  readonly worldKey: string;
  /** ws(s):// URL of the relay, or null to play this world on this device only. */
  readonly relay: string | null;
  readonly name: string;
  /** Make the world when neither this device nor the relay has it (a key this page just made). */
  readonly create: { readonly name: string } | null;
  /** The page the share link points at, e.g. `https://vetrellis.example/`. */
  readonly linkBase: string;
  /** Wait this long for the relay before playing from what this device holds (ms). */
  readonly relayTimeoutMs?: number;
  /**
   * Another player of this browser (a companion): its own key (the key store's profile of this
   * name) and its own copy of the documents (databases named after it). Default: the browser's player.
   */
  readonly profile?: string;
  /** Join as the companion of the roster's player of this name (SharedWorldOptions.companionOf). */
  readonly companionOf?: string;
}

/** This browser's player key (made on first use): a world made here names it as its owner. */
export async function browserPlayerKey(): Promise<Uint8Array> {
  return (await loadOrCreateIdentity(new IndexedDbKeyStore())).publicKey;
}

/**
 * The key store profile of a player key brought in by a world file for that world alone
 * (browser-world-file.ts): the browser plays that world as the file's character, and every other
 * world as its own player.
 */
export const worldKeyProfile = (worldKey: string): string => `world:${worldIdOf(worldKey)}`;

/** The world moved to `to` (issue 19): a player key a world file brought for `from` plays `to` too. */
export async function carryWorldKeyProfile(from: string, to: string): Promise<void> {
  const brought = await new IndexedDbKeyStore(worldKeyProfile(from)).load();
  if (brought) await new IndexedDbKeyStore(worldKeyProfile(to)).save(brought);
}

/** The key this browser plays `worldKey` with: one a world file brought for it, else the browser's own. */
export async function browserWorldIdentity(worldKey: string, profile?: string): Promise<Identity> {
  return (profile === undefined && await new IndexedDbKeyStore(worldKeyProfile(worldKey)).load()) || loadOrCreateIdentity(new IndexedDbKeyStore(profile));
}

export async function openBrowserWorld(req: BrowserWorldRequest): Promise<SharedWorldBackend> {
  const identity = await browserWorldIdentity(req.worldKey, req.profile);
  return SharedWorldBackend.open({
    content: req.content,
    identity,
    worldKey: req.worldKey,
    store: new IndexedDbDocStore(req.profile === undefined ? '' : `${req.profile}:`),
    relay: req.relay ? { url: req.relay } : null,
    name: req.name,
    create: req.create,
    linkBase: req.linkBase,
    // The page's own player publishes its box key after the first screen (AppState calls publishBoxKey).
    startLater: req.profile === undefined,
    ...(req.relayTimeoutMs !== undefined ? { relayTimeoutMs: req.relayTimeoutMs } : {}),
    ...(req.companionOf !== undefined ? { companionOf: req.companionOf } : {}),
  });
}

/** The relay for a page: the one a link names, else the page's own host (ws:// or wss://). */
export function relayForPage(page: { protocol: string; host: string }, named: string | null): string {
  if (named) return named;
  return `${page.protocol === 'https:' ? 'wss:' : 'ws:'}//${page.host}/`;
}

/**
 * Forgets a shared world on this device: deletes the IndexedDB databases of its documents (the
 * root and every zone, and the device's own notes: device-docs.ts), and the copies its companions
 * kept (`<profile>:<room>`). The world lives
 * on at the relay and with everyone else who has it; the world must be closed first.
 */
export async function forgetBrowserWorld(content: Content, worldKey: string): Promise<void> {
  // Every epoch's documents (world-cut.ts), as the root kept here names them (read by the code
  // that writes world files, loaded for this).
  const { storedUpdateIn } = await import('../sync/world/browser-stored-updates.ts');
  const { cutsOfStoredRoot } = await import('./browser-world-file.ts');
  const rootUpdate = await storedUpdateIn(roomName(worldKey, rootDocName()));
  const docs = worldDocNames(content.zones.keys(), rootUpdate === null ? [] : cutsOfStoredRoot(worldKey, rootUpdate));
  // And what this device kept for itself about the world (device-docs.ts).
  const names = [...docs.flatMap((d) => [roomName(worldKey, d), `${roomName(worldKey, d)}-verified`]), ...DEVICE_DOCS.map((d) => roomName(worldKey, d))];
  // Room names are hashes of the world key: a database named `…:<room>` holds this world only.
  const stored = await indexedDB.databases?.().catch(() => []) ?? [];
  const copies = stored.flatMap((db) => (db.name && names.some((n) => db.name!.endsWith(`:${n}`)) ? [db.name] : []));
  await Promise.all([...names, ...copies].map((name) => new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  })));
}
