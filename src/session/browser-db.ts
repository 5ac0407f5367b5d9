/**
 * The web app's IndexedDB database: the list of your worlds and each single-player world's intent
 * log (shared worlds keep their documents in databases of their own, see src/sync/browser.ts).
 * A few promise wrappers, nothing more.
 *
 *   const db = await openLocalDb();
 *   const worlds = await listWorlds(db);
 */
import { compareCodeUnits } from '../content/canonical.ts';

export const DB_NAME = 'vetrellis-local';
const DB_VERSION = 1;

/** One world in "your worlds". The key is the secret in the link (`#/w/<key>`). */
export interface WorldRecord {
  readonly key: string;
  /** The player's own label for the world (rename changes only this). */
  readonly name: string;
  readonly seed: number;
  readonly player: string;
  readonly created: number;
  readonly lastPlayed: number;
  /**
   * `shared`: a Yjs world synced through a relay (what the web app makes).
   * Absent or `local`: a single-player world, its log of unsigned intents in the `intents` store
   * here. It is never migrated: a shared world cannot take in unsigned intents, and a migration
   * that failed halfway could lose the world.
   */
  readonly kind?: 'shared' | 'local';
  /** The relay a shared world's link named (`?relay=`); absent or null: the page's own host. */
  readonly relay?: string | null;
  /** The companion invited into this (shared) world from this browser: it wakes whenever the world opens here. */
  readonly companion?: string;
}

export interface IntentRow {
  readonly world: string;
  readonly seq: number;
  readonly intent: unknown;
}

export function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

export function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
}

export function openLocalDb(): Promise<IDBDatabase> {
  const req = indexedDB.open(DB_NAME, DB_VERSION);
  req.onupgradeneeded = () => {
    const db = req.result;
    if (!db.objectStoreNames.contains('worlds')) db.createObjectStore('worlds', { keyPath: 'key' });
    if (!db.objectStoreNames.contains('intents')) db.createObjectStore('intents', { keyPath: ['world', 'seq'] });
  };
  return request(req);
}

/** All intents of one world, in order. */
export function worldRange(world: string): IDBKeyRange {
  return IDBKeyRange.bound([world, 0], [world, Infinity]);
}

export async function listWorlds(db: IDBDatabase): Promise<WorldRecord[]> {
  const rows = await request(db.transaction('worlds').objectStore('worlds').getAll() as IDBRequest<WorldRecord[]>);
  return rows.sort((a, b) => b.lastPlayed - a.lastPlayed || compareCodeUnits(a.key, b.key));
}

export async function putWorld(db: IDBDatabase, world: WorldRecord): Promise<void> {
  const tx = db.transaction('worlds', 'readwrite');
  tx.objectStore('worlds').put(world);
  await done(tx);
}

/** Forgets a world: its entry and its whole log. */
export async function deleteWorld(db: IDBDatabase, key: string): Promise<void> {
  const tx = db.transaction(['worlds', 'intents'], 'readwrite');
  tx.objectStore('worlds').delete(key);
  tx.objectStore('intents').delete(worldRange(key));
  await done(tx);
}
