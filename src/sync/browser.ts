/**
 * Browser-only pieces of src/sync: documents and key in IndexedDB.
 *
 *   const world = await SharedWorld.open({ ..., store: new IndexedDbDocStore(),
 *     identity: await loadOrCreateIdentity(new IndexedDbKeyStore()) });
 */
export { IndexedDbDocStore } from './browser-doc-store.ts';
export { IndexedDbKeyStore } from './browser-key-store.ts';
