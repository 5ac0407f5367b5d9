// A world owner's drop order (src/sync/world/drop-order.ts, server/drops.ts): the relay deletes the
// rooms it names once their grace period is over, tells their clients they are gone (4410) and
// never serves them again; an order anyone else signed, a tampered one or junk drops nothing, and
// a pending drop survives a restart. Both stores: the embedded SQLite and Redis (a real server).
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex, toBase64Url } from '../../src/sync/intent/bytes.ts';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { signDropOrder } from '../../src/sync/world/drop-order.ts';
import { ownedRoomName } from '../../src/sync/world/world-key.ts';
import type { Relay } from '../../server/relay.ts';
import { DATABASE_FILE } from '../../server/sqlite-store.ts';
import { ClientPool, closed, items, openRaw, push, whenSynced } from './helpers/clients.ts';
import { startRedis, type RedisServer } from './helpers/redis.ts';
import { startTestRelay, tempDir, waitFor } from './helpers/relay.ts';

const pool = new ClientPool();
const relays: Relay[] = [];
let redis: RedisServer | null = null;

afterEach(async () => {
  pool.destroyAll();
  for (const r of relays.splice(0)) await r.shutdown();
  await redis?.stop();
  redis = null;
});

const start = async (env: Record<string, string>): Promise<Relay> => {
  const relay = await startTestRelay(env);
  relays.push(relay);
  return relay;
};

const post = async (relay: Relay, body: string): Promise<{ status: number; body: { scheduled?: number; error?: string } }> => {
  const res = await fetch(`http://127.0.0.1:${relay.port}/drop`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body });
  return { status: res.status, body: (await res.json()) as { scheduled?: number; error?: string } };
};

/** A room of `owner`'s (as an epoch room of one of their worlds is named) holding `n` items. */
async function ownedRoomWith(relay: Relay, owner: ReturnType<typeof createIdentity>, label: string, n: number) {
  const inner = sha256Hex(`a document of ${label}`);
  const room = ownedRoomName(toBase64Url(owner.publicKey), inner);
  const writer = pool.connect(relay.port, room);
  await whenSynced(writer);
  push(writer, ...Array.from({ length: n }, (_, i) => `${label}-${i}`));
  const reader = pool.connect(relay.port, room);
  await waitFor(`${label} stored and served`, () => items(reader).length === n);
  return { inner, room, writer };
}

/** What a new client of the room is told: the close code, or the items it synced. */
async function visit(relay: Relay, room: string): Promise<{ code: number } | { items: number }> {
  const ws = await openRaw(`ws://127.0.0.1:${relay.port}/${room}`);
  const first = await Promise.race([closed(ws), new Promise<null>((r) => ws.once('message', () => r(null)))]);
  if (first !== null) return { code: first.code };
  ws.close();
  // The room may be dropped between the two (a drop falling due): then the client is told so.
  const c = pool.connect(relay.port, room);
  let gone = false;
  c.provider.on('connection-close', (e: CloseEvent | null) => void (gone ||= e?.code === 4410));
  await waitFor('client to sync, or to be told the room is gone', () => c.provider.synced || gone);
  return gone ? { code: 4410 } : { items: items(c).length };
}

for (const store of ['sqlite', 'redis'] as const) {
  describe(`drop orders (${store})`, () => {
    const env = async (extra: Record<string, string> = {}): Promise<Record<string, string>> => {
      if (store === 'redis') redis ??= await startRedis();
      return { ...(store === 'redis' ? { REDIS_URL: redis!.url } : {}), ...extra };
    };

    it("the owner's order drops the room: its clients are told it is gone, new ones are refused, other rooms stay", async () => {
      const data = tempDir('drops');
      const relay = await start(await env({ RELAY_DATA: data, RELAY_DROP_GRACE_MS: '0' }));
      const owner = createIdentity();
      const old = await ownedRoomWith(relay, owner, 'epoch-1', 40);
      const kept = await ownedRoomWith(relay, owner, 'epoch-2', 10);
      const goneAt = new Promise<number>((resolve) => old.writer.provider.on('connection-close', (e: CloseEvent | null) => resolve(e?.code ?? 0)));

      const answer = await post(relay, signDropOrder(owner, [old.inner]));
      expect(answer).toEqual({ status: 202, body: { scheduled: 1, due: expect.any(Number) } });
      expect(await goneAt).toBe(4410);
      expect(await visit(relay, old.room)).toEqual({ code: 4410 });
      expect(await visit(relay, kept.room)).toEqual({ items: 10 });
      if (store === 'sqlite') {
        await relay.shutdown();
        const db = new Database(join(data, DATABASE_FILE), { readonly: true });
        const rows = (room: string) => (db.prepare('SELECT count(*) AS n FROM room_updates WHERE room = ?').get(room) as { n: number }).n;
        expect(rows(old.room)).toBe(0);
        expect(rows(kept.room)).toBeGreaterThan(0);
        db.close();
      }
    });

    it("an order signed by anyone but the owner, a tampered order or junk drops nothing, and the relay stays up", async () => {
      const relay = await start(await env({ RELAY_DROP_GRACE_MS: '0' }));
      const owner = createIdentity();
      const mallory = createIdentity();
      const room = await ownedRoomWith(relay, owner, 'epoch-1', 25);

      // Mallory knows the document (she holds the link) but her key names another room.
      expect(await post(relay, signDropOrder(mallory, [room.inner]))).toEqual({ status: 202, body: { scheduled: 0, due: expect.any(Number) } });
      // The owner's order for another room, with this room's hash put in after signing.
      const tampered = signDropOrder(owner, [sha256Hex('another document')]).replace(/"rooms":\["[0-9a-f]{64}"\]/, `"rooms":["${room.inner}"]`);
      expect(tampered).toContain(room.inner);
      expect(await post(relay, tampered)).toMatchObject({ status: 403, body: { error: 'bad signature' } });
      expect((await post(relay, '{"v":1,"owner":"x"')).status).toBe(400);
      expect((await post(relay, 'x'.repeat(400 * 1024))).status).toBe(413);

      expect(await visit(relay, room.room)).toEqual({ items: 25 });
      expect((await fetch(`http://127.0.0.1:${relay.port}/healthz`)).status).toBe(200);
    });

    it('a drop waits out the grace period, and a restart does not forget it', { timeout: 60_000 }, async () => {
      const data = tempDir('drops-grace');
      const graceMs = 10_000;
      const first = await start(await env({ RELAY_DATA: data, RELAY_DROP_GRACE_MS: String(graceMs) }));
      const owner = createIdentity();
      const room = await ownedRoomWith(first, owner, 'epoch-1', 12);
      const ordered = Date.now();
      expect((await post(first, signDropOrder(owner, [room.inner]))).body.scheduled).toBe(1);
      // Within the grace period the room is served as before.
      expect(await visit(first, room.room)).toEqual({ items: 12 });
      pool.destroyAll();
      await first.shutdown();
      relays.splice(relays.indexOf(first), 1);

      const second = await start(await env({ RELAY_DATA: data, RELAY_DROP_GRACE_MS: String(graceMs) }));
      await waitFor('the room to be dropped after its grace period', async () => {
        const seen = await visit(second, room.room);
        pool.destroyAll();
        return 'code' in seen && seen.code === 4410;
      }, 40_000);
      expect(Date.now() - ordered).toBeGreaterThanOrEqual(graceMs);
    });
  });
}
