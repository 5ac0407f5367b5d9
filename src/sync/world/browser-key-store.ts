/**
 * The browser's key store: the player's secret key in IndexedDB (database `vetrellis-identity`,
 * one record per profile name), so it survives reloads and works offline.
 *
 *   const me = await loadOrCreateIdentity(new IndexedDbKeyStore());
 */
import { deserializeIdentity, serializeIdentity, type Identity, type KeyStore } from '../intent/identity.ts';

const DB = 'vetrellis-identity';
const STORE = 'keys';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function run<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return openDb().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const req = fn(tx.objectStore(STORE));
        tx.oncomplete = () => {
          db.close();
          resolve(req.result);
        };
        tx.onerror = () => {
          db.close();
          reject(tx.error);
        };
      }),
  );
}

export class IndexedDbKeyStore implements KeyStore {
  constructor(readonly profile = 'default') {}

  async load(): Promise<Identity | null> {
    const stored = await run<unknown>('readonly', (s) => s.get(this.profile));
    return stored === undefined ? null : deserializeIdentity(stored);
  }

  async save(identity: Identity): Promise<void> {
    await run('readwrite', (s) => s.put(serializeIdentity(identity), this.profile));
  }
}
