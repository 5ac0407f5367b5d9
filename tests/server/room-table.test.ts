// One address opening fresh room names and leaving must not fill the relay's room table: idle
// rooms make way (never-written first) and an address is charged for the rooms it made the relay
// load, so an honest world still connects afterwards.
import { afterEach, describe, expect, it } from 'vitest';
import type { Relay } from '../../server/relay.ts';
import { connectClient, items, push, visit, whenSynced, type Client } from './helpers/clients.ts';
import { startTestRelay, waitFor } from './helpers/relay.ts';

const ATTACKER = '127.0.0.3';
const HONEST = '127.0.0.2';

const relays: Relay[] = [];
const clients: Client[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const r of relays.splice(0)) await r.shutdown();
});
const honestClient = (r: Relay, room: string): Client => {
  const c = connectClient(`ws://127.0.0.1:${r.port}`, room, {}, HONEST);
  clients.push(c);
  return c;
};

describe('room table', () => {
  it('makes way for an honest world after one address opened and left many fresh rooms', async () => {
    const r = await startTestRelay({ RELAY_MAX_ROOMS: '16', RELAY_ROOM_IDLE_MS: '600000' });
    relays.push(r);
    const keeper = honestClient(r, 'kept-world');
    await whenSynced(keeper);
    push(keeper, 'written');
    await waitFor('the write to be stored', () => r.rooms.peek('kept-world')?.doc.getArray('log').length === 1);
    keeper.destroy();
    for (let i = 0; i < 64; i++) await visit(`ws://127.0.0.1:${r.port}/fresh-${i}`, ATTACKER);
    expect(r.rooms.count).toBeLessThanOrEqual(16);
    // The written room outlived the never-written ones that came after it.
    expect(r.rooms.peek('kept-world')).toBeDefined();
    const world = honestClient(r, 'honest-world');
    await whenSynced(world);
    push(world, 'hello');
    const friend = honestClient(r, 'honest-world');
    await waitFor('the friend to see the honest write', () => items(friend).includes('hello'));
  });

  it('charges an address for the rooms it made the relay load', async () => {
    const r = await startTestRelay({ RELAY_MAX_LOADED_ROOMS_PER_IP: '8', RELAY_ROOM_IDLE_MS: '600000' });
    relays.push(r);
    const world = honestClient(r, 'honest-world');
    await whenSynced(world);
    for (let i = 0; i < 64; i++) await visit(`ws://127.0.0.1:${r.port}/fresh-${i}`, ATTACKER);
    expect(r.rooms.count).toBeLessThanOrEqual(9);
    expect(r.rooms.chargedTo(ATTACKER)).toBeLessThanOrEqual(8);
    // Its latest room is one of those it still holds: leaving made the oldest ones give way.
    expect(r.rooms.peek('fresh-63')).toBeDefined();
    expect(r.rooms.peek('honest-world')).toBeDefined();
  });
});
