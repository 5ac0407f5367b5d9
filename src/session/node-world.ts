/**
 * Opening a shared world for the terminal client (Node): the world folder holds the player's key
 * (`identity.json`), the world key (`world.json`) and the documents (`docs/`); a relay syncs
 * them, and a share link gives the world key (and relay) of a world to join. The browser's
 * counterpart is ./browser-world.ts.
 *
 *   const { world, dir, lock } = await openNodeWorld({ content, dir: undefined, relay: 'ws://localhost:8080/',
 *                                                join: undefined, name: 'Ana', seed: 7 });
 *   const session = new Session(world, { name: 'Ana', clock: () => Date.now() });
 */
import { loadLaterProse } from '../narrate/later-prose.ts';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';
import { z } from 'zod';
import type { Content } from '../content/schema.ts';
import { loadOrCreateIdentity } from '../sync/intent/identity.ts';
import * as Y from 'yjs';
import { appendUpdate, FileDocStore, FileKeyStore, storedUpdate } from '../sync/node.ts';
import { deserializeIdentity } from '../sync/intent/identity.ts';
import { canJoin, createWorldKey, isPrivateWorld, ownerKeyOf, parseWorldLink, roomName, rootDocName, worldIdOf } from '../sync/world/world-key.ts';
import { rootCuts, worldDocNames, type WorldCut } from '../sync/world/world-cut.ts';
import { worldCipherOf } from '../sync/world/world-cipher.ts';
import { RootDoc } from '../sync/world/world-docs.ts';
import { readWorldFile, writeWorldFile, WorldFileError, type WorldFileContents } from '../sync/world/world-file.ts';
import { lockWorldFolder, type FolderLock } from './folder-lock.ts';
import { SharedWorldBackend } from './shared-world-backend.ts';

export { ContentError } from '../content/index.ts';
export { loadContentDir } from '../content/node-load.ts';

/** `movedFrom`: ids of the worlds this folder followed its owner away from (issue 19): their links still open it. */
const WorldFile = z.object({ format: z.literal('vetrellis-world/1'), worldKey: z.string().min(22), relay: z.string().nullable(), movedFrom: z.optional(z.array(z.string().max(64)).max(64)) });

export interface NodeWorldRequest {
  readonly content: Content;
  /** The world folder; by default one under `.vetrellis/worlds/` named after the world. */
  readonly dir: string | undefined;
  /** ws(s):// URL of the relay; by default the one the folder or the link names, else none. */
  readonly relay: string | undefined;
  /** A share link (or bare key) of a world to join. */
  readonly join: string | undefined;
  readonly name: string;
  /** Join as a companion of the player of this name (SharedWorldOptions.companionOf). */
  readonly companionOf?: string | undefined;
  /** Names the folder of a new world made without one. */
  readonly seed: number;
  /** Called if another client takes the folder's lock while this one holds it (folder-lock.ts). */
  readonly onLockLost?: (why: string) => void;
}

export interface OpenedNodeWorld {
  readonly world: SharedWorldBackend;
  readonly dir: string;
  /** Held until released after the world is closed: one client per world folder. */
  readonly lock: FolderLock;
}

/** ws://host:port/... -> http://host:port/ : where the relay also serves the web app. */
export function pageOfRelay(relay: string): string {
  const url = new URL(relay);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  url.pathname = '/';
  url.search = '';
  url.hash = '';
  return url.toString();
}

/** http://host/#/w/key -> ws://host/ (the relay beside the page), unless the link names one. */
function relayOfLink(link: string, named: string | null): string | null {
  if (named) return named;
  try {
    const url = new URL(link);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}/`;
  } catch {
    return null;
  }
}

export async function openNodeWorld(req: NodeWorldRequest): Promise<OpenedNodeWorld> {
  // In Node every prose module is at hand: news told before the first command reads in full.
  await loadLaterProse();
  let worldKey: string;
  let relay = req.relay ?? null;
  if (req.join) {
    const parsed = parseWorldLink(req.join);
    if (!parsed) throw new Error(`--join: "${req.join}" is not a Vetrellis world link (it should end in #/w/<key>)`);
    worldKey = parsed.worldKey;
    relay ??= relayOfLink(req.join, parsed.relay);
  } else {
    worldKey = '';
  }
  const dir = resolve(req.dir ?? join('.vetrellis', 'worlds', worldKey ? worldIdOf(worldKey).slice(0, 16) : `new-${req.seed}`));
  const fresh = !existsSync(dir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Before anything is read or written: a second client on this folder stops here.
  const lock = await lockWorldFolder(dir, req.onLockLost ?? ((why) => { throw new Error(why); }));
  try {
    return { world: await openLockedWorld(req, dir, worldKey, relay), dir, lock };
  } catch (err) {
    await lock.release();
    // A folder made for this attempt holds nothing worth keeping: no world was found or made.
    if (fresh) rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

async function openLockedWorld(req: NodeWorldRequest, dir: string, joinKey: string, named: string | null): Promise<SharedWorldBackend> {
  let worldKey = joinKey;
  let relay = named;
  // Private to the user, like everything in it: the world key alone opens the world.
  chmodSync(dir, 0o700);
  const worldPath = join(dir, 'world.json');
  // Only a folder that held no world may make one: a kept world whose documents cannot be read
  // is reported, never started afresh over them.
  const kept = existsSync(worldPath);
  if (kept) {
    const saved = readWorldJson(worldPath);
    // The link of a world this folder followed away from opens where it went (a restart with the same --join).
    if (worldKey && saved.movedFrom?.includes(worldIdOf(worldKey)) === true) worldKey = saved.worldKey;
    if (worldKey && worldIdOf(saved.worldKey) !== worldIdOf(worldKey)) throw new Error(`${dir} already holds another world; pick another --world folder to join this one`);
    // The same world's play link over its watch link lets this folder play from now on (docs/links.md).
    if (!worldKey || !canJoin(worldKey) || canJoin(saved.worldKey)) worldKey = saved.worldKey;
    relay ??= saved.relay;
  }
  const identity = await loadOrCreateIdentity(new FileKeyStore(join(dir, 'identity.json')));
  chmodSync(join(dir, 'identity.json'), 0o600);
  // A world made here is owned by this folder's player (the key names them), and private: the
  // relay stores and forwards only ciphertext (docs/links.md "Private worlds").
  worldKey ||= createWorldKey(identity.publicKey, { private: true });
  let movedFrom = kept ? readWorldJson(worldPath).movedFrom ?? [] : [];
  const keep = (key: string, from: string | null): void => {
    if (from !== null && !movedFrom.includes(from)) movedFrom = [...movedFrom, from].slice(-64);
    writeFileSync(worldPath, JSON.stringify({ format: 'vetrellis-world/1', worldKey: key, relay, ...(movedFrom.length === 0 ? {} : { movedFrom }) }, null, 2) + '\n', { mode: 0o600 });
  };
  keep(worldKey, null);
  chmodSync(worldPath, 0o600);
  try {
    const backend = await SharedWorldBackend.open({
      content: req.content,
      identity,
      worldKey,
      store: new FileDocStore(join(dir, 'docs')),
      relay: relay ? { url: relay, WebSocketPolyfill: WebSocket } : null,
      name: req.name,
      ...(req.companionOf === undefined ? {} : { companionOf: req.companionOf }),
      create: req.join || kept ? null : { name: `${req.name}'s isle` },
      linkBase: relay ? pageOfRelay(relay) : '',
    });
    // The owner moved the world and this folder follows (issue 19): it opens the new world from now on.
    let current = worldKey;
    const followed = (key: string): void => {
      keep(key, worldIdOf(current));
      current = key;
    };
    if (backend.worldKey !== worldKey) followed(backend.worldKey);
    backend.onMovedTo(followed);
    return backend;
  } catch (err) {
    if (req.join && !kept && err instanceof Error && err.message.startsWith('world not found')) {
      throw new Error(`no world was found at this link: ${relay ? `the relay at ${new URL(relay).host} does not hold it` : 'no relay was named'}. Check the link (or ask for a new one).`, { cause: err });
    }
    throw err;
  }
}

function readWorldJson(path: string): z.infer<typeof WorldFile> {
  try {
    return WorldFile.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (err) {
    throw new Error(`${path}: this world file is damaged (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
  }
}

/** What `--export` wrote. */
export interface ExportedWorld {
  readonly name: string;
  readonly intents: number;
  /** Entries held that did not verify (junk someone once stored), left out of the file. */
  readonly leftOut: number;
  readonly withKey: boolean;
}

/** The cuts (world-cut.ts) the root document kept in `docsDir` holds. */
function storedCuts(docsDir: string, worldKey: string): WorldCut[] {
  const update = storedUpdate(docsDir, roomName(worldKey, rootDocName()));
  if (update === null) return [];
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const cuts = rootCuts(new RootDoc(doc, isPrivateWorld(worldKey) ? worldCipherOf(worldKey) : null), worldIdOf(worldKey), ownerKeyOf(worldKey));
  doc.destroy();
  return cuts;
}

/**
 * Write the world kept in folder `dir` to `file` (world-file.ts): what this device holds, not
 * what the relay may hold beyond it. The player's key goes in only with `withKey`.
 */
export function exportWorldFolder(dir: string, file: string, content: Content, withKey: boolean): ExportedWorld {
  const worldPath = join(dir, 'world.json');
  if (!existsSync(worldPath)) throw new Error(`${dir} holds no world to export`);
  const saved = readWorldJson(worldPath);
  const docs = new Map<string, Y.Doc>();
  for (const name of worldDocNames(content.zones.keys(), storedCuts(join(dir, 'docs'), saved.worldKey))) {
    const update = storedUpdate(join(dir, 'docs'), roomName(saved.worldKey, name));
    if (update === null) continue;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    docs.set(name, doc);
  }
  if (!docs.has(rootDocName())) throw new Error(`${dir} holds the world's key but none of its documents: nothing to export`);
  let identity = null;
  if (withKey) {
    const path = join(dir, 'identity.json');
    identity = deserializeIdentity(JSON.parse(readFileSync(path, 'utf8')));
    if (identity === null) throw new Error(`${path}: not a Vetrellis identity file`);
  }
  const written = writeWorldFile({ worldKey: saved.worldKey, relay: saved.relay, docs, identity });
  for (const doc of docs.values()) doc.destroy();
  writeFileSync(file, written.text, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { name: written.name, intents: written.intents, leftOut: written.leftOut, withKey: identity !== null };
}

/** What `--import` brought into a folder. */
export interface ImportedWorld {
  readonly name: string;
  readonly intents: number;
  /** The file carried the player's key, and the folder now plays as that player. */
  readonly withKey: boolean;
}

/**
 * Bring the world of `file` into folder `dir` (made if missing), after checking all of it
 * (world-file.ts: a damaged or altered file is refused and nothing is written). A folder that
 * already holds the same world keeps everything and gains what the file adds; a folder holding
 * another world, or another player's key where the file carries one, is refused.
 */
export async function importWorldFile(dir: string, file: string, content: Content): Promise<ImportedWorld> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : err instanceof Error ? err.message : String(err)}`);
  }
  let read: WorldFileContents;
  try {
    read = readWorldFile(text, content.zones.keys());
  } catch (err) {
    if (err instanceof WorldFileError) throw new Error(`${file}: ${err.message}. Nothing was imported.`);
    throw err;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const lock = await lockWorldFolder(dir, (why) => { throw new Error(why); });
  try {
    chmodSync(dir, 0o700);
    const worldPath = join(dir, 'world.json');
    if (existsSync(worldPath) && readWorldJson(worldPath).worldKey !== read.worldKey) throw new Error(`${dir} already holds another world; import into an empty folder`);
    const idPath = join(dir, 'identity.json');
    if (read.identity !== null && existsSync(idPath)) {
      const held = await new FileKeyStore(idPath).load();
      if (held !== null && held.player !== read.identity.player) throw new Error(`${dir} already holds another player's key; import into an empty folder`);
    }
    if (read.identity !== null) await new FileKeyStore(idPath).save(read.identity);
    for (const [name, update] of read.updates) appendUpdate(join(dir, 'docs'), roomName(read.worldKey, name), update);
    writeFileSync(worldPath, JSON.stringify({ format: 'vetrellis-world/1', worldKey: read.worldKey, relay: read.relay }, null, 2) + '\n', { mode: 0o600 });
    return { name: read.name, intents: read.intents, withKey: read.identity !== null };
  } finally {
    await lock.release();
  }
}
