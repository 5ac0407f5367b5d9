// Attack: the junk-intents attack (junk-intents.ts) through the real relay: 15,814 intents with
// correct ids and bad signatures (two updates of about 4.4 MB, under the 8 MiB frame limit, on one
// raw socket) into the zone
// an honest player stands in, while the player's client (SharedWorld, the project's websocket
// link, a file store) is connected. Measured: the relay's RSS and CPU, the honest client's CPU
// and how long its next command waits, what a newcomer downloads, and what the player's device
// costs to open the world again.
// Run: npx tsx tests/bench/attacks/junk-intents-relay.ts [--relay-dir DIR]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { encodeUpdate } from '../../../server/protocol.ts';
import { createIdentity } from '../../../src/sync/intent/identity.ts';
import { junkChain } from './junk.ts';
import { FileDocStore } from '../../../src/sync/world/node-doc-store.ts';
import { SharedWorld } from '../../../src/sync/world/shared-world.ts';
import { createWorldKey, roomName, zoneDocName } from '../../../src/sync/world/world-key.ts';
import { closed, openRaw } from '../../server/helpers/clients.ts';
import { sleep } from '../../server/helpers/relay.ts';
import { content } from '../../sync/fixture.ts';
import { honestSync, report, startRelay } from './harness.ts';

const JUNK = 15_814;
const relay = await startRelay({ LOG_LEVEL: 'warn', RELAY_ROOM_IDLE_MS: '600000' });
const dir = mkdtempSync(join(tmpdir(), 'vetrellis-junk-relay-bench-'));
const worldKey = createWorldKey();
const identity = createIdentity();
const open = () => SharedWorld.open({
  content, identity, worldKey, store: new FileDocStore(dir), name: 'Ana', create: { name: 'Junk' },
  relay: { url: `ws://127.0.0.1:${relay.port}`, WebSocketPolyfill: WebSocket },
});
const cpuMs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

const ana = await open();
const zone = ana.zone;
const room = roomName(worldKey, zoneDocName(zone));
ana.submit({ kind: 'say', text: 'before the junk' });
await sleep(1_000);

const mallory = createIdentity();
const hostile = new Y.Doc();
const chain = junkChain(mallory, worldKey, zone, JUNK, 24);
const half = (from: number, to: number): Uint8Array => {
  const sv = Y.encodeStateVector(hostile);
  hostile.transact(() => {
    for (const [id, raw] of chain.slice(from, to)) hostile.getMap<string>('intents').set(id, raw);
  });
  return Y.encodeStateAsUpdate(hostile, sv);
};
const updates = [half(0, JUNK >> 1), half(JUNK >> 1, JUNK)];

const rssBefore = relay.rssMb();
const relayCpu = relay.cpuSeconds();
const peak = relay.watchPeak();
const ws = await openRaw(`ws://127.0.0.1:${relay.port}/${room}`);
const done = closed(ws);
const clientCpu = process.cpuUsage();
for (const u of updates) ws.send(encodeUpdate(u));
// The player types right after the junk is sent: how long until the command's outcome is back.
await sleep(50);
const typed = performance.now();
const outcome = ana.submit({ kind: 'say', text: 'after the junk' });
const submitMs = performance.now() - typed;
// The longest the client's event loop stalled in the next 15 s (what a keypress would wait).
let worstLag = 0;
for (let t = 0; t < 150; t++) {
  const before = performance.now();
  await sleep(100);
  worstLag = Math.max(worstLag, performance.now() - before - 100);
}
const intakeCpu = cpuMs(clientCpu);
const close = await Promise.race([done, sleep(100).then(() => null)]);
ws.terminate();
let newcomerIntents = 0;
const newcomer = await honestSync(relay.port, room, (doc) => {
  newcomerIntents = doc.getMap('intents').size;
  return true;
}, undefined, 60_000);
await ana.close();
await sleep(50);
const reopenStart = process.cpuUsage();
const again = await open();
const reopenCpu = cpuMs(reopenStart);
report('junk intents through the relay: 15,814 bad signatures in two updates into an honest player\'s zone', {
  'junk updates (MB)': updates.map((u) => (u.byteLength / 1e6).toFixed(1)).join(' + '),
  'hostile writer': close === null ? 'still open' : `${close.code} ${close.reason}`,
  'relay RSS before (MB)': rssBefore,
  'relay peak RSS (MB)': peak(),
  'relay CPU during (s)': relay.cpuSeconds() - relayCpu,
  'honest client CPU, 15 s after the junk (ms)': intakeCpu,
  'honest command right after: submit (ms)': submitMs,
  'honest command ok': String(outcome.ok),
  'honest client worst event-loop stall in 15 s (ms)': worstLag,
  'newcomer': newcomer,
  'intents a newcomer receives': newcomerIntents,
  'reopen the world on the player\'s device, CPU (ms)': reopenCpu,
  'signatures the reopened world verified': again.zoneReplica(zone)!.verifier.stats().checks,
});
await again.close();
await relay.stop();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
