// Access control and limits as a client meets them: token, origin allow-list, connections per
// IP, message rate, frame size, text frames, and that a refused client does not disturb others.
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import type { Relay } from '../../server/relay.ts';
import { encodeUpdate } from '../../server/protocol.ts';
import { closed, connectClient, items, openRaw, push, whenSynced, type Client } from './helpers/clients.ts';
import { itemUpdate } from './helpers/memory-peer.ts';
import { startTestRelay, waitFor } from './helpers/relay.ts';

const relays: Relay[] = [];
const sockets: WebSocket[] = [];
const clients: Client[] = [];
const relay = async (env: Record<string, string> = {}): Promise<Relay> => {
  const r = await startTestRelay(env);
  relays.push(r);
  return r;
};
const raw = async (url: string, headers: Record<string, string> = {}): Promise<WebSocket> => {
  const ws = await openRaw(url, headers);
  sockets.push(ws);
  return ws;
};
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  for (const c of clients.splice(0)) c.destroy();
  for (const r of relays.splice(0)) await r.shutdown();
});

describe('access', () => {
  it('with RELAY_TOKEN, refuses connections without the token and accepts stock clients that carry it', async () => {
    const r = await relay({ RELAY_TOKEN: 's3cret' });
    await expect(openRaw(`ws://127.0.0.1:${r.port}/room`)).rejects.toThrow('HTTP 401');
    await expect(openRaw(`ws://127.0.0.1:${r.port}/room?token=wrong`)).rejects.toThrow('HTTP 401');
    const c = connectClient(`ws://127.0.0.1:${r.port}`, 'room', { token: 's3cret' });
    clients.push(c);
    await whenSynced(c);
  });

  it('refuses browser origins outside the allow-list', async () => {
    const r = await relay({ RELAY_ORIGINS: 'https://play.example' });
    await expect(openRaw(`ws://127.0.0.1:${r.port}/room`, { Origin: 'https://evil.example' })).rejects.toThrow('HTTP 403');
    await raw(`ws://127.0.0.1:${r.port}/room`, { Origin: 'https://play.example' });
  });

  it('refuses a bad room name', async () => {
    const r = await relay();
    await expect(openRaw(`ws://127.0.0.1:${r.port}/`)).rejects.toThrow('HTTP 400');
  });
});

describe('limits', () => {
  it('limits connections per IP', async () => {
    const r = await relay({ RELAY_MAX_CONNS_PER_IP: '2' });
    await raw(`ws://127.0.0.1:${r.port}/a`);
    await raw(`ws://127.0.0.1:${r.port}/a`);
    await expect(openRaw(`ws://127.0.0.1:${r.port}/a`)).rejects.toThrow('HTTP 429');
  });

  it('limits distinct rooms per IP', async () => {
    const r = await relay({ RELAY_MAX_ROOMS_PER_IP: '2' });
    await raw(`ws://127.0.0.1:${r.port}/a`);
    await raw(`ws://127.0.0.1:${r.port}/b`);
    await raw(`ws://127.0.0.1:${r.port}/b`);
    await expect(openRaw(`ws://127.0.0.1:${r.port}/c`)).rejects.toThrow('HTTP 429');
  });

  it('tells a client when the relay holds as many rooms as it may', async () => {
    const r = await relay({ RELAY_MAX_ROOMS: '1' });
    const first = connectClient(`ws://127.0.0.1:${r.port}`, 'only-room');
    clients.push(first);
    await whenSynced(first);
    const second = await raw(`ws://127.0.0.1:${r.port}/another-room`);
    expect(await closed(second)).toEqual({ code: 1013, reason: 'relay is full' });
  });

  it('closes a connection that floods messages, with a reason, while others keep syncing', async () => {
    const r = await relay({ RELAY_MAX_RATE: '50' });
    const a = connectClient(`ws://127.0.0.1:${r.port}`, 'flood');
    const b = connectClient(`ws://127.0.0.1:${r.port}`, 'flood');
    clients.push(a, b);
    await whenSynced(a);
    await whenSynced(b);
    const flooder = await raw(`ws://127.0.0.1:${r.port}/flood`);
    const done = closed(flooder);
    for (let i = 0; i < 500; i++) flooder.send(encodeUpdate(itemUpdate(`flood-${i}`)));
    const close = await done;
    expect(close.code).toBe(4429);
    expect(close.reason).toMatch(/too many messages/);
    push(a, 'still-works');
    await waitFor('b gets a\'s update', () => items(b).includes('still-works'));
  });

  it('closes a connection that sends a frame over the size limit (1009) or a text frame (1003)', async () => {
    const r = await relay({ RELAY_MAX_FRAME: '1024' });
    const big = await raw(`ws://127.0.0.1:${r.port}/room`);
    const bigClosed = closed(big);
    big.send(new Uint8Array(4096));
    expect((await bigClosed).code).toBe(1009);
    const text = await raw(`ws://127.0.0.1:${r.port}/room`);
    const textClosed = closed(text);
    text.send('hello');
    expect(await textClosed).toEqual({ code: 1003, reason: 'binary frames only' });
  });

  it('closes a connection that sends a malformed frame, saying why', async () => {
    const r = await relay();
    const ws = await raw(`ws://127.0.0.1:${r.port}/room`);
    const done = closed(ws);
    ws.send(new Uint8Array([42, 1, 2]));
    expect(await done).toEqual({ code: 1007, reason: 'malformed frame (frame/unknown-type)' });
    const metrics = await (await fetch(`http://127.0.0.1:${r.port}/metrics`)).text();
    expect(metrics).toContain('relay_rejected_total{reason="frame/unknown-type"} 1');
  });
});
