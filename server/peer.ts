// The tiny socket interface the room logic talks to. The relay wraps a `ws` WebSocket in it;
// tests plug in an in-memory peer and read what was sent, so rooms are testable without sockets.
import type { TokenBucket } from './limits.ts';

export interface Peer {
  /** Unique per process, for logs and maps. */
  readonly id: number;
  send(frame: Uint8Array): void;
  /** Closes with a WebSocket close code and a short human-readable reason. */
  close(code: number, reason: string): void;
  /** Bytes queued for this peer and not yet written to the network. */
  readonly bufferedBytes: number;
  /** Resolves when the queue has been handed to the network (or the peer has closed). */
  drained(): Promise<void>;
  /**
   * Signatures that failed at the relay, charged to the peer's address (shared by its
   * connections); when empty, the relay verifies nothing more for it. Absent: one per peer.
   */
  readonly badSignatures?: TokenBucket;
}

/** Close codes the relay uses (RFC 6455 section 7.4 plus the 4000-4999 private range). */
export const CLOSE = {
  goingAway: 1001,
  unsupportedData: 1003,
  invalidPayload: 1007,
  policy: 1008,
  tooBig: 1009,
  internalError: 1011,
  serviceRestart: 1012,
  tryAgainLater: 1013,
  rateLimited: 4429,
  slowConsumer: 4408,
  tooLarge: 4413,
  addOnly: 4409,
  clientIdTaken: 4403,
  /** The room was dropped by its world's owner (drop-order.ts): permanent, like HTTP 410. */
  gone: 4410,
} as const;

/** A peer's frame was well formed but over a limit: close it with `code` and `text`, count `reason`. */
export class PeerRefused extends Error {
  constructor(readonly reason: string, readonly code: number, readonly text: string) {
    super(`${reason}: ${text}`);
  }
}
