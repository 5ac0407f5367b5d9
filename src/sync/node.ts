/**
 * Node-only pieces of src/sync for the terminal client: documents and key on disk.
 *
 *   const store = new FileDocStore(join(worldDir, 'docs'));
 *   const identity = await loadOrCreateIdentity(new FileKeyStore(join(worldDir, 'identity.json')));
 */
export { FileDocStore } from './node-doc-store.ts';
export { FileKeyStore } from './node-key-store.ts';
