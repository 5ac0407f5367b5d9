// One shared document and its connected peers: answers sync, applies client updates, has them
// stored, and only then broadcasts them; relays awareness (presence). Talks only to the Peer
// interface and to hooks, so tests drive it with in-memory peers.
//
//   const room = new Room('abc', hooks); room.join(peer); room.receive(peer, frame); room.leave(peer)
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { DEFAULT_LIMITS } from './config.ts';
import { CLOSE, PeerRefused, type Peer } from './peer.ts';
import {
  ProtocolError,
  decodeFrame,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from './protocol.ts';
import { StateReply } from './state-chunks.ts';
import { RoomBudget, pendingBytes, type SizeLimits } from './room-budget.ts';
import { JUNK_TEXT, VIOLATION_TEXT, judgeLogWrite } from './add-only-log.ts';
import { IntentChecks } from './intent-checks.ts';
import { TokenBucket, newBadSignatureBudget } from './limits.ts';
import { ClientIdOwners } from './client-ids.ts';
import { addedExactly, encodeTransactionUpdate, nothingPending } from './transaction-update.ts';

export interface RoomLimits extends SizeLimits {
  /** Size of one chunk of a reply to sync step 1; a reply waits while a peer has this much queued. */
  stateChunkBytes: number;
  /** Bind each Yjs client id to the connection that first wrote under it (client-ids.ts). */
  bindClientIds: boolean;
  /** Verify the signatures of new intent-log entries (intent-checks.ts). */
  checkSignatures: boolean;
}

export const DEFAULT_ROOM_LIMITS: RoomLimits = {
  stateChunkBytes: DEFAULT_LIMITS.stateChunkBytes,
  maxRoomBytes: DEFAULT_LIMITS.maxRoomBytes,
  maxWriterBytes: DEFAULT_LIMITS.maxWriterBytes,
  maxPendingBytes: DEFAULT_LIMITS.maxPendingBytes,
  bindClientIds: DEFAULT_LIMITS.bindClientIds,
  checkSignatures: DEFAULT_LIMITS.checkSignatures,
};

export interface RoomHooks {
  /** Stores an update durably (returns when stored, or a promise that resolves when stored). */
  store(update: Uint8Array): void | Promise<void>;
  /** Shares an awareness update with other relays. */
  shareAwareness(update: Uint8Array): void;
  /** Storage failed: the room must be closed (its clients resend on reconnect). */
  storeFailed(error: unknown): void;
  /** Called after every stored write with its size in bytes (drives compaction). */
  written?(bytes: number): void;
  observeApply?(seconds: number): void;
}

/** Origin of updates that are already stored (load, other relays). */
const STORED = Symbol('stored');

/** An update on its way to storage, its writer, and the frame that will carry it to the others. */
interface Write {
  readonly update: Uint8Array;
  readonly from: Peer;
  readonly frame: Uint8Array;
}

/** Updates waiting for one storage promise, with their writers; `link`: the tail that broadcasts them. */
interface WriteGroup {
  readonly stored: void | Promise<void>;
  readonly writes: Write[];
  link: Promise<void> | null;
}

/** Seconds since `startMs` (performance.now: a double, where hrtime.bigint allocated two BigInts per update). */
const seconds = (startMs: number): number => (performance.now() - startMs) / 1000;

export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Peers and the awareness client ids each one controls. */
  private readonly peers = new Map<Peer, Set<number>>();
  /** The reply to each peer's latest sync step 1 still being sent (a newer request replaces it). */
  private readonly replies = new Map<Peer, StateReply>();
  private pendingWrites = 0;
  private tail: Promise<void> = Promise.resolve();
  /** The writes last chained on `tail`; a write stored by the same commit joins them while nothing was chained after. */
  private lastGroup: WriteGroup | null = null;
  private failed = false;
  private readonly budget: RoomBudget;
  private readonly owners: ClientIdOwners | null;
  /** Verdicts on the intent log's entries (signatures are verified once per room). */
  private readonly checks: IntentChecks;
  /** Bad-signature budgets of peers that brought none from their address (in-memory peers). */
  private readonly ownFailures = new WeakMap<Peer, TokenBucket>();

  /**
   * `stored`: the room's stored updates, applied before anything listens, so loading encodes no
   * update events. One by one: for thousands of small updates this is several times faster than
   * Y.mergeUpdates (which re-sorts its readers at every step) or one big transaction.
   */
  constructor(
    readonly name: string,
    private readonly hooks: RoomHooks,
    stored: readonly Uint8Array[] = [],
    private readonly limits: RoomLimits = DEFAULT_ROOM_LIMITS,
  ) {
    for (const update of stored) Y.applyUpdate(this.doc, update, STORED);
    this.budget = new RoomBudget(limits, stored.reduce((sum, u) => sum + u.byteLength, 0));
    this.owners = limits.bindClientIds ? new ClientIdOwners() : null;
    this.checks = new IntentChecks(limits.checkSignatures);
    this.awareness.setLocalState(null);
    // No 'update' listener on the document: Yjs would encode every transaction again for it.
    // What each applied update added is taken from its transaction (integrate).
    this.awareness.on('update', this.onAwarenessChange);
  }

  get size(): number {
    return this.peers.size;
  }

  get peerList(): Peer[] {
    return [...this.peers.keys()];
  }

  join(peer: Peer): void {
    this.peers.set(peer, new Set());
    peer.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const states = this.awareness.getStates();
    if (states.size > 0) {
      peer.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])));
    }
  }

  leave(peer: Peer): void {
    const controlled = this.peers.get(peer);
    if (controlled === undefined) return;
    this.peers.delete(peer);
    this.replies.delete(peer);
    this.budget.forget(peer);
    if (controlled.size === 0) return;
    const ids = [...controlled];
    awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids);
    this.broadcast(encodeAwareness(update), null);
    this.hooks.shareAwareness(update);
  }

  /** Handles one frame from a peer; throws ProtocolError when the frame is malformed. */
  receive(peer: Peer, frame: Uint8Array): void {
    if (!this.peers.has(peer) || this.failed) return;
    const message = decodeFrame(frame);
    switch (message.kind) {
      case 'sync-step1':
        this.answerSyncStep1(peer, message.stateVector);
        return;
      case 'sync-step2':
        this.applyFromPeer(peer, message.update, null);
        return;
      case 'update':
        // `0 2 update` is also the frame the update is broadcast in: when the update is what the
        // room stores and forwards (the usual case), the frame received goes out as it came.
        this.applyFromPeer(peer, message.update, frame);
        return;
      case 'awareness':
        this.applyAwareness(peer, message.update, frame);
        return;
      case 'query-awareness': {
        const ids = [...this.awareness.getStates().keys()];
        peer.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)));
        return;
      }
      default: {
        const never: never = message;
        throw new ProtocolError('frame/unknown', String(never));
      }
    }
  }

  /** An update another relay stored: apply and broadcast to every local peer. */
  applyRemoteUpdate(update: Uint8Array): boolean {
    let meta: ReturnType<typeof Y.parseUpdateMeta> | null = null;
    try {
      meta = Y.parseUpdateMeta(update);
    } catch {
      // Another relay stored something Yjs cannot read; there is nothing a client could do.
      return false;
    }
    const { added, failed } = this.integrate(update, meta);
    if (added !== null) this.emit(added, STORED);
    return !failed;
  }

  applyRemoteAwareness(update: Uint8Array): void {
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, STORED);
    } catch {
      return;
    }
    this.broadcast(encodeAwareness(update), null);
  }

  /** Resolves when every update applied so far is stored (and broadcast). */
  flushed(): Promise<void> {
    return this.tail;
  }

  /** Bytes stored for the room: its last compacted state plus the updates stored since. */
  get storedBytes(): number {
    return this.budget.bytes;
  }

  /** The whole document as one update, which is about to replace the room's stored log (compaction). */
  encodeState(): Uint8Array {
    const state = Y.encodeStateAsUpdate(this.doc);
    this.budget.compacted(state.byteLength);
    return state;
  }

  /** Closes every peer with the given code and reason. */
  closeAll(code: number, reason: string): void {
    for (const peer of [...this.peers.keys()]) peer.close(code, reason);
  }

  destroy(): void {
    this.awareness.destroy();
    this.doc.destroy();
  }

  private answerSyncStep1(peer: Peer, stateVector: Uint8Array): void {
    let clientState: Map<number, number>;
    try {
      clientState = Y.decodeStateVector(stateVector);
    } catch {
      throw new ProtocolError('sync/bad-state-vector');
    }
    const reply = new StateReply(this.doc, clientState);
    this.replies.set(peer, reply);
    this.sendReply(peer, reply);
  }

  /**
   * Sends a reply chunk by chunk: the next chunk is encoded only when the peer has taken the
   * previous ones, so a client that does not read holds one chunk, not a copy of the room. Every
   * chunk goes out after the writes it may show are stored. The last one is sync step 2, which is
   * when a stock client counts itself synced; the others are plain updates.
   */
  private sendReply(peer: Peer, reply: StateReply): void {
    while (this.replies.get(peer) === reply && !this.failed) {
      if (peer.bufferedBytes >= this.limits.stateChunkBytes) {
        void peer.drained().then(() => this.sendReply(peer, reply));
        return;
      }
      const update = reply.next(this.doc, this.limits.stateChunkBytes);
      const last = reply.done;
      if (last) this.replies.delete(peer);
      const frame = last ? encodeSyncStep2(update) : encodeUpdate(update);
      if (this.pendingWrites === 0) {
        peer.send(frame);
        continue;
      }
      // Writes stored after this point go out after this chunk, as they were applied after it.
      this.lastGroup = null;
      void this.tail.then(() => {
        if (!this.peers.has(peer)) return;
        peer.send(frame);
        if (!last) this.sendReply(peer, reply);
      });
      return;
    }
  }

  /** `asReceived`: the `0 2 update` frame `update` came in, to forward as it is when the update is what is stored. */
  private applyFromPeer(peer: Peer, update: Uint8Array, asReceived: Uint8Array | null): void {
    const start = performance.now();
    let meta: ReturnType<typeof Y.parseUpdateMeta>;
    try {
      // A first pass over the structs that allocates nothing per declared count: Yjs's applyUpdate
      // preallocates arrays of whatever length a frame claims (8 bytes can cost 200 MB).
      meta = Y.parseUpdateMeta(update);
    } catch {
      throw new ProtocolError('sync/bad-update');
    }
    this.budget.admit(peer, update.byteLength, meta.to, this.doc);
    const verdict = judgeLogWrite(this.doc, update, this.checks, this.failuresOf(peer));
    // A transient code (a stock client reconnects and sends the rest later): its verdicts are remembered.
    if (verdict.refused === 'log/unchecked') throw new PeerRefused(verdict.refused, CLOSE.tryAgainLater, VIOLATION_TEXT[verdict.refused]);
    if (verdict.refused !== null) throw new PeerRefused(verdict.refused, CLOSE.addOnly, VIOLATION_TEXT[verdict.refused]);
    // Last of the checks: a refused update binds no client id.
    this.owners?.admit(peer, meta.to, this.doc);
    const waiting = pendingBytes(this.doc);
    // What Yjs integrated before a failure is in the document: it is stored and sent all the same.
    const { added, failed } = this.integrate(verdict.update, meta);
    if (added !== null) this.emit(added, peer, added === update && asReceived !== null ? asReceived : null);
    if (failed) throw new ProtocolError('sync/bad-update');
    this.budget.checkPending(this.doc, waiting);
    this.hooks.observeApply?.(seconds(start));
    // The sound rest is applied (and on its way to storage); the writer learns what was dropped.
    // 1008, not 44xx: y-websocket never reconnects after a 44xx close, and an honest client
    // whose copy picked up junk elsewhere must go on syncing (it has nothing to resend).
    if (verdict.junk !== null) throw new PeerRefused(verdict.junk, CLOSE.policy, JUNK_TEXT[verdict.junk]);
  }

  private failuresOf(peer: Peer): TokenBucket {
    if (peer.badSignatures !== undefined) return peer.badSignatures;
    let bucket = this.ownFailures.get(peer);
    if (bucket === undefined) this.ownFailures.set(peer, (bucket = newBadSignatureBudget()));
    return bucket;
  }

  private applyAwareness(peer: Peer, update: Uint8Array, frame: Uint8Array): void {
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer);
    } catch {
      throw new ProtocolError('awareness/bad-update');
    }
    this.broadcast(frame, peer);
    this.hooks.shareAwareness(update);
  }

  private readonly onAwarenessChange = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const controlled = this.peers.get(origin as Peer);
    if (controlled === undefined) return;
    for (const id of change.added) controlled.add(id);
    for (const id of change.removed) controlled.delete(id);
  };

  /**
   * Applies `update` (its clocks: `meta`) in one transaction and returns what that added, to be
   * stored and sent: the update itself when it added exactly its own structs and nothing waits
   * (the usual case: no decoding it again, no encoding), otherwise the transaction's update as
   * Yjs's 'update' event would carry it; null when nothing was new. `failed`: Yjs threw part way
   * (what it integrated before is in `added`).
   */
  private integrate(update: Uint8Array, meta: ReturnType<typeof Y.parseUpdateMeta>): { added: Uint8Array | null; failed: boolean } {
    const quiet = nothingPending(this.doc);
    let transaction: Y.Transaction | null = null;
    let failed = false;
    try {
      this.doc.transact((tr) => {
        transaction = tr;
        Y.applyUpdate(this.doc, update);
      });
    } catch {
      failed = true;
    }
    const tr = transaction as Y.Transaction | null;
    if (tr === null) return { added: null, failed };
    if (!failed && addedExactly(tr, meta, quiet) && (meta.to.size > 0 || tr.deleteSet.clients.size > 0)) return { added: update, failed };
    return { added: encodeTransactionUpdate(tr), failed };
  }

  /**
   * Stores what an update added (unless `origin` is STORED: it is) and broadcasts it once stored;
   * `frame`: the `0 2 update` frame carrying exactly `update`, when the writer sent one.
   */
  private emit(update: Uint8Array, origin: Peer | typeof STORED, frame: Uint8Array | null = null): void {
    if (origin === STORED) {
      this.budget.stored(null, update.byteLength);
      if (this.peers.size === 0) return;
      if (this.pendingWrites === 0) this.broadcast(encodeUpdate(update), null);
      else this.tail = this.tail.then(() => this.broadcast(encodeUpdate(update), null));
      return;
    }
    this.budget.stored(origin, update.byteLength);
    let stored: void | Promise<void>;
    try {
      stored = this.hooks.store(update);
    } catch (error) {
      this.fail(error);
      return;
    }
    const write: Write = { update, from: origin, frame: frame ?? encodeUpdate(update) };
    if (stored === undefined && this.pendingWrites === 0) {
      this.hooks.written?.(update.byteLength);
      this.broadcast(write.frame, origin);
      return;
    }
    this.pendingWrites++;
    // Writes of one group commit wait on one promise, and are broadcast in order when it resolves.
    const last = this.lastGroup;
    if (last !== null && last.stored === stored && last.link === this.tail) {
      last.writes.push(write);
      return;
    }
    const group: WriteGroup = { stored, writes: [write], link: null };
    this.lastGroup = group;
    this.tail = group.link = this.tail
      .then(() => stored)
      .then(
        () => {
          for (const written of group.writes) {
            this.pendingWrites--;
            this.hooks.written?.(written.update.byteLength);
            this.broadcast(written.frame, written.from);
          }
        },
        (error: unknown) => {
          this.pendingWrites -= group.writes.length;
          this.fail(error);
        },
      );
  }

  private fail(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.hooks.storeFailed(error);
  }

  private broadcast(frame: Uint8Array, except: Peer | null): void {
    for (const peer of this.peers.keys()) if (peer !== except) peer.send(frame);
  }
}
