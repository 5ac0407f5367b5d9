// Sync benchmarks (npm run bench): fold throughput through the replica, re-fold of one late
// intent at depth 1,000 and 10,000, loading a 50,000-intent zone document, and the cryptographic
// checks. Large logs are built with a stand-in signer and their strings' verdicts seeded into the
// verdict memo (as a device that checked them holds them); the cryptographic checks are measured
// on their own. How they are amortised: a stored string's cryptographic checks (its id is the
// sha256 of its body, the key in `sig` is its author's, the Ed25519 signature verifies) run once
// per process (memo by id and exact string) and once per device (the persisted verified set:
// (id, sha256 of the stored string), so a reload hashes each string once and verifies nothing);
// so a device pays ~1 µs of hashing and ~1 ms of signature per intent once, when it first
// arrives. "checks alone" is readIntent without chains or engine, to show where ingest time goes.
// Figures are printed as `[sync bench] ...` lines.
import { bench, describe } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as Y from 'yjs';
import type { Action } from '../../src/engine/action.ts';
import type { GameState } from '../../src/engine/state.ts';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { OrderedFold } from '../../src/sync/replica/fold.ts';
import { createIdentity, type Identity } from '../../src/sync/intent/identity.ts';
import { createIntent, MAX_ARRIVE_CHARS, readIntent, type VerifiedIntent } from '../../src/sync/intent/intent.ts';
import { Verifier } from '../../src/sync/intent/verifier.ts';
import { envelopeTail, IntentEnvelope, scanEnvelope } from '../../src/sync/intent/envelope.ts';
import { SyncAction } from '../../src/sync/intent/sync-action.ts';
import { canonicalJsonBounded } from '../../src/content/canonical.ts';
import { sha256Hex } from '../../src/sync/intent/bytes.ts';
import { ZoneDoc } from '../../src/sync/world/world-docs.ts';
import { bindZoneLog } from '../../src/sync/world/zone-log.ts';
import { ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import { content, SEED, WORLD } from '../sync/fixture.ts';

const fakeSign = (): Uint8Array => new Uint8Array(64);
/** A real full GC for the memory figure (the usual --expose-gc trick, without a CLI flag). */
setFlagsFromString('--expose-gc');
const fullGc = runInNewContext('gc') as () => void;
const say = (line: string): void => console.log(`[sync bench] ${line}`);
/** Durations per figure; the printed figure is the median, printed once `report` runs are in. */
const runs = new Map<string, number[]>();
/** CPU time (user + system) of this process: steadier than wall time on a shared machine. */
const cpuRuns = new Map<string, number[]>();
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
function timed<T>(figure: string, fn: () => T, report?: { after: number; print: () => void }): T {
  const c = cpuMs();
  const t = performance.now();
  const out = fn();
  const list = runs.get(figure) ?? [];
  list.push(performance.now() - t);
  runs.set(figure, list);
  cpuRuns.set(figure, [...(cpuRuns.get(figure) ?? []), cpuMs() - c]);
  if (report && list.length === report.after) report.print();
  return out;
}
function median(figure: string, of: Map<string, number[]> = runs): number {
  const xs = [...(of.get(figure) ?? [NaN])].sort((a, b) => a - b);
  return xs[Math.floor(xs.length / 2)]!;
}
function quantile(figure: string, q: number): number {
  const xs = [...(runs.get(figure) ?? [NaN])].sort((a, b) => a - b);
  return xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
}
/** "median W ms wall (quartiles a-b), C ms CPU" */
const both = (figure: string): string => `median ${median(figure).toFixed(1)} ms wall (quartiles ${quantile(figure, 0.25).toFixed(1)}-${quantile(figure, 0.75).toFixed(1)}), ${median(figure, cpuRuns).toFixed(1)} ms CPU`;
const perSecond = (n: number, ms: number): string => Math.round(n / (ms / 1000)).toLocaleString('en');
const ONCE = { time: 0, warmupTime: 0 };
/** Timed runs per throughput figure: GC lands inside some runs and not others, so more than a few. */
const RUNS = 15;
/**
 * Untimed runs first: V8 compiles the hot paths and learns which allocation sites keep their
 * objects (it then allocates those where long-lived data goes), which takes a few runs of a
 * 10,000-intent intake. Throughput figures are the steady state after that.
 */
const WARMUP = 5;

const ACTIONS: readonly Action[] = [
  { kind: 'say', text: 'fair winds' }, { kind: 'wait' }, { kind: 'take', target: 'pebble', qty: 1 },
  { kind: 'drop', target: 'pebble', qty: 1 }, { kind: 'look' }, { kind: 'inventory' },
];

/** A log of `n` intents: `players` players joining, then acting once per turn each. */
function makeLog(n: number, players: number, sign = fakeSign): { log: VerifiedIntent[]; ids: Identity[] } {
  const ids = Array.from({ length: players }, () => createIdentity());
  const heads = ids.map(() => ({ seq: 0, prev: null as string | null }));
  const log: VerifiedIntent[] = [];
  for (let turn = 1; log.length < n; turn++) {
    for (let p = 0; p < players && log.length < n; p++) {
      const h = heads[p]!;
      const action: Action = turn === 1 ? { kind: 'join', name: `P${p}` } : ACTIONS[(turn + p) % ACTIONS.length]!;
      const made = createIntent(ids[p]!, { world: WORLD, zone: 'harbor', seq: h.seq + 1, prev: h.prev, turn, at: turn * 1000, action }, sign);
      h.seq += 1;
      h.prev = made.id;
      log.push(made);
    }
  }
  return { log, ids };
}

/** A world's verifier that checked these stored strings before (the stand-in signatures cannot be verified). */
function knowing(verdicts: readonly (readonly [string, string])[]): Verifier {
  const v = new Verifier();
  for (const [id, raw] of verdicts) v.rememberSound(id, raw);
  return v;
}

/** A new process's verifier: only the device's persisted verified set. */
function trusting(records: readonly (readonly [string, string])[]): Verifier {
  const v = new Verifier();
  v.trust(records);
  return v;
}

function replica(verifier: Verifier, viewer: string | null = null): ZoneReplica {
  return new ZoneReplica({ rules: engineRules, content, world: WORLD, zone: 'harbor', seed: SEED, checkpointEvery: 64, viewer, verifier });
}

const verdictsOf = (log: readonly VerifiedIntent[]): (readonly [string, string])[] => log.map((i) => [i.id, i.raw] as const);

const entries = (log: readonly VerifiedIntent[]): [string, string][] => log.map((i) => [i.id, i.raw]);
/** A fresh flat copy of a string, as Yjs decodes one (no hash cached, not the object the memo holds). */
const decoded = (s: string): string => JSON.parse(JSON.stringify(s)) as string;
/** Log entries as a replica gets them from a Yjs document: fresh key and value strings. */
const fromYjs = (raw: readonly (readonly [string, string])[]): [string, string][] => raw.map(([k, v]) => [decoded(k), decoded(v)]);

/**
 * Build a describe's data on first use, and release every other describe's then: benches run in
 * order, so only the running describe's data stays on the heap (vitest's bench mode runs no
 * afterAll hooks to do it).
 */
const releases: (() => void)[] = [];
function lazy<T>(make: () => T): () => T {
  let v: T | undefined;
  releases.push(() => {
    v = undefined;
  });
  return () => {
    if (v === undefined) {
      for (const release of releases) release();
      v = make();
    }
    return v;
  };
}

describe('fold throughput', () => {
  const data = lazy(() => {
    const { log } = makeLog(10_000, 8);
    const raw = entries(log);
    const validated = replica(knowing(verdictsOf(log)));
    validated.ingest(raw);
    return { raw, chainEntries: validated.fold.entries, records: log.map((i) => [i.id, i.rawHash] as const), verdicts: log.map((i) => [i.id, i.raw] as const) };
  });

  bench('ingest 10,000 intents: validation + ordering + engine (cryptographic checks memoised)', () => {
    const raw = fromYjs(data().raw);
    // Every check each run but the memoised cryptographic ones (a world that checked them before).
    const verifier = knowing(data().verdicts);
    timed('ingest', () => replica(verifier).ingest(raw), { after: RUNS, print: () => say(`ingest 10,000 (validate + order + engine, cryptographic checks memoised): ${both('ingest')} = ${perSecond(10_000, median('ingest'))} intents/s wall, ${perSecond(10_000, median('ingest', cpuRuns))} /s CPU`) });
  }, { ...ONCE, iterations: RUNS, warmupIterations: WARMUP });

  bench('checks alone: readIntent on 10,000 entries (no chains, no engine)', () => {
    const raw = fromYjs(data().raw);
    const verifier = knowing(data().verdicts);
    // As a replica reads: the envelope's fixed tail for this world and zone worked out once.
    const expect = { world: WORLD, zone: 'harbor', tail: envelopeTail(WORLD, 'harbor') };
    timed('checks', () => {
      for (const [key, value] of raw) readIntent(key, value, expect, verifier);
    }, { after: RUNS, print: () => say(`checks alone (readIntent, cryptographic checks memoised): ${both('checks')} = ${perSecond(10_000, median('checks'))} intents/s wall, ${perSecond(10_000, median('checks', cpuRuns))} /s CPU`) });
  }, { ...ONCE, iterations: RUNS, warmupIterations: WARMUP });

  bench('reload 10,000 intents from a persisted verified set', () => {
    const raw = fromYjs(data().raw);
    // A new process: no verdicts in memory, only the device's persisted verified set.
    const verifier = trusting(data().records);
    timed('reload', () => replica(verifier).ingest(raw), { after: RUNS, print: () => say(`reload 10,000 (persisted verified set + order + engine): ${both('reload')} = ${perSecond(10_000, median('reload'))} intents/s wall, ${perSecond(10_000, median('reload', cpuRuns))} /s CPU`) });
  }, { ...ONCE, iterations: RUNS, warmupIterations: WARMUP });

  // Why readIntent keeps its positional scan of canonical envelopes (issue 13 asked for parsing
  // unless a benchmark shows the budget cannot be met by it): the parse alone, before any
  // ordering or engine work, against the intake budget of 200,000 intents/s (50 ms per 10,000).
  bench('envelopes by zod over JSON.parse: 10,000 entries (schema, canonical body, action)', () => {
    const raw = fromYjs(data().raw);
    timed('parse', () => {
      for (const [, value] of raw) {
        const env = IntentEnvelope.safeParse(JSON.parse(value));
        if (!env.success) throw new Error('bench log holds an invalid envelope');
        const { sig: _sig, ...body } = env.data;
        if (canonicalJsonBounded(body, MAX_ARRIVE_CHARS) === null || !SyncAction.safeParse({ kind: env.data.kind, ...env.data.args }).success) throw new Error('bench log holds an invalid intent');
      }
    }, { after: RUNS, print: () => say(`envelopes parsed by zod over JSON.parse (no scan; schema + canonical body + action, no signatures, no chains, no engine): ${both('parse')} = ${perSecond(10_000, median('parse'))} intents/s wall; the checks with the scan: ${perSecond(10_000, median('checks'))} intents/s`) });
  }, { ...ONCE, iterations: RUNS, warmupIterations: WARMUP });

  bench('id hash of 10,000 fresh intents (sha256 of each body)', () => {
    // Fresh body strings each run, as the envelope reader makes them (outside the timing).
    const bodies = fromYjs(data().raw).map(([, v]) => scanEnvelope(v, { world: WORLD, zone: 'harbor' }, new Verifier())!.body);
    timed('idhash', () => {
      for (const b of bodies) sha256Hex(b);
    }, {
      after: RUNS,
      print: () => {
        say(`id hash of 10,000 fresh intents: ${both('idhash')} (${(median('idhash') / 10).toFixed(2)} µs per intent)`);
        say(`ingest of 10,000 fresh strings, everything but Ed25519 (ingest + id hash, same run): ${perSecond(10_000, median('ingest') + median('idhash'))} intents/s wall`);
      },
    });
  }, { ...ONCE, iterations: RUNS, warmupIterations: WARMUP });

  bench('fold 10,000 validated intents: ordering + engine', () => {
    const { chainEntries } = data();
    timed('fold', () => {
      const fold = new OrderedFold(engineRules, content, 'harbor', engineRules.createWorld(content, SEED), { checkpointEvery: 64 });
      fold.update(chainEntries, new Set(), null);
    }, { after: RUNS, print: () => say(`fold 10,000 validated (order + engine + checkpoints): ${both('fold')} = ${perSecond(10_000, median('fold'))} intents/s wall, ${perSecond(10_000, median('fold', cpuRuns))} /s CPU`) });
  }, { ...ONCE, iterations: RUNS, warmupIterations: WARMUP });

  bench('engine apply alone, 10,000 intents', () => {
    const { chainEntries } = data();
    timed('engine', () => {
      let state: GameState = engineRules.createWorld(content, SEED);
      for (const e of chainEntries) state = engineRules.apply(content, state, { id: e.id, player: e.player, at: e.at, action: e.intent.action as Action }).state;
    }, { after: RUNS, print: () => say(`engine apply alone (10,000): ${both('engine')} = ${perSecond(10_000, median('engine'))} intents/s wall, ${perSecond(10_000, median('engine', cpuRuns))} /s CPU`) });
  }, { ...ONCE, iterations: RUNS, warmupIterations: WARMUP });

});

describe('re-fold of one late intent', () => {
  for (const depth of [1_000, 10_000]) {
    const players = 8;
    const data = lazy(() => {
      const made = makeLog(depth + 2_000, players);
      // A viewer, as in a session: the re-fold also works out what changed for them.
      const verifier = knowing(verdictsOf(made.log));
      const base = replica(verifier, made.ids[0]!.player);
      base.ingest(entries(made.log));
      // Late intents from players who never wrote before, each sorting about `depth` intents back.
      const lateTurn = base.headTurn - Math.ceil(depth / players);
      const late = Array.from({ length: 31 }, () => createIntent(createIdentity(), { world: WORLD, zone: 'harbor', seq: 1, prev: null, turn: lateTurn, at: lateTurn * 1000, action: { kind: 'say', text: 'late' } }, fakeSign));
      for (const [id, raw] of verdictsOf(late)) verifier.rememberSound(id, raw);
      // The zone has loaded and the heap settled before late intents arrive (building the log
      // with the stand-in signer leaves garbage a client that loaded the zone would not have).
      fullGc();
      return { base, late };
    });
    let next = 0;
    const times: number[] = [];
    bench(`late intent at depth ${depth.toLocaleString('en')}`, () => {
      const { base, late } = data();
      const i = late[next++ % late.length]!;
      if (base.has(i.id)) return;
      const figure = `refold-${depth}`;
      const change = timed(figure, () => base.ingest([[i.id, i.raw]]));
      if (change.refolded < depth) throw new Error(`re-folded only ${change.refolded}`);
      times.push(0);
      if (times.length === 30) {
        const sorted = [...runs.get(figure)!].sort((a, b) => a - b);
        say(`re-fold of one late intent at depth ${depth}: ${both(figure)}, p95 ${sorted[Math.floor(0.95 * sorted.length)]!.toFixed(2)} ms wall (30 late intents, checkpoint every 64, revision computed for a viewer)`);
      }
    }, { ...ONCE, iterations: 30, warmupIterations: 1 });
  }
});

describe('loading a zone document', () => {
  const data = lazy(() => {
    const { log } = makeLog(50_000, 16);
    const doc = new Y.Doc();
    const zone = new ZoneDoc(doc, 'harbor');
    doc.transact(() => {
      for (const i of log) zone.intents.set(i.id, i.raw);
    });
    const update = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    say(`zone document of 50,000 intents: ${(update.length / 1024 / 1024).toFixed(1)} MiB as one Yjs update`);
    return { update, records: log.map((i) => [i.id, i.rawHash] as const), verdicts: log.map((i) => [i.id, i.raw] as const) };
  });

  for (const mode of ['reload from a persisted verified set', 'every check, cryptographic verdicts memoised in this process'] as const) {
    let n = 0;
    bench(`load 50,000 intents (${mode}): Yjs decode + checks + fold`, () => {
      const { update, records, verdicts } = data();
      // A reload is a new process with the device's verified set; the other mode a zone reopened.
      const verifier = mode === 'reload from a persisted verified set' ? trusting(records) : knowing(verdicts);
      fullGc();
      const heap0 = process.memoryUsage().heapUsed;
      const c = cpuMs();
      const t = performance.now();
      const d = new Y.Doc();
      Y.applyUpdate(d, update);
      const tY = performance.now();
      const r = replica(verifier);
      bindZoneLog(new ZoneDoc(d, 'harbor'), r, () => {});
      const ms = performance.now() - t;
      const cpu = cpuMs() - c;
      fullGc();
      const heap = process.memoryUsage().heapUsed - heap0;
      say(`load 50,000 (${mode}) #${++n}: ${ms.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU (Yjs decode ${(tY - t).toFixed(0)} ms wall), ${r.applied} applied, heap retained +${(heap / 1024 / 1024).toFixed(0)} MiB (document + replica, after a full GC)`);
      d.destroy();
    }, { ...ONCE, iterations: 2, warmupIterations: 0 });
  }
});

describe('signatures', () => {
  const realLog = lazy(() => makeRealLog(40));
  bench('verify 40 real signatures of a known key with an empty verdict memo', () => {
    const real = realLog();
    timed('verify', () => replica(new Verifier()).ingest(fromYjs(entries(real))), { after: 5, print: () => say(`cold cryptographic checks, a player's key already seen (id hash + Ed25519, strict RFC 8032): ${(median('verify') / 40).toFixed(2)} ms wall, ${(median('verify', cpuRuns) / 40).toFixed(2)} ms CPU per intent incl. validation, paid once per stored string (memoised by id + exact string)`) });
  }, { ...ONCE, iterations: 5, warmupIterations: 1 });
  // A key's first signature: its point is decoded, no table yet (one new player per intent).
  const firsts = lazy(() => Array.from({ length: 20 }, () => makeRealLog(1)[0]!));
  bench('verify 20 real signatures, each the first of its key', () => {
    const real = firsts();
    timed('verify-first', () => {
      for (const i of real) replica(new Verifier()).ingest([[decoded(i.id), decoded(i.raw)]]);
    }, { after: 1, print: () => say(`cold cryptographic checks, a key's first signature: ${(median('verify-first') / 20).toFixed(2)} ms wall per intent incl. validation`) });
  }, { ...ONCE, iterations: 1, warmupIterations: 0 });
  bench('sign one intent', () => {
    timed('sign', () => makeRealLog(1), { after: 20, print: () => say(`signing one intent (noble): ${both('sign')}`) });
  }, { ...ONCE, iterations: 20, warmupIterations: 2 });
});

function makeRealLog(n: number): VerifiedIntent[] {
  const id = createIdentity();
  let prev: string | null = null;
  const out: VerifiedIntent[] = [];
  for (let s = 1; s <= n; s++) {
    const made = createIntent(id, { world: WORLD, zone: 'harbor', seq: s, prev, turn: s, at: s * 1000, action: s === 1 ? { kind: 'join', name: 'V' } : { kind: 'wait' } });
    prev = made.id;
    out.push(made);
  }
  return out;
}
