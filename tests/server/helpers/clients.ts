// Stock y-websocket clients (WebsocketProvider with `ws` as the WebSocket) and raw sockets for tests.
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { waitFor } from './relay.ts';

export interface Client {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  destroy(): void;
}

/** `ws` bound to a local address (127.0.0.0/8 is all loopback): a client from another IP. */
const wsFrom = (localAddress: string): unknown =>
  class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { localAddress });
    }
  };

export const connectClient = (url: string, room: string, params: Record<string, string> = {}, localAddress?: string): Client => {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, room, doc, {
    WebSocketPolyfill: (localAddress === undefined ? WebSocket : wsFrom(localAddress)) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
    params,
  });
  return {
    doc,
    provider,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
};

export const whenSynced = (client: Client, what = 'client to sync'): Promise<void> =>
  waitFor(what, () => client.provider.synced);

/** The items of the shared array `log` (tests write strings into it). */
export const items = (client: Client): string[] => client.doc.getArray<string>('log').toArray();

export const push = (client: Client, ...values: string[]): void => {
  client.doc.getArray<string>('log').push(values);
};

/** Opens a raw WebSocket; resolves when open (rejects with the HTTP status on refusal). */
export const openRaw = (url: string, headers: Record<string, string> = {}, localAddress?: string): Promise<WebSocket> =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, localAddress });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });

/** Resolves with the close code and reason the server sent. */
export const closed = (ws: WebSocket): Promise<{ code: number; reason: string }> =>
  new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) return resolve({ code: 1006, reason: '' });
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });

/**
 * Opens `url` from `localAddress`, waits until the relay has loaded the room (its first frame) or
 * refused it, and leaves. Resolves with the close code or HTTP status when refused, else null.
 */
export const visit = (url: string, localAddress: string): Promise<number | null> =>
  new Promise((resolve, reject) => {
    // Listeners go on before the handshake ends: the first frame can arrive with the handshake.
    const ws = new WebSocket(url, { localAddress });
    let refused: number | null = null;
    ws.once('message', () => ws.close());
    ws.once('close', (code) => resolve(refused ?? (code === 1005 || code === 1000 ? null : code)));
    ws.once('unexpected-response', (_req, res) => {
      refused = res.statusCode ?? 0;
      ws.terminate();
    });
    ws.once('error', (error) => (refused === null ? reject(error) : undefined));
  });

/** The stock clients one test file opens on relays by port, destroyed together after each test. */
export class ClientPool {
  readonly open: Client[] = [];

  connect(port: number, room: string): Client {
    const c = connectClient(`ws://127.0.0.1:${port}`, room);
    this.open.push(c);
    return c;
  }

  destroyAll(): void {
    for (const c of this.open.splice(0)) c.destroy();
  }
}
