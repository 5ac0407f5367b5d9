/**
 * What a world needs from one document's connection to a relay, whatever carries it: the
 * y-websocket client (websocket-link.ts, for players) or the memory relay (memory-relay.ts, for
 * tests that flush messages by hand). Nothing here names a provider or a socket.
 *
 *   const link = relayConnector(options)!(doc, room);   // websocket-link.ts
 *   link.track();            // after a local write: counts it pending until the relay has it
 *   link.pending;            // writes the relay has not confirmed
 *   await link.whenSynced(3000, { untilUnreachable: true });
 *   link.awareness;          // presence in this document's room
 *   link.onStatus(() => render()); link.destroy();
 */
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';

export interface RelayOptions {
  readonly url: string;
  /** `ws`'s WebSocket in Node; the browser's own by default. */
  readonly WebSocketPolyfill?: unknown;
  /** Milliseconds between confirmation queries while writes are pending. */
  readonly confirmEveryMs?: number;
}

export interface RelayLink {
  /** Tracked local writes (one per `track()`) the relay has not confirmed. */
  readonly pending: number;
  /** The connection to the relay is up now. */
  readonly connected: boolean;
  /** The current connection has completed its sync (false again while reconnecting). */
  readonly syncedNow: boolean;
  /** True once a sync with the relay has completed on this link. */
  readonly synced: boolean;
  /** True when the last connection attempt ended before a first sync (refused, closed). */
  readonly unreachable: boolean;
  /**
   * The relay dropped this room on its world's owner's order (close 4410, drop-order.ts): it
   * holds nothing more of it and takes no writes; the link does not reconnect.
   */
  readonly gone: boolean;
  /** Presence in this document's room (shared with others through the relay). */
  readonly awareness: Awareness;
  /** Note the local writes made so far (under the document's client id, or `client`) as pending. */
  track(client?: number): void;
  /** Stop waiting for the writes pending now (the caller writes them again, under a new client id). */
  forgetPending(): void;
  /** Called when `pending`, `connected` or `syncedNow` may have changed. */
  onStatus(cb: () => void): () => void;
  /**
   * Resolves true once a sync with the relay has completed: the relay's answer (sync step 2) is
   * applied to the document, so observers of the document have seen all of it. Resolves false
   * after `timeoutMs`, or, with `untilUnreachable`, as soon as a connection attempt fails before
   * syncing (refused, closed: the relay is not reachable now, so waiting would only delay
   * offline play).
   */
  whenSynced(timeoutMs: number, opts?: { readonly untilUnreachable?: boolean }): Promise<boolean>;
  destroy(): void;
}

/** What a relay answers to an owner's drop order (server/drops.ts): rooms scheduled, or why not. */
export interface DropReply {
  readonly ok: boolean;
  readonly scheduled?: number;
  readonly error?: string;
}

/**
 * Makes the link of one document to its room; `dropRooms` sends the owner's signed order to drop
 * rooms (drop-order.ts) to the same relay (absent: a relay that cannot be asked).
 */
export type RelayConnector = ((doc: Y.Doc, room: string) => RelayLink) & {
  readonly dropRooms?: (order: string) => Promise<DropReply>;
};

/** A relay as a world is given one: y-websocket options (players) or a connector (tests). */
export type RelayChoice = RelayOptions | RelayConnector;

/** Resolves true once `link` has no write the relay has not confirmed (at once without a relay), false after `timeoutMs`. */
export function untilConfirmed(link: RelayLink | null, timeoutMs: number): Promise<boolean> {
  if (link === null || link.pending === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (v: boolean): void => {
      clearTimeout(timer);
      stop();
      resolve(v);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    const stop = link.onStatus(() => {
      if (link.pending === 0) done(true);
    });
  });
}
