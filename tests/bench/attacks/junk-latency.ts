// Attack: one update of 15,814 intents with correct ids and bad signatures (about 7.5 MB) reaches
// the zone an honest player stands in, while the player types a command every 50 ms. Measured:
// how long each command waits to be answered (from when it was typed, 50 ms after the last
// answer, to when its outcome is back), and how long until the whole delivery is checked. Run the same script on an older
// checkout to compare: `git worktree add /tmp/before <commit>` and run it there.
// Run: npx tsx tests/bench/attacks/junk-latency.ts
import * as Y from 'yjs';
import { createIdentity } from '../../../src/sync/intent/identity.ts';
import { MemoryDocStore } from '../../../src/sync/world/doc-store.ts';
import { MemoryRelay } from '../../../src/sync/world/memory-relay.ts';
import { SharedWorld } from '../../../src/sync/world/shared-world.ts';
import { createWorldKey, roomName, zoneDocName } from '../../../src/sync/world/world-key.ts';
import { content } from '../../sync/fixture.ts';
import { junkChain } from './junk.ts';

const JUNK = 15_814;
const EVERY_MS = 50;
const relay = new MemoryRelay();
const worldKey = createWorldKey();
const ana = await SharedWorld.open({ content, identity: createIdentity(), worldKey, store: new MemoryDocStore(), relay: relay.connect, name: 'Ana', create: { name: 'Junk' } });
relay.flush();
const zone = ana.zone;
const mallory = createIdentity();
const hostile = new Y.Doc();
relay.connect(hostile, roomName(worldKey, zoneDocName(zone)));
relay.flush();
const junk = junkChain(mallory, worldKey, zone, JUNK);
const checked = (): number => ana.zoneReplica(zone)!.diagnostics.snapshot()['intent/bad-signature'] ?? 0;

const waits: number[] = [];
const start = performance.now();
const cpu = process.cpuUsage();
let delivered = false;
let n = 0;
await new Promise<void>((done) => {
  // A command is typed 50 ms after the last answer; its wait is from then to its answer.
  const typeIn = (ms: number): void => {
    const due = performance.now() + ms;
    setTimeout(() => {
      const ok = ana.submit({ kind: 'say', text: `command ${n++}` }).ok;
      if (!ok) throw new Error('a command was refused');
      waits.push(performance.now() - due);
      if (delivered && checked() >= JUNK) return done();
      typeIn(EVERY_MS);
    }, ms);
  };
  typeIn(EVERY_MS);
  // The delivery arrives while the player types.
  setTimeout(() => {
    hostile.transact(() => {
      const log = hostile.getMap<unknown>('intents');
      for (const [id, raw] of junk) log.set(id, raw);
    });
    relay.flush();
    delivered = true;
  }, EVERY_MS / 2);
});
const took = performance.now() - start;
const used = process.cpuUsage(cpu);
waits.sort((a, b) => a - b);
const q = (p: number): number => waits[Math.min(waits.length - 1, Math.floor(p * waits.length))]!;
console.log(`[junk latency] ${JUNK} junk intents in one delivery while typing every ${EVERY_MS} ms: ${waits.length} commands, wait p50 ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${waits[waits.length - 1]!.toFixed(0)} ms; all checked after ${took.toFixed(0)} ms (${((used.user + used.system) / 1000).toFixed(0)} ms CPU, relay and client in one process)`);
await ana.close();
relay.close();
