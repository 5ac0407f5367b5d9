// Attack: one update of 15,814 intents with correct ids and bad signatures (about 7.5 MB) into
// the zone an honest player stands in; then the player's device reopens the world. Measured: the
// honest client's CPU to take the update in, and to open the world again.
// Run: npx tsx tests/bench/attacks/junk-intents.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { createIdentity } from '../../../src/sync/intent/identity.ts';
import { MemoryRelay } from '../../../src/sync/world/memory-relay.ts';
import { FileDocStore } from '../../../src/sync/world/node-doc-store.ts';
import { SharedWorld } from '../../../src/sync/world/shared-world.ts';
import { createWorldKey, roomName, zoneDocName } from '../../../src/sync/world/world-key.ts';
import { content } from '../../sync/fixture.ts';
import { junkChain } from './junk.ts';

const JUNK = 15_814;
const dir = mkdtempSync(join(tmpdir(), 'vetrellis-junk-bench-'));
const relay = new MemoryRelay();
const worldKey = createWorldKey();
const identity = createIdentity();
const open = () => SharedWorld.open({ content, identity, worldKey, store: new FileDocStore(dir), relay: relay.connect, name: 'Ana', create: { name: 'Junk' } });
const cpuMs = async (f: () => unknown): Promise<number> => {
  const start = process.cpuUsage();
  await f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

const ana = await open();
const zone = ana.zone;
const mallory = createIdentity();
const hostile = new Y.Doc();
relay.connect(hostile, roomName(worldKey, zoneDocName(zone)));
const junk = junkChain(mallory, worldKey, zone, JUNK);
const bytes = junk.reduce((n, [, raw]) => n + raw.length, 0);
const checked = (): number => ana.zoneReplica(zone)!.diagnostics.snapshot()['intent/bad-signature'] ?? 0;
const intake = await cpuMs(async () => {
  hostile.transact(() => {
    const log = hostile.getMap<unknown>('intents');
    for (const [id, raw] of junk) log.set(id, raw);
  });
  // A live delivery this large is folded in slices (zone-log.ts): until the last one.
  while (checked() < JUNK) await new Promise((r) => setTimeout(r, 5));
});
await ana.close();
await new Promise((r) => setTimeout(r, 50));
let again: SharedWorld | undefined;
const reopen = await cpuMs(async () => (again = await open()));
console.log(`[junk intents] ${JUNK} junk intents (${(bytes / 1e6).toFixed(1)} MB, bad signatures): intake ${intake.toFixed(0)} ms CPU (relay, store and honest client in one process), reopen ${reopen.toFixed(0)} ms CPU; the reopened world verified ${again!.zoneReplica(zone)!.verifier.stats().checks} signatures`);
await again!.close();
relay.close();
rmSync(dir, { recursive: true, force: true });
