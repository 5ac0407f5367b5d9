/**
 * One zone document as a world has it open: the Y.Doc, its local store, its relay link and
 * awareness, and (once the player is here or about to arrive) its replica bound to the log.
 * Neighbouring zones are opened without a replica (prefetch: their logs load and sync).
 *
 *   const h = await ZoneHandle.open('harbor', worldKey, store, connect);
 *   const replica = h.activate(replicaOptions, onChange);
 *   const change = h.write(intent);   // the fold's change, our intent's events among its news
 *   await h.close();
 *
 * Writes the relay has not confirmed when the link comes back are written again under a fresh
 * Yjs client id: while this device was offline, a hostile peer may have written other structs
 * under its old client id and next clocks, which the relay (and everyone) then holds instead of
 * ours, and a clock the relay reports for that id would confirm nothing of ours.
 */
import { Awareness, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocStore, StoredDoc } from './doc-store.ts';
import type { FoldChange } from '../replica/fold.ts';
import type { VerifiedIntent } from '../intent/intent.ts';
import type { RelayConnector, RelayLink } from './relay-link.ts';
import { ZoneDoc } from './world-docs.ts';
import { roomName } from './world-key.ts';
import { EPOCH_ZERO, epochDocName, loadSnapshot, loadTail, type AttestedTail, type EpochRef } from './epoch-ref.ts';
import type { ZoneSnapshot } from '../replica/snapshot.ts';
import { bindZoneLog, type ZoneLogBinding } from './zone-log.ts';
import { ZoneReplica, type ZoneReplicaOptions } from '../replica/zone-replica.ts';
import { Verifier, type PersistedVerdict } from '../intent/verifier.ts';
import { sha256Hex } from '../intent/bytes.ts';
import type { WorldCipher } from './world-cipher.ts';

/** The snapshot an epoch starts from is neither kept here nor given by the relay in time. */
export class SnapshotMissing extends Error {
  override readonly name = 'SnapshotMissing';
}

const NO_CHANGE: FoldChange = { news: [], revision: null, refolded: 0 };

/** Transaction origin of this device's own intents. */
export const LOCAL_ORIGIN = Symbol('vetrellis-local');
/** Transaction origin of our unconfirmed intents written again under a fresh client id. */
const REWRITE_ORIGIN = Symbol('vetrellis-rewrite');

const MAX_CLIENT_ID = 2 ** 32 - 1;

/** A random Yjs client id (32 bits, as Yjs makes them) above `floor`. */
function freshClientId(floor: number): number {
  const ids = new Uint32Array(1);
  globalThis.crypto.getRandomValues(ids);
  return floor + 1 + (ids[0]! % (MAX_CLIENT_ID - floor));
}

export class ZoneHandle {
  replica: ZoneReplica | null = null;
  /** When this device opened the zone (ms, machine clock): bounds how long a first sync is awaited. */
  readonly openedAt = Date.now();
  #log: ZoneLogBinding | null = null;
  /** What folding our own write changed (set by the log's observer while `write` runs). */
  #localChange: FoldChange | null = null;
  /** Our intents written since the relay last confirmed all our writes: id -> stored string. */
  readonly #unconfirmed = new Map<string, string>();
  #connected = false;

  private constructor(
    readonly zone: string,
    readonly doc: ZoneDoc,
    readonly stored: StoredDoc,
    readonly link: RelayLink | null,
    readonly awareness: Awareness,
    /** The epoch of the world this document holds (world-cut.ts; epoch 0: the zone's first document). */
    readonly at: EpochRef,
    /** The snapshot this epoch starts from (null: the zone's beginning); the replica starts from it. */
    readonly snapshot: ZoneSnapshot | null,
  ) {}

  /** The epoch number this document belongs to (0 before the world's first cut). */
  get epoch(): number {
    return this.at.epoch;
  }

  /** This device's persisted verdicts for the zone, handed to the world's verifier on activation. */
  #trusted: readonly PersistedVerdict[] = [];
  /** Verdicts that came from the store or were stored since (not written again): ids, and `!id hash` of rejected strings. */
  #storedVerified = new Set<string>();
  #toStore: PersistedVerdict[] = [];
  /** The entries the cut vouches for (epoch-ref.ts `AttestedTail`): checked for this epoch's replica only, never persisted. */
  #vouched: AttestedTail = [];
  #vouchedIds: ReadonlySet<string> = new Set();

  /**
   * `cipher`: a private world's (world-cipher.ts), null for a world stored in plaintext.
   * `at`: the epoch to open (world-cut.ts) and the hash of the snapshot it starts from, which is
   * awaited from the relay (up to `timeoutMs`); without it the zone cannot be read here (thrown).
   */
  static async open(
    zone: string, worldKey: string, store: DocStore, connect: RelayConnector | null, cipher: WorldCipher | null = null,
    at: EpochRef & { readonly snap: string | null; readonly tail?: string } = { ...EPOCH_ZERO, snap: null }, timeoutMs = 0,
  ): Promise<ZoneHandle> {
    const ydoc = new Y.Doc();
    const room = roomName(worldKey, epochDocName(zone, at));
    const stored = store.open(ydoc, room);
    await stored.whenLoaded;
    const verified = stored.verified ? await stored.verified.load() : [];
    const link = connect ? connect(ydoc, room) : null;
    const awareness = link ? link.awareness : new Awareness(ydoc);
    const doc = new ZoneDoc(ydoc, zone, cipher);
    let snapshot: ZoneSnapshot | null = null;
    if (at.snap !== null) {
      snapshot = loadSnapshot(doc, at.snap);
      if (snapshot === null && link) {
        await link.whenSynced(timeoutMs, { untilUnreachable: true });
        snapshot = loadSnapshot(doc, at.snap);
      }
      if (snapshot === null) {
        link?.destroy();
        await stored.close();
        ydoc.destroy();
        throw new SnapshotMissing(`the snapshot of ${zone} for epoch ${at.epoch} was not found`);
      }
    }
    // The tail the cut vouches for (epoch-ref.ts `AttestedTail`), kept beside the snapshot: taken
    // as checked, as the snapshot is. Missing or altered, every entry is verified as usual.
    const attested = snapshot !== null && at.tail !== undefined ? (loadTail(doc, at.tail) ?? []) : [];
    const h = new ZoneHandle(zone, doc, stored, link, awareness, { epoch: at.epoch, id: at.id }, snapshot);
    h.#connected = link?.connected ?? false;
    link?.onStatus(() => h.#linkChanged());
    h.#storedVerified = new Set(verified.map(([id, rawHash, v]) => (v === 'rejected' ? `!${id} ${rawHash}` : id)));
    h.#trusted = verified;
    h.#vouched = attested;
    h.#vouchedIds = new Set(attested.map(([id]) => id));
    return h;
  }

  #noteValid(intent: VerifiedIntent): void {
    if (!this.stored.verified || this.#storedVerified.has(intent.id)) return;
    // Vouched for, not checked here: a device that reopens checks it (or takes the cut's word again).
    if (this.#vouchedIds.has(intent.id)) return;
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
    const replica = new ZoneReplica({ ...options, ...(this.snapshot === null ? {} : { snapshot: this.snapshot, vouched: this.#vouched.map(([id, rawHash]) => [id, rawHash] as const) }), verifier, onValid: (i) => this.#noteValid(i), onBadSignature: (id, raw) => this.#noteBadSignature(id, raw) });
    this.replica = replica;
    // Re-folds that another zone caused (an arrive here read its travel there anew).
    replica.onCrossingChange = (change) => onChange(change, false);
    this.#log = bindZoneLog(
      this.doc,
      replica,
      (change, origin) => {
        const local = origin === LOCAL_ORIGIN;
        if (local) this.#localChange = change;
        onChange(change, local);
      },
      { live: () => this.link?.synced === true },
    );
    return replica;
  }

  /** Fold now what waits and names `player` as its author: their chain's next fields depend on it. */
  ingestClaimedBy(player: string): void {
    this.#log?.ingestClaimedBy(player);
  }

  /** Append one of our own intents to the log; the bound replica folds it at once, and its change is returned. */
  write(intent: VerifiedIntent): FoldChange {
    this.#localChange = null;
    const value = this.doc.intentValue(intent.id, intent.raw);
    this.doc.doc.transact(() => this.doc.intents.set(intent.id, value), LOCAL_ORIGIN);
    if (this.link) {
      this.#unconfirmed.set(intent.id, value);
      this.link.track();
    }
    const change = this.#localChange ?? NO_CHANGE;
    this.#localChange = null;
    return change;
  }

  #linkChanged(): void {
    const link = this.link!;
    if (link.pending === 0) this.#unconfirmed.clear();
    const reconnected = link.connected && !this.#connected;
    this.#connected = link.connected;
    if (!reconnected || this.#unconfirmed.size === 0) return;
    // Forgetting the pending writes below tells this handler again (pending is then 0).
    const unconfirmed = [...this.#unconfirmed];
    const doc = this.doc.doc;
    const old = doc.clientID;
    // Above the client ids of the entries written again: of two map writes from nowhere (no
    // neighbour named), the one with the higher client id is the entry's value.
    let above = old;
    for (const [id] of unconfirmed) above = Math.max(above, this.doc.intents._map.get(id)?.id.client ?? 0);
    if (above >= MAX_CLIENT_ID) return;
    doc.clientID = freshClientId(above);
    // Presence moves to the new id too: the link announces the document's client id on connecting.
    const presence = this.awareness.getLocalState();
    removeAwarenessStates(this.awareness, [old], REWRITE_ORIGIN);
    this.awareness.clientID = doc.clientID;
    // Even with no presence: the link announces (and on closing, withdraws) the new id's state.
    this.awareness.setLocalState(presence);
    link.forgetPending();
    // Written in a scratch document under the new id, so the new structs name none of ours as
    // their neighbours: a relay holding other structs under those ids would misplace them.
    // Ours under the old id are then replaced here, and that deletion reaches the relay too.
    // Its client id is not this document's: Yjs takes an update carrying a document's own client
    // id from outside as a sign that someone else uses it, and picks another.
    const scratch = new Y.Doc();
    do scratch.clientID = freshClientId(above);
    while (scratch.clientID === doc.clientID);
    const again = new ZoneDoc(scratch, this.zone);
    for (const [id, raw] of unconfirmed) again.intents.set(id, raw);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(scratch), REWRITE_ORIGIN);
    scratch.destroy();
    for (const [id, raw] of unconfirmed) this.#unconfirmed.set(id, raw);
    // Pending until the relay holds them under the scratch id they were written with: a zone
    // with pending writes stays open, so they are not left on this device alone.
    link.track(scratch.clientID);
  }

  async close(): Promise<void> {
    this.#flushVerified();
    this.replica?.close();
    this.#log?.unbind();
    this.link?.destroy();
    await this.stored.close();
    this.doc.doc.destroy();
  }
}
