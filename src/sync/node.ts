/**
 * Node-only pieces of src/sync for the terminal client: documents and key on disk.
 *
 *   const store = new FileDocStore(join(worldDir, 'docs'));
 *   const identity = await loadOrCreateIdentity(new FileKeyStore(join(worldDir, 'identity.json')));
 */
export { FileDocStore, appendUpdate, storedUpdate } from './world/node-doc-store.ts';
export { FileKeyStore } from './world/node-key-store.ts';
