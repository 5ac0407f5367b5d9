// One WebSocket connection: wraps the `ws` socket as a Peer, enforces the per-connection limits
// (binary frames only, message rate, send backlog), buffers frames while the room loads, turns
// malformed frames into a close with a reason, and keeps the connection alive with pings.
import type { Duplex } from 'node:stream';
import * as wsModule from 'ws';
import type { WebSocket, RawData } from 'ws';
import { CLOSE, PeerRefused, type Peer } from './peer.ts';
import { ProtocolError } from './protocol.ts';
import { TokenBucket } from './limits.ts';
import type { Room } from './room.ts';
import { RoomLimitError } from './rooms.ts';
import type { RelayMetrics } from './metrics.ts';
import type { Limits } from './config.ts';

let nextPeerId = 1;

const toBytes = (data: RawData): Uint8Array => {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
};

/** ws's own frame writer (exported by ws, not declared by @types/ws). */
const { Sender } = wsModule as unknown as {
  Sender: { frame(data: Buffer, options: { fin: boolean; rsv1: boolean; opcode: number; mask: boolean; readOnly: boolean }): Buffer[] };
};
const OPEN = 1;

/**
 * The WebSocket frame (binary, final, unmasked as a server's are) carrying `payload`, as one
 * buffer. A room broadcasts the same payload to all its peers one after the other: it is framed
 * once for all of them (ws would frame and queue it once per socket).
 */
let lastPayload: Uint8Array | null = null;
let lastFrame: Buffer | null = null;
const wireFrame = (payload: Uint8Array): Buffer => {
  if (payload === lastPayload) return lastFrame!;
  const parts = Sender.frame(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength), {
    fin: true,
    rsv1: false,
    opcode: 2,
    mask: false,
    readOnly: true,
  });
  const frame = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  if (lastPayload === null) endOfRun(forgetFrame); // holds no payload past this run
  lastPayload = payload;
  lastFrame = frame;
  return frame;
};
const forgetFrame = (): void => {
  lastPayload = null;
  lastFrame = null;
};

/** Callbacks run once the current synchronous run is over: one nextTick for every peer sent to in it. */
let runEnds: Array<() => void> = [];
const endOfRun = (callback: () => void): void => {
  if (runEnds.length === 0) process.nextTick(runEndsNow);
  runEnds.push(callback);
};
const runEndsNow = (): void => {
  const due = runEnds;
  runEnds = [];
  for (const callback of due) callback();
};

export interface ConnectionEvents {
  /** The socket closed; the room (if any) has been left. */
  closed(room: Room | null): void;
  /** A frame or limit violation closed the connection. */
  rejected(reason: string): void;
}

export const PING_INTERVAL_MS = 30_000;

/** Wires `ws` to the room once `roomReady` resolves. Returns the peer. */
export const attachConnection = (
  ws: WebSocket,
  /** The upgraded TCP socket under `ws` (for corking). */
  socket: Duplex,
  roomReady: Promise<Room>,
  limits: Limits,
  metrics: RelayMetrics,
  /** Bad signatures the relay may still verify for this connection's address. */
  badSignatures: TokenBucket,
  events: ConnectionEvents,
): Peer => {
  let closed = false;
  let corked = false;
  let sentThisRun = false;
  const endRun = (): void => {
    sentThisRun = false;
    if (!corked) return;
    corked = false;
    socket.uncork();
  };
  const peer: Peer = {
    id: nextPeerId++,
    badSignatures,
    get bufferedBytes() {
      return ws.bufferedAmount;
    },
    drained() {
      if (closed || ws.bufferedAmount === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const done = (): void => {
          socket.off('drain', done);
          socket.off('close', done);
          resolve();
        };
        socket.on('drain', done);
        socket.on('close', done);
      });
    },
    send(frame) {
      if (closed) return;
      // Counted before it is queued: one frame may go to an empty queue, none past the budget.
      const queued = ws.bufferedAmount;
      if (queued > 0 && queued + frame.byteLength > limits.maxBufferedBytes) {
        reject('limit/slow-consumer', CLOSE.slowConsumer, 'too far behind, reconnect');
        return;
      }
      // Frames sent to this peer in one synchronous run leave in one write (one syscall): the
      // first goes out at once (usually it is the only one), the next ones are held until then.
      if (sentThisRun && !corked) {
        corked = true;
        socket.cork();
      }
      if (!sentThisRun) {
        sentThisRun = true;
        endOfRun(endRun);
      }
      // Straight to the socket, framed by ws's own writer: ws queues nothing of its own without
      // compression (off), so frames keep their order with its pings and close frame, and
      // bufferedAmount counts them.
      if (ws.readyState !== OPEN) return;
      socket.write(wireFrame(frame));
      metrics.traffic.messagesOut++;
      metrics.traffic.bytesOut += frame.byteLength;
    },
    close(code, reason) {
      if (closed) return;
      closed = true;
      ws.close(code, reason);
      // A peer that never answers the close handshake must not hold resources.
      setTimeout(() => ws.terminate(), 5_000).unref();
    },
  };
  const reject = (reason: string, code: number, text: string): void => {
    events.rejected(reason);
    peer.close(code, text);
  };

  const bucket = new TokenBucket(limits.messagesPerSecond, limits.messagesPerSecond * 2, Date.now());
  let room: Room | null = null;
  let queue: Uint8Array[] | null = [];

  const handle = (frame: Uint8Array): void => {
    if (room === null || closed) return;
    try {
      room.receive(peer, frame);
    } catch (error) {
      if (error instanceof ProtocolError) reject(error.reason, CLOSE.invalidPayload, `malformed frame (${error.reason})`);
      else if (error instanceof PeerRefused) reject(error.reason, error.code, error.text);
      else reject('relay/internal', CLOSE.internalError, 'internal error');
    }
  };

  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (closed) return;
    metrics.traffic.messagesIn++;
    const frame = toBytes(data);
    metrics.traffic.bytesIn += frame.byteLength;
    if (!isBinary) return reject('frame/text', CLOSE.unsupportedData, 'binary frames only');
    if (!bucket.take(Date.now())) return reject('limit/rate', CLOSE.rateLimited, 'too many messages per second');
    if (queue !== null) {
      if (queue.length >= 64) return reject('limit/queue', CLOSE.tryAgainLater, 'room still loading');
      queue.push(frame);
      return;
    }
    handle(frame);
  });

  let alive = true;
  ws.on('pong', () => {
    alive = true;
  });
  const pinger = setInterval(() => {
    if (!alive) return void ws.terminate();
    alive = false;
    ws.ping();
  }, PING_INTERVAL_MS);
  pinger.unref();

  ws.on('error', (error: Error & { code?: string }) => {
    // ws has already sent a close frame (1009 for a frame over maxPayload, 1002 for broken
    // framing); 'close' follows. Count why.
    closed = true;
    events.rejected(error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 'limit/frame-size' : 'frame/websocket');
  });
  let socketClosed = false;
  let settled = false;
  let reported = false;
  const report = (r: Room | null): void => {
    if (reported) return;
    reported = true;
    events.closed(r);
  };
  ws.on('close', () => {
    closed = true;
    socketClosed = true;
    clearInterval(pinger);
    if (!settled) return; // reported when the room has loaded (or failed to)
    if (room !== null) room.leave(peer);
    report(room);
  });

  roomReady.then(
    (ready) => {
      settled = true;
      room = ready;
      if (closed) {
        if (socketClosed) report(ready);
        return;
      }
      room.join(peer);
      const pending = queue ?? [];
      queue = null;
      for (const frame of pending) handle(frame);
    },
    (error: unknown) => {
      settled = true;
      if (socketClosed) return void report(null);
      if (error instanceof PeerRefused) return reject(error.reason, error.code, error.text);
      if (!(error instanceof RoomLimitError)) return reject('storage/load-failed', CLOSE.tryAgainLater, 'room could not be loaded');
      if (error.limit === 'relay-full') return reject('limit/rooms', CLOSE.tryAgainLater, 'relay is full');
      reject('limit/loaded-rooms-per-ip', CLOSE.tryAgainLater, 'too many rooms loaded from your address');
    },
  );
  return peer;
};
