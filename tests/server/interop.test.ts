// Stock y-websocket clients (the WebsocketProvider the app uses, with `ws` in Node) against the
// relay: sync, awareness, reconnect, and rooms that come back from storage after being unloaded.
import { afterEach, describe, expect, it } from 'vitest';
import type { Relay } from '../../server/relay.ts';
import { connectClient, items, push, whenSynced, type Client } from './helpers/clients.ts';
import { startTestRelay, tempDir, waitFor } from './helpers/relay.ts';

const relays: Relay[] = [];
const clients: Client[] = [];
const client = (relay: Relay, room: string): Client => {
  const c = connectClient(`ws://127.0.0.1:${relay.port}`, room);
  clients.push(c);
  return c;
};
const relay = async (env: Record<string, string> = {}): Promise<Relay> => {
  const r = await startTestRelay(env);
  relays.push(r);
  return r;
};

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const r of relays.splice(0)) await r.shutdown();
});

describe('stock y-websocket clients', () => {
  it('sync both ways, also for a client that joins late', async () => {
    const r = await relay();
    const a = client(r, 'harbor');
    const b = client(r, 'harbor');
    await whenSynced(a);
    await whenSynced(b);
    push(a, 'a1');
    push(b, 'b1');
    await waitFor('a and b to see both items', () => items(a).length === 2 && items(b).length === 2);
    const late = client(r, 'harbor');
    await waitFor('late client to catch up', () => items(late).length === 2);
    expect(new Set(items(late))).toEqual(new Set(['a1', 'b1']));
  });

  it('keeps rooms apart', async () => {
    const r = await relay();
    const a = client(r, 'room-a');
    const b = client(r, 'room-b');
    await whenSynced(a);
    await whenSynced(b);
    push(a, 'only-in-a');
    const a2 = client(r, 'room-a');
    await waitFor('a2 sees a', () => items(a2).length === 1);
    expect(items(b)).toEqual([]);
  });

  it('relays awareness and removes a client that leaves', async () => {
    const r = await relay();
    const a = client(r, 'forest');
    const b = client(r, 'forest');
    await whenSynced(a);
    await whenSynced(b);
    a.provider.awareness.setLocalStateField('user', { name: 'Mira' });
    await waitFor('b to see Mira', () =>
      [...b.provider.awareness.getStates().values()].some((s) => (s as { user?: { name: string } }).user?.name === 'Mira'),
    );
    const c = client(r, 'forest');
    await waitFor('a newcomer to see Mira too', () => c.provider.awareness.getStates().has(a.doc.clientID));
    a.provider.disconnect();
    await waitFor('b to see Mira gone', () => !b.provider.awareness.getStates().has(a.doc.clientID));
  });

  it('reconnects after the relay restarts on the same data, losing nothing', async () => {
    const data = tempDir('restart');
    let r = await relay({ RELAY_DATA: data });
    const port = r.port;
    const a = client(r, 'village');
    await whenSynced(a);
    push(a, 'before-restart');
    await waitFor('update stored', () => (r.health().rooms === 1));
    const b = client(r, 'village');
    await waitFor('b sees it', () => items(b).length === 1);
    await r.shutdown();
    relays.splice(relays.indexOf(r), 1);
    await waitFor('clients notice the restart', () => !a.provider.wsconnected && !b.provider.wsconnected);
    r = await relay({ RELAY_DATA: data, PORT: String(port) });
    await waitFor('clients reconnect', () => a.provider.synced && b.provider.synced && a.provider.wsconnected);
    push(b, 'after-restart');
    await waitFor('a sees the new item', () => items(a).length === 2);
    const fresh = client(r, 'village');
    await waitFor('a fresh client gets everything from storage', () => items(fresh).length === 2);
  });

  it('unloads an empty room and loads it again from storage', async () => {
    const r = await relay({ RELAY_ROOM_IDLE_MS: '0' });
    const a = client(r, 'coast');
    await whenSynced(a);
    for (let i = 0; i < 20; i++) push(a, `item-${i}`);
    const b = client(r, 'coast');
    await waitFor('b sees 20 items', () => items(b).length === 20);
    a.destroy();
    b.destroy();
    await waitFor('room unloaded', () => r.health().rooms === 0);
    const c = client(r, 'coast');
    await waitFor('c loads the room from storage', () => items(c).length === 20);
    expect(items(c)).toEqual(Array.from({ length: 20 }, (_, i) => `item-${i}`));
  });

  it('compacts a long log without losing anything', async () => {
    const r = await relay({ RELAY_COMPACT_EVERY: '10', RELAY_ROOM_IDLE_MS: '0' });
    const a = client(r, 'compact');
    await whenSynced(a);
    for (let i = 0; i < 100; i++) push(a, `n${i}`);
    const b = client(r, 'compact');
    await waitFor('b sees 100', () => items(b).length === 100);
    a.destroy();
    b.destroy();
    await waitFor('room unloaded', () => r.health().rooms === 0);
    const c = client(r, 'compact');
    await waitFor('c sees 100 after compaction and reload', () => items(c).length === 100);
  });
});
