// The relay as a real process: SIGKILL under write load loses nothing any client had seen
// (restart on the same data), and SIGTERM closes sockets with a reason, flushes and exits 0.
import { afterEach, describe, expect, it } from 'vitest';
import { ClientPool, closed, items, openRaw, push, whenSynced, type Client } from './helpers/clients.ts';
import { spawnRelay, stopChild, tempDir, waitFor, type ChildRelay } from './helpers/relay.ts';

const children: ChildRelay[] = [];
const pool = new ClientPool();
const spawn = async (env: Record<string, string>, port?: number): Promise<ChildRelay> => {
  const child = await spawnRelay(env, port);
  children.push(child);
  return child;
};
const client = (port: number, room: string): Client => pool.connect(port, room);

afterEach(async () => {
  pool.destroyAll();
  for (const child of children.splice(0)) await stopChild(child);
});

describe('relay process lifecycle', () => {
  it('SIGKILL under write load: after a restart on the same data, every update a client had seen is there', async () => {
    const data = tempDir('sigkill');
    const first = await spawn({ RELAY_DATA: data, RELAY_COMPACT_EVERY: '200' });
    const writers = [client(first.port, 'zone'), client(first.port, 'zone'), client(first.port, 'zone')];
    const observer = client(first.port, 'zone');
    for (const c of [...writers, observer]) await whenSynced(c);

    let n = 0;
    const load = setInterval(() => {
      for (const [w, writer] of writers.entries()) push(writer, `w${w}-${n}`);
      n++;
    }, 2);
    await waitFor('observer to have seen 1,500 updates', () => items(observer).length >= 1500);
    first.process.kill('SIGKILL');
    await first.exited;
    clearInterval(load);
    await waitFor('observer to notice', () => !observer.provider.wsconnected);
    const seen = new Set(items(observer));
    // Writers and observer go away: nothing may come back from a client's memory.
    pool.destroyAll();

    const second = await spawn({ RELAY_DATA: data }, first.port);
    const fresh = client(second.port, 'zone');
    await whenSynced(fresh, 'fresh client to sync from storage');
    const stored = new Set(items(fresh));
    const missing = [...seen].filter((item) => !stored.has(item));
    console.log(`observer saw ${seen.size} updates before SIGKILL; ${stored.size} stored; missing ${missing.length}`);
    expect(missing).toEqual([]);
    expect(seen.size).toBeGreaterThanOrEqual(1500);
  });

  it('SIGTERM: closes sockets with code 1012 and a reason, stores everything, exits 0', async () => {
    const data = tempDir('sigterm');
    const relay = await spawn({ RELAY_DATA: data });
    const writer = client(relay.port, 'harbor');
    await whenSynced(writer);
    for (let i = 0; i < 50; i++) push(writer, `t${i}`);
    const watcher = client(relay.port, 'harbor');
    await waitFor('watcher sees 50', () => items(watcher).length === 50);
    const raw = await openRaw(`ws://127.0.0.1:${relay.port}/harbor`);
    const rawClosed = closed(raw);
    pool.destroyAll();

    relay.process.kill('SIGTERM');
    const exit = await relay.exited;
    expect(exit.code).toBe(0);
    const close = await rawClosed;
    expect(close.code).toBe(1012);
    expect(close.reason).toMatch(/restart/);
    await expect(fetch(`http://127.0.0.1:${relay.port}/healthz`)).rejects.toThrow();

    const again = await spawn({ RELAY_DATA: data }, relay.port);
    const fresh = client(again.port, 'harbor');
    await waitFor('fresh client sees all 50', () => items(fresh).length === 50);
  });
});
