// The zone intent log is add-only at the relay: a write that deletes an entry, overwrites one
// with another string, or adds one whose key is not the hash of its body is refused (4409), and
// never stored or forwarded; honest clients writing real intents sync as before, and junk stored
// before the relay checked may be healed.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createIntent, type VerifiedIntent } from '../../src/sync/intent/intent.ts';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { PeerRefused } from '../../server/peer.ts';
import { encodeUpdate } from '../../server/protocol.ts';
import { Room } from '../../server/room.ts';
import type { Relay } from '../../server/relay.ts';
import { closed, connectClient, openRaw, whenSynced, type Client } from './helpers/clients.ts';
import { closeAfterEach } from './helpers/cleanup.ts';
import { MemoryPeer, updateFrame } from './helpers/memory-peer.ts';
import { startTestRelay, waitFor } from './helpers/relay.ts';

const { relays, clients, sockets } = closeAfterEach();
const WORLD = 'a'.repeat(64);

const intents = (count: number): VerifiedIntent[] => {
  const me = createIdentity();
  const made: VerifiedIntent[] = [];
  for (let seq = 1; seq <= count; seq++) {
    made.push(createIntent(me, {
      world: WORLD, zone: 'harbor', seq, prev: made[seq - 2]?.id ?? null, turn: seq, at: seq * 1000,
      action: seq === 1 ? { kind: 'join', name: 'Ana' } : { kind: 'say', text: `hello ${seq}` },
    }));
  }
  return made;
};

const client = (r: Relay): Client => {
  const c = connectClient(`ws://127.0.0.1:${r.port}`, 'zone-harbor');
  clients.push(c);
  return c;
};
const log = (c: Client): Y.Map<string> => c.doc.getMap<string>('intents');

/** A copy of the room's document; what `change` does to it is sent as one update on a raw socket. */
const tamper = async (r: Relay, from: Client, change: (map: Y.Map<string>) => void): Promise<{ code: number; reason: string }> => {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(from.doc));
  const before = Y.encodeStateVector(copy);
  change(copy.getMap<string>('intents'));
  const ws = await openRaw(`ws://127.0.0.1:${r.port}/zone-harbor`);
  sockets.push(ws);
  const done = closed(ws);
  ws.send(encodeUpdate(Y.encodeStateAsUpdate(copy, before)));
  return done;
};

describe('the add-only intent log at the relay', () => {
  it('refuses deletes, overwrites and keys that are not the hash of their value, and keeps every entry', async () => {
    const r = await startTestRelay({ RELAY_ROOM_IDLE_MS: '600000' });
    relays.push(r);
    const ana = client(r);
    await whenSynced(ana);
    const [first, second] = intents(2);
    log(ana).set(first!.id, first!.raw);
    log(ana).set(second!.id, second!.raw);
    await waitFor('the relay to store both', () => r.rooms.peek('zone-harbor')?.doc.getMap('intents').size === 2);

    expect(await tamper(r, ana, (m) => m.delete(first!.id))).toEqual({ code: 4409, reason: 'intent log is add-only: delete refused' });
    const otherSig = first!.raw.replace(/"sig":"[^"]*"/, `"sig":"${'A'.repeat(128)}"`);
    expect(await tamper(r, ana, (m) => m.set(first!.id, otherSig))).toEqual({ code: 4409, reason: 'intent log is add-only: overwrite refused' });
    expect(await tamper(r, ana, (m) => m.set('not-a-hash', first!.raw))).toEqual({ code: 1008, reason: 'dropped: intent key is not the hash of its value' });
    expect(await tamper(r, ana, (m) => m.set(second!.id, 'junk'))).toEqual({ code: 4409, reason: 'intent log is add-only: overwrite refused' });
    expect(await tamper(r, ana, (m) => {
      m.set(second!.id, second!.raw);
      m.delete(second!.id);
    })).toEqual({ code: 4409, reason: 'intent log is add-only: delete refused' });

    const newcomer = client(r);
    await whenSynced(newcomer);
    expect(Object.fromEntries(log(newcomer).entries())).toEqual({ [first!.id]: first!.raw, [second!.id]: second!.raw });
    expect(log(ana).get(first!.id)).toBe(first!.raw);
  });

  it('lets honest writers add intents, and rewrite one with the very same string', async () => {
    const r = await startTestRelay({ RELAY_ROOM_IDLE_MS: '600000' });
    relays.push(r);
    const ana = client(r);
    const bea = client(r);
    await whenSynced(ana);
    await whenSynced(bea);
    const made = intents(5);
    for (const intent of made.slice(0, 3)) log(ana).set(intent.id, intent.raw);
    await waitFor('bea to see ana\'s intents', () => log(bea).size === 3);
    log(bea).set(made[0]!.id, made[0]!.raw);
    for (const intent of made.slice(3)) log(bea).set(intent.id, intent.raw);
    await waitFor('ana to see all five', () => log(ana).size === 5);
    expect(ana.provider.wsconnected && bea.provider.wsconnected).toBe(true);
    const metrics = await (await fetch(`http://127.0.0.1:${r.port}/metrics`)).text();
    expect(metrics).not.toContain('log/');
  });
});

describe('a device that writes its unconfirmed intents again under a fresh client id', () => {
  it('is accepted when the update holds two such rewrites of a live entry (the later deletes the earlier), and the entry stays', () => {
    const [first] = intents(1);
    const held = new Y.Doc();
    held.getMap<string>('intents').set(first!.id, first!.raw);
    const room = new Room('zone-harbor', { store: () => {}, shareAwareness: () => {}, storeFailed: () => {} }, [Y.encodeStateAsUpdate(held)]);
    const device = new MemoryPeer();
    room.join(device);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(held));
    const before = Y.encodeStateVector(copy);
    // Two reconnects that never reached a sync: each wrote the entry again under a new client id.
    copy.clientID = 1_000_001;
    copy.getMap<string>('intents').set(first!.id, first!.raw);
    copy.clientID = 1_000_002;
    copy.getMap<string>('intents').set(first!.id, first!.raw);
    expect(() => room.receive(device, updateFrame(Y.encodeStateAsUpdate(copy, before)))).not.toThrow();
    expect(room.doc.getMap<string>('intents').get(first!.id)).toBe(first!.raw);
    // Written again and then deleted for good is still a delete.
    const after = Y.encodeStateVector(copy);
    copy.clientID = 1_000_003;
    copy.getMap<string>('intents').set(first!.id, first!.raw);
    copy.getMap<string>('intents').delete(first!.id);
    expect(() => room.receive(device, updateFrame(Y.encodeStateAsUpdate(copy, after)))).toThrow(PeerRefused);
    expect(room.doc.getMap<string>('intents').get(first!.id)).toBe(first!.raw);
    // A forged update: a rewrite with its value, merged with a delete of that very rewrite.
    const forger = new Y.Doc();
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(held));
    const base = Y.encodeStateVector(forger);
    forger.clientID = 1_000_004;
    forger.getMap<string>('intents').set(first!.id, first!.raw);
    const written = Y.encodeStateAsUpdate(forger, base);
    const mid = Y.encodeStateVector(forger);
    forger.getMap<string>('intents').delete(first!.id);
    const forged = Y.mergeUpdates([written, Y.encodeStateAsUpdate(forger, mid)]);
    expect(() => room.receive(device, updateFrame(forged))).toThrow(PeerRefused);
    expect(room.doc.getMap<string>('intents').get(first!.id)).toBe(first!.raw);
  });
});

describe('junk the log held before the relay checked it', () => {
  it('may be healed: an unsound entry is overwritten by the sound intent, a sound one is not', () => {
    const [sound, other] = intents(2);
    const old = new Y.Doc();
    old.getMap<string>('intents').set(sound!.id, 'junk stored long ago');
    old.getMap<string>('intents').set(other!.id, other!.raw);
    const room = new Room('zone-harbor', { store: () => {}, shareAwareness: () => {}, storeFailed: () => {} }, [Y.encodeStateAsUpdate(old)]);
    const healer = new MemoryPeer();
    room.join(healer);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(old));
    const before = Y.encodeStateVector(copy);
    copy.getMap<string>('intents').set(sound!.id, sound!.raw);
    room.receive(healer, updateFrame(Y.encodeStateAsUpdate(copy, before)));
    expect(room.doc.getMap<string>('intents').get(sound!.id)).toBe(sound!.raw);
    const second = Y.encodeStateVector(copy);
    copy.getMap<string>('intents').set(other!.id, other!.raw.replace(/"sig":"[^"]*"/, `"sig":"${'B'.repeat(128)}"`));
    expect(() => room.receive(healer, updateFrame(Y.encodeStateAsUpdate(copy, second)))).toThrow(PeerRefused);
    expect(room.doc.getMap<string>('intents').get(other!.id)).toBe(other!.raw);
  });
});
