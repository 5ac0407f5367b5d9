/**
 * Browser-only pieces of src/sync: documents and key in IndexedDB.
 *
 *   const world = await SharedWorld.open({ ..., store: new IndexedDbDocStore(),
 *     identity: await loadOrCreateIdentity(new IndexedDbKeyStore()) });
 */
export { IndexedDbDocStore } from './world/browser-doc-store.ts';
export { IndexedDbKeyStore } from './world/browser-key-store.ts';
