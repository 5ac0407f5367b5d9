/**
 * A document's y-indexeddb database read and added to directly, without opening the document
 * (browser-doc-store.ts opens them for play): what a world file takes out of this browser and
 * brings into it. The browser's twin of node-doc-store's `storedUpdate` / `appendUpdate`.
 *
 *   const update = await storedUpdateIn(room);      // null when this browser holds no such document
 *   await addStoredUpdate(room, update);            // merged by Yjs when the document next opens
 *
 * Adding is what y-indexeddb does for each local change (one more record in `updates`), so a
 * tab playing the same document meanwhile merges it when it next compacts, and loses nothing.
 */
import * as Y from 'yjs';

const UPDATES = 'updates';

/** Opens database `name`; with `create` false, a database that does not exist is not made (null). */
function openDocDb(name: string, create: boolean): Promise<IDBDatabase | null> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    let absent = false;
    req.onupgradeneeded = () => {
      if (!create) {
        absent = true;
        req.transaction!.abort();
        return;
      }
      // The stores y-indexeddb makes (lib0/indexeddb, version 1).
      req.result.createObjectStore(UPDATES, { autoIncrement: true });
      req.result.createObjectStore('custom');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => (absent ? resolve(null) : reject(req.error ?? new Error(`IndexedDB could not open ${name}`)));
  });
}

function completion(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
}

/** The merged update database `name` holds, or null when there is none (nothing is created). */
export async function storedUpdateIn(name: string): Promise<Uint8Array | null> {
  const db = await openDocDb(name, false);
  if (db === null) return null;
  try {
    if (!db.objectStoreNames.contains(UPDATES)) return null;
    const tx = db.transaction(UPDATES, 'readonly');
    const all = tx.objectStore(UPDATES).getAll();
    await completion(tx);
    const updates = all.result as Uint8Array[];
    return updates.length === 0 ? null : Y.mergeUpdates(updates);
  } finally {
    db.close();
  }
}

/** Adds `update` to database `name` (made as y-indexeddb makes it when missing); resolves once committed. */
export async function addStoredUpdate(name: string, update: Uint8Array): Promise<void> {
  const db = (await openDocDb(name, true))!;
  try {
    const tx = db.transaction(UPDATES, 'readwrite');
    tx.objectStore(UPDATES).add(update);
    await completion(tx);
  } finally {
    db.close();
  }
}
