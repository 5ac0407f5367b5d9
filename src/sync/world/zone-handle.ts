/**
 * One zone document as a world has it open: the Y.Doc, its local store, its relay link and
 * awareness, and (once the player is here or about to arrive) its replica bound to the log.
 * Neighbouring zones are opened without a replica (prefetch: their logs load and sync).
 *
 *   const h = await ZoneHandle.open('harbor', worldKey, store, connect);
 *   const replica = h.activate(replicaOptions, onChange);
 *   const change = h.write(intent);   // the fold's change, our intent's events among its news
 *   await h.close();
 */
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocStore, StoredDoc } from './doc-store.ts';
import type { FoldChange } from '../replica/fold.ts';
import type { VerifiedIntent } from '../intent/intent.ts';
import type { RelayConnector, RelayLink } from './relay-link.ts';
import { ZoneDoc } from './world-docs.ts';
import { roomName, zoneDocName } from './world-key.ts';
import { bindZoneLog } from './zone-log.ts';
import { ZoneReplica, type ZoneReplicaOptions } from '../replica/zone-replica.ts';
import { Verifier, type PersistedVerdict } from '../intent/verifier.ts';
import { sha256Hex } from '../intent/bytes.ts';

const NO_CHANGE: FoldChange = { news: [], revision: null, refolded: 0 };

/** Transaction origin of this device's own intents. */
export const LOCAL_ORIGIN = Symbol('vetrellis-local');

export class ZoneHandle {
  replica: ZoneReplica | null = null;
  /** When this device opened the zone (ms, machine clock): bounds how long a first sync is awaited. */
  readonly openedAt = Date.now();
  #unbind: (() => void) | null = null;
  /** What folding our own write changed (set by the log's observer while `write` runs). */
  #localChange: FoldChange | null = null;

  private constructor(
    readonly zone: string,
    readonly doc: ZoneDoc,
    readonly stored: StoredDoc,
    readonly link: RelayLink | null,
    readonly awareness: Awareness,
  ) {}

  /** This device's persisted verdicts for the zone, handed to the world's verifier on activation. */
  #trusted: readonly PersistedVerdict[] = [];
  /** Verdicts that came from the store or were stored since (not written again): ids, and `!id hash` of rejected strings. */
  #storedVerified = new Set<string>();
  #toStore: PersistedVerdict[] = [];

  static async open(zone: string, worldKey: string, store: DocStore, connect: RelayConnector | null): Promise<ZoneHandle> {
    const ydoc = new Y.Doc();
    const room = roomName(worldKey, zoneDocName(zone));
    const stored = store.open(ydoc, room);
    await stored.whenLoaded;
    const verified = stored.verified ? await stored.verified.load() : [];
    const link = connect ? connect(ydoc, room) : null;
    const awareness = link ? link.awareness : new Awareness(ydoc);
    const h = new ZoneHandle(zone, new ZoneDoc(ydoc, zone), stored, link, awareness);
    h.#storedVerified = new Set(verified.map(([id, rawHash, v]) => (v === 'rejected' ? `!${id} ${rawHash}` : id)));
    h.#trusted = verified;
    return h;
  }

  #noteValid(intent: VerifiedIntent): void {
    if (!this.stored.verified || this.#storedVerified.has(intent.id)) return;
    this.#storedVerified.add(intent.id);
    this.#store([intent.id, intent.rawHash]);
  }

  #noteBadSignature(id: string, raw: string): void {
    if (!this.stored.verified) return;
    const rawHash = sha256Hex(raw);
    const key = `!${id} ${rawHash}`;
    if (this.#storedVerified.has(key)) return;
    this.#storedVerified.add(key);
    this.#store([id, rawHash, 'rejected']);
  }

  #store(verdict: PersistedVerdict): void {
    if (this.#toStore.length === 0) queueMicrotask(() => this.#flushVerified());
    this.#toStore.push(verdict);
  }

  #flushVerified(): void {
    const pairs = this.#toStore;
    this.#toStore = [];
    this.stored.verified?.add(pairs);
  }

  activate(options: ZoneReplicaOptions, onChange: (change: FoldChange, local: boolean) => void): ZoneReplica {
    if (this.replica) return this.replica;
    const verifier = options.verifier ?? new Verifier();
    verifier.trust(this.#trusted);
    this.#trusted = [];
    const replica = new ZoneReplica({ ...options, verifier, onValid: (i) => this.#noteValid(i), onBadSignature: (id, raw) => this.#noteBadSignature(id, raw) });
    this.replica = replica;
    // Re-folds that another zone caused (an arrive here read its travel there anew).
    replica.onCrossingChange = (change) => onChange(change, false);
    this.#unbind = bindZoneLog(this.doc, replica, (change, origin) => {
      const local = origin === LOCAL_ORIGIN;
      if (local) this.#localChange = change;
      onChange(change, local);
    });
    return replica;
  }

  /** Append one of our own intents to the log; the bound replica folds it at once, and its change is returned. */
  write(intent: VerifiedIntent): FoldChange {
    this.#localChange = null;
    this.doc.doc.transact(() => this.doc.intents.set(intent.id, intent.raw), LOCAL_ORIGIN);
    this.link?.track();
    const change = this.#localChange ?? NO_CHANGE;
    this.#localChange = null;
    return change;
  }

  async close(): Promise<void> {
    this.#flushVerified();
    this.replica?.close();
    this.#unbind?.();
    this.link?.destroy();
    await this.stored.close();
    this.doc.doc.destroy();
  }
}
