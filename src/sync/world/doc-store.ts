/**
 * Where a device keeps its copy of each document: the interface the world opens documents
 * through, plus an in-memory store for tests. Browser: IndexedDbDocStore (browser-doc-store.ts);
 * terminal client: FileDocStore (node-doc-store.ts).
 *
 *   const stored = store.open(doc, room); await stored.whenLoaded; ... await stored.close();
 */
import type * as Y from 'yjs';
import type { PersistedVerdict } from '../intent/verifier.ts';

/**
 * Intents this device already checked in full (schema, canonical form, signature), as
 * (id, sha256 of the stored string), and strings whose signature failed (marked `rejected`),
 * kept next to a zone document so a reload checks neither the log nor a hostile member's junk
 * in it again. Local storage is trusted: whoever can write it can also replace the key and the
 * documents.
 */
export interface VerifiedSet {
  load(): Promise<readonly PersistedVerdict[]>;
  add(verdicts: readonly PersistedVerdict[]): void;
}

export interface StoredDoc {
  /** Resolves once everything kept locally has been applied to the document. */
  readonly whenLoaded: Promise<void>;
  /** Where this store keeps verified signatures, if it does. */
  readonly verified?: VerifiedSet;
  /** Stop persisting (pending writes are flushed first). */
  close(): Promise<void>;
}

export interface DocStore {
  /** True when a document closed and opened again comes back with what it held. */
  readonly durable: boolean;
  open(doc: Y.Doc, room: string): StoredDoc;
  /** True when this device keeps a copy of `room` (absent: the store cannot tell, so it is taken as no). */
  holds?(room: string): Promise<boolean>;
  /** Forget this device's copy of `room` (a document of an epoch the world has left: world-cut.ts). */
  drop?(room: string): Promise<void>;
}

/** Keeps nothing: every document starts empty. */
export class MemoryDocStore implements DocStore {
  readonly durable = false;
  open(): StoredDoc {
    return { whenLoaded: Promise.resolve(), close: async () => {} };
  }
}
