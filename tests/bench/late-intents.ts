// Late intents with and without seals (issue 15's benchmark "cost of a late intent just inside and
// far outside the horizon", and the re-fold storm of backdated joins). A zone of 10,000 intents by
// 10 players; the sealed replica has its owner's seal 100 turns behind the head (the unsealed tail
// is then about 1,000 intents, what 100 turns of 10 players add). Each figure is measured on both
// replicas in the same process, so the ratio is what to read on a shared machine.
// Run: npx tsx tests/bench/late-intents.ts
import { createIdentity, type Identity } from '../../src/sync/intent/identity.ts';
import { createIntent, type VerifiedIntent } from '../../src/sync/intent/intent.ts';
import { Verifier } from '../../src/sync/intent/verifier.ts';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import type { Action } from '../../src/engine/action.ts';
import { content, SEED, WORLD } from '../sync/fixture.ts';

const N = 10_000;
const PLAYERS = 10;
const TAIL_TURNS = 100;
const STORM = 200;
const fakeSign = (): Uint8Array => new Uint8Array(64);
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const owner = createIdentity();
const verifier = new Verifier();
const made = (id: Identity, f: Parameters<typeof createIntent>[1]): VerifiedIntent => {
  const i = createIntent(id, f, fakeSign);
  verifier.rememberSound(i.id, i.raw);
  return i;
};

const ACTIONS: readonly Action[] = [{ kind: 'say', text: 'fair winds' }, { kind: 'wait' }, { kind: 'take', target: 'pebble', qty: 1 }, { kind: 'drop', target: 'pebble', qty: 1 }];
const ids = Array.from({ length: PLAYERS }, () => createIdentity());
const heads = ids.map(() => ({ seq: 0, prev: null as string | null }));
const log: VerifiedIntent[] = [];
let lastTurn = 0;
for (let turn = 1; log.length < N; turn++) {
  for (let p = 0; p < PLAYERS && log.length < N; p++) {
    const h = heads[p]!;
    const action = turn === 1 ? ({ kind: 'join', name: `P${p}` } as const) : ACTIONS[(turn + p) % ACTIONS.length]!;
    const i = made(ids[p]!, { world: WORLD, zone: 'harbor', seq: h.seq + 1, prev: h.prev, turn, at: turn * 1000, action });
    h.seq += 1;
    h.prev = i.id;
    log.push(i);
    lastTurn = turn;
  }
}
const entries = log.map((i) => [i.id, i.raw] as [string, string]);

function build(sealed: boolean): ZoneReplica {
  const r = new ZoneReplica({ rules: engineRules, content, world: WORLD, zone: 'harbor', seed: SEED, checkpointEvery: 64, verifier, owner: sealed ? owner.player : null });
  r.ingest(entries);
  if (sealed) {
    const s = r.sealToWrite(lastTurn - TAIL_TURNS, 1)!;
    const seal = made(owner, { world: WORLD, zone: 'harbor', seq: s.n, prev: s.prev, turn: s.point, at: 0, action: { kind: 'seal', heads: s.heads, state: s.state } });
    r.ingest([[seal.id, seal.raw]]);
    if (r.finalSeal === null) throw new Error('the seal did not hold');
  }
  return r;
}

/** A newcomer's join (and a say) signed at `turn`. */
function newcomer(turn: number): [string, string][] {
  const me = createIdentity();
  const join = made(me, { world: WORLD, zone: 'harbor', seq: 1, prev: null, turn, at: 1, action: { kind: 'join', name: 'Late' } });
  return [[join.id, join.raw]];
}

function measure(label: string, turnOf: (r: ZoneReplica) => number, count: number): void {
  const out: string[] = [];
  const cpu: number[] = [];
  for (const sealed of [false, true]) {
    const r = build(sealed);
    const late = Array.from({ length: count }, () => newcomer(turnOf(r)));
    const c = cpuMs();
    let refolded = 0;
    for (const one of late) refolded += r.ingest(one).refolded;
    const ms = cpuMs() - c;
    cpu.push(ms);
    out.push(`${sealed ? 'sealed' : 'no seal'}: ${ms.toFixed(1)} ms CPU, ${refolded.toLocaleString('en')} intents re-folded`);
  }
  console.log(`[late intents] ${label}: ${out.join('; ')} (ratio ${(cpu[0]! / cpu[1]!).toFixed(1)}x)`);
}

console.log(`[late intents] a zone of ${N.toLocaleString('en')} intents by ${PLAYERS} players; the seal is ${TAIL_TURNS} turns behind the head`);
measure('one late intent far outside the horizon (turn 1)', () => 1, 1);
measure('one late intent just inside the horizon (20 turns behind the head)', (r) => r.headTurn - 20, 1);
measure(`a storm of ${STORM} backdated joins (turn 1), one delivery each`, () => 1, STORM);
