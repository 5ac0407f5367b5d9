// Many connections asking a large room for its state and never reading must not make the relay
// queue a copy of the room for each: replies go out in chunks, each after the client took the
// previous one, and an honest stock client still syncs the whole room meanwhile.
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import type { Relay } from '../../server/relay.ts';
import { encodeUpdate } from '../../server/protocol.ts';
import { closed, connectClient, openRaw } from './helpers/clients.ts';
import { step1Frame } from './helpers/memory-peer.ts';
import { closeAfterEach } from './helpers/cleanup.ts';
import { startTestRelay, waitFor } from './helpers/relay.ts';

const { relays, clients, sockets } = closeAfterEach();

const WRITERS = 12;
const KEYS_PER_WRITER = 2000;
const VALUE = 'v'.repeat(1000);

/** Fills `room` with WRITERS x KEYS_PER_WRITER map entries of 1 KB (about 24 MB), one connection each. */
const fillRoom = async (r: Relay, room: string): Promise<void> => {
  for (let w = 0; w < WRITERS; w++) {
    const doc = new Y.Doc();
    doc.transact(() => {
      for (let k = 0; k < KEYS_PER_WRITER; k++) doc.getMap('log').set(`w${w}-k${k}`, VALUE);
    });
    const ws = await openRaw(`ws://127.0.0.1:${r.port}/${room}`);
    ws.send(encodeUpdate(Y.encodeStateAsUpdate(doc)));
    ws.close();
    await closed(ws);
  }
  await waitFor('the room to hold every entry', () => r.rooms.peek(room)?.doc.getMap('log').size === WRITERS * KEYS_PER_WRITER, 60_000);
  await r.rooms.peek(room)!.flushed();
};

/** Asks for the whole room, then never reads again (its socket is paused). */
const nonReader = (url: string): Promise<WebSocket> =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    sockets.push(ws);
    ws.once('open', () => {
      ws.send(step1Frame(new Y.Doc()));
      ws.pause();
      resolve(ws);
    });
    ws.once('error', reject);
  });

describe('replies to sync step 1', () => {
  it('stay bounded in what the relay queues for clients that never read, while an honest client syncs', async () => {
    const r = await startTestRelay({ RELAY_ROOM_IDLE_MS: '600000' });
    relays.push(r);
    await fillRoom(r, 'big-zone');
    for (let i = 0; i < 4; i++) await nonReader(`ws://127.0.0.1:${r.port}/big-zone`);
    // Once the kernel's socket buffers are full, the relay itself holds what is left to send.
    await waitFor('the relay to hold bytes for the non-readers', () => r.queuedBytes() > 0, 60_000);
    const honest = connectClient(`ws://127.0.0.1:${r.port}`, 'big-zone');
    clients.push(honest);
    await waitFor('the honest client to sync the whole room', () =>
      honest.provider.synced && honest.doc.getMap('log').size === WRITERS * KEYS_PER_WRITER, 60_000);
    expect(honest.doc.store.pendingStructs).toBeNull();
    // Each non-reader holds at most two chunks (256 KiB each) in the relay, not the room's 24 MB.
    expect(r.queuedBytes()).toBeLessThanOrEqual(4 * 1024 * 1024);
  });
});
