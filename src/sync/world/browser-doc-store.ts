/**
 * The browser's document store: one y-indexeddb database per document (named by its room, so
 * the database name does not reveal the world key either), and a small `<room>-verified`
 * database of intents already checked in full on this device (id -> sha256 of the stored string).
 *
 *   const stored = new IndexedDbDocStore().open(doc, room); await stored.whenLoaded;
 *   new IndexedDbDocStore('companion:pip:3fa2…:');   // a copy of its own for another player of this browser
 */
import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';
import type { DocStore, StoredDoc, VerifiedSet } from './doc-store.ts';
import type { PersistedVerdict } from '../intent/verifier.ts';

const STORE = 'verified';

function openVerifiedDb(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function verifiedDb(name: string): VerifiedSet {
  let db: Promise<IDBDatabase> | null = null;
  const get = () => (db ??= openVerifiedDb(name));
  return {
    async load() {
      const d = await get();
      return new Promise((resolve, reject) => {
        const tx = d.transaction(STORE, 'readonly');
        const keys = tx.objectStore(STORE).getAllKeys();
        const values = tx.objectStore(STORE).getAll();
        // A rejected string's verdict is kept under `!<id>`, apart from the id's sound one.
        tx.oncomplete = () => resolve((keys.result as string[]).map((key, i): PersistedVerdict =>
          key.startsWith('!') ? [key.slice(1), values.result[i] as string, 'rejected'] : [key, values.result[i] as string]));
        tx.onerror = () => reject(tx.error);
      });
    },
    add(verdicts) {
      if (verdicts.length === 0) return;
      void get().then((d) => {
        const tx = d.transaction(STORE, 'readwrite');
        const s = tx.objectStore(STORE);
        for (const [id, rawHash, v] of verdicts) s.put(rawHash, v === 'rejected' ? `!${id}` : id);
      });
    },
  };
}

export class IndexedDbDocStore implements DocStore {
  readonly durable = true;
  /**
   * `prefix` keeps a second player's copy of the world (a companion in a Web Worker) apart from the
   * tab's: two y-indexeddb instances over one database in two contexts would each compact it
   * without the other's updates in memory.
   */
  constructor(readonly prefix = '') {}
  async holds(room: string): Promise<boolean> {
    // Chromium, Firefox and Safari list databases; where a browser cannot, nothing is taken as held.
    if (typeof indexedDB.databases !== 'function') return false;
    const name = `${this.prefix}${room}`;
    return (await indexedDB.databases()).some((d) => d.name === name);
  }

  async drop(room: string): Promise<void> {
    const gone = (name: string): Promise<void> => new Promise((resolve) => {
      const req = indexedDB.deleteDatabase(name);
      req.onsuccess = req.onerror = req.onblocked = () => resolve();
    });
    await gone(`${this.prefix}${room}`);
    await gone(`${this.prefix}${room}-verified`);
  }

  open(doc: Y.Doc, room: string): StoredDoc {
    const persistence = new IndexeddbPersistence(`${this.prefix}${room}`, doc);
    return {
      whenLoaded: persistence.whenSynced.then(() => undefined),
      verified: verifiedDb(`${this.prefix}${room}-verified`),
      close: () => persistence.destroy(),
    };
  }
}
