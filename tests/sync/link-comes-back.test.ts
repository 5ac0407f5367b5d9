// The app's relay link after a close the relay means as "slow down" (4429, too many messages a
// second) or "catch up" (4408, too far behind): a stock y-websocket client treats every close in
// 4400-4499 as permanent and stays offline until the page is opened again. The app's link comes
// back (with y-websocket's backoff), and what was written reaches the others.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { linkWebsocket, shouldReconnect } from '../../src/sync/world/websocket-link.ts';
import { connectClient, whenSynced, type Client } from '../server/helpers/clients.ts';
import { startTestRelay, waitFor } from '../server/helpers/relay.ts';
import type { Relay } from '../../server/relay.ts';

const relays: Relay[] = [];
const closers: (() => void)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) c();
  for (const r of relays.splice(0)) await r.shutdown();
});

describe("the app's relay link", () => {
  it('comes back after a burst trips the relay\'s message rate, and the burst reaches the others', async () => {
    const relay = await startTestRelay({ RELAY_MAX_RATE: '20' });
    relays.push(relay);
    const url = `ws://127.0.0.1:${relay.port}`;
    const doc = new Y.Doc();
    const link = linkWebsocket(doc, 'zone-harbor', { url, WebSocketPolyfill: WebSocket });
    closers.push(() => link.destroy());
    const other: Client = connectClient(url, 'zone-harbor');
    closers.push(() => other.destroy());
    await whenSynced(other);
    await link.whenSynced(5_000);
    // A burst (in a map the relay does not check): each write is its own update message, far past 20 a second.
    for (let i = 0; i < 120; i++) doc.getMap<string>('notes').set(`k${i}`, `v${i}`);
    await waitFor('the other client to hold the whole burst', () => other.doc.getMap('notes').size === 120, 20_000);
    expect(link.connected).toBe(true);
  }, 40_000);

  it('gives up only on closes that mean the data itself is refused', () => {
    expect(shouldReconnect({ code: 4429 })).toBe(true);
    expect(shouldReconnect({ code: 4408 })).toBe(true);
    expect(shouldReconnect({ code: 1013 })).toBe(true);
    expect(shouldReconnect({ code: 4413 })).toBe(false);
    expect(shouldReconnect({ code: 4409 })).toBe(false);
  });
});
