// An in-memory Peer: records what the room sent and how it was closed, and decodes sent frames
// with the y-protocols reader, so room tests need no sockets.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import * as sync from 'y-protocols/sync';
import type { Peer } from '../../../server/peer.ts';

let ids = 1_000_000;

export class MemoryPeer implements Peer {
  readonly id = ids++;
  readonly sent: Uint8Array[] = [];
  closedWith: { code: number; reason: string } | null = null;
  bufferedBytes = 0;

  send(frame: Uint8Array): void {
    this.sent.push(frame);
  }

  drained(): Promise<void> {
    return Promise.resolve();
  }

  close(code: number, reason: string): void {
    this.closedWith = { code, reason };
  }

  /** Applies every sync frame sent so far to `doc` (as a y-websocket client would). */
  applyTo(doc: Y.Doc): void {
    for (const frame of this.sent.splice(0)) {
      const decoder = decoding.createDecoder(frame);
      if (decoding.readVarUint(decoder) !== 0) continue;
      sync.readSyncMessage(decoder, encoding.createEncoder(), doc, 'relay');
    }
  }
}

export const updateFrame = (update: Uint8Array): Uint8Array => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  sync.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
};

export const step1Frame = (doc: Y.Doc): Uint8Array => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  sync.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
};

/** One update that appends `value` to the array `log` of a fresh document. */
export const itemUpdate = (value: string): Uint8Array => {
  const doc = new Y.Doc();
  doc.getArray<string>('log').push([value]);
  return Y.encodeStateAsUpdate(doc);
};
