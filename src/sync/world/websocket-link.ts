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
import type { DropReply, RelayChoice, RelayConnector, RelayLink, RelayOptions } from './relay-link.ts';
import { MESSAGE_SYNC, WriteConfirmations } from './write-confirmations.ts';

/**
 * y-websocket gives up for good after any close in 4400-4499 (its "permanent" range). Two of our
 * relay's are not permanent (docs/relay.md): 4429, too many messages a second, and 4408, too far
 * behind; after either, come back (with y-websocket's backoff) instead of staying offline until
 * the page is opened again.
 */
const TRY_AGAIN = new Set([4429, 4408]);
/** The relay dropped the room on its owner's order (drop-order.ts): permanent, like the rest of 44xx. */
const GONE = 4410;
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
  let gone = false;
  provider.on('connection-close', (event: { readonly code: number } | null) => {
    if (event?.code === GONE) {
      gone = true;
      statusChanged();
    }
    if (!provider.synced) first.markClosed();
  });

  // In a browser, the network going away is known at once; without this the socket is only
  // given up after y-websocket's 30 s message timeout, and the indicator would claim "synced".
  const page = globalThis as { addEventListener?: (t: string, f: () => void) => void; removeEventListener?: (t: string, f: () => void) => void };
  const wentOffline = (): void => provider.disconnect();
  const cameOnline = (): void => {
    if (!gone) provider.connect();
  };
  page.addEventListener?.('offline', wentOffline);
  page.addEventListener?.('online', cameOnline);

  return {
    get pending() {
      return writes.pending;
    },
    get connected() {
      return provider.wsconnected;
    },
    get gone() {
      return gone;
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
  return Object.assign((doc: Y.Doc, room: string) => linkWebsocket(doc, room, relay), { dropRooms: (order: string) => postDropOrder(relay.url, order) });
}

/** The relay's HTTP side, beside its WebSocket (`ws://host/x` → `http://host/x/drop`). */
async function postDropOrder(url: string, order: string): Promise<DropReply> {
  try {
    // text/plain: a simple request, no preflight, even to a relay of another origin.
    const res = await fetch(`${url.replace(/^ws/, 'http').replace(/\/+$/, '')}/drop`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: order });
    const body = (await res.json().catch(() => ({}))) as { scheduled?: unknown; error?: unknown };
    return res.ok
      ? { ok: true, scheduled: typeof body.scheduled === 'number' ? body.scheduled : 0 }
      : { ok: false, error: typeof body.error === 'string' ? body.error : `HTTP ${res.status}` };
  } catch (error) {
    return { ok: false, error: String(error) };
  }
}

