/**
 * A local world's intent log in IndexedDB, behind the session's `LogStore`. The log is read once
 * when the world opens (LogStore.load is synchronous), then every intent is written behind the
 * game: play never waits on storage, and `whenSaved()` / `close()` wait for the writes.
 *
 *   const store = await openBrowserLogStore(db, record);
 *   const world = LocalWorld.open(content, store);
 */
import { done, request, worldRange, type IntentRow, type WorldRecord } from './browser-db.ts';
import type { LogStore } from './local-world.ts';

type Intent = Parameters<LogStore['append']>[0];

export interface BrowserLogStore extends LogStore {
  /** Intents appended but not yet committed. */
  readonly unsaved: number;
  /** Resolves when every append so far is committed. */
  whenSaved(): Promise<void>;
  /** Called when `unsaved` changes, and with the error when a write fails. */
  onSaveChange: ((unsaved: number, error?: unknown) => void) | null;
}

export async function openBrowserLogStore(db: IDBDatabase, world: WorldRecord): Promise<BrowserLogStore> {
  const rows = await request(db.transaction('intents').objectStore('intents').getAll(worldRange(world.key)) as IDBRequest<IntentRow[]>);
  rows.sort((a, b) => a.seq - b.seq);
  const log = rows.map((r) => r.intent as Intent);
  let writes: Promise<void> = Promise.resolve();
  let unsaved = 0;

  const store: BrowserLogStore = {
    meta: { id: `local-${world.key.slice(0, 12)}`, seed: world.seed, player: world.player },
    get unsaved() {
      return unsaved;
    },
    onSaveChange: null,
    load: () => log,
    append(intent) {
      const row: IntentRow = { world: world.key, seq: log.length, intent };
      log.push(intent);
      unsaved += 1;
      store.onSaveChange?.(unsaved);
      // One transaction per intent, started at once: IndexedDB commits them in order.
      const tx = db.transaction('intents', 'readwrite');
      tx.objectStore('intents').put(row);
      const committed = done(tx);
      writes = writes.then(() => committed).then(
        () => {
          unsaved -= 1;
          store.onSaveChange?.(unsaved);
        },
        (error: unknown) => {
          unsaved -= 1;
          store.onSaveChange?.(unsaved, error);
        },
      );
    },
    whenSaved: () => writes,
    close: () => writes,
  };
  return store;
}
