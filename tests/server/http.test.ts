// What an operator and a browser see over plain HTTP: /healthz, /metrics, the web app with its
// caching and Content-Security-Policy, and a plain message when there is no built app.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Relay } from '../../server/relay.ts';
import { connectClient, push, whenSynced } from './helpers/clients.ts';
import { startTestRelay, tempDir, waitFor } from './helpers/relay.ts';

const relays: Relay[] = [];
const relay = async (env: Record<string, string> = {}): Promise<Relay> => {
  const r = await startTestRelay(env);
  relays.push(r);
  return r;
};
afterEach(async () => {
  for (const r of relays.splice(0)) await r.shutdown();
});

const builtApp = (): string => {
  const dist = join(tempDir('app'), 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Vetrellis</title>');
  writeFileSync(join(dist, 'assets', 'index-4f2a9c1b.js'), 'console.log(1)');
  writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {})');
  writeFileSync(join(dist, 'workbox-5ffe50d4.js'), '/* workbox */');
  writeFileSync(join(dist, 'register-service-worker.js'), '/* not hashed */');
  return dist;
};

describe('http', () => {
  it('GET /healthz reports ok, rooms, connections and uptime as JSON', async () => {
    const r = await relay();
    const c = connectClient(`ws://127.0.0.1:${r.port}`, 'health-room');
    await whenSynced(c);
    const res = await fetch(`http://127.0.0.1:${r.port}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ ok: true, rooms: 1, connections: 1, storage: 'sqlite' });
    expect(typeof body.uptime).toBe('number');
    c.destroy();
  });

  it('GET /metrics speaks Prometheus text with the relay metrics', async () => {
    const r = await relay();
    const c = connectClient(`ws://127.0.0.1:${r.port}`, 'metrics-room');
    await whenSynced(c);
    push(c, 'x');
    await waitFor('update stored', async () =>
      (await (await fetch(`http://127.0.0.1:${r.port}/metrics`)).text()).includes('relay_storage_write_seconds_count 1'),
    );
    const res = await fetch(`http://127.0.0.1:${r.port}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    for (const name of [
      'relay_connections 1',
      'relay_rooms 1',
      'relay_messages_total{direction="in"}',
      'relay_messages_total{direction="out"}',
      'relay_bytes_total{direction="in"}',
      'relay_update_apply_seconds_bucket',
      'relay_storage_write_seconds_bucket',
      'relay_room_load_seconds_count 1',
    ]) {
      expect(text).toContain(name);
    }
    c.destroy();
  });

  it('serves the built app: hashed assets immutable, index.html no-cache, strict CSP everywhere', async () => {
    const r = await relay({ RELAY_STATIC: builtApp() });
    const base = `http://127.0.0.1:${r.port}`;
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const csp = index.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toMatch(/connect-src 'self'[^;]* wss:/);
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("'unsafe-eval'");
    const asset = await fetch(`${base}/assets/index-4f2a9c1b.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${base}/sw.js`)).headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${base}/register-service-worker.js`)).headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${base}/workbox-5ffe50d4.js`)).headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    expect((await fetch(`${base}/assets/..%2f..%2f..%2fetc%2fpasswd`)).status).toBe(404);
  });

  it('says plainly that there is no app when dist/ does not exist', async () => {
    const r = await relay();
    const res = await fetch(`http://127.0.0.1:${r.port}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/relay is running, but it has no web app to serve/);
  });
});
