// A new device joining a zone, at the replica floor (issue 15's cold-join benchmark, before the
// network): from the whole history, or from the zone's snapshot at its final seal plus the log
// outside the sealed set (src/sync/replica/snapshot.ts). Real signatures, checked by a fresh
// verifier as a new device would; 10 players; the owner's seal 100 turns behind the head (the
// tail is then about 1,000 intents). Both joins run in the same process, so read the ratio.
// Run: npx tsx tests/bench/snapshot-join.ts            (10,000 and 100,000 intents)
//      SNAPSHOT_JOIN_SIZES=1000000 npx tsx tests/bench/snapshot-join.ts
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { createIntent, type VerifiedIntent } from '../../src/sync/intent/intent.ts';
import { Verifier } from '../../src/sync/intent/verifier.ts';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { checkSnapshot, type ZoneSnapshot } from '../../src/sync/replica/snapshot.ts';
import { ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import type { Action } from '../../src/engine/action.ts';
import { content, SEED, WORLD } from '../sync/fixture.ts';

const SIZES = (process.env['SNAPSHOT_JOIN_SIZES'] ?? '10000,100000').split(',').map(Number);
const PLAYERS = 10;
const TAIL_TURNS = 100;
const ACTIONS: readonly Action[] = [{ kind: 'say', text: 'fair winds' }, { kind: 'wait' }, { kind: 'take', target: 'pebble', qty: 1 }, { kind: 'drop', target: 'pebble', qty: 1 }];
const owner = createIdentity();
const ids = Array.from({ length: PLAYERS }, () => createIdentity());
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const replica = (o: { snapshot?: ZoneSnapshot; verifier: Verifier }): ZoneReplica =>
  new ZoneReplica({ rules: engineRules, content, world: WORLD, zone: 'harbor', seed: SEED, checkpointEvery: 64, verifier: o.verifier, owner: owner.player, ...(o.snapshot ? { snapshot: o.snapshot } : {}) });

function history(n: number): { entries: [string, string][]; lastTurn: number } {
  const heads = ids.map(() => ({ seq: 0, prev: null as string | null }));
  const log: VerifiedIntent[] = [];
  let lastTurn = 0;
  for (let turn = 1; log.length < n; turn++) {
    for (let p = 0; p < PLAYERS && log.length < n; p++) {
      const h = heads[p]!;
      const action = turn === 1 ? ({ kind: 'join', name: `P${p}` } as const) : ACTIONS[(turn + p) % ACTIONS.length]!;
      const i = createIntent(ids[p]!, { world: WORLD, zone: 'harbor', seq: h.seq + 1, prev: h.prev, turn, at: turn * 1000, action });
      h.seq += 1;
      h.prev = i.id;
      log.push(i);
      lastTurn = turn;
    }
  }
  return { entries: log.map((i) => [i.id, i.raw]), lastTurn };
}

const bytesOf = (entries: readonly [string, string][]): number => entries.reduce((n, [k, v]) => n + k.length + v.length, 0);
const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(2)} MB`;

for (const n of SIZES) {
  const { entries, lastTurn } = history(n);
  // The device that has folded everything: the owner's, which seals 100 turns behind the head.
  const home = replica({ verifier: new Verifier() });
  home.ingest(entries);
  const s = home.sealToWrite(lastTurn - TAIL_TURNS, 1)!;
  const seal = createIntent(owner, { world: WORLD, zone: 'harbor', seq: s.n, prev: s.prev, turn: s.point, at: 0, action: { kind: 'seal', heads: s.heads, state: s.state } });
  home.ingest([[seal.id, seal.raw]]);
  const snapshotText = JSON.stringify(home.snapshot());
  const sealed = new Set(home.fold.entries.slice(0, home.finalSeal!.count).map((e) => e.id));
  const tail: [string, string][] = [...entries.filter(([id]) => !sealed.has(id)), [seal.id, seal.raw]];
  const all: [string, string][] = [...entries, [seal.id, seal.raw]];

  let t = performance.now();
  let c = cpuMs();
  const full = replica({ verifier: new Verifier() });
  full.ingest(all);
  const fullMs = performance.now() - t;
  const fullCpu = cpuMs() - c;

  t = performance.now();
  c = cpuMs();
  const snap = JSON.parse(snapshotText) as ZoneSnapshot;
  const problem = checkSnapshot(snap, engineRules, { world: WORLD, zone: 'harbor' });
  if (problem !== null) throw new Error(problem);
  const joiner = replica({ snapshot: snap, verifier: new Verifier() });
  joiner.ingest(tail);
  const snapMs = performance.now() - t;
  const snapCpu = cpuMs() - c;
  if (joiner.stateHash !== full.stateHash) throw new Error('the joiner from the snapshot disagrees with the whole history');

  const fullBytes = bytesOf(all);
  const snapBytes = snapshotText.length + bytesOf(tail);
  console.log(`${n.toLocaleString('en')} intents: whole history ${fullMs.toFixed(0)} ms (${fullCpu.toFixed(0)} ms CPU), ${mb(fullBytes)} of log | snapshot + tail of ${tail.length.toLocaleString('en')}: ${snapMs.toFixed(0)} ms (${snapCpu.toFixed(0)} ms CPU), ${mb(snapBytes)} (snapshot ${(snapshotText.length / 1024).toFixed(1)} KB) | ${(fullMs / snapMs).toFixed(1)}x faster, ${(fullBytes / snapBytes).toFixed(1)}x fewer bytes`);
}
