// A malformed WebSocket upgrade is answered with an HTTP error and must give back the slot it
// took from its address's connection budget, whatever the path that refused it.
import { afterEach, describe, expect, it } from 'vitest';
import type { Relay } from '../../server/relay.ts';
import { connectClient, openRaw, whenSynced, type Client } from './helpers/clients.ts';
import { rawRequest, upgradeRequest } from './helpers/raw-http.ts';
import { startTestRelay, waitFor } from './helpers/relay.ts';

const relays: Relay[] = [];
const clients: Client[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const r of relays.splice(0)) await r.shutdown();
});

describe('per-address connection slots', () => {
  it('are released by malformed upgrades, so an honest client from that address still connects', async () => {
    const r = await startTestRelay({ RELAY_MAX_CONNS_PER_IP: '8' });
    relays.push(r);
    const malformed = [
      upgradeRequest('room', { 'Sec-WebSocket-Key': 'not-a-key' }),
      upgradeRequest('room', { Upgrade: 'foo' }),
      upgradeRequest('room', { 'Sec-WebSocket-Version': '99' }),
      upgradeRequest('room', { 'Sec-WebSocket-Protocol': ',,,' }),
    ];
    const statuses: number[] = [];
    for (let i = 0; i < 64; i++) statuses.push(await rawRequest(r.port, malformed[i % malformed.length]!));
    expect(statuses.every((s) => s >= 400 && s < 500)).toBe(true);
    (await openRaw(`ws://127.0.0.1:${r.port}/room`)).terminate();
    const honest = connectClient(`ws://127.0.0.1:${r.port}`, 'room');
    clients.push(honest);
    await whenSynced(honest);
    await waitFor('only the honest connection to remain', () => r.health().connections === 1);
  });
});
