// The y-websocket wire protocol as the relay sees it: decode one incoming binary frame into a
// typed message (or throw ProtocolError with a reason), and encode the frames the relay sends.
// Framing uses lib0 and the message constants of y-protocols; Yjs owns the update format itself.
//
//   const msg = decodeFrame(bytes)            // { kind: 'update', update } ...
//   peer.send(encodeUpdate(update))
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as sync from 'y-protocols/sync';

/** Outer message types of y-websocket (y-websocket.js: messageSync, messageAwareness, ...). */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export type RelayMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'sync-step2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' };

/** A frame that does not follow the protocol; `reason` is a short namespaced code for metrics. */
export class ProtocolError extends Error {
  constructor(readonly reason: string, detail?: string) {
    super(detail === undefined ? reason : `${reason}: ${detail}`);
  }
}

const readPayload = (decoder: decoding.Decoder): Uint8Array => {
  try {
    // A copy with its own ArrayBuffer: lib0 bounds reads by the buffer, not by the view, and a
    // frame from ws can be a view into a larger socket buffer.
    const view = decoding.readVarUint8Array(decoder);
    if (decoder.pos > decoder.arr.length) throw new ProtocolError('frame/truncated');
    return view.slice();
  } catch {
    throw new ProtocolError('frame/truncated');
  }
};

const readType = (decoder: decoding.Decoder): number => {
  if (!decoding.hasContent(decoder)) throw new ProtocolError('frame/truncated');
  let n: number;
  try {
    n = decoding.readVarUint(decoder);
  } catch {
    throw new ProtocolError('frame/truncated');
  }
  return n;
};

const expectEnd = (decoder: decoding.Decoder): void => {
  if (decoding.hasContent(decoder)) throw new ProtocolError('frame/trailing-bytes');
};

/** Decodes the envelope of one frame. The Yjs payload inside is validated when it is applied. */
export const decodeFrame = (frame: Uint8Array): RelayMessage => {
  const decoder = decoding.createDecoder(frame);
  const type = readType(decoder);
  switch (type) {
    case MESSAGE_SYNC: {
      const step = readType(decoder);
      const payload = readPayload(decoder);
      expectEnd(decoder);
      if (step === sync.messageYjsSyncStep1) return { kind: 'sync-step1', stateVector: payload };
      if (step === sync.messageYjsSyncStep2) return { kind: 'sync-step2', update: payload };
      if (step === sync.messageYjsUpdate) return { kind: 'update', update: payload };
      throw new ProtocolError('frame/unknown-sync-step', String(step));
    }
    case MESSAGE_AWARENESS: {
      const update = readPayload(decoder);
      expectEnd(decoder);
      return { kind: 'awareness', update };
    }
    case MESSAGE_QUERY_AWARENESS:
      return { kind: 'query-awareness' };
    default:
      throw new ProtocolError('frame/unknown-type', String(type));
  }
};

const frame = (write: (encoder: encoding.Encoder) => void): Uint8Array => {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
};

export const encodeSyncStep1 = (stateVector: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, sync.messageYjsSyncStep1);
    encoding.writeVarUint8Array(e, stateVector);
  });

export const encodeSyncStep2 = (update: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, sync.messageYjsSyncStep2);
    encoding.writeVarUint8Array(e, update);
  });

/**
 * `0 2 update`: the frame every update is broadcast in, so written straight into one buffer of its
 * exact size (lib0's encoder starts with 100 bytes and copies again at the end). Same bytes as
 * `writeVarUint(e, MESSAGE_SYNC); sync.writeUpdate(e, update)` (tests/server/protocol.test.ts).
 */
export const encodeUpdate = (update: Uint8Array): Uint8Array => {
  const length = update.byteLength;
  let lengthBytes = 1;
  for (let rest = length; rest > 0x7f; rest = Math.floor(rest / 0x80)) lengthBytes++;
  const out = new Uint8Array(2 + lengthBytes + length);
  out[0] = MESSAGE_SYNC;
  out[1] = sync.messageYjsUpdate;
  // lib0's varuint: 7 bits at a time, least significant first, the high bit set on all but the last.
  let pos = 2;
  let rest = length;
  while (rest > 0x7f) {
    out[pos++] = 0x80 | (rest & 0x7f);
    rest = Math.floor(rest / 0x80);
  }
  out[pos++] = rest;
  out.set(update, pos);
  return out;
};

export const encodeAwareness = (awarenessUpdate: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(e, awarenessUpdate);
  });
