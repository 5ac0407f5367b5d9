// Relay benchmarks: this relay (SQLite, every update stored before broadcast) against the
// reference @y/websocket-server 0.1.1 (in memory), same load, same run, each in its own process.
// Figures are printed as a table at the end: propagation latency at 1,000 updates/s, fan-out
// throughput with 500 clients in 100 rooms, relay CPU per delivered update (paced and in bursts),
// memory per idle connection and per loaded room, and the cost of loading a room with 10,000
// stored updates. Run: npm run bench -- tests/bench/relay.bench.ts (only the CPU figures:
// npx vitest bench --run tests/bench/relay.bench.ts -t CPU)
import { afterAll, bench, describe } from 'vitest';
import * as Y from 'yjs';
import { openSqliteStore } from '../../server/sqlite-store.ts';
import { Room } from '../../server/room.ts';
import { MemoryPeer, itemUpdate, updateFrame } from '../server/helpers/memory-peer.ts';
import { spawnRelay, stopChild, tempDir, sleep, waitFor } from '../server/helpers/relay.ts';
import { LoadClient, cpuMsOf, openMany, percentile, rssOf, spawnReference, updateFrames, type Server } from '../server/helpers/bench-load.ts';

const once = { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 };
const rows: Array<[string, string, string, string]> = [];
const figures = new Map<string, { ours: number; reference: number }>();

const ourRelay = async (env: Record<string, string> = {}): Promise<Server> => {
  const child = await spawnRelay({ RELAY_DATA: tempDir('bench'), LOG_LEVEL: 'warn', RELAY_ROOM_IDLE_MS: '60000', ...env });
  return { name: 'vetrellis relay', port: child.port, pid: child.process.pid!, stop: () => stopChild(child) };
};

/**
 * Runs `measure` against both servers, alternating `rounds` times (the machine's background load
 * then hits both alike), and keeps the median of each.
 */
const both = async (measure: (server: Server) => Promise<number>, key: string, rounds = 1): Promise<void> => {
  const reference = await spawnReference();
  const ours = await ourRelay();
  const results = { ours: [] as number[], reference: [] as number[] };
  try {
    for (let r = 0; r < rounds; r++) {
      results.reference.push(await measure(reference));
      results.ours.push(await measure(ours));
    }
  } finally {
    await reference.stop();
    await ours.stop();
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  figures.set(key, { ours: median(results.ours), reference: median(results.reference) });
};

/** Memory figures need a fresh process per server. */
const bothFresh = async (measure: (server: Server) => Promise<number>, key: string): Promise<void> => {
  const result = { ours: NaN, reference: NaN };
  for (const [which, start] of [['reference', spawnReference], ['ours', ourRelay]] as const) {
    const server = await start();
    try {
      result[which] = await measure(server);
    } finally {
      await server.stop();
    }
  }
  figures.set(key, result);
};

const p50s = { ours: [] as number[], reference: [] as number[] };

/** One writer, one reader, 1,000 updates/s for 3.5 s; latency from send to receipt (p99). */
const latency = async (server: Server): Promise<number> => {
  const room = `latency-${Math.random()}`;
  const reader = await LoadClient.open(server.port, room);
  const writer = await LoadClient.open(server.port, room);
  await sleep(200);
  const frames = updateFrames(3500, 'lat');
  const sentAt: number[] = [];
  const latencies: number[] = [];
  let received = 0;
  reader.onUpdate = () => {
    const t = sentAt[received++];
    if (t !== undefined && received > 500) latencies.push(performance.now() - t);
  };
  const start = performance.now();
  await new Promise<void>((resolve) => {
    let next = 0;
    const tick = (): void => {
      const due = Math.min(frames.length, Math.floor(performance.now() - start) + 1);
      while (next < due) {
        sentAt.push(performance.now());
        writer.send(frames[next++]!);
      }
      if (next < frames.length) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  await waitFor('all updates to arrive', () => received >= frames.length, 30_000);
  reader.close();
  writer.close();
  latencies.sort((a, b) => a - b);
  p50s[server.name.startsWith('@y') ? 'reference' : 'ours'].push(percentile(latencies, 50));
  return percentile(latencies, 99);
};

/** 100 rooms x 5 clients; each room's writer sends 100 updates at once; deliveries/s to the other 4. */
const fanOut = async (server: Server): Promise<number> => {
  const rooms = Array.from({ length: 100 }, (_, i) => `fan-${i}`);
  const clients = await openMany(server.port, rooms.flatMap((r) => [r, r, r, r, r]));
  await sleep(300);
  const perRoom = 100;
  const rounds = 3;
  const framesByRoom = rooms.map((r) => updateFrames(perRoom * rounds, r));
  const readers = clients.filter((_, i) => i % 5 !== 0);
  const best: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const r of readers) r.updates = 0;
    const expected = rooms.length * perRoom;
    const start = performance.now();
    for (let i = 0; i < rooms.length; i++) {
      const writer = clients[i * 5]!;
      for (const f of framesByRoom[i]!.slice(round * perRoom, (round + 1) * perRoom)) writer.send(f);
    }
    await waitFor('fan-out round to be delivered', () => readers.every((r) => r.updates >= expected / rooms.length), 60_000);
    const seconds = (performance.now() - start) / 1000;
    best.push((readers.length * perRoom) / seconds);
  }
  for (const c of clients) c.close();
  best.sort((a, b) => a - b);
  return best[1]!; // median of three rounds
};

/**
 * Relay CPU (user + system, every thread of its process) per update delivered: 50 rooms x 5
 * clients, each room's writer sends 400 one-item updates, either paced (one every 10 ms per room,
 * 5,000 updates/s in all) or all at once; deliveries are to the other 4 clients of each room (the
 * reference also echoes each update to its writer, which is not counted). Microseconds.
 */
const cpuPerDelivery = (paced: boolean) => async (server: Server): Promise<number> => {
  const rooms = Array.from({ length: 50 }, (_, i) => `cpu-${Math.random().toString(36).slice(2)}-${i}`);
  const clients = await openMany(server.port, rooms.flatMap((r) => [r, r, r, r, r]));
  const perRoom = 400;
  const framesByRoom = rooms.map((r) => updateFrames(perRoom, r));
  const readers = clients.filter((_, i) => i % 5 !== 0);
  await sleep(300);
  const before = cpuMsOf(server.pid);
  const sendStep = (step: number): void => {
    for (let i = 0; i < rooms.length; i++) clients[i * 5]!.send(framesByRoom[i]![step]!);
  };
  if (paced) {
    for (let step = 0; step < perRoom; step++) {
      sendStep(step);
      await sleep(10);
    }
  } else {
    for (let step = 0; step < perRoom; step++) sendStep(step);
  }
  await waitFor('every update to be delivered', () => readers.every((r) => r.updates >= perRoom), 60_000);
  const cpuMs = cpuMsOf(server.pid) - before;
  for (const c of clients) c.close();
  await sleep(300);
  return (cpuMs * 1000) / (readers.length * perRoom);
};

const idleConnectionBytes = async (server: Server): Promise<number> => {
  const rooms = Array.from({ length: 10 }, (_, i) => `idle-${i}`);
  const warm = await openMany(server.port, rooms);
  await sleep(500);
  const before = rssOf(server.pid);
  const idle = await openMany(server.port, Array.from({ length: 1000 }, (_, i) => rooms[i % 10]!));
  await sleep(1500);
  const after = rssOf(server.pid);
  for (const c of [...warm, ...idle]) c.close();
  return (after - before) / 1000;
};

const loadedRoomBytes = async (server: Server): Promise<number> => {
  const before = rssOf(server.pid);
  const rooms = Array.from({ length: 500 }, (_, i) => `loaded-${i}`);
  const clients = await openMany(server.port, rooms);
  const doc = new Y.Doc();
  doc.getArray<string>('log').push(Array.from({ length: 100 }, (_, i) => `item-${i}-with-a-sentence-of-intent`));
  const frame = updateFrame(Y.encodeStateAsUpdate(doc));
  for (const c of clients) c.send(frame);
  await sleep(1500);
  const after = rssOf(server.pid);
  for (const c of clients) c.close();
  return (after - before) / 500;
};

/** Connect, send sync step 1, time until the sync step 2 carrying the room arrives. */
const timeRoomLoad = async (port: number, room: string): Promise<number> => {
  const start = performance.now();
  const client = await LoadClient.open(port, room);
  const arrived = new Promise<void>((resolve) =>
    client.ws.on('message', (data: Buffer) => {
      if (data[0] === 0 && data[1] === 1 && data.length > 100) resolve();
    }),
  );
  client.send(new Uint8Array([0, 0, 1, 0]));
  await arrived;
  const ms = performance.now() - start;
  client.close();
  return ms;
};

describe('relay vs @y/websocket-server 0.1.1', () => {
  bench('propagation latency at 1,000 updates/s (p99)', async () => {
    await both(latency, 'latency p99', 3);
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    figures.set('latency p50', { ours: median(p50s.ours), reference: median(p50s.reference) });
  }, once);

  bench('fan-out throughput, 500 clients in 100 rooms', async () => {
    await both(fanOut, 'fan-out deliveries/s', 2);
  }, once);

  bench('relay CPU per delivered update, paced (5,000 updates/s, 50 rooms x 5 clients)', async () => {
    await both(cpuPerDelivery(true), 'CPU per delivered update, paced', 3);
  }, once);

  bench('relay CPU per delivered update, all at once (50 rooms x 5 clients)', async () => {
    await both(cpuPerDelivery(false), 'CPU per delivered update, burst', 3);
  }, once);

  bench('memory per idle connection', async () => {
    await bothFresh(idleConnectionBytes, 'idle connection bytes');
  }, once);

  bench('memory per loaded room (100 items, 1 client)', async () => {
    await bothFresh(loadedRoomBytes, 'loaded room bytes');
  }, once);

  bench('room load with 10,000 stored updates', async () => {
    const data = tempDir('load');
    const store = openSqliteStore({ dir: data, fsync: 'normal' });
    const writer = new Y.Doc();
    const updates: Uint8Array[] = [];
    writer.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 10_000; i++) writer.getArray<string>('log').push([`stored-${i}`]);
    for (const u of updates) store.append('big', u);
    await store.close();
    const server = await ourRelay({ RELAY_DATA: data, RELAY_ROOM_IDLE_MS: '0' });
    const first = await timeRoomLoad(server.port, 'big');
    await sleep(500); // unloaded (idle 0) after the compaction its load scheduled
    const compacted = await timeRoomLoad(server.port, 'big');
    await server.stop();
    let t = performance.now();
    const ours = new Y.Doc();
    for (const u of updates) Y.applyUpdate(ours, u);
    const oursMs = performance.now() - t;
    t = performance.now();
    const leveldbStyle = new Y.Doc();
    leveldbStyle.transact(() => { for (const u of updates) Y.applyUpdate(leveldbStyle, u); });
    const transactMs = performance.now() - t;
    rows.push(['room load, 10,000 stored updates (connect -> full state)', `${first.toFixed(1)} ms`, '(no persistence)', '']);
    rows.push(['room load after compaction', `${compacted.toFixed(1)} ms`, '', '']);
    rows.push(['in-process: apply 10,000 one by one (ours) vs in one transaction (y-leveldb)', `${oursMs.toFixed(1)} ms`, `${transactMs.toFixed(1)} ms`, `${(transactMs / oursMs).toFixed(2)}x`]);
  }, once);
});

describe('room internals (in process)', () => {
  const store = openSqliteStore({ dir: tempDir('micro'), fsync: 'normal' });
  const room = new Room('micro', { store: (u) => store.append('micro', u), shareAwareness: () => {}, storeFailed: () => {} });
  const peers = Array.from({ length: 5 }, () => new MemoryPeer());
  for (const p of peers) room.join(p);
  let i = 0;
  bench('receive + validate + apply + commit (SQLite) + broadcast to 4 peers, one update', async () => {
    room.receive(peers[0]!, updateFrame(itemUpdate(`u${i++}`)));
    await room.flushed();
    for (const p of peers) p.sent.length = 0;
  }, { time: 1000 });
});

afterAll(() => {
  const fmt = (key: string, unit: (n: number) => string, higherIsBetter: boolean): void => {
    const f = figures.get(key);
    if (f === undefined) return;
    const ratio = higherIsBetter ? f.ours / f.reference : f.reference / f.ours;
    rows.unshift([key, unit(f.ours), unit(f.reference), `${ratio.toFixed(2)}x`]);
  };
  const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
  const ms = (n: number): string => `${n.toFixed(2)} ms`;
  const us = (n: number): string => `${n.toFixed(1)} us`;
  fmt('loaded room bytes', kb, false);
  fmt('CPU per delivered update, burst', us, false);
  fmt('CPU per delivered update, paced', us, false);
  fmt('idle connection bytes', kb, false);
  fmt('fan-out deliveries/s', (n) => `${Math.round(n).toLocaleString('en')} /s`, true);
  fmt('latency p99', ms, false);
  fmt('latency p50', ms, false);
  const widths = [0, 1, 2, 3].map((c) => Math.max(...[['figure', 'vetrellis relay', 'reference', 'ours vs ref'], ...rows].map((r) => r[c]!.length)));
  const line = (r: string[]): string => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ');
  console.log(['', line(['figure', 'vetrellis relay', 'reference', 'ours vs ref']), ...rows.map(line), '(ratio > 1: ours is better; budgets: latency p99 <= 5 ms, fan-out >= 1.0x, CPU per delivered update >= 1.0x, aim 2x)', ''].join('\n'));
});
