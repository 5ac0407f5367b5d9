// What one room may hold and what one connection may add to it: the bytes stored for the room
// (its compacted state plus what was written since), the bytes each connection wrote, and the
// bytes of structs waiting for a dependency the relay does not have. Over a cap the update is
// refused before it is applied (nothing stored, nothing forwarded) and the connection is closed.
//
//   const budget = new RoomBudget(limits, storedBytes);
//   budget.admit(peer, update.byteLength, Y.parseUpdateMeta(update).to, doc); apply;
//   budget.checkPending(doc, before); budget.stored(peer, n)
import * as Y from 'yjs';
import { CLOSE, PeerRefused, type Peer } from './peer.ts';

export interface SizeLimits {
  /** Bytes stored for one room (compacted state plus updates since); beyond it writes are refused. */
  maxRoomBytes: number;
  /** Bytes one connection may add to a room. */
  maxWriterBytes: number;
  /** Bytes of structs (and deletions) a room holds while they wait for a missing dependency. */
  maxPendingBytes: number;
}

/** Bytes held in `doc` that wait for structs it does not have. */
export const pendingBytes = (doc: Y.Doc): number =>
  (doc.store.pendingStructs?.update.byteLength ?? 0) + (doc.store.pendingDs?.byteLength ?? 0);

/** True when an update reaching clocks `to` (Y.parseUpdateMeta) carries structs `doc` lacks. */
const addsStructs = (doc: Y.Doc, to: ReadonlyMap<number, number>): boolean => {
  for (const [client, clock] of to) if (clock > Y.getState(doc.store, client)) return true;
  return false;
};

export class RoomBudget {
  private readonly written = new Map<Peer, number>();

  constructor(private readonly limits: SizeLimits, private storedBytes: number) {}

  get bytes(): number {
    return this.storedBytes;
  }

  /** Throws PeerRefused when an update of `bytes` reaching clocks `to` would take the room or its writer past a cap. */
  admit(peer: Peer, bytes: number, to: ReadonlyMap<number, number>, doc: Y.Doc): void {
    const roomFull = this.storedBytes + bytes > this.limits.maxRoomBytes;
    const writerFull = (this.written.get(peer) ?? 0) + bytes > this.limits.maxWriterBytes;
    // Updates with nothing new (a resent sync step 2, deletions) pass: they add little or nothing.
    if ((!roomFull && !writerFull) || !addsStructs(doc, to)) return;
    if (roomFull) throw new PeerRefused('limit/room-size', CLOSE.tooLarge, 'room is full');
    throw new PeerRefused('limit/writer-bytes', CLOSE.tooLarge, 'too much written on this connection');
  }

  /**
   * After `peer`'s update was applied: when what waits for a missing dependency grew past the
   * cap, it is dropped (nothing stored it and nobody has been sent it) and the peer refused.
   */
  checkPending(doc: Y.Doc, before: number): void {
    const after = pendingBytes(doc);
    if (after <= before || after <= this.limits.maxPendingBytes) return;
    doc.store.pendingStructs = null;
    doc.store.pendingDs = null;
    throw new PeerRefused('limit/pending-bytes', CLOSE.tooLarge, 'too much waiting for missing data');
  }

  /** `bytes` were stored for the room, written by `peer` (null: loaded, or another relay's). */
  stored(peer: Peer | null, bytes: number): void {
    this.storedBytes += bytes;
    if (peer !== null) this.written.set(peer, (this.written.get(peer) ?? 0) + bytes);
  }

  /** The room's stored log was replaced by one state of `bytes`. */
  compacted(bytes: number): void {
    this.storedBytes = bytes;
  }

  forget(peer: Peer): void {
    this.written.delete(peer);
  }
}
