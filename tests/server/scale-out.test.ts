// Several relays sharing rooms through a real redis-server (started here, no persistence):
// clients on different relays converge; a relay killed with SIGKILL mid-stream loses nothing
// any client had seen and its clients carry on through the other; a restarted relay catches up.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { ClientPool, items, push, whenSynced, type Client } from './helpers/clients.ts';
import { spawnRelay, stopChild, waitFor, type ChildRelay } from './helpers/relay.ts';
import { startFailoverProxy, startRedis, type FailoverProxy, type RedisServer } from './helpers/redis.ts';

let redis: RedisServer;
const children: ChildRelay[] = [];
const pool = new ClientPool();
const proxies: FailoverProxy[] = [];

const relay = async (port?: number, env: Record<string, string> = {}): Promise<ChildRelay> => {
  const child = await spawnRelay({ REDIS_URL: redis.url, RELAY_COMPACT_EVERY: '100', RELAY_COMPACT_RATIO: '0', ...env }, port);
  children.push(child);
  return child;
};
const client = (port: number, room: string): Client => pool.connect(port, room);
const same = (a: Client, b: Client): boolean => {
  const x = items(a);
  const y = items(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

beforeEach(async () => {
  redis = await startRedis();
});
afterEach(async () => {
  pool.destroyAll();
  for (const p of proxies.splice(0)) await p.close();
  for (const child of children.splice(0)) await stopChild(child);
  await redis.stop();
});

describe('scale-out through Redis', () => {
  it('two relays, a client on each, same room: both converge, presence crosses relays', async () => {
    const [a, b] = await Promise.all([relay(), relay()]);
    const onA = client(a.port, 'village');
    const onB = client(b.port, 'village');
    await whenSynced(onA);
    await whenSynced(onB);
    for (let i = 0; i < 200; i++) {
      push(onA, `a${i}`);
      push(onB, `b${i}`);
    }
    await waitFor('both to hold 400 items in the same order', () => items(onA).length === 400 && same(onA, onB));
    onA.provider.awareness.setLocalStateField('user', { name: 'Mira' });
    await waitFor('B to see Mira', () => onB.provider.awareness.getStates().has(onA.doc.clientID));
    onA.provider.disconnect();
    await waitFor('B to see Mira leave', () => !onB.provider.awareness.getStates().has(onA.doc.clientID));
  });

  it('SIGKILL of one relay mid-stream: nothing any client had seen is lost, its clients go on through the other', async () => {
    const [a, b] = await Promise.all([relay(), relay()]);
    const proxy = await startFailoverProxy([a.port, b.port]);
    proxies.push(proxy);
    proxy.failover = false;
    const writers = [client(proxy.port, 'coast'), client(proxy.port, 'coast')];
    const watcherOnA = client(a.port, 'coast');
    const watcherOnB = client(b.port, 'coast');
    for (const c of pool.open) await whenSynced(c);

    let n = 0;
    const load = setInterval(() => {
      for (const [w, writer] of writers.entries()) push(writer, `w${w}-${n}`);
      n++;
    }, 2);
    await waitFor('watchers to have seen 1,000 updates', () => items(watcherOnA).length >= 1000 && items(watcherOnB).length >= 1000).catch((error: unknown) => {
      throw new Error(`${String(error)}: n=${n} writers=${writers.map((w) => items(w).length).join('/')} onA=${items(watcherOnA).length} onB=${items(watcherOnB).length}`);
    });
    a.process.kill('SIGKILL');
    await a.exited;
    await waitFor('clients of A to notice', () => !watcherOnA.provider.wsconnected && !writers[0]!.provider.wsconnected);
    const seen = new Set([...items(watcherOnA), ...items(watcherOnB)]);
    watcherOnA.destroy();

    // Before A's writers can resend anything: a newcomer on B must already have all of it.
    const newcomer = client(b.port, 'coast');
    await whenSynced(newcomer);
    await waitFor('newcomer on B to hold everything any client had seen', () => {
      const held = new Set(items(newcomer));
      return [...seen].every((item) => held.has(item));
    });

    proxy.failover = true;
    await waitFor('writers to reconnect through B', () => writers.every((w) => w.provider.wsconnected && w.provider.synced));
    await new Promise((r) => setTimeout(r, 100));
    clearInterval(load);
    push(writers[0]!, 'after-failover');
    await waitFor('everyone to converge', () =>
      items(newcomer).includes('after-failover') && same(newcomer, watcherOnB) && writers.every((w) => same(w, newcomer)),
    );
    console.log(`clients had seen ${seen.size} updates before SIGKILL; after failover all hold ${items(newcomer).length}`);
  });

  it('a restarted relay catches up on what happened while it was down', async () => {
    // Short retention: compaction trims the stream during the test, so the restarted relay must
    // load from the snapshot plus what is left of the stream.
    const fast = { RELAY_REDIS_RETENTION_MS: '200' };
    const [a, b] = await Promise.all([relay(undefined, fast), relay(undefined, fast)]);
    const onA = client(a.port, 'forest');
    const onB = client(b.port, 'forest');
    await whenSynced(onA);
    await whenSynced(onB);
    for (let i = 0; i < 300; i++) push(onA, `before-${i}`);
    await waitFor('B to have A\'s writes', () => items(onB).length === 300);
    a.process.kill('SIGKILL');
    await a.exited;
    onA.destroy();
    for (let i = 0; i < 300; i++) push(onB, `while-down-${i}`);
    await waitFor('B to hold 600', () => items(onB).length === 600);

    await new Promise((r) => setTimeout(r, 300)); // older than the retention, so trimmable
    for (let i = 0; i < 100; i++) push(onB, `compact-trigger-${i}`);
    await waitFor('B to hold 700', () => items(onB).length === 700);
    const restarted = await relay(a.port, fast);
    const back = client(restarted.port, 'forest');
    await waitFor('a client of the restarted relay to catch up', () => items(back).length === 700 && same(back, onB));
    push(back, 'from-restarted');
    push(onB, 'from-b');
    await waitFor('live updates flow both ways again', () => items(back).length === 702 && same(back, onB));

    const r = new Redis(redis.url);
    const entries = await r.xlen('vetrellis:forest:log');
    await r.quit();
    console.log(`stream entries left after compaction: ${entries} of 702 updates`);
    expect(entries).toBeLessThan(702);
  });

  it('a relay that stalls past the stream retention (SIGSTOP) catches up from the snapshot', async () => {
    const fast = { RELAY_REDIS_RETENTION_MS: '200' };
    const [a, b] = await Promise.all([relay(undefined, fast), relay(undefined, fast)]);
    const onA = client(a.port, 'harbor');
    const onB = client(b.port, 'harbor');
    await whenSynced(onA);
    await whenSynced(onB);
    b.process.kill('SIGSTOP');
    for (let i = 0; i < 300; i++) push(onA, `while-stalled-${i}`);
    await new Promise((r) => setTimeout(r, 400));
    for (let i = 0; i < 150; i++) push(onA, `after-${i}`); // compaction now trims what B never read
    await new Promise((r) => setTimeout(r, 300));
    b.process.kill('SIGCONT');
    await waitFor('the stalled relay\'s client to converge', () => items(onB).length === 450 && same(onA, onB));
  });

  it('/healthz reports not ok while Redis is unreachable', async () => {
    const a = await relay();
    const health = async (): Promise<{ status: number; ok: boolean; storage: string }> => {
      const res = await fetch(`http://127.0.0.1:${a.port}/healthz`);
      const body = (await res.json()) as { ok: boolean; storage: string };
      return { status: res.status, ok: body.ok, storage: body.storage };
    };
    expect(await health()).toEqual({ status: 200, ok: true, storage: 'redis' });
    await redis.stop();
    await waitFor('healthz to say not ok', async () => (await health()).status === 503);
    expect((await health()).ok).toBe(false);
  });
});
