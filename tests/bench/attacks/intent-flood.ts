// Attack: a member with the link signs 10,000 valid intents (each a 280-character speech) in one
// game minute of his clock, in the zone an honest player is in. Measured on the honest replica
// (in process, no relay): time to take them in (signature checks, order, fold), the intents the
// rules accepted, the lines of news the honest player would be told, the state's size, and what
// the honest player's next command costs afterwards.
// Run: npx tsx tests/bench/attacks/intent-flood.ts
import { engineRules } from '../../../src/sync/replica/engine-rules.ts';
import { createIdentity } from '../../../src/sync/intent/identity.ts';
import { createIntent, type VerifiedIntent } from '../../../src/sync/intent/intent.ts';
import { ZoneReplica } from '../../../src/sync/replica/zone-replica.ts';
import { canonicalJson } from '../../../src/content/canonical.ts';
import { content, WORLD, SEED } from '../../sync/fixture.ts';
import { report } from './harness.ts';

const FLOOD = 10_000;
const START = 60_000 * 1_000;
const ana = createIdentity();
const mal = createIdentity();
const replica = new ZoneReplica({ rules: engineRules, content, world: WORLD, zone: 'harbor', seed: SEED, viewer: ana.player });
const sign = (who: typeof ana, seq: number, prev: string | null, turn: number, at: number, action: Parameters<typeof createIntent>[1]['action']) =>
  createIntent(who, { world: WORLD, zone: 'harbor', seq, prev, turn, at, action });

const joined = sign(ana, 1, null, 1, START, { kind: 'join', name: 'Ana' });
replica.ingest([[joined.id, joined.raw]]);

const words = 'The tide is turning and nobody here is listening to me at all, so I shall say it again: '.repeat(4).slice(0, 280);
const flood: VerifiedIntent[] = [];
let prev: string | null = null;
for (let i = 0; i <= FLOOD; i++) {
  const made: VerifiedIntent = sign(mal, i + 1, prev, 2 + i, START + i * 5, i === 0 ? { kind: 'join', name: 'Mal' } : { kind: 'say', text: words });
  flood.push(made);
  prev = made.id;
}

const cpu = process.cpuUsage();
const t0 = performance.now();
let told = 0;
for (let i = 0; i < flood.length; i += 500) {
  const change = replica.ingest(flood.slice(i, i + 500).map((f) => [f.id, f.raw] as [string, string]));
  for (const n of change.news) for (const e of n.events) if (e.type === 'said' && e.player === mal.player) told++;
}
const ingestMs = performance.now() - t0;
const used = process.cpuUsage(cpu);
let accepted = 0;
for (let i = 0; i < replica.fold.length; i++) if (replica.fold.entries[i]!.player === mal.player && replica.fold.eventsAt(i)[0]?.type !== 'refused') accepted++;

// Ana's next command, once the flood is in.
const next = sign(ana, 2, joined.id, FLOOD + 10, START + 30_000, { kind: 'say', text: 'Is anyone else here?' });
const t1 = performance.now();
replica.ingest([[next.id, next.raw]]);
const nextMs = performance.now() - t1;

report(`intent flood: ${FLOOD.toLocaleString('en')} valid 280-character speeches in one game minute`, {
  'honest replica: taking them in (ms)': Math.round(ingestMs),
  'honest replica: CPU (ms)': Math.round((used.user + used.system) / 1000),
  'accepted by the rules': accepted,
  'lines of news told to the honest player': told,
  'state size (canonical JSON bytes)': canonicalJson(replica.state).length,
  "the honest player's next intent (ms)": Number(nextMs.toFixed(2)),
});
process.exit(0);
