// SharedWorld: local-first play, zone crossing, persistence on disk, and two clients through a
// real relay process (the reference @y/websocket-server).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MemoryDocStore } from '../../src/sync/doc-store.ts';
import { createIdentity } from '../../src/sync/identity.ts';
import { FileDocStore } from '../../src/sync/node-doc-store.ts';
import { clearSignatureCache, signatureCacheStats } from '../../src/sync/signature-cache.ts';
import { clearValidIntents } from '../../src/sync/valid-intents.ts';
import { SharedWorld, type WorldChange } from '../../src/sync/shared-world.ts';
import { createWorldKey, parseWorldLink, roomName, zoneDocName } from '../../src/sync/world-key.ts';
import * as Y from 'yjs';
import { createIntent } from '../../src/sync/intent.ts';
import { lotteryOf } from '../../src/sync/order.ts';
import { linkRelay } from '../../src/sync/relay-link.ts';
import type { Revision } from '../../src/sync/revision.ts';
import { content } from './fixture.ts';
import { freePort, startProjectRelay, startReferenceRelay, type RunningRelay } from './relay-helper.ts';

function itemsOf(w: SharedWorld, item: string): number {
  return w.state.players[w.player]?.inventory.filter((s) => s.item === item).reduce((n, s) => n + s.qty, 0) ?? 0;
}

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('SharedWorld (local)', () => {
  it('joins, takes at once, crosses into another zone and back', async () => {
    const w = await SharedWorld.open({ content, identity: createIdentity(), worldKey: createWorldKey(), store: new MemoryDocStore(), name: 'Ana', create: { name: 'Test', seed: 7 } });
    expect(w.zone).toBe('harbor');
    expect(w.state.players[w.player]?.name).toBe('Ana');
    const t = w.submit({ kind: 'take', target: 'moonpetal' });
    expect(t.ok && t.events.some((e) => e.type === 'took')).toBe(true);
    const n = w.submit({ kind: 'move', dir: 'north' });
    expect(n.ok).toBe(true);
    expect(w.zone).toBe('village');
    expect(w.state.players[w.player]?.location).toBe('green');
    expect(itemsOf(w, 'moonpetal')).toBe(1);
    const s = w.submit({ kind: 'move', dir: 'south' });
    expect(s.ok).toBe(true);
    expect(w.zone).toBe('harbor');
    expect(w.state.players[w.player]?.location).toBe('pier');
    expect(itemsOf(w, 'moonpetal')).toBe(1);
    expect(w.diagnostics()).not.toHaveProperty('travel/digest-mismatch');
    expect(parseWorldLink(w.link)?.worldKey).toBeTruthy();
    await w.close();
  });

  it('keeps documents on disk and reopens where the player was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vetrellis-sync-'));
    try {
      const identity = createIdentity();
      const worldKey = createWorldKey();
      const open = () => SharedWorld.open({ content, identity, worldKey, store: new FileDocStore(join(dir, 'docs')), name: 'Ana', create: { name: 'Test', seed: 9 } });
      const a = await open();
      a.submit({ kind: 'take', target: 'rope' });
      a.submit({ kind: 'move', dir: 'north' });
      const hash = a.stateHash;
      await a.close();
      clearSignatureCache();
      clearValidIntents();
      const b = await open();
      expect(signatureCacheStats().checks).toBe(0); // verdicts came from the verified set on disk
      expect(b.zone).toBe('village');
      expect(b.stateHash).toBe(hash);
      expect(b.submit({ kind: 'wait' }).ok).toBe(true);
      await b.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('pending writes', () => {
  it('counts writes made offline until the relay confirms them', async () => {
    const port = await freePort();
    const w = await SharedWorld.open({
      content, identity: createIdentity(), worldKey: createWorldKey(), store: new MemoryDocStore(), name: 'Ana',
      create: { name: 'Offline', seed: 5 }, relay: { url: `ws://127.0.0.1:${port}`, WebSocketPolyfill: WebSocket }, relayTimeoutMs: 100,
    });
    w.submit({ kind: 'take', target: 'rope' });
    w.submit({ kind: 'take', target: 'pebble' });
    expect(w.pendingCount).toBe(3); // join, take, take
    expect(w.state.players[w.player]!.inventory.some((s) => s.item === 'rope')).toBe(true); // local-first
    const relay = await startReferenceRelay(port);
    try {
      await until(() => w.pendingCount === 0, 15_000);
    } finally {
      await w.close();
      await relay.stop();
    }
  });
});

describe.each([
  ['the reference @y/websocket-server', startReferenceRelay],
  ["the project's relay (server/)", startProjectRelay],
])('SharedWorld through a real relay process: %s', (_name, start) => {
  let relay: RunningRelay;
  beforeAll(async () => {
    relay = await start();
  });
  afterAll(async () => {
    await relay?.stop();
  });

  it('two clients reach the same state, hear each other, and see writes confirmed', async () => {
    const worldKey = createWorldKey();
    const opts = { content, worldKey, relay: { url: relay.url, WebSocketPolyfill: WebSocket }, relayTimeoutMs: 3000 };
    const ana = await SharedWorld.open({ ...opts, identity: createIdentity(), store: new MemoryDocStore(), name: 'Ana', create: { name: 'Shared', seed: 3 } });
    const bo = await SharedWorld.open({ ...opts, identity: createIdentity(), store: new MemoryDocStore(), name: 'Bo' });
    const heard: WorldChange[] = [];
    bo.onChange((c) => heard.push(c));
    await until(() => Object.keys(ana.state.players).length === 2 && Object.keys(bo.state.players).length === 2);
    ana.submit({ kind: 'say', text: 'hello' });
    bo.submit({ kind: 'take', target: 'moonpetal' });
    ana.submit({ kind: 'take', target: 'moonpetal' });
    await until(() => ana.replica.applied === bo.replica.applied && ana.replica.applied >= 5);
    expect(ana.stateHash).toBe(bo.stateHash);
    const holders = [ana, bo].filter((w) => w.state.players[w.player]!.inventory.some((s) => s.item === 'moonpetal'));
    expect(holders.length).toBe(1);
    expect(heard.some((c) => c.news.some((n) => n.events.some((e) => e.type === 'said')))).toBe(true);
    await until(() => ana.pendingCount === 0 && bo.pendingCount === 0);
    expect(bo.roster().map((r) => r.name).sort()).toEqual(['Ana', 'Bo']);
    await until(() => (bo.presence?.others() ?? []).some((p) => p.name === 'Ana'));
    await ana.close();
    await bo.close();
  });

  it('a late intent that wins the last moonpetal reaches the loser as a revision', async () => {
    const worldKey = createWorldKey();
    const ana = await SharedWorld.open({ content, worldKey, identity: createIdentity(), store: new MemoryDocStore(), name: 'Ana', relay: { url: relay.url, WebSocketPolyfill: WebSocket }, create: { name: 'Race', seed: 21 } });
    const revisions: Revision[] = [];
    ana.onChange((c) => c.revision && revisions.push(c.revision));
    const joinTurn = ana.replica.fold.entries[0]!.turn;
    expect(ana.submit({ kind: 'take', target: 'moonpetal' }).ok).toBe(true);
    const takeTurn = joinTurn + 1;
    // Carl wrote offline: his take has the same turn as Ana's and wins that turn's lottery.
    let carl = createIdentity();
    while (lotteryOf(ana.meta.seed, takeTurn, carl.player) >= lotteryOf(ana.meta.seed, takeTurn, ana.player)) carl = createIdentity();
    const c1 = createIntent(carl, { world: ana.worldId, zone: 'harbor', seq: 1, prev: null, turn: joinTurn, at: 1, action: { kind: 'join', name: 'Carl' } });
    const c2 = createIntent(carl, { world: ana.worldId, zone: 'harbor', seq: 2, prev: c1.id, turn: takeTurn, at: 2, action: { kind: 'take', target: 'moonpetal' } });
    const doc = new Y.Doc();
    const link = linkRelay(doc, roomName(worldKey, zoneDocName('harbor')), { url: relay.url, WebSocketPolyfill: WebSocket });
    await link.whenSynced(5000);
    doc.transact(() => {
      doc.getMap('intents').set(c1.id, c1.raw);
      doc.getMap('intents').set(c2.id, c2.raw);
    });
    await until(() => revisions.length > 0);
    const r = revisions[0]!;
    expect(r.inventory).toEqual([{ item: 'moonpetal', delta: -1 }]);
    expect(r.causes.map((c) => c.player)).toContain(carl.player);
    expect(r.disappeared.some((e) => e.type === 'took' && e.item === 'moonpetal')).toBe(true);
    expect(r.appeared.some((e) => e.type === 'refused')).toBe(true);
    link.destroy();
    doc.destroy();
    await ana.close();
  });

  it('a device that lost its documents (but kept its key) resyncs before writing, so its chain does not fork', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vetrellis-sync-loss-'));
    try {
      const identity = createIdentity();
      const worldKey = createWorldKey();
      const open = () => SharedWorld.open({ content, identity, worldKey, store: new FileDocStore(join(dir, 'docs')), relay: { url: relay.url, WebSocketPolyfill: WebSocket }, name: 'Ana', create: { name: 'Lossy', seed: 11 }, relayTimeoutMs: 5000 });
      const a = await open();
      a.submit({ kind: 'take', target: 'rope' });
      await until(() => a.pendingCount === 0);
      await a.close();
      rmSync(join(dir, 'docs'), { recursive: true, force: true });
      const b = await open();
      expect(b.state.players[b.player]?.inventory.some((s) => s.item === 'rope')).toBe(true);
      expect(b.submit({ kind: 'drop', target: 'rope' }).ok).toBe(true);
      expect(b.replica.stoppedPlayers()).toEqual([]);
      await b.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
