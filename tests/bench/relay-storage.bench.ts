// Relay storage benchmark (issue 15): what the relay writes to disk as a zone's history grows.
// A real relay process (SQLite store) receives real signed intents from a stock y-websocket client
// (WebsocketProvider), each intent its own Yjs update as a player's client writes it, in windows
// of 100 that a second, raw client must receive (stored, then broadcast) before the next window.
// At 1k / 10k / 50k / 100k intents it reports, for the stretch since the previous mark: bytes the
// relay process caused to be written to disk per intent (/proc/<pid>/io write_bytes), bytes it
// passed to write() for files per intent (wchar minus what it sent to the sockets), and wall time
// per write; and at the mark: the data folder's size (database + WAL) and the largest WAL seen.
// A second run simulates a month of play by 10 players in one zone (sessions of 200 intents a day
// each; the room unloads between days) and reports the zone's storage at the end.
//
// Run: npm run bench -- tests/bench/relay-storage.bench.ts
//   BENCH_STORAGE_INTENTS=50000 (default 100000) stops the growth run earlier.
//   BENCH_STORAGE_ENV='{"RELAY_COMPACT_EVERY":"500"}' passes relay settings (e.g. to compare).
// The signed intents are cached in the system's temp folder (signing is ~1.4 ms each here, and
// Ed25519 is deterministic, so the cache holds exactly what signing again would produce).
import { afterAll, bench, describe } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';
import { identityFromSecret } from '../../src/sync/intent/identity.ts';
import { createIntent } from '../../src/sync/intent/intent.ts';
import type { SyncAction } from '../../src/sync/intent/sync-action.ts';
import { sha256Hex } from '../../src/sync/intent/bytes.ts';
import { DATABASE_FILE } from '../../server/sqlite-store.ts';
import { connectClient, type Client } from '../server/helpers/clients.ts';
import { spawnRelay, stopChild, tempDir, sleep, waitFor, type ChildRelay } from '../server/helpers/relay.ts';

const once = { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 };
const WORLD = sha256Hex('relay-storage-bench');
const WINDOW = 100;
const lines: string[] = [];
const say = (line: string): void => {
  lines.push(line);
  console.log(`[relay storage] ${line}`);
};

const ACTIONS: readonly SyncAction[] = [
  { kind: 'say', text: 'fair winds and a full net' }, { kind: 'wait' },
  { kind: 'take', target: 'pebble', qty: 1 }, { kind: 'drop', target: 'pebble', qty: 1 },
] as SyncAction[];

/** `count` signed intents of `players` players taking turns in blocks of `block`, as [id, raw]. */
const signedIntents = (count: number, players: number, block: number): Array<[string, string]> => {
  const file = join(tmpdir(), `vetrellis-relay-storage-${count}-${players}-${block}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Array<[string, string]>;
  const ids = Array.from({ length: players }, (_, p) => identityFromSecret(sha256(new TextEncoder().encode(`bench player ${p}`))));
  const heads = ids.map(() => ({ seq: 0, prev: null as string | null }));
  const out: Array<[string, string]> = [];
  for (let i = 0; i < count; i++) {
    const p = Math.floor(i / block) % players;
    const head = heads[p]!;
    const action: SyncAction = head.seq === 0 ? ({ kind: 'join', name: `Player ${p}` } as SyncAction) : ACTIONS[i % ACTIONS.length]!;
    const made = createIntent(ids[p]!, { world: WORLD, zone: 'harbor', seq: head.seq + 1, prev: head.prev, turn: i + 1, at: (i + 1) * 1000, action });
    head.seq++;
    head.prev = made.id;
    out.push([made.id, made.raw]);
  }
  writeFileSync(file, JSON.stringify(out));
  return out;
};

interface Io { writeBytes: number; wchar: number; cpuMs: number }
/** What the process wrote so far, and its CPU time (user + system; steadier than wall time on a busy machine). */
const ioOf = (pid: number): Io => {
  const text = readFileSync(`/proc/${pid}/io`, 'utf8');
  const field = (name: string): number => Number(new RegExp(`^${name}: (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
  // /proc/<pid>/stat: fields 14 and 15 (utime, stime) in clock ticks (100 per second), after the ")" of the name.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuMs = (Number(fields[11]) + Number(fields[12])) * 10;
  return { writeBytes: field('write_bytes'), wchar: field('wchar'), cpuMs };
};

const sizes = (dir: string): { db: number; wal: number } => {
  const size = (name: string): number => (existsSync(join(dir, name)) ? statSync(join(dir, name)).size : 0);
  return { db: size(DATABASE_FILE), wal: size(`${DATABASE_FILE}-wal`) };
};
const folderBytes = (dir: string): number => readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;
const kb = (n: number): string => `${(n / 1024).toFixed(2)} KB`;

const RELAY_ENV: Record<string, string> = {
  LOG_LEVEL: 'warn',
  // 100,000 intents are ~55 MB of document: above the default 32 MiB per room, which would refuse them.
  RELAY_MAX_ROOM_BYTES: String(1024 * 1024 * 1024),
  RELAY_MAX_WRITER_BYTES: String(1024 * 1024 * 1024),
  ...(JSON.parse(process.env.BENCH_STORAGE_ENV ?? '{}') as Record<string, string>),
};

/**
 * Writer and reader are both stock clients: each one's awareness renewals (every 15 s) keep the
 * other's connection alive (a provider that hears nothing for 30 s reconnects). The reader's copy
 * of the log tells when a window is stored and broadcast, whatever the framing.
 */
interface Pair { writer: Client; reader: Client; updateBytes: number }
const openPair = async (url: string, room: string): Promise<Pair> => {
  const pair: Pair = { writer: connectClient(url, room), reader: connectClient(url, room), updateBytes: 0 };
  // What the relay sends the reader per update: the update, 2 bytes of sync header, and the
  // WebSocket frame header (2 bytes, 4 from 126 bytes on).
  pair.writer.doc.on('update', (u: Uint8Array) => (pair.updateBytes += u.byteLength + 2 + (u.byteLength < 124 ? 2 : 4)));
  // A fresh client of a large zone downloads all of it: allow for that on a busy machine.
  await waitFor('the writer to sync', () => pair.writer.provider.synced, 300_000);
  await waitFor('the reader to sync', () => pair.reader.provider.synced, 300_000);
  return pair;
};
const closePair = (pair: Pair): void => {
  pair.writer.destroy();
  pair.reader.destroy();
};

/** Writes intents [from, to) through the writer, each its own update, `WINDOW` at a time. */
const write = async (pair: Pair, intents: Array<[string, string]>, from: number, to: number): Promise<void> => {
  const map = pair.writer.doc.getMap<string>('intents');
  // Counted as they arrive (Y.Map's size walks the whole map).
  let seen = pair.reader.doc.getMap<string>('intents').size;
  const count = (event: { changes: { keys: Map<string, unknown> } }): void => void (seen += event.changes.keys.size);
  pair.reader.doc.getMap<string>('intents').observe(count);
  try {
    for (let i = from; i < to; i += WINDOW) {
      const end = Math.min(to, i + WINDOW);
      for (let j = i; j < end; j++) map.set(intents[j]![0], intents[j]![1]);
      await waitFor('a window of intents to be stored and broadcast', () => seen >= end, 120_000);
    }
  } finally {
    pair.reader.doc.getMap<string>('intents').unobserve(count);
  }
};

describe('relay storage as history grows (one room, one player)', () => {
  bench('bytes written per intent, data folder, time per write', async () => {
    const total = Number(process.env.BENCH_STORAGE_INTENTS ?? 100_000);
    const marks = [1_000, 10_000, 50_000, 100_000].filter((m) => m <= total);
    const intents = signedIntents(Math.max(...marks), 1, Number.MAX_SAFE_INTEGER);
    const dir = tempDir('storage-bench');
    const relay: ChildRelay = await spawnRelay({ ...RELAY_ENV, RELAY_DATA: dir, RELAY_ROOM_IDLE_MS: '60000' });
    const url = `ws://127.0.0.1:${relay.port}`;
    const pair = await openPair(url, 'zone-harbor');
    let peakWal = 0;
    const sampler = setInterval(() => (peakWal = Math.max(peakWal, sizes(dir).wal)), 50);
    try {
      say(`relay settings: ${JSON.stringify(JSON.parse(process.env.BENCH_STORAGE_ENV ?? '{}'))}`);
      say('intents       | disk written/intent | file write()/intent | ms/write | relay CPU ms/write | database | WAL now | WAL peak | folder');
      let done = 0;
      let io = ioOf(relay.process.pid!);
      let sent = pair.updateBytes;
      for (const mark of marks) {
        const start = performance.now();
        await write(pair, intents, done, mark);
        const ms = (performance.now() - start) / (mark - done);
        await sleep(1200); // one checkpoint interval, so the WAL figure is not caught mid-flight
        const now = ioOf(relay.process.pid!);
        const { db, wal } = sizes(dir);
        peakWal = Math.max(peakWal, wal);
        const n = mark - done;
        const fileWrites = now.wchar - io.wchar - (pair.updateBytes - sent);
        say(`${String(done).padStart(6)}-${String(mark).padEnd(6)} | ${kb((now.writeBytes - io.writeBytes) / n).padStart(19)} | ${kb(fileWrites / n).padStart(19)} | ${ms.toFixed(3).padStart(8)} | ${((now.cpuMs - io.cpuMs) / n).toFixed(3).padStart(18)} | ${mb(db).padStart(8)} | ${mb(wal).padStart(7)} | ${mb(peakWal).padStart(8)} | ${mb(folderBytes(dir))}`);
        done = mark;
        io = now;
        sent = pair.updateBytes;
      }
    } catch (error) {
      console.log(relay.output());
      throw error;
    } finally {
      clearInterval(sampler);
      closePair(pair);
      await stopChild(relay);
    }
  }, once);
});

describe('relay storage after a month of play (one zone, 10 players)', () => {
  bench('storage per zone after 30 days x 10 players x 200 intents', async () => {
    const players = 10;
    const days = 30;
    const perDay = 200;
    const intents = signedIntents(players * days * perDay, players, 20);
    const dir = tempDir('month-bench');
    const relay = await spawnRelay({ ...RELAY_ENV, RELAY_DATA: dir, RELAY_ROOM_IDLE_MS: '100' });
    const url = `ws://127.0.0.1:${relay.port}`;
    let peakWal = 0;
    const sampler = setInterval(() => (peakWal = Math.max(peakWal, sizes(dir).wal)), 50);
    const start = performance.now();
    try {
      const perDayAll = players * perDay;
      for (let day = 0; day < days; day++) {
        // A day's session: a client joins, plays, leaves; the empty room unloads (and compacts).
        const pair = await openPair(url, 'zone-harbor');
        await write(pair, intents, day * perDayAll, (day + 1) * perDayAll);
        closePair(pair);
        await sleep(300);
      }
      await sleep(1200);
      const io = ioOf(relay.process.pid!);
      const { db, wal } = sizes(dir);
      const n = players * days * perDay;
      const bytes = intents.reduce((sum, [id, raw]) => sum + id.length + raw.length, 0);
      say(`month of play: ${n.toLocaleString('en')} intents (${mb(bytes)} of intent text) in ${((performance.now() - start) / 1000).toFixed(0)} s`);
      say(`  zone storage: database ${mb(db)}, WAL ${mb(wal)} (peak ${mb(peakWal)}), folder ${mb(folderBytes(dir))}`);
      say(`  written to disk: ${mb(io.writeBytes)} in all, ${kb(io.writeBytes / n)} per intent; relay CPU ${(io.cpuMs / 1000).toFixed(0)} s`);
    } finally {
      clearInterval(sampler);
      await stopChild(relay);
    }
  }, once);
});

afterAll(() => {
  console.log(['', ...lines.map((l) => `[relay storage] ${l}`), ''].join('\n'));
});
