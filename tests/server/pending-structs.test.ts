// Structs that miss a dependency wait at the relay: what may wait is bounded per room, and a
// newcomer is never sent what waits (nothing stored it: "stored before seen").
import { describe, expect, it } from 'vitest';
import type { Relay } from '../../server/relay.ts';
import { encodeUpdate } from '../../server/protocol.ts';
import { pendingBytes } from '../../server/room-budget.ts';
import { closed, connectClient, items, openRaw, push, whenSynced, type Client } from './helpers/clients.ts';
import { closeAfterEach } from './helpers/cleanup.ts';
import { startTestRelay, waitFor } from './helpers/relay.ts';
import { orphanUpdate } from './helpers/updates.ts';

const { relays, clients, sockets } = closeAfterEach();
const client = (r: Relay, room: string): Client => {
  const c = connectClient(`ws://127.0.0.1:${r.port}`, room);
  clients.push(c);
  return c;
};
const waiting = (r: Relay, room: string): number => {
  const loaded = r.rooms.peek(room);
  return loaded === undefined ? 0 : pendingBytes(loaded.doc);
};

describe('pending structs', () => {
  it('are never sent to a newcomer', async () => {
    const r = await startTestRelay();
    relays.push(r);
    const ws = await openRaw(`ws://127.0.0.1:${r.port}/zone`);
    sockets.push(ws);
    ws.send(encodeUpdate(orphanUpdate('orphan', 10, 100)));
    await waitFor('the relay to hold the orphan as pending', () => waiting(r, 'zone') > 0);
    const newcomer = client(r, 'zone');
    await whenSynced(newcomer);
    expect(newcomer.doc.store.pendingStructs).toBeNull();
    expect(newcomer.doc.getMap('log').size).toBe(0);
  });

  it('are bounded per room: past the cap they are dropped and the sender closed, and honest clients carry on', async () => {
    const cap = 64 * 1024;
    const r = await startTestRelay({ RELAY_MAX_PENDING_BYTES: String(cap), RELAY_ROOM_IDLE_MS: '600000' });
    relays.push(r);
    const honest = client(r, 'zone');
    await whenSynced(honest);
    const closes: Array<{ code: number; reason: string } | null> = [];
    for (let i = 0; i < 20; i++) {
      const ws = await openRaw(`ws://127.0.0.1:${r.port}/zone`);
      sockets.push(ws);
      let close: { code: number; reason: string } | null = null;
      void closed(ws).then((c) => (close = c));
      const before = waiting(r, 'zone');
      ws.send(encodeUpdate(orphanUpdate(`junk${i}`, 200, 1000)));
      await waitFor('the relay to take the update', () => close !== null || waiting(r, 'zone') !== before);
      expect(waiting(r, 'zone')).toBeLessThanOrEqual(cap);
      closes.push(close);
    }
    expect(closes.every((c) => c?.code === 4413 && c.reason === 'too much waiting for missing data')).toBe(true);
    push(honest, 'still here');
    const late = client(r, 'zone');
    await waitFor('a late client to get the honest write', () => items(late).includes('still here'));
  });
});
