// Issue 15's cold-join benchmark, end to end through SharedWorld and a relay (the in-process
// memory relay, so the figure is the joining device's own work: decoding, checking signatures,
// folding): a new device opens a world whose harbor holds N signed intents of 10 players, before
// and after the owner's device begins a new epoch (world-cut.ts). The owner's seal is 100 turns
// behind the head, so the new epoch's tail is about 1,000 intents. Bytes are what the relay holds
// of every document the new device opened (what it downloads). Both joins run in one process.
// Run: npx tsx tests/bench/epoch-join.ts                (10,000 intents)
//      EPOCH_JOIN_SIZES=10000,100000 npx tsx tests/bench/epoch-join.ts
//      EPOCH_JOIN_SIZES=1000000 EPOCH_JOIN_BEFORE=0 npx tsx tests/bench/epoch-join.ts
//        (the join after the cut only: before it, a 1,000,000-intent join takes most of an hour)
import * as Y from 'yjs';
import type * as YT from 'yjs';
import type { Action } from '../../src/engine/action.ts';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { createIntent, type VerifiedIntent } from '../../src/sync/intent/intent.ts';
import { membershipProof } from '../../src/sync/intent/membership.ts';
import { MemoryDocStore, type DocStore } from '../../src/sync/world/doc-store.ts';
import { MemoryRelay } from '../../src/sync/world/memory-relay.ts';
import { SharedWorld } from '../../src/sync/world/shared-world.ts';
import { createWorldKey, memberOf, roomName, worldIdOf, zoneDocName } from '../../src/sync/world/world-key.ts';
import { content } from '../sync/fixture.ts';

const SIZES = (process.env['EPOCH_JOIN_SIZES'] ?? '10000').split(',').map(Number);
const BEFORE = process.env['EPOCH_JOIN_BEFORE'] !== '0';
const PLAYERS = 10;
const TAIL_TURNS = 100;
const ACTIONS: readonly Action[] = [{ kind: 'say', text: 'fair winds' }, { kind: 'wait' }, { kind: 'take', target: 'pebble', qty: 1 }, { kind: 'drop', target: 'pebble', qty: 1 }];
const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(2)} MB`;
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** A store that remembers the rooms a device opened. */
class SeeingStore implements DocStore {
  readonly durable = false;
  readonly rooms = new Set<string>();
  open(_doc: YT.Doc, room: string) {
    this.rooms.add(room);
    return new MemoryDocStore().open();
  }
}

async function join(relay: MemoryRelay, worldKey: string): Promise<{ ms: number; cpu: number; bytes: number; epoch: number }> {
  const store = new SeeingStore();
  const t0 = performance.now();
  const c0 = cpuMs();
  const w = await SharedWorld.open({ content, worldKey, identity: createIdentity(), store, name: 'Newcomer', relay: relay.connect, cutting: false, relayTimeoutMs: 600_000 });
  const ms = performance.now() - t0;
  const cpu = cpuMs() - c0;
  const epoch = w.epoch;
  await w.close();
  let bytes = 0;
  for (const room of store.rooms) {
    const doc = relay.roomDoc(room);
    if (doc) bytes += Y.encodeStateAsUpdate(doc).byteLength;
  }
  return { ms, cpu, bytes, epoch };
}

for (const n of SIZES) {
  const owner = createIdentity();
  const worldKey = createWorldKey(owner.publicKey);
  const world = worldIdOf(worldKey);
  const relay = new MemoryRelay();
  // The owner's device: it folds everything (not measured), seals nothing on its own.
  const home = await SharedWorld.open({ content, worldKey, identity: owner, store: new MemoryDocStore(), name: 'Owner', relay: relay.connect, create: { name: 'Bench isle' }, sealing: { afterMs: 2 ** 31 - 1, everyTurns: 1 }, cutting: false });
  const ids = Array.from({ length: PLAYERS }, () => createIdentity());
  const heads = ids.map(() => ({ seq: 0, prev: null as string | null }));
  const log: VerifiedIntent[] = [];
  let lastTurn = 0;
  for (let turn = 2; log.length < n; turn++) {
    for (let p = 0; p < PLAYERS && log.length < n; p++) {
      const h = heads[p]!;
      const action = h.seq === 0 ? ({ kind: 'join', name: `P${p}`, member: membershipProof(memberOf(worldKey)!, world, ids[p]!.player) } as const) : ACTIONS[(turn + p) % ACTIONS.length]!;
      const i = createIntent(ids[p]!, { world, zone: 'harbor', seq: h.seq + 1, prev: h.prev, turn, at: turn * 1000, action });
      h.seq += 1;
      h.prev = i.id;
      log.push(i);
      lastTurn = turn;
    }
  }
  // Written by a player's device into the relay's harbor room, in batches.
  const writer = new Y.Doc();
  const link = relay.connect(writer, roomName(worldKey, zoneDocName('harbor')));
  for (let i = 0; i < log.length; i += 1000) writer.transact(() => {
    for (const e of log.slice(i, i + 1000)) writer.getMap('intents').set(e.id, e.raw);
  });
  const replica = home.zoneReplica('harbor')!;
  while (replica.fold.entries.length < n + 1) await new Promise((r) => setTimeout(r, 100));
  link.destroy();
  const before = BEFORE ? await join(relay, worldKey) : null;
  const harborBytes = Y.encodeStateAsUpdate(relay.roomDoc(roomName(worldKey, zoneDocName('harbor')))!).byteLength;
  // The owner's seal, 100 turns behind the head; then the new epoch.
  const s = replica.sealToWrite(lastTurn - TAIL_TURNS, 1)!;
  const at = replica.fold.entries[s.count - 1]!.at;
  const seal = createIntent(owner, { world, zone: 'harbor', seq: s.n, prev: s.prev, turn: s.point, at, action: { kind: 'seal', heads: s.heads, state: s.state } });
  const sealDoc = new Y.Doc();
  const sealLink = relay.connect(sealDoc, roomName(worldKey, zoneDocName('harbor')));
  sealDoc.getMap('intents').set(seal.id, seal.raw);
  while (replica.finalSeal?.id !== seal.id) await new Promise((r) => setTimeout(r, 50));
  sealLink.destroy();
  const cut = await home.cutWorld();
  if (!cut.ok) throw new Error(cut.reason);
  const after = await join(relay, worldKey);
  await home.close();
  relay.close();
  const after_ = `after (epoch ${after.epoch}, tail ${cut.tail}, snapshot ${(cut.snapshotBytes / 1024).toFixed(1)} KB) ${(after.ms / 1000).toFixed(2)} s wall, ${(after.cpu / 1000).toFixed(2)} s CPU, ${mb(after.bytes)}`;
  console.log(before === null
    ? `[epoch join] ${n} intents (the harbor's history: ${mb(harborBytes)}): before not run; ${after_}`
    : `[epoch join] ${n} intents: before (epoch ${before.epoch}) ${(before.ms / 1000).toFixed(2)} s wall, ${(before.cpu / 1000).toFixed(2)} s CPU, ${mb(before.bytes)}; ${after_}; ` +
      `ratio ${(before.ms / after.ms).toFixed(1)}x faster, ${(before.bytes / after.bytes).toFixed(1)}x fewer bytes`);
}
