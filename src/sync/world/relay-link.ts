/**
 * One document's connection to a y-websocket relay (any server speaking the protocol: ours in
 * server/, or the reference @y/websocket-server), with acknowledgement tracking for the UI's
 * "not yet on the relay" indicator.
 *
 *   const link = linkRelay(doc, room, { url: 'ws://localhost:1234', WebSocketPolyfill: WebSocket });
 *   link.track();            // after a local write: counts it pending until the relay has it
 *   link.pending;            // writes the relay has not confirmed
 *   link.onPending((n) => …); link.destroy();
 *
 * How writes are confirmed within the standard protocol: the client sends a sync step 1 whose
 * state vector claims everything except its own unconfirmed writes; the relay's step 2 answer
 * then holds exactly those of them it has, and their clocks confirm them. Any update from the
 * relay that carries our own items (a relay that echoes) confirms them too. Only frames from the
 * websocket count, never ones from other tabs (BroadcastChannel).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export interface RelayOptions {
  readonly url: string;
  /** `ws`'s WebSocket in Node; the browser's own by default. */
  readonly WebSocketPolyfill?: unknown;
  /** Milliseconds between confirmation queries while writes are pending. */
  readonly confirmEveryMs?: number;
}

export interface RelayLink {
  readonly provider: WebsocketProvider;
  /** Tracked local writes (one per `track()`) the relay has not confirmed. */
  readonly pending: number;
  readonly connected: boolean;
  /** True once a sync with the relay has completed on this link. */
  readonly synced: boolean;
  /** True when the last connection attempt ended before a first sync (refused, closed). */
  readonly unreachable: boolean;
  /** Note the local writes made so far as pending. */
  track(): void;
  onPending(cb: (pending: number) => void): () => void;
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

const MESSAGE_SYNC = 0;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;

export function linkRelay(doc: Y.Doc, room: string, opts: RelayOptions): RelayLink {
  const provider = new WebsocketProvider(opts.url, room, doc, {
    ...(opts.WebSocketPolyfill ? { WebSocketPolyfill: opts.WebSocketPolyfill as typeof WebSocket } : {}),
    disableBc: true,
  });
  /** client id -> clock the relay is known to have reached for our own writes. */
  const confirmed = new Map<number, number>();
  /** Each tracked write: the client id it was made under and the clock just after it. */
  let writes: { client: number; end: number }[] = [];
  /** client id -> highest clock written (what we ask the relay about). */
  const written = new Map<number, number>();
  const listeners = new Set<(n: number) => void>();
  let lastPending = 0;

  const pendingNow = (): number => {
    writes = writes.filter((w) => (confirmed.get(w.client) ?? 0) < w.end);
    return writes.length;
  };
  const notify = (): void => {
    const n = pendingNow();
    if (n !== lastPending) {
      lastPending = n;
      for (const cb of listeners) cb(n);
    }
  };
  const learn = (update: Uint8Array): void => {
    try {
      const meta = Y.parseUpdateMeta(update);
      for (const [client, to] of meta.to) {
        if (written.has(client) && to > (confirmed.get(client) ?? 0)) confirmed.set(client, to);
      }
      notify();
    } catch {
      // A frame we cannot read is the provider's problem, not the indicator's.
    }
  };
  const original = provider.messageHandlers[MESSAGE_SYNC]!;
  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, p, fromSocket, type) => {
    if (fromSocket) {
      const peek = decoding.clone(decoder);
      const kind = decoding.readVarUint(peek);
      if (kind === STEP2 || kind === UPDATE) learn(decoding.readVarUint8Array(peek));
    }
    original(encoder, decoder, p, fromSocket, type);
    if (fromSocket && p.synced) schedule(0);
  };

  const query = (): void => {
    const ws = provider.ws;
    if (!ws || ws.readyState !== 1 || pendingNow() === 0) return;
    const sv = Y.decodeStateVector(Y.encodeStateVector(doc));
    for (const [client] of written) sv.set(client, confirmed.get(client) ?? 0);
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MESSAGE_SYNC);
    encoding.writeVarUint(enc, STEP1);
    encoding.writeVarUint8Array(enc, Y.encodeStateVector(sv));
    ws.send(encoding.toUint8Array(enc));
  };
  let timer: ReturnType<typeof setTimeout> | null = null;
  const every = opts.confirmEveryMs ?? 250;
  const schedule = (delay: number): void => {
    if (timer !== null || pendingNow() === 0) return;
    timer = setTimeout(() => {
      timer = null;
      query();
      if (pendingNow() > 0) schedule(every);
    }, delay);
  };
  provider.on('sync', (synced: boolean) => {
    if (synced) schedule(0);
  });

  let syncedOnce = false;
  const syncedPromise = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.on('sync', (s: boolean) => {
      if (s) {
        syncedOnce = true;
        resolve();
      }
    });
  });
  /** The last connection attempt ended without a sync (until the next sync). */
  let unreachable = false;
  const unreachableWaiters = new Set<() => void>();
  provider.on('sync', (s: boolean) => {
    if (s) unreachable = false;
  });
  provider.on('connection-close', () => {
    if (syncedOnce || provider.synced) return;
    unreachable = true;
    for (const w of [...unreachableWaiters]) w();
  });

  // In a browser, the network going away is known at once; without this the socket is only
  // given up after y-websocket's 30 s message timeout, and the indicator would claim "synced".
  const page = globalThis as { addEventListener?: (t: string, f: () => void) => void; removeEventListener?: (t: string, f: () => void) => void };
  const wentOffline = (): void => provider.disconnect();
  const cameOnline = (): void => provider.connect();
  page.addEventListener?.('offline', wentOffline);
  page.addEventListener?.('online', cameOnline);

  return {
    provider,
    get pending() {
      return pendingNow();
    },
    get connected() {
      return provider.wsconnected;
    },
    get synced() {
      return syncedOnce || provider.synced;
    },
    get unreachable() {
      return unreachable;
    },
    track() {
      const end = Y.getState(doc.store, doc.clientID);
      written.set(doc.clientID, end);
      writes.push({ client: doc.clientID, end });
      notify();
      schedule(20);
    },
    onPending(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    whenSynced(timeoutMs, o) {
      if (syncedOnce || provider.synced) return Promise.resolve(true);
      if (o?.untilUnreachable && unreachable) return Promise.resolve(false);
      return new Promise<boolean>((resolve) => {
        const done = (synced: boolean): void => {
          clearTimeout(timer);
          unreachableWaiters.delete(gaveUp);
          resolve(synced);
        };
        const gaveUp = (): void => done(false);
        const timer = setTimeout(gaveUp, timeoutMs);
        if (o?.untilUnreachable) unreachableWaiters.add(gaveUp);
        void syncedPromise.then(() => done(true));
      });
    },
    destroy() {
      if (timer !== null) clearTimeout(timer);
      page.removeEventListener?.('offline', wentOffline);
      page.removeEventListener?.('online', cameOnline);
      provider.destroy();
    },
  };
}
