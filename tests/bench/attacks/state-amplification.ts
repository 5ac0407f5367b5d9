// Attack: 64 connections from one address each ask a 24 MB room for its whole state (sync step 1
// with an empty state vector) and never read. Measured: relay RSS and CPU while they wait, an
// honest client's sync meanwhile, and RSS once they are gone.
// Run: npx tsx tests/bench/attacks/state-amplification.ts [--relay-dir DIR]
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { encodeUpdate } from '../../../server/protocol.ts';
import { closed, openRaw } from '../../server/helpers/clients.ts';
import { step1Frame } from '../../server/helpers/memory-peer.ts';
import { sleep } from '../../server/helpers/relay.ts';
import { entriesUpdate } from '../../server/helpers/updates.ts';
import { honestSync, report, startRelay } from './harness.ts';

const WRITERS = 12;
const PER_WRITER = 2000;
const relay = await startRelay({ LOG_LEVEL: 'warn', RELAY_ROOM_IDLE_MS: '600000' });
const url = `ws://127.0.0.1:${relay.port}/big-zone`;
for (let w = 0; w < WRITERS; w++) {
  const ws = await openRaw(url);
  ws.send(encodeUpdate(entriesUpdate(`w${w}`, PER_WRITER, 1000)));
  ws.close();
  await closed(ws);
}
const full = (doc: Y.Doc): boolean => doc.getMap('log').size === WRITERS * PER_WRITER;
const filled = await honestSync(relay.port, 'big-zone', full, undefined, 60_000);
const rssBefore = relay.rssMb();
const cpu = relay.cpuSeconds();
const peak = relay.watchPeak();
const attackers: WebSocket[] = [];
for (let i = 0; i < 64; i++) {
  attackers.push(await new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => {
      ws.send(step1Frame(new Y.Doc()));
      ws.pause();
      resolve(ws);
    });
    ws.once('error', reject);
  }));
}
await sleep(10_000);
const rssDuring = relay.rssMb();
const honest = await honestSync(relay.port, 'big-zone', full, '127.0.0.2', 60_000);
const peakDuring = peak();
const cpuDuring = relay.cpuSeconds() - cpu;
for (const ws of attackers) ws.terminate();
await sleep(5_000);
report('sync-step-1 amplification: 64 non-reading connections on a 24 MB room', {
  'room filled, first sync': filled,
  'relay RSS before (MB)': rssBefore,
  'relay RSS 10 s into the attack (MB)': rssDuring,
  'relay peak RSS (MB)': peakDuring,
  'relay CPU during (s)': cpuDuring,
  'honest client (during)': honest,
  'relay RSS 5 s after they left (MB)': relay.rssMb(),
});
await relay.stop();
process.exit(0);
