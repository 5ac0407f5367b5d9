// Issue 15's storage benchmark: a month of simulated play by 10 players in one zone (200 intents
// each a day: 60,000 signed intents), with the owner's device online all month sealing and
// cutting on its own (`cutting`: a new epoch once 5,000 entries are at the newest one). Each
// evening a member's device with a `--world` folder (FileDocStore) opens the world, syncs and
// closes. Printed per week: the member's folder, what the relay holds for the world (every room
// it still holds, and the newest epoch's alone), and the epochs begun. Plaintext world, memory
// relay, which drops the rooms an owner's order names at once (the project's relay waits out
// its grace period first): from the third cut on, the owner's device retires the epochs two
// behind the newest (docs/finality.md "Dropping old epochs on the relay"), so neither the
// relay's total nor the member's folder should grow with the month (epoch 0 stays).
// Run: npx tsx tests/bench/month-storage.ts          (MONTH_DAYS=30 MONTH_PER_DAY=200 MONTH_CUT_AFTER=5000 by default)
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { Action } from '../../src/engine/action.ts';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { createIntent } from '../../src/sync/intent/intent.ts';
import { membershipProof } from '../../src/sync/intent/membership.ts';
import { MemoryDocStore } from '../../src/sync/world/doc-store.ts';
import { MemoryRelay } from '../../src/sync/world/memory-relay.ts';
import { FileDocStore } from '../../src/sync/world/node-doc-store.ts';
import { SharedWorld } from '../../src/sync/world/shared-world.ts';
import { EPOCH_ZERO, epochDocName, newestCut, validCuts, type EpochRef } from '../../src/sync/world/world-cut.ts';
import { RootDoc } from '../../src/sync/world/world-docs.ts';
import { createWorldKey, memberOf, ownerKeyOf, roomName, rootDocName, worldIdOf } from '../../src/sync/world/world-key.ts';
import { content } from '../sync/fixture.ts';

const DAYS = Number(process.env['MONTH_DAYS'] ?? 30);
const PER_DAY = Number(process.env['MONTH_PER_DAY'] ?? 200);
/** Entries at the newest epoch that make the owner's device cut (the world's default: 5,000). */
const CUT_AFTER = Number(process.env['MONTH_CUT_AFTER'] ?? 5000);
const PLAYERS = 10;
const DAY_MS = 24 * 3600 * 1000;
const ACTIONS: readonly Action[] = [{ kind: 'say', text: 'fair winds' }, { kind: 'wait' }, { kind: 'take', target: 'pebble', qty: 1 }, { kind: 'drop', target: 'pebble', qty: 1 }];
const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(2)} MB`;
const folderBytes = (dir: string): number => readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const say = process.env['MONTH_VERBOSE'] === '1' ? (...a: unknown[]): void => console.log(...a) : (): void => {};

const owner = createIdentity();
const worldKey = createWorldKey(owner.publicKey);
const world = worldIdOf(worldKey);
const relay = new MemoryRelay();
const home = await SharedWorld.open({
  content, worldKey, identity: owner, store: new MemoryDocStore(), name: 'Owner', relay: relay.connect, create: { name: 'A month of play' },
  sealing: { afterMs: 0, everyTurns: 100 }, cutting: { everyMs: 200, afterEntries: CUT_AFTER },
});
const rootDoc = new Y.Doc();
const rootLink = relay.connect(rootDoc, roomName(worldKey, rootDocName()));
const root = new RootDoc(rootDoc);
const cuts = () => validCuts(root.cuts, { world, owner: ownerKeyOf(worldKey) }, (_k, v) => v);
const newest = (): EpochRef => newestCut(cuts()) ?? EPOCH_ZERO;
const relayBytes = (epochs: readonly EpochRef[]): number => {
  let n = 0;
  for (const room of [rootDocName(), ...epochs.flatMap((e) => [...content.zones.keys()].map((z) => epochDocName(z, e)))]) {
    const doc = relay.roomDoc(roomName(worldKey, room));
    if (doc) n += Y.encodeStateAsUpdate(doc).byteLength;
  }
  return n;
};

const ids = Array.from({ length: PLAYERS }, () => createIdentity());
const heads = ids.map(() => ({ seq: 0, prev: null as string | null }));
const memberDir = mkdtempSync(join(tmpdir(), 'vetrellis-month-'));
const member = createIdentity();
let turn = 1;
let written = 0;
const t0 = performance.now();
for (let day = 1; day <= DAYS; day++) {
  // The day's play, written by the players' devices into the harbor's newest epoch. A player's
  // device with the zone open bridges what it wrote to a newer epoch when a cut comes (zone-set.ts);
  // this writer is a bare document, so it writes the day again into the newest epoch until the
  // owner's device has folded all of it.
  const day_: [string, string][] = [];
  for (let k = 0; k < PER_DAY; k++) {
    turn++;
    for (let p = 0; p < PLAYERS; p++) {
      const h = heads[p]!;
      const action = h.seq === 0 ? ({ kind: 'join', name: `P${p}`, member: membershipProof(memberOf(worldKey)!, world, ids[p]!.player) } as const) : ACTIONS[(turn + p) % ACTIONS.length]!;
      const i = createIntent(ids[p]!, { world, zone: 'harbor', seq: h.seq + 1, prev: h.prev, turn, at: day * DAY_MS + k * 60_000, action });
      h.seq += 1;
      h.prev = i.id;
      day_.push([i.id, i.raw]);
      written++;
    }
    if (k % 50 === 49) await sleep(0);
  }
  const replica = home.zoneReplica('harbor')!;
  const folded = (): boolean => heads.every((h, p) => replica.highestSeq(ids[p]!.player) >= h.seq);
  let at = newest();
  for (let attempt = 0; !folded(); attempt++) {
    at = newest();
    say(`day ${day}: writing into epoch ${at.epoch}${attempt > 0 ? ' again' : ''}`);
    const writer = new Y.Doc();
    const link = relay.connect(writer, roomName(worldKey, epochDocName('harbor', at)));
    await link.whenSynced(60_000);
    for (let k = 0; k < day_.length; k += 1000) writer.transact(() => {
      for (const [id, raw] of day_.slice(k, k + 1000)) writer.getMap('intents').set(id, raw);
    });
    // The owner's device folds it (and seals and cuts, on its own).
    for (let waited = 0; !folded() && waited < 30_000; waited += 50) await sleep(50);
    link.destroy();
    writer.destroy();
  }
  await sleep(400); // a cut's timer may run
  say(`day ${day}: folded (epoch ${home.epoch}); Bo opens`);
  // The member's evening visit: open, sync, close.
  const bo = await SharedWorld.open({ content, worldKey, identity: member, store: new FileDocStore(memberDir), name: 'Bo', relay: relay.connect, cutting: false, relayTimeoutMs: 600_000 });
  await sleep(200);
  await bo.close();
  if (day % 7 === 0 || day === DAYS) {
    const all = [EPOCH_ZERO, ...cuts()];
    console.log(`[month] day ${day}: ${written} intents; epochs begun ${all.length - 1}; member's folder ${mb(folderBytes(memberDir))}; ` +
      `relay, every epoch ${mb(relayBytes(all))}, newest epoch ${mb(relayBytes([newest()]))}; ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
}
await home.close();
rootLink.destroy();
relay.close();
rmSync(memberDir, { recursive: true, force: true });
