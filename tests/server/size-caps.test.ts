// A room's stored size and the bytes one connection may add are capped: a write past either is
// refused with a clear close reason, counted and logged, and neither stored nor forwarded, while
// clients that add nothing new keep syncing.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import type { Relay } from '../../server/relay.ts';
import { encodeUpdate } from '../../server/protocol.ts';
import { closed, connectClient, openRaw, whenSynced } from './helpers/clients.ts';
import { closeAfterEach } from './helpers/cleanup.ts';
import { startTestRelay, waitFor } from './helpers/relay.ts';
import { entriesUpdate } from './helpers/updates.ts';

const { relays, clients, sockets } = closeAfterEach();
const raw = async (r: Relay, room: string): Promise<WebSocket> => {
  const ws = await openRaw(`ws://127.0.0.1:${r.port}/${room}`);
  sockets.push(ws);
  return ws;
};
const keys = (r: Relay, room: string): string[] => [...(r.rooms.peek(room)?.doc.getMap('log').keys() ?? [])];

describe('size caps', () => {
  it('refuse a write that would take a room past its size, with a reason and a log line', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const r = await startTestRelay({ RELAY_MAX_ROOM_BYTES: String(64 * 1024), RELAY_ROOM_IDLE_MS: '600000' }, { logger });
    relays.push(r);
    const watcher = connectClient(`ws://127.0.0.1:${r.port}`, 'zone');
    clients.push(watcher);
    await whenSynced(watcher);
    const first = await raw(r, 'zone');
    first.send(encodeUpdate(entriesUpdate('a', 40, 1000)));
    await waitFor('the first write to be stored', () => watcher.doc.getMap('log').size === 40);
    const second = await raw(r, 'zone');
    const refused = closed(second);
    second.send(encodeUpdate(entriesUpdate('b', 40, 1000)));
    expect(await refused).toEqual({ code: 4413, reason: 'room is full' });
    expect(keys(r, 'zone').some((k) => k.startsWith('b-'))).toBe(false);
    // A client that already holds everything reconnects and syncs: it adds nothing.
    watcher.provider.disconnect();
    watcher.provider.connect();
    await whenSynced(watcher);
    const newcomer = connectClient(`ws://127.0.0.1:${r.port}`, 'zone');
    clients.push(newcomer);
    await waitFor('a newcomer to get the first write only', () => newcomer.doc.getMap('log').size === 40);
    expect([...newcomer.doc.getMap('log').keys()].some((k) => k.startsWith('b-'))).toBe(false);
    const metrics = await (await fetch(`http://127.0.0.1:${r.port}/metrics`)).text();
    expect(metrics).toContain('relay_rejected_total{reason="limit/room-size"} 1');
    await r.shutdown();
    expect(lines.some((l) => (l.refused as Record<string, number> | undefined)?.['limit/room-size'] === 1)).toBe(true);
  });

  it('refuse a connection that writes more than its share, while a new connection may still write', async () => {
    const r = await startTestRelay({ RELAY_MAX_WRITER_BYTES: String(32 * 1024), RELAY_ROOM_IDLE_MS: '600000' });
    relays.push(r);
    const writer = await raw(r, 'zone');
    const refused = closed(writer);
    writer.send(encodeUpdate(entriesUpdate('a', 20, 1000)));
    await waitFor('the first write to be stored', () => keys(r, 'zone').length === 20);
    writer.send(encodeUpdate(entriesUpdate('b', 20, 1000)));
    expect(await refused).toEqual({ code: 4413, reason: 'too much written on this connection' });
    expect(keys(r, 'zone').some((k) => k.startsWith('b-'))).toBe(false);
    const next = await raw(r, 'zone');
    next.send(encodeUpdate(entriesUpdate('c', 20, 1000)));
    await waitFor('a new connection to write', () => keys(r, 'zone').length === 40);
  });
});
