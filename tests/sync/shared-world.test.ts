// SharedWorld: local-first play, zone crossing, persistence on disk, and clients playing through
// the memory relay, with the end-to-end cases also through real relay processes (the reference
// @y/websocket-server and the project's own relay).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, test } from 'vitest';
import WebSocket from 'ws';
import { MemoryDocStore } from '../../src/sync/world/doc-store.ts';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { FileDocStore } from '../../src/sync/world/node-doc-store.ts';
import { SharedWorld, type WorldChange } from '../../src/sync/world/shared-world.ts';
import { createWorldKey, parseWorldLink, roomName, rootDocName } from '../../src/sync/world/world-key.ts';
import * as Y from 'yjs';
import { linkWebsocket } from '../../src/sync/world/websocket-link.ts';
import { MemoryRelay } from '../../src/sync/world/memory-relay.ts';
import type { RelayChoice, RelayLink } from '../../src/sync/world/relay-link.ts';
import type { Revision } from '../../src/sync/replica/revision.ts';
import { content } from './fixture.ts';
import { lateRival } from './late-rival.ts';
import { Location, Zone, type Content } from '../../src/content/schema.ts';
import { freePort, startProjectRelay, startReferenceRelay, type RunningRelay } from './relay-helper.ts';

/** The fixture isle with a third zone north of the green: pier (harbor) -> green (village) -> ridge (hills). */
const threeZones: Content = {
  ...content,
  zones: new Map([...content.zones, ['hills', Zone.parse({ id: 'hills', name: 'Hills', description: 'Wind.' })]]),
  locations: new Map([
    ...content.locations,
    ['green', Location.parse({ id: 'green', zone: 'village', name: 'Green', description: 'Grass.', exits: [{ dir: 'south', to: 'pier' }, { dir: 'north', to: 'ridge' }] })],
    ['ridge', Location.parse({ id: 'ridge', zone: 'hills', name: 'Ridge', description: 'Heather.', exits: [{ dir: 'south', to: 'green' }] })],
  ]),
  version: 'sync-tiny-3',
};

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
    const w = await SharedWorld.open({ content, identity: createIdentity(), worldKey: createWorldKey(), store: new MemoryDocStore(), name: 'Ana', create: { name: 'Test' } });
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
    // Each arrive was signed after its travel's turn, so nothing had to be re-based.
    for (const zone of ['harbor', 'village']) {
      const entries = w.zoneReplica(zone)!.fold.entries;
      expect(entries.some((e) => e.intent.action.kind === 'arrive')).toBe(true);
      expect(entries.filter((e) => e.turn !== e.intent.signedTurn)).toEqual([]);
    }
    expect(parseWorldLink(w.link)?.worldKey).toBeTruthy();
    await w.close();
  });

  it('keeps documents on disk and reopens where the player was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vetrellis-sync-'));
    try {
      const identity = createIdentity();
      const worldKey = createWorldKey();
      const open = () => SharedWorld.open({ content, identity, worldKey, store: new FileDocStore(join(dir, 'docs')), name: 'Ana', create: { name: 'Test' } });
      const a = await open();
      a.submit({ kind: 'take', target: 'rope' });
      a.submit({ kind: 'move', dir: 'north' });
      const hash = a.stateHash;
      await a.close();
      const b = await open();
      expect(b.replica.verifier.stats().checks).toBe(0); // verdicts came from the verified set on disk
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
      create: { name: 'Offline' }, relay: { url: `ws://127.0.0.1:${port}`, WebSocketPolyfill: WebSocket }, relayTimeoutMs: 100,
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

describe('a relay that cannot be reached', () => {
  it('a world stored on this device opens without waiting for the relay timeout, and play is local', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vetrellis-sync-down-'));
    try {
      const identity = createIdentity();
      const worldKey = createWorldKey();
      const store = () => new FileDocStore(join(dir, 'docs'));
      const first = await SharedWorld.open({ content, identity, worldKey, store: store(), name: 'Ana', create: { name: 'Down' } });
      first.submit({ kind: 'take', target: 'rope' });
      await first.close();
      // Nothing listens on the port: the connection is refused. A timeout of ten minutes would
      // hold the test far past its own limit if opening waited it out.
      const port = await freePort();
      const w = await SharedWorld.open({
        content, identity, worldKey, store: store(), name: 'Ana', create: null,
        relay: { url: `ws://127.0.0.1:${port}`, WebSocketPolyfill: WebSocket }, relayTimeoutMs: 600_000,
      });
      expect(itemsOf(w, 'rope')).toBe(1);
      expect(w.submit({ kind: 'take', target: 'pebble' }).ok).toBe(true);
      expect(w.pendingCount).toBe(1);
      await w.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);

  it('a relay that accepts the connection but never answers: opening gives up after the timeout and play starts', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((s) => sockets.add(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    try {
      const w = await SharedWorld.open({
        content, identity: createIdentity(), worldKey: createWorldKey(), store: new MemoryDocStore(), name: 'Ana',
        create: { name: 'Silent' }, relay: { url: `ws://127.0.0.1:${port}`, WebSocketPolyfill: WebSocket }, relayTimeoutMs: 200,
      });
      expect(w.state.players[w.player]?.name).toBe('Ana');
      expect(w.submit({ kind: 'take', target: 'rope' }).ok).toBe(true);
      expect(w.pendingCount).toBe(2); // join, take: nothing reached the relay
      await w.close();
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  });
});

/**
 * A relay the worlds below play through: the memory relay (every test; no process, no sockets),
 * or a real relay process (the end-to-end tests in E2E).
 */
interface RelayUnderTest {
  /** What a world is given. */
  readonly relay: RelayChoice;
  /** A bare link to a room (a rival's, a rewriter's). */
  link(doc: Y.Doc, room: string): RelayLink;
  /** Resolves once `cond` holds. */
  until(cond: () => boolean): Promise<void>;
  close(): void;
}

function memoryRelay(): RelayUnderTest {
  const relay = new MemoryRelay();
  return {
    relay: relay.connect,
    link: relay.connect,
    // Every message is delivered as it is sent; what remains is the worlds' own async work
    // (settles, prefetch, documents kept on disk), given a moment of real time.
    async until(cond) {
      const end = Date.now() + 5000;
      while (!cond()) {
        if (Date.now() > end) throw new Error('never held with every message delivered');
        await new Promise<void>((r) => setTimeout(r, 2));
      }
    },
    close: () => relay.close(),
  };
}

function processRelay(running: RunningRelay): RelayUnderTest {
  const opts = { url: running.url, WebSocketPolyfill: WebSocket };
  return { relay: opts, link: (doc, room) => linkWebsocket(doc, room, opts), until: (cond) => until(cond), close: () => {} };
}

/** Tests also run through each real relay process, end to end. */
const E2E = new Set([
  'two clients reach the same state, hear each other, and see writes confirmed',
  'an item a late intent takes back after its holder crossed into the next zone is gone there too, not duplicated',
  'a device that lost its documents (but kept its key) resyncs before writing, so its chain does not fork',
  "the owner's device seals the past: a backdated newcomer cannot take back what was sealed, on any client or after a reload",
]);

describe.each([
  ['the memory relay', null],
  ['the reference @y/websocket-server (a process)', startReferenceRelay],
  ["the project's relay (server/, a process)", startProjectRelay],
])('SharedWorld through %s', (_name, start) => {
  let running: RunningRelay | null = null;
  let relay: RelayUnderTest;
  beforeAll(async () => {
    if (start) running = await start();
  });
  afterAll(async () => {
    await running?.stop();
  });
  beforeEach(() => {
    relay = running ? processRelay(running) : memoryRelay();
  });
  afterEach(() => relay.close());
  const it = (title: string, fn: () => Promise<void>): void => {
    if (start === null || E2E.has(title)) test(title, fn);
  };

  it('two clients reach the same state, hear each other, and see writes confirmed', async () => {
    const worldKey = createWorldKey();
    const opts = { content, worldKey, relay: relay.relay, relayTimeoutMs: 3000 };
    const ana = await SharedWorld.open({ ...opts, identity: createIdentity(), store: new MemoryDocStore(), name: 'Ana', create: { name: 'Shared' } });
    const bo = await SharedWorld.open({ ...opts, identity: createIdentity(), store: new MemoryDocStore(), name: 'Bo' });
    const heard: WorldChange[] = [];
    bo.onChange((c) => heard.push(c));
    await relay.until(() => Object.keys(ana.state.players).length === 2 && Object.keys(bo.state.players).length === 2);
    ana.submit({ kind: 'say', text: 'hello' });
    bo.submit({ kind: 'take', target: 'moonpetal' });
    ana.submit({ kind: 'take', target: 'moonpetal' });
    await relay.until(() => ana.replica.applied === bo.replica.applied && ana.replica.applied >= 5);
    expect(ana.stateHash).toBe(bo.stateHash);
    const holders = [ana, bo].filter((w) => w.state.players[w.player]!.inventory.some((s) => s.item === 'moonpetal'));
    expect(holders.length).toBe(1);
    expect(heard.some((c) => c.news.some((n) => n.events.some((e) => e.type === 'said')))).toBe(true);
    await relay.until(() => ana.pendingCount === 0 && bo.pendingCount === 0);
    expect(bo.roster().map((r) => r.name).sort()).toEqual(['Ana', 'Bo']);
    await relay.until(() => (bo.presence?.others() ?? []).some((p) => p.name === 'Ana'));
    await ana.close();
    await bo.close();
  });

  it('a player who joins by link sees at once what the others did, and joins after it', async () => {
    const worldKey = createWorldKey();
    const opts = { content, worldKey, relay: relay.relay };
    const ana = await SharedWorld.open({ ...opts, identity: createIdentity(), store: new MemoryDocStore(), name: 'Ana', create: { name: 'Early' } });
    ana.submit({ kind: 'take', target: 'moonpetal' });
    ana.submit({ kind: 'say', text: 'mine' });
    await relay.until(() => ana.pendingCount === 0);
    const anaTurn = ana.replica.headTurn;

    const bo = await SharedWorld.open({ ...opts, identity: createIdentity(), store: new MemoryDocStore(), name: 'Bo' });
    // No waiting: what the relay held is folded before open resolves.
    expect(Object.values(bo.state.players).map((p) => p.name).sort()).toEqual(['Ana', 'Bo']);
    expect(bo.state.players[ana.player]!.inventory.some((s) => s.item === 'moonpetal')).toBe(true);
    expect(bo.submit({ kind: 'take', target: 'moonpetal' }).ok).toBe(true);
    expect(itemsOf(bo, 'moonpetal')).toBe(0); // too late, as a player would expect, not a revision later
    // Bo's join was signed knowing Ana's log: it sorts after all of it.
    const entries = bo.replica.fold.entries;
    const join = entries.find((e) => e.player === bo.player)!;
    expect(join.turn).toBeGreaterThan(anaTurn);
    expect(entries.filter((e) => e.player === ana.player).every((e) => entries.indexOf(e) < entries.indexOf(join))).toBe(true);
    await relay.until(() => ana.replica.applied === bo.replica.applied);
    expect(ana.stateHash).toBe(bo.stateHash);
    await ana.close();
    await bo.close();
  });

  it('a returning player opens on what others did meanwhile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vetrellis-sync-return-'));
    const open: SharedWorld[] = [];
    try {
      const worldKey = createWorldKey();
      const identity = createIdentity();
      const opts = { content, worldKey, relay: relay.relay };
      const openAna = () => SharedWorld.open({ ...opts, identity, store: new FileDocStore(join(dir, 'ana')), name: 'Ana', create: { name: 'Return' } });
      const ana = await openAna();
      await relay.until(() => ana.pendingCount === 0);
      await ana.close();
      const bo = await SharedWorld.open({ ...opts, identity: createIdentity(), store: new MemoryDocStore(), name: 'Bo' });
      open.push(bo);
      bo.submit({ kind: 'take', target: 'moonpetal' });
      await relay.until(() => bo.pendingCount === 0);
      const again = await openAna();
      open.push(again);
      expect(again.state.players[bo.player]?.name).toBe('Bo');
      expect(again.state.players[bo.player]!.inventory.some((s) => s.item === 'moonpetal')).toBe(true);
      expect(again.stateHash).toBe(bo.stateHash);
    } finally {
      for (const w of open) await w.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a late intent that wins the last moonpetal reaches the loser as a revision', async () => {
    const worldKey = createWorldKey();
    const ana = await SharedWorld.open({ content, worldKey, identity: createIdentity(), store: new MemoryDocStore(), name: 'Ana', relay: relay.relay, create: { name: 'Race' } });
    const revisions: Revision[] = [];
    ana.onChange((c) => c.revision && revisions.push(c.revision));
    const joinTurn = ana.replica.fold.entries[0]!.turn;
    expect(ana.submit({ kind: 'take', target: 'moonpetal' }).ok).toBe(true);
    const takeTurn = joinTurn + 1;
    // Carl wrote offline: his take has the same turn as Ana's and wins that turn's lottery.
    const carl = await lateRival({ worldKey, world: ana.worldId, seed: ana.meta.seed, rivalOf: ana.player, takeTurn, relay: relay.link });
    await relay.until(() => revisions.length > 0);
    const r = revisions[0]!;
    expect(r.inventory).toEqual([{ item: 'moonpetal', delta: -1 }]);
    expect(r.causes.map((c) => c.player)).toContain(carl.player);
    expect(r.disappeared.some((e) => e.type === 'took' && e.item === 'moonpetal')).toBe(true);
    expect(r.appeared.some((e) => e.type === 'refused')).toBe(true);
    carl.close();
    await ana.close();
  });

  it("the owner's device seals the past: a backdated newcomer cannot take back what was sealed, on any client or after a reload", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vetrellis-seal-'));
    const open: SharedWorld[] = [];
    try {
      const anaId = createIdentity();
      const worldKey = createWorldKey(anaId.publicKey);
      const opts = { content, worldKey, relay: relay.relay, sealing: { afterMs: 0, everyTurns: 4 } };
      const openAna = () => SharedWorld.open({ ...opts, identity: anaId, store: new FileDocStore(join(dir, 'ana')), name: 'Ana', create: { name: 'Sealed' } });
      const ana = await openAna();
      open.push(ana);
      const bo = await SharedWorld.open({ ...opts, identity: createIdentity(), store: new MemoryDocStore(), name: 'Bo' });
      open.push(bo);
      expect(ana.submit({ kind: 'take', target: 'moonpetal' }).ok).toBe(true);
      for (let i = 0; i < 6; i++) ana.submit({ kind: 'wait' });
      await relay.until(() => ana.replica.finalSeal !== null && bo.replica.finalSeal?.id === ana.replica.finalSeal.id);
      // Only the owner's device seals: Bo, a member, wrote none.
      expect(bo.replica.finalSeal!.point).toBeGreaterThanOrEqual(4);
      // Carl signs a join and a take of the moonpetal at turns 1 and 2, before Ana's take.
      const carl = await lateRival({ worldKey, world: ana.worldId, seed: ana.meta.seed, rivalOf: ana.player, takeTurn: 2, relay: relay.link });
      await relay.until(() => ana.state.players[carl.player] !== undefined && bo.state.players[carl.player] !== undefined);
      for (const w of [ana, bo]) {
        expect(itemsOf(w, 'moonpetal'), w.player === ana.player ? 'Ana' : 'Bo').toBe(w.player === ana.player ? 1 : 0);
        expect(w.state.players[carl.player]!.inventory.some((s) => s.item === 'moonpetal')).toBe(false);
      }
      expect(bo.state.players[ana.player]!.inventory.some((s) => s.item === 'moonpetal')).toBe(true);
      await relay.until(() => ana.stateHash === bo.stateHash);
      carl.close();
      const sealId = ana.replica.finalSeal!.id;
      await relay.until(() => ana.pendingCount === 0);
      await ana.close();
      open.shift();
      const again = await openAna();
      open.push(again);
      expect(again.replica.finalSeal?.id).toBe(sealId);
      expect(itemsOf(again, 'moonpetal')).toBe(1);
      await relay.until(() => again.stateHash === bo.stateHash);
    } finally {
      for (const w of open) await w.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an item a late intent takes back after its holder crossed into the next zone is gone there too, not duplicated', async () => {
    const worldKey = createWorldKey();
    const relayOpts = relay.relay;
    const ana = await SharedWorld.open({ content, worldKey, identity: createIdentity(), store: new MemoryDocStore(), name: 'Ana', relay: relayOpts, create: { name: 'Border' } });
    const revisions: Revision[] = [];
    ana.onChange((c) => c.revision && revisions.push(c.revision));
    const joinTurn = ana.replica.fold.entries[0]!.turn;
    expect(ana.submit({ kind: 'take', target: 'moonpetal' }).ok).toBe(true);
    const takeTurn = joinTurn + 1;
    await relay.until(() => ana.submit({ kind: 'move', dir: 'north' }).ok);
    expect(ana.zone).toBe('village');
    expect(itemsOf(ana, 'moonpetal')).toBe(1);

    // Carl wrote offline at the harbor: his take shares Ana's turn and wins its lottery.
    const carl = await lateRival({ worldKey, world: ana.worldId, seed: ana.meta.seed, rivalOf: ana.player, takeTurn, relay: relay.link });

    await relay.until(() => itemsOf(ana, 'moonpetal') === 0);
    const r = revisions.find((x) => x.inventory.length > 0)!;
    expect(r.inventory).toEqual([{ item: 'moonpetal', delta: -1 }]);
    expect(r.causes.map((c) => c.player)).toContain(carl.player);
    // The village reads Ana's departure from the harbor's own fold: nothing needs settling.
    expect(ana.replica.fold.entries.some((e) => e.player === ana.player && e.intent.action.kind === 'settle')).toBe(false);

    // Bo, a newcomer, folds both logs the same way: one moonpetal on the isle, Carl's.
    const bo = await SharedWorld.open({ content, worldKey, identity: createIdentity(), store: new MemoryDocStore(), name: 'Bo', relay: relayOpts });
    expect(bo.state.players[carl.player]!.inventory).toEqual([{ item: 'moonpetal', qty: 1 }]);
    await relay.until(() => bo.submit({ kind: 'move', dir: 'north' }).ok);
    await relay.until(() => bo.replica.applied === ana.replica.applied);
    expect(bo.state.players[ana.player]!.inventory.some((s) => s.item === 'moonpetal')).toBe(false);
    expect(bo.stateHash).toBe(ana.stateHash);
    carl.close();
    await bo.close();
    await ana.close();
  });

  it("rewriting the root document's seed does not give later joiners another isle", async () => {
    const worldKey = createWorldKey();
    const relayOpts = relay.relay;
    const ana = await SharedWorld.open({ content, worldKey, identity: createIdentity(), store: new MemoryDocStore(), name: 'Ana', relay: relayOpts, create: { name: 'Seeded' } });
    ana.submit({ kind: 'attack', target: 'crab' }); // dice: the seed shows in the state
    await relay.until(() => ana.pendingCount === 0);
    const doc = new Y.Doc();
    const link = relay.link(doc, roomName(worldKey, rootDocName()));
    await link.whenSynced(5000);
    doc.getMap('meta').set('seed', (ana.meta.seed + 1) >>> 0);
    link.track();
    await relay.until(() => link.pending === 0);
    const bo = await SharedWorld.open({ content, worldKey, identity: createIdentity(), store: new MemoryDocStore(), name: 'Bo', relay: relayOpts });
    expect(bo.meta.seed).toBe(ana.meta.seed);
    await relay.until(() => ana.replica.applied === bo.replica.applied);
    expect(bo.stateHash).toBe(ana.stateHash);
    link.destroy();
    doc.destroy();
    await bo.close();
    await ana.close();
  });

  it('a settle cascades along a journey through three zones (the zone left two steps back stays open)', async () => {
    const worldKey = createWorldKey();
    const relayOpts = relay.relay;
    const dir = mkdtempSync(join(tmpdir(), 'vetrellis-sync-journey-'));
    // A durable store: zones two steps away are closed unless the journey keeps them.
    const open = (name: string, create: boolean) =>
      SharedWorld.open({ content: threeZones, worldKey, identity: createIdentity(), store: new FileDocStore(join(dir, name)), name, relay: relayOpts, create: create ? { name: 'Journey' } : null });
    const ana = await open('Ana', true);
    const joinTurn = ana.replica.fold.entries[0]!.turn;
    expect(ana.submit({ kind: 'take', target: 'moonpetal' }).ok).toBe(true);
    await relay.until(() => ana.submit({ kind: 'move', dir: 'north' }).ok);
    await relay.until(() => ana.submit({ kind: 'move', dir: 'north' }).ok);
    expect(ana.zone).toBe('hills');
    expect(itemsOf(ana, 'moonpetal')).toBe(1);

    const carl = await lateRival({ worldKey, world: ana.worldId, seed: ana.meta.seed, rivalOf: ana.player, takeTurn: joinTurn + 1, relay: relay.link });
    await relay.until(() => itemsOf(ana, 'moonpetal') === 0);

    const bo = await open('Bo', false);
    await relay.until(() => bo.submit({ kind: 'move', dir: 'north' }).ok);
    await relay.until(() => bo.submit({ kind: 'move', dir: 'north' }).ok);
    await relay.until(() => bo.replica.applied === ana.replica.applied);
    expect(bo.stateHash).toBe(ana.stateHash);
    carl.close();
    await bo.close();
    await ana.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a newcomer's first step into the next zone is signed knowing that zone's log", async () => {
    const worldKey = createWorldKey();
    const relayOpts = relay.relay;
    const bo = await SharedWorld.open({ content, worldKey, identity: createIdentity(), store: new MemoryDocStore(), name: 'Bo', relay: relayOpts, create: { name: 'Step' } });
    await relay.until(() => bo.submit({ kind: 'move', dir: 'north' }).ok);
    for (let i = 0; i < 8; i++) bo.submit({ kind: 'say', text: `line ${i}` });
    await relay.until(() => bo.pendingCount === 0);
    const boTurn = bo.replica.headTurn;

    const ana = await SharedWorld.open({ content, worldKey, identity: createIdentity(), store: new MemoryDocStore(), name: 'Ana', relay: relayOpts });
    expect(ana.submit({ kind: 'move', dir: 'north' }).ok).toBe(true); // at once: open waited for the neighbours
    const arrive = ana.replica.fold.entries.find((e) => e.player === ana.player)!;
    expect(arrive.intent.action.kind).toBe('arrive');
    expect(arrive.turn).toBeGreaterThan(boTurn);
    await relay.until(() => bo.replica.applied === ana.replica.applied);
    expect(bo.stateHash).toBe(ana.stateHash);
    await ana.close();
    await bo.close();
  });

  it('a device that lost its documents (but kept its key) resyncs before writing, so its chain does not fork', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vetrellis-sync-loss-'));
    try {
      const identity = createIdentity();
      const worldKey = createWorldKey();
      const open = () => SharedWorld.open({ content, identity, worldKey, store: new FileDocStore(join(dir, 'docs')), relay: relay.relay, name: 'Ana', create: { name: 'Lossy' }, relayTimeoutMs: 5000 });
      const a = await open();
      a.submit({ kind: 'take', target: 'rope' });
      await relay.until(() => a.pendingCount === 0);
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
