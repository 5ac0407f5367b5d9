/**
 * Where a device keeps its copy of each document: the interface the world opens documents
 * through, plus an in-memory store for tests. Browser: IndexedDbDocStore (browser-doc-store.ts);
 * terminal client: FileDocStore (node-doc-store.ts).
 *
 *   const stored = store.open(doc, room); await stored.whenLoaded; ... await stored.close();
 */
import type * as Y from 'yjs';

export interface StoredDoc {
  /** Resolves once everything kept locally has been applied to the document. */
  readonly whenLoaded: Promise<void>;
  /** Stop persisting (pending writes are flushed first). */
  close(): Promise<void>;
}

export interface DocStore {
  open(doc: Y.Doc, room: string): StoredDoc;
}

/** Keeps nothing: every document starts empty. */
export class MemoryDocStore implements DocStore {
  open(): StoredDoc {
    return { whenLoaded: Promise.resolve(), close: async () => {} };
  }
}
