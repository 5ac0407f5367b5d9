/**
 * A RelayLink over y-websocket's client (any server speaking the protocol: ours in server/, or
 * the reference @y/websocket-server). Writes are confirmed with the step 1 query of
 * write-confirmations.ts, sent while writes are pending; only frames from the websocket count,
 * never ones from other tabs (BroadcastChannel is off).
 *
 *   const link = linkWebsocket(doc, room, { url: 'ws://localhost:1234', WebSocketPolyfill: WebSocket });
 *   const connect = relayConnector(options.relay);   // a test's connector, or y-websocket's
 */
import * as decoding from 'lib0/decoding';
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { FirstSync } from './first-sync.ts';
import type { RelayChoice, RelayConnector, RelayLink, RelayOptions } from './relay-link.ts';
import { MESSAGE_SYNC, WriteConfirmations } from './write-confirmations.ts';

/**
 * y-websocket gives up for good after any close in 4400-4499 (its "permanent" range). Two of our
 * relay's are not permanent (docs/relay.md): 4429, too many messages a second, and 4408, too far
 * behind; after either, come back (with y-websocket's backoff) instead of staying offline until
 * the page is opened again.
 */
const TRY_AGAIN = new Set([4429, 4408]);
export const shouldReconnect = (event: { readonly code: number }): boolean => TRY_AGAIN.has(event.code) || !(event.code >= 4400 && event.code < 4500);

export function linkWebsocket(doc: Y.Doc, room: string, opts: RelayOptions): RelayLink {
  const provider = new WebsocketProvider(opts.url, room, doc, {
    ...(opts.WebSocketPolyfill ? { WebSocketPolyfill: opts.WebSocketPolyfill as typeof WebSocket } : {}),
    disableBc: true,
    shouldReconnect,
  });
  const writes = new WriteConfirmations(doc);
  const first = new FirstSync();

  const original = provider.messageHandlers[MESSAGE_SYNC]!;
  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, p, fromSocket, type) => {
    if (fromSocket) {
      const peek = decoding.clone(decoder);
      const kind = decoding.readVarUint(peek);
      if (kind === messageYjsSyncStep2 || kind === messageYjsUpdate) writes.learn(decoding.readVarUint8Array(peek));
    }
    original(encoder, decoder, p, fromSocket, type);
    if (fromSocket && p.synced) schedule(0);
  };

  const query = (): void => {
    const ws = provider.ws;
    const q = writes.query();
    if (ws && ws.readyState === 1 && q) ws.send(q as Uint8Array<ArrayBuffer>);
  };
  let timer: ReturnType<typeof setTimeout> | null = null;
  const every = opts.confirmEveryMs ?? 250;
  const schedule = (delay: number): void => {
    if (timer !== null || writes.pending === 0) return;
    timer = setTimeout(() => {
      timer = null;
      query();
      if (writes.pending > 0) schedule(every);
    }, delay);
  };
  const statusListeners = new Set<() => void>();
  const statusChanged = (): void => {
    for (const cb of statusListeners) cb();
  };
  writes.onPending(statusChanged);
  provider.on('status', statusChanged);
  provider.on('sync', (synced: boolean) => {
    statusChanged();
    if (!synced) return;
    first.markSynced();
    schedule(0);
  });
  if (provider.synced) first.markSynced();
  provider.on('connection-close', () => {
    if (!provider.synced) first.markClosed();
  });

  // In a browser, the network going away is known at once; without this the socket is only
  // given up after y-websocket's 30 s message timeout, and the indicator would claim "synced".
  const page = globalThis as { addEventListener?: (t: string, f: () => void) => void; removeEventListener?: (t: string, f: () => void) => void };
  const wentOffline = (): void => provider.disconnect();
  const cameOnline = (): void => provider.connect();
  page.addEventListener?.('offline', wentOffline);
  page.addEventListener?.('online', cameOnline);

  return {
    get pending() {
      return writes.pending;
    },
    get connected() {
      return provider.wsconnected;
    },
    get syncedNow() {
      return provider.synced;
    },
    get synced() {
      return first.synced || provider.synced;
    },
    get unreachable() {
      return first.unreachable;
    },
    awareness: provider.awareness,
    track(client) {
      writes.track(client);
      schedule(20);
    },
    forgetPending: () => writes.forget(),
    onStatus(cb) {
      statusListeners.add(cb);
      return () => statusListeners.delete(cb);
    },
    whenSynced: (timeoutMs, o) => (provider.synced ? Promise.resolve(true) : first.whenSynced(timeoutMs, o)),
    destroy() {
      if (timer !== null) clearTimeout(timer);
      statusListeners.clear();
      page.removeEventListener?.('offline', wentOffline);
      page.removeEventListener?.('online', cameOnline);
      provider.destroy();
    },
  };
}

/** The connector a world uses: the one given (tests), or y-websocket's for relay options. */
export function relayConnector(relay: RelayChoice | null | undefined): RelayConnector | null {
  if (!relay) return null;
  if (typeof relay === 'function') return relay;
  return (doc, room) => linkWebsocket(doc, room, relay);
}

