// With --bind-client-ids, a Yjs client id belongs to the connection that first wrote under it:
// a squatter writing Bo's next clocks while Bo is offline is refused (4403) and nothing of it is
// stored, while writers under fresh client ids, and Bo's own connection, carry on.
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { encodeUpdate } from '../../server/protocol.ts';
import type { Relay } from '../../server/relay.ts';
import { closed, connectClient, items, openRaw, whenSynced } from './helpers/clients.ts';
import { closeAfterEach } from './helpers/cleanup.ts';
import { startTestRelay, waitFor } from './helpers/relay.ts';

const { relays, clients, sockets } = closeAfterEach();

/** A writer: a document whose every change goes to the relay on its own raw socket. */
const writer = async (r: Relay, doc: Y.Doc): Promise<WebSocket> => {
  const ws = await openRaw(`ws://127.0.0.1:${r.port}/zone`);
  sockets.push(ws);
  doc.on('update', (u: Uint8Array) => ws.send(encodeUpdate(u)));
  return ws;
};

describe('client ids bound to connections', () => {
  it('refuse a later connection that writes under a client id it did not start', async () => {
    const r = await startTestRelay({ RELAY_BIND_CLIENT_IDS: '1', RELAY_ROOM_IDLE_MS: '600000' });
    relays.push(r);
    const watcher = connectClient(`ws://127.0.0.1:${r.port}`, 'zone');
    clients.push(watcher);
    await whenSynced(watcher);

    const bo = new Y.Doc();
    const boSocket = await writer(r, bo);
    bo.getArray<string>('log').push(['bo-1']);
    bo.getArray<string>('log').push(['bo-2']);
    await waitFor('bo\'s writes to arrive', () => items(watcher).length === 2);
    boSocket.close();
    await closed(boSocket);

    const squatter = new Y.Doc();
    Y.applyUpdate(squatter, Y.encodeStateAsUpdate(bo));
    // Taken after loading Bo's writes (Yjs would pick another id if it met its own id in them).
    squatter.clientID = bo.clientID;
    const before = Y.encodeStateVector(squatter);
    squatter.getArray<string>('log').push(['forged-as-bo']);
    const ws = await openRaw(`ws://127.0.0.1:${r.port}/zone`);
    sockets.push(ws);
    const refused = closed(ws);
    ws.send(encodeUpdate(Y.encodeStateAsUpdate(squatter, before)));
    expect(await refused).toEqual({ code: 4403, reason: 'client id belongs to another connection' });

    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(bo));
    await writer(r, fresh);
    fresh.getArray<string>('log').push(['fresh-writer']);
    await waitFor('the fresh writer\'s write to arrive', () => items(watcher).includes('fresh-writer'));
    expect(items(watcher)).not.toContain('forged-as-bo');
    expect(r.rooms.peek('zone')?.doc.getArray('log').toArray()).not.toContain('forged-as-bo');
  });

  it('let one connection keep writing under its own client id', async () => {
    const r = await startTestRelay({ RELAY_BIND_CLIENT_IDS: '1' });
    relays.push(r);
    const watcher = connectClient(`ws://127.0.0.1:${r.port}`, 'zone');
    clients.push(watcher);
    await whenSynced(watcher);
    const ana = new Y.Doc();
    await writer(r, ana);
    for (let i = 0; i < 20; i++) ana.getArray<string>('log').push([`ana-${i}`]);
    await waitFor('all of ana\'s writes to arrive', () => items(watcher).length === 20);
  });
});
