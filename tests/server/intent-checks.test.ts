// The relay refuses the zone-log entries it can judge without the world key: a key that is not
// the hash of the body, a signature that does not verify against the key the entry carries, and
// another world than the room's. Each is written by a stock y-websocket client (hostile peers
// made with the project's own signing); a second, honest client must never see it, the relay must
// never store it (a restarted relay is asked), the relay keeps serving, and an honest client
// whose update carries junk beside its own intents loses none of them.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createIntent, type VerifiedIntent } from '../../src/sync/intent/intent.ts';
import { createIdentity, type Identity } from '../../src/sync/intent/identity.ts';
import { sha256Hex } from '../../src/sync/intent/bytes.ts';
import type { Relay } from '../../server/relay.ts';
import { PeerRefused } from '../../server/peer.ts';
import { Room } from '../../server/room.ts';
import { MemoryPeer, updateFrame } from './helpers/memory-peer.ts';
import { connectClient, whenSynced, type Client } from './helpers/clients.ts';
import { closeAfterEach } from './helpers/cleanup.ts';
import { startTestRelay, tempDir, waitFor } from './helpers/relay.ts';

const { relays, clients } = closeAfterEach();
const WORLD = 'a'.repeat(64);
const FOREIGN = 'b'.repeat(64);
const ROOM = 'zone-harbor';

const say = (me: Identity, seq: number, text: string, o: { world?: string; forge?: boolean } = {}): VerifiedIntent =>
  createIntent(
    me,
    { world: o.world ?? WORLD, zone: 'harbor', seq, prev: null, turn: seq, at: seq * 1000, action: seq === 1 ? { kind: 'join', name: text } : { kind: 'say', text } },
    // A forged signature: 64 bytes that are not Ed25519's over this body (the id stays right).
    o.forge ? () => new Uint8Array(64).fill(7) : undefined,
  );

const connect = (r: Relay): Client & { closes: string[] } => {
  const c = connectClient(`ws://127.0.0.1:${r.port}`, ROOM);
  const closes: string[] = [];
  c.provider.on('connection-close', (event: CloseEvent | null) => {
    if (event !== null) closes.push(`${event.code} ${event.reason}`);
  });
  clients.push(c);
  return Object.assign(c, { closes });
};
const log = (c: Client): Y.Map<string> => c.doc.getMap<string>('intents');
const entries = (map: Y.Map<string>): Record<string, string> => Object.fromEntries(map.entries());

/** What a relay restarted on `data` holds for the room, as a newcomer receives it. */
const stored = async (data: string): Promise<Record<string, string>> => {
  const again = await startTestRelay({ RELAY_DATA: data, RELAY_ROOM_IDLE_MS: '600000' });
  relays.push(again);
  const newcomer = connect(again);
  await whenSynced(newcomer);
  return entries(log(newcomer));
};

/** A relay with Ana's two honest intents in the room, and Bea, an honest client watching. */
const world = async () => {
  const data = tempDir('checks');
  const r = await startTestRelay({ RELAY_DATA: data, RELAY_ROOM_IDLE_MS: '600000' });
  relays.push(r);
  const ana = connect(r);
  const bea = connect(r);
  await whenSynced(ana);
  await whenSynced(bea);
  const anaKey = createIdentity();
  const honest = [say(anaKey, 1, 'Ana'), say(anaKey, 2, 'hello')];
  for (const i of honest) log(ana).set(i.id, i.raw);
  await waitFor('bea to see ana\'s intents', () => log(bea).size === 2);
  return { r, data, ana, bea, honest };
};

describe('entries the relay judges without the world key', () => {
  const mallory = createIdentity();
  const junk: Record<string, () => [key: string, raw: string]> = {
    'a key that is not the hash of the body': () => {
      const i = say(mallory, 1, 'Mallory');
      return [sha256Hex('another body'), i.raw];
    },
    'a signature that does not verify': () => {
      const i = say(mallory, 2, 'give me everything', { forge: true });
      return [i.id, i.raw];
    },
    'a signature by another key than the one it carries': () => {
      const i = say(mallory, 3, 'signed by someone else');
      const other = say(createIdentity(), 3, 'signed by someone else');
      return [i.id, i.raw.replace(/"sig":"[^"]*"/, `"sig":"${JSON.parse(other.raw).sig as string}"`)];
    },
  };
  const reasons: Record<string, string> = {
    'a key that is not the hash of the body': '1008 dropped: intent key is not the hash of its value',
    'a signature that does not verify': '1008 dropped: intent signature does not verify',
    'a signature by another key than the one it carries': '1008 dropped: intent signature does not verify',
  };

  for (const [what, make] of Object.entries(junk)) {
    it(`refuses ${what}: the writer is told, the honest client never sees it, the relay never stores it`, async () => {
      const { r, data, ana, bea, honest } = await world();
      const hostile = connect(r);
      await whenSynced(hostile);
      const [key, raw] = make();
      log(hostile).set(key, raw);
      await waitFor('the writer to be told', () => hostile.closes.length > 0);
      expect(hostile.closes[0]).toBe(reasons[what]);
      // The relay goes on serving: Ana writes again, Bea sees it, and still nothing of the junk.
      const later = say(createIdentity(), 1, 'Cy');
      log(ana).set(later.id, later.raw);
      await waitFor('bea to see the later intent', () => log(bea).has(later.id));
      expect(log(bea).has(key)).toBe(false);
      const sound = entries(log(bea));
      expect(sound).toEqual(Object.fromEntries([...honest, later].map((i) => [i.id, i.raw])));
      await r.shutdown();
      expect(await stored(data)).toEqual(sound);
    });
  }
});

describe('a zone nobody has entered yet', () => {
  it('cannot be pinned to another world by the first entry written in it: the honest intents that follow are kept', async () => {
    const r = await startTestRelay({ RELAY_DATA: tempDir('checks') });
    relays.push(r);
    const mallory = connect(r);
    const bea = connect(r);
    await whenSynced(mallory);
    await whenSynced(bea);
    const foreign = say(createIdentity(), 1, 'elsewhere', { world: FOREIGN });
    log(mallory).set(foreign.id, foreign.raw);
    await waitFor('bea to hold the first entry', () => log(bea).has(foreign.id));
    const ana = connect(r);
    await whenSynced(ana);
    const honest = [say(createIdentity(), 1, 'Ana'), say(createIdentity(), 1, 'Bo')];
    for (const i of honest) log(ana).set(i.id, i.raw);
    await waitFor('bea to see the honest intents', () => honest.every((i) => log(bea).has(i.id)));
    expect(ana.closes).toEqual([]);
  });
});

describe('an update that carries junk beside honest intents', () => {
  it('keeps every honest intent in it and drops only the junk', async () => {
    const { r, data, bea, honest } = await world();
    // Carl was offline with a copy of the log that picked up junk elsewhere (an older relay), and
    // played meanwhile: his sync on reconnecting carries both, in one update.
    const carl = new Y.Doc();
    const mallory = createIdentity();
    const wrongId = say(mallory, 1, 'Mallory');
    const forged = say(mallory, 2, 'forged', { forge: true });
    carl.getMap<string>('intents').set(sha256Hex('not its body'), wrongId.raw);
    carl.getMap<string>('intents').set(forged.id, forged.raw);
    const carlKey = createIdentity();
    const own = [say(carlKey, 1, 'Carl'), say(carlKey, 2, 'I was away')];
    for (const i of own) carl.getMap<string>('intents').set(i.id, i.raw);
    const client = connect(r);
    Y.applyUpdate(client.doc, Y.encodeStateAsUpdate(carl));
    await waitFor('bea to see carl\'s own intents', () => own.every((i) => log(bea).has(i.id)));
    const sound = Object.fromEntries([...honest, ...own].map((i) => [i.id, i.raw]));
    // Carl reconnects once (told of the junk) and then stays: nothing he holds is refused again.
    await waitFor('carl to be told', () => client.closes.length > 0);
    await whenSynced(client, 'carl to sync again');
    expect(client.provider.wsconnected).toBe(true);
    expect(client.closes).toEqual(['1008 dropped: intent key is not the hash of its value']);
    expect(entries(log(bea))).toEqual(sound);
    await r.shutdown();
    expect(await stored(data)).toEqual(sound);
  });
});

/** How the room refused a frame (the connection closes with it). */
const refusal = (receive: () => void): { code: number; text: string } | null => {
  try {
    receive();
    return null;
  } catch (error) {
    if (!(error instanceof PeerRefused)) throw error;
    return { code: error.code, text: error.text };
  }
};

describe('what junk may cost the relay', () => {
  it('verifies a bounded number of bad signatures per writer, asks it to come back later, and never verifies the same junk twice', () => {
    const room = new Room(ROOM, { store: () => {}, shareAwareness: () => {}, storeFailed: () => {} });
    const mallory = createIdentity();
    const source = new Y.Doc();
    for (let seq = 1; seq <= 600; seq++) {
      const i = say(mallory, seq, `junk ${seq}`, { forge: true });
      source.getMap<string>('intents').set(i.id, i.raw);
    }
    const flood = Y.encodeStateAsUpdate(source);
    const writer = new MemoryPeer();
    room.join(writer);
    // 512 verified and failed, then the writer's budget is spent: the update is refused whole.
    expect(refusal(() => room.receive(writer, updateFrame(flood)))).toEqual({ code: 1013, text: 'too many bad signatures from your address, try again later' });
    expect(room.doc.getMap('intents').size).toBe(0);
    // Another writer sending the same junk: what failed here before is not verified again.
    const other = new MemoryPeer();
    room.join(other);
    const checks = (room as unknown as { checks: { checks: number } }).checks.checks;
    // The budget refills at 32 a second while it verifies, so a few more than the 512 of the burst.
    expect(checks).toBeGreaterThanOrEqual(512);
    expect(checks).toBeLessThan(600);
    expect(refusal(() => room.receive(other, updateFrame(flood)))).toEqual({ code: 1008, text: 'dropped: intent signature does not verify' });
    expect((room as unknown as { checks: { checks: number } }).checks.checks - checks).toBe(600 - checks);
    expect(room.doc.getMap('intents').size).toBe(0);
  });
});
