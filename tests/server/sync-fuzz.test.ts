// Seeded fuzz of many clients on two relays sharing rooms through Redis: random writes, random
// disconnects and reconnects to either relay, then everyone must hold the same document, and a
// newcomer must find every write stored. A failing seed prints the command that reruns it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Relay } from '../../server/relay.ts';
import { connectClient, items, push, type Client } from './helpers/clients.ts';
import { seededRandom } from './helpers/malformed.ts';
import { startRedis, type RedisServer } from './helpers/redis.ts';
import { sleep, startTestRelay, waitFor } from './helpers/relay.ts';

let redis: RedisServer;
let relays: Relay[] = [];
beforeAll(async () => {
  redis = await startRedis();
  const env = { REDIS_URL: redis.url, RELAY_COMPACT_EVERY: '20', RELAY_COMPACT_RATIO: '0', RELAY_REDIS_RETENTION_MS: '100', RELAY_ROOM_IDLE_MS: '0' };
  relays = [await startTestRelay(env), await startTestRelay(env)];
});
afterAll(async () => {
  for (const r of relays) await r.shutdown();
  await redis.stop();
});

const SEEDS = process.env.FUZZ_SEED !== undefined ? [Number(process.env.FUZZ_SEED)] : Array.from({ length: 20 }, (_, i) => i + 1);

describe('two relays, many clients, random disconnects', () => {
  for (const seed of SEEDS) {
    it(`converges (seed ${seed}; rerun: FUZZ_SEED=${seed} npx vitest run tests/server/sync-fuzz.test.ts)`, async () => {
      const random = seededRandom(seed);
      const room = `fuzz-${seed}`;
      const url = (i: number): string => `ws://127.0.0.1:${relays[i]!.port}`;
      const clients: Client[] = Array.from({ length: 6 }, (_, i) => connectClient(url(i % 2), room));
      const written = new Set<string>();
      try {
        for (let step = 0; step < 300; step++) {
          const i = Math.floor(random() * clients.length);
          const c = clients[i]!;
          const roll = random();
          if (roll < 0.7) {
            const value = `s${seed}-c${i}-${step}`;
            push(c, value);
            written.add(value);
          } else if (roll < 0.85) {
            c.provider.disconnect();
          } else {
            // Reconnect, possibly to the other relay (what a load balancer would do).
            c.provider.disconnect();
            c.provider.serverUrl = url(Math.floor(random() * 2));
            c.provider.connect();
          }
          if (random() < 0.2) await sleep(Math.floor(random() * 15));
        }
        for (const c of clients) if (!c.provider.shouldConnect) c.provider.connect();
        await waitFor(`seed ${seed}: every client to hold all ${written.size} writes in one order`, () => {
          const first = items(clients[0]!);
          return first.length === written.size && clients.every((c) => {
            const mine = items(c);
            return mine.length === first.length && mine.every((v, k) => v === first[k]);
          });
        }, 30_000);
        for (const c of clients) c.destroy();
        clients.length = 0;
        await waitFor('rooms to unload', () => relays.every((r) => r.health().rooms === 0));
        const newcomer = connectClient(url(Math.floor(random() * 2)), room);
        clients.push(newcomer);
        await waitFor(`seed ${seed}: a newcomer to load every write from storage`, () => items(newcomer).length === written.size);
        expect(new Set(items(newcomer))).toEqual(written);
      } finally {
        for (const c of clients) c.destroy();
      }
    });
  }
});
