// Attack: 12,000 unsigned junk entries written into a world's roster (the root document), as a
// hostile member can in a second; an honest client then reads its roster and status as the web
// app does on each status event. Measured: the CPU of the first read and of each later one.
// Run: npx tsx tests/bench/attacks/roster-junk.ts
import * as Y from 'yjs';
import { SharedWorldBackend } from '../../../src/session/shared-world-backend.ts';
import { createIdentity } from '../../../src/sync/intent/identity.ts';
import { MemoryDocStore } from '../../../src/sync/world/doc-store.ts';
import { MemoryRelay } from '../../../src/sync/world/memory-relay.ts';
import { createWorldKey, roomName, rootDocName } from '../../../src/sync/world/world-key.ts';
import { content } from '../../sync/fixture.ts';

const JUNK = 12_000;
const relay = new MemoryRelay();
const worldKey = createWorldKey();
const ana = await SharedWorldBackend.open({ content, identity: createIdentity(), worldKey, store: new MemoryDocStore(), relay: relay.connect, name: 'Ana', create: { name: 'Junk' } });

const hostile = new Y.Doc();
relay.connect(hostile, roomName(worldKey, rootDocName()));
hostile.transact(() => {
  const roster = hostile.getMap('roster');
  for (let i = 0; i < JUNK; i++) roster.set(`${i.toString(16).padStart(64, '0')}`, JSON.stringify({ name: `Junk${i}`, zone: 'harbor', sig: 'x'.repeat(80) }));
});

const cpuMs = (f: () => void): number => {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
const first = cpuMs(() => ana.status());
const later: number[] = [];
for (let i = 0; i < 20; i++) later.push(cpuMs(() => ana.status()));
later.sort((a, b) => a - b);
console.log(`[roster junk] ${JUNK} junk entries: roster listed ${ana.status().roster.length} players; first status read ${first.toFixed(1)} ms CPU, later reads median ${later[10]!.toFixed(1)} ms CPU`);
await ana.close(0);
relay.close();
