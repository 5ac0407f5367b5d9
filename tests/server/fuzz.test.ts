// Fuzz over real sockets against a relay child process: 100,000 malformed frames (random bytes,
// truncated varints, absurd lengths, wrong message types, text frames, a 32 MB frame) from
// several concurrent sockets, while two stock clients in the same room keep syncing.
// The relay closes a connection at its first malformed frame (the rest of a pipelined burst is
// read and dropped), so the frames go out in bursts over thousands of short connections; the
// room-level fuzz in room.test.ts decodes every one of 100,000 frames.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { connectClient, items, push, whenSynced, type Client } from './helpers/clients.ts';
import { THIRTY_TWO_MB, malformedFrames, seededRandom } from './helpers/malformed.ts';
import { spawnRelay, stopChild, tempDir, type ChildRelay } from './helpers/relay.ts';

const TOTAL_FRAMES = 100_000;
const SOCKETS = 8;
const BURST = 25;

let relay: ChildRelay | undefined;
beforeAll(async () => {
  relay = await spawnRelay({ RELAY_DATA: tempDir('fuzz') });
});
afterAll(async () => {
  await stopChild(relay);
});

const metric = async (name: string): Promise<number> => {
  const text = await (await fetch(`http://127.0.0.1:${relay!.port}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) if (line.startsWith(name)) sum += Number(line.split(' ').pop());
  return sum;
};

/** Opens a socket, sends `frames` back to back, resolves when the relay has closed it. */
const burst = (url: string, frames: Uint8Array[], asText: boolean): Promise<number> =>
  new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on('error', () => {});
    ws.on('open', () => {
      for (const f of frames) ws.send(asText ? Buffer.from(f).toString('latin1') : f);
    });
    ws.on('close', (code) => resolve(code));
  });

describe('fuzz over sockets', () => {
  it('lives through 100,000 malformed frames; memory stays bounded; healthy clients keep syncing', async () => {
    const seed = Number(process.env.FUZZ_SEED ?? 424242);
    console.log(`socket fuzz seed ${seed} (rerun: FUZZ_SEED=${seed} npx vitest run tests/server/fuzz.test.ts)`);
    const url = `ws://127.0.0.1:${relay!.port}/fuzzed-room`;
    const writer: Client = connectClient(`ws://127.0.0.1:${relay!.port}`, 'fuzzed-room');
    const reader: Client = connectClient(`ws://127.0.0.1:${relay!.port}`, 'fuzzed-room');
    await whenSynced(writer);
    await whenSynced(reader);
    const rssBefore = await metric('relay_process_resident_memory_bytes');

    let writes = 0;
    const ticker = setInterval(() => push(writer, `healthy-${writes++}`), 20);

    const random = seededRandom(seed);
    const frames = malformedFrames(random, TOTAL_FRAMES, { hugeFrame: true });
    const huge = frames.next().value as Uint8Array;
    expect(huge.byteLength).toBe(THIRTY_TWO_MB);
    const hugeClosed = burst(url, [huge], false);

    let sent = 1;
    let bursts = 0;
    const codes = new Map<number, number>();
    const worker = async (index: number): Promise<void> => {
      for (;;) {
        const batch: Uint8Array[] = [];
        for (let i = 0; i < BURST; i++) {
          const next = frames.next();
          if (next.done === true) break;
          batch.push(next.value);
        }
        if (batch.length === 0) return;
        sent += batch.length;
        // Every 50th burst goes out as text frames, which the protocol does not allow.
        const code = await burst(url, batch, (bursts++ + index) % 50 === 0);
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: SOCKETS }, (_, i) => worker(i)));
    expect(await hugeClosed).toBe(1009);
    clearInterval(ticker);
    push(writer, 'last');
    await new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error('reader did not get every healthy update')), 15_000);
      const check = setInterval(() => {
        if (items(reader).includes('last')) {
          clearInterval(check);
          clearTimeout(deadline);
          resolve();
        }
      }, 10);
    });

    expect(sent).toBe(TOTAL_FRAMES);
    console.log('close codes of fuzzing connections', Object.fromEntries(codes));
    expect(codes.get(1003)).toBeGreaterThan(0); // text frames
    expect(codes.get(1007)).toBeGreaterThan(3000); // malformed binary frames
    expect(relay!.process.exitCode).toBeNull();
    const health = (await (await fetch(`http://127.0.0.1:${relay!.port}/healthz`)).json()) as { ok: boolean; connections: number };
    expect(health.ok).toBe(true);
    const healthyItems = items(reader).filter((s) => typeof s === 'string' && s.startsWith('healthy-'));
    expect(healthyItems).toHaveLength(writes);
    expect(await metric('relay_rejected_total{reason="frame/')).toBeGreaterThan(1000);
    expect(await metric('relay_rejected_total{reason="limit/frame-size"}')).toBe(1);
    const rssAfter = await metric('relay_process_resident_memory_bytes');
    console.log(`relay RSS before ${(rssBefore / 2 ** 20).toFixed(0)} MB, after ${(rssAfter / 2 ** 20).toFixed(0)} MB`);
    expect(rssAfter - rssBefore).toBeLessThan(256 * 2 ** 20);
    writer.destroy();
    reader.destroy();
  });
});
