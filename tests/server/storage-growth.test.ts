// The relay's storage as a zone's history grows (issue 15): compaction costs a constant share of
// what is written, however long the history (compacting every N writes rewrote the whole state each
// time: storage writes grew with the square of history); the SQLite WAL stays bounded while the
// relay runs (it used to be truncated only at shutdown: 179 MB after 11,000 intents); the data
// folder stays within a bound proportional to the room's state; and a room compacted many times
// reloads identically. The Redis store follows the same rule (a real redis-server).
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import * as Y from 'yjs';
import { createMetrics } from '../../server/metrics.ts';
import { Rooms } from '../../server/rooms.ts';
import { DEFAULT_ROOM_LIMITS } from '../../server/room.ts';
import { DATABASE_FILE, openSqliteStore } from '../../server/sqlite-store.ts';
import type { RoomStore } from '../../server/storage.ts';
import type { Relay } from '../../server/relay.ts';
import { connectClient, whenSynced, type Client } from './helpers/clients.ts';
import { MemoryPeer, updateFrame } from './helpers/memory-peer.ts';
import { sleep, spawnRelay, startTestRelay, stopChild, tempDir, waitFor, type ChildRelay } from './helpers/relay.ts';
import { startRedis, type RedisServer } from './helpers/redis.ts';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { createIntent } from '../../src/sync/intent/intent.ts';
import { sha256Hex } from '../../src/sync/intent/bytes.ts';

/** The intents below carry stand-in signatures: these relays store them without verifying (storage is what is measured here). */
const UNSIGNED = { RELAY_SKIP_SIGNATURE_CHECKS: '1' };
const WORLD = sha256Hex('storage-growth');

/**
 * One player's intents [id, canonical JSON] as the client writes them (the relay checks that each
 * id is the hash of its intent); a stand-in signature of the real size keeps 6,000 of them fast.
 */
const player = createIdentity();
const made: Array<[string, string]> = [];
const intent = (i: number): [string, string] => {
  while (made.length <= i) {
    const seq = made.length + 1;
    const prev = made.length === 0 ? null : made[made.length - 1]![0];
    const action = seq === 1 ? ({ kind: 'join', name: 'Ana' } as const) : ({ kind: 'say', text: `fair winds ${seq}` } as const);
    const m = createIntent(player, { world: WORLD, zone: 'harbor', seq, prev, turn: seq, at: seq * 1000, action }, () => new Uint8Array(64));
    made.push([m.id, m.raw]);
  }
  return made[i]!;
};
const writeIntent = (doc: Y.Doc, i: number): void => {
  const [id, raw] = intent(i);
  doc.getMap<string>('intents').set(id, raw);
};

/** Writes `count` intents from one player's document, one update each, as its client would. */
const intentUpdates = (doc: Y.Doc, from: number, count: number): Uint8Array[] => {
  const out: Uint8Array[] = [];
  const take = (u: Uint8Array): void => void out.push(u);
  doc.on('update', take);
  for (let i = from; i < from + count; i++) writeIntent(doc, i);
  doc.off('update', take);
  return out;
};

const walBytes = (dir: string): number => {
  const file = join(dir, `${DATABASE_FILE}-wal`);
  return existsSync(file) ? statSync(file).size : 0;
};
const folderBytes = (dir: string): number => statSync(join(dir, DATABASE_FILE)).size + walBytes(dir);

const relays: Relay[] = [];
const clients: Client[] = [];
const children: ChildRelay[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const r of relays.splice(0)) await r.shutdown();
  for (const c of children.splice(0)) await stopChild(c);
});

describe('compaction costs a constant share of what is written', () => {
  it('6,000 intents in one room: the states compaction stores add up to at most 3.5x the intents themselves', async () => {
    const dir = tempDir('amortised');
    const store = openSqliteStore({ dir, fsync: 'normal' });
    let appended = 0;
    let compacted = 0;
    let compactions = 0;
    const counting: RoomStore = {
      ...store,
      append(room, update) {
        appended += update.byteLength;
        return store.append(room, update);
      },
      compact(room, state) {
        compacted += state.byteLength;
        compactions++;
        return store.compact(room, state);
      },
    };
    const rooms = new Rooms(counting, {
      idleMs: 60_000,
      compactEvery: 50,
      compactRatio: 0.5,
      maxRooms: 10,
      maxLoadedPerAddress: 10,
      room: { ...DEFAULT_ROOM_LIMITS, maxRoomBytes: 256 * 1024 * 1024, maxWriterBytes: 256 * 1024 * 1024, checkSignatures: false },
    }, createMetrics(false), pino({ level: 'silent' }));
    const room = await rooms.acquire('harbor', '127.0.0.1');
    const peer = new MemoryPeer();
    room.join(peer);
    const writer = new Y.Doc();
    for (let i = 0; i < 6_000; i += 100) {
      for (const u of intentUpdates(writer, i, 100)) room.receive(peer, updateFrame(u));
      await room.flushed();
      await new Promise((r) => setImmediate(r)); // compactions run between turns of the event loop
    }
    await sleep(50);
    console.log(`6,000 intents: ${appended} bytes appended, ${compactions} compactions storing ${compacted} bytes`);
    // Every 50 writes, as before, stored 120 states averaging 3,000 intents: ~60x the intents.
    expect(compacted).toBeLessThan(3.5 * appended);
    expect(compactions).toBeGreaterThan(3);
    expect(compactions).toBeLessThan(20);

    // Nothing lost: the stored rows load into the same document.
    await rooms.unloadAll();
    await store.close();
    const reopened = openSqliteStore({ dir, fsync: 'normal' });
    const loaded = new Y.Doc();
    for (const u of await reopened.open('harbor', { onRemoteUpdate() {}, onRemoteAwareness() {} })) Y.applyUpdate(loaded, u);
    await reopened.close();
    expect(loaded.getMap('intents').toJSON()).toEqual(writer.getMap('intents').toJSON());
  }, 120_000);
});

describe('the data folder of a running relay (SQLite)', () => {
  it('5,000 intents: the WAL stays bounded while the relay runs, the folder stays proportional to the room, the room reloads identically', async () => {
    const dir = tempDir('wal');
    const walLimit = 512 * 1024;
    const env = { RELAY_DATA: dir, RELAY_WAL_LIMIT: String(walLimit), RELAY_ROOM_IDLE_MS: '60000', ...UNSIGNED };
    const relay = await startTestRelay(env);
    relays.push(relay);
    const url = `ws://127.0.0.1:${relay.port}`;
    const writer = connectClient(url, 'harbor');
    const reader = connectClient(url, 'harbor');
    clients.push(writer, reader);
    await whenSynced(writer);
    await whenSynced(reader);
    let peakWal = 0;
    let peakFolder = 0;
    const sampler = setInterval(() => {
      peakWal = Math.max(peakWal, walBytes(dir));
      peakFolder = Math.max(peakFolder, folderBytes(dir));
    }, 10);
    try {
      const intents = writer.doc.getMap<string>('intents');
      for (let i = 0; i < 5_000; i += 50) {
        for (let j = i; j < i + 50; j++) writeIntent(writer.doc, j);
        await waitFor('the reader to receive the window', () => reader.doc.getMap('intents').size >= i + 50);
      }
      const state = Y.encodeStateAsUpdate(writer.doc).byteLength;
      // Quiet now: the checkpointer truncates the WAL without waiting for shutdown.
      await waitFor('the WAL to be truncated while the relay runs', () => walBytes(dir) <= walLimit, 10_000);
      console.log(`state ${state} bytes; WAL peak ${peakWal}, folder peak ${peakFolder}, folder now ${folderBytes(dir)}`);
      // The largest transaction is a compaction writing the whole state; besides it the WAL holds at
      // most twice its limit and what is written between two looks at its size (100 ms).
      expect(peakWal).toBeLessThan(state + 2 * walLimit + 2 * 1024 * 1024);
      // The database holds the compacted state and at most half as much written since.
      expect(folderBytes(dir)).toBeLessThan(2 * state + walLimit);
      expect(peakFolder).toBeLessThan(3 * state + 2 * walLimit + 1024 * 1024);
    } finally {
      clearInterval(sampler);
    }

    // A newcomer on a restarted relay gets every intent, exactly as written.
    const expected = writer.doc.getMap('intents').toJSON();
    for (const c of clients.splice(0)) c.destroy();
    await relays.pop()!.shutdown();
    const again = await startTestRelay(env);
    relays.push(again);
    const newcomer = connectClient(`ws://127.0.0.1:${again.port}`, 'harbor');
    clients.push(newcomer);
    await whenSynced(newcomer);
    expect(newcomer.doc.getMap('intents').toJSON()).toEqual(expected);
  }, 120_000);

  it('under a player\'s pace of writes the WAL is truncated as it goes, never far past its limit', async () => {
    const dir = tempDir('quiet');
    const store = openSqliteStore({ dir, fsync: 'normal', walLimitBytes: 256 * 1024, checkpointIntervalMs: 100 });
    const updates = intentUpdates(new Y.Doc(), 0, 3_000);
    let peakWal = 0;
    for (const [i, u] of updates.entries()) {
      await store.append('harbor', u);
      peakWal = Math.max(peakWal, walBytes(dir));
      if (i % 10 === 9) await sleep(25); // a player's pace, in bursts: gaps the checkpointer can use
    }
    await waitFor('the WAL to be truncated', () => walBytes(dir) <= 256 * 1024, 5_000);
    const truncations = store.walTruncations();
    console.log(`3,000 commits: WAL peak ${peakWal}, ${truncations.total} truncations (${truncations.forced} without a quiet moment)`);
    // 3,000 commits of a page or two each: a WAL that is never rewound passes 12 MB. Here: the
    // limit, twice it at worst, plus what 100 ms of commits write on a busy machine.
    expect(truncations.total).toBeGreaterThan(0);
    expect(peakWal).toBeLessThan(2 * 1024 * 1024);
    // Every intent is still there, in order.
    const rows = await store.open('harbor', { onRemoteUpdate() {}, onRemoteAwareness() {} });
    const loaded = new Y.Doc();
    for (const u of rows) Y.applyUpdate(loaded, u);
    expect(loaded.getMap('intents').size).toBe(3_000);
    await store.close();
  }, 120_000);
});

describe('Redis: compaction follows the same rule', () => {
  let redis: RedisServer | null = null;
  afterEach(async () => {
    await redis?.stop();
    redis = null;
  });

  it('2,000 intents: a handful of snapshots (not one per 20 writes), and a second relay loads the room identically', async () => {
    redis = await startRedis();
    const env = { REDIS_URL: redis.url, RELAY_COMPACT_EVERY: '20', RELAY_REDIS_RETENTION_MS: '0', RELAY_ROOM_IDLE_MS: '60000', ...UNSIGNED };
    const a = await spawnRelay(env);
    children.push(a);
    const writer = connectClient(`ws://127.0.0.1:${a.port}`, 'harbor');
    const reader = connectClient(`ws://127.0.0.1:${a.port}`, 'harbor');
    clients.push(writer, reader);
    await whenSynced(writer);
    await whenSynced(reader);
    const intents = writer.doc.getMap<string>('intents');
    for (let i = 0; i < 2_000; i += 50) {
      for (let j = i; j < i + 50; j++) writeIntent(writer.doc, j);
      await waitFor('the reader to receive the window', () => reader.doc.getMap('intents').size >= i + 50);
    }
    await sleep(200);
    const r = new Redis(redis.url);
    const stats = await r.info('commandstats');
    const snapshots = Number(/cmdstat_hset:calls=(\d+)/.exec(stats)?.[1] ?? 0);
    const entries = await r.xlen('vetrellis:harbor:log');
    await r.quit();
    console.log(`2,000 intents through Redis: ${snapshots} snapshots, ${entries} stream entries left`);
    // Every 20 writes would be 100 snapshots of a growing state.
    expect(snapshots).toBeGreaterThan(2);
    expect(snapshots).toBeLessThan(15);
    // The stream holds only what the last snapshot does not cover: at most half the state's worth.
    expect(entries).toBeLessThan(1_000);

    const b = await spawnRelay(env);
    children.push(b);
    const newcomer = connectClient(`ws://127.0.0.1:${b.port}`, 'harbor');
    clients.push(newcomer);
    await whenSynced(newcomer);
    expect(newcomer.doc.getMap('intents').toJSON()).toEqual(intents.toJSON());
  }, 120_000);
});
