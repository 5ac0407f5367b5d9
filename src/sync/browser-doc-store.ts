/**
 * The browser's document store: one y-indexeddb database per document (named by its room, so
 * the database name does not reveal the world key either).
 *
 *   const stored = new IndexedDbDocStore().open(doc, room); await stored.whenLoaded;
 */
import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';
import type { DocStore, StoredDoc } from './doc-store.ts';

export class IndexedDbDocStore implements DocStore {
  open(doc: Y.Doc, room: string): StoredDoc {
    const persistence = new IndexeddbPersistence(room, doc);
    return {
      whenLoaded: persistence.whenSynced.then(() => undefined),
      close: () => persistence.destroy(),
    };
  }
}
