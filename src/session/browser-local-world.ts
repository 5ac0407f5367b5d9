/**
 * Opening a single-player world in the browser: its intent log in IndexedDB (nothing kept in a
 * browser without IndexedDB), played by one tab at a time under a Web Lock, since two tabs
 * appending to one log would interleave it. These are the worlds the web app's list holds with
 * no `kind: 'shared'`.
 *
 *   const opened = await openBrowserLocalWorld(content, db, record, false);
 *   if (!opened) showElsewhere();          // another tab plays it; `steal` takes it over
 *   else { opened.lock.lost.then(stop); new Session(opened.world, …); }
 */
import type { Content } from '../content/schema.ts';
import type { WorldRecord } from './browser-db.ts';
import { openBrowserLogStore, type BrowserLogStore } from './browser-log-store.ts';
import { LocalWorld, memoryLogStore } from './local-world.ts';
import { tryLock, type HeldLock } from '../sync/world/tab-lock.ts';

/** Held while a world is open in this tab; `lost` resolves when another tab takes it over. */
export type WorldLock = HeldLock;

export interface BrowserLocalWorld {
  readonly world: LocalWorld;
  /** Held while the world is open; release it after closing the world. */
  readonly lock: WorldLock;
  /** The log in IndexedDB; null where the browser keeps nothing (the world lasts until the tab closes). */
  readonly store: BrowserLogStore | null;
}

/** Null when another tab of this browser plays the world (and `steal` is false). */
export async function openBrowserLocalWorld(
  content: Content, db: IDBDatabase | null, record: WorldRecord, steal: boolean,
): Promise<BrowserLocalWorld | null> {
  const lock = await tryLock(`vetrellis-world:${record.key}`, { steal });
  if (!lock) return null;
  try {
    const store = db ? await openBrowserLogStore(db, record) : null;
    return { world: LocalWorld.open(content, store ?? memoryLogStore(record.seed)), lock, store };
  } catch (error) {
    lock.release();
    throw error;
  }
}
