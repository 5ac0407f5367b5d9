// Attack: 20 updates of 4 MB whose structs miss a dependency (their writer's first struct is
// never sent), each on its own connection; then a newcomer asks for the room. Measured: relay RSS
// and CPU, what the newcomer receives, and whether an honest client still syncs.
// Run: npx tsx tests/bench/attacks/pending-structs.ts [--relay-dir DIR]
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { openRaw } from '../../server/helpers/clients.ts';
import { step1Frame } from '../../server/helpers/memory-peer.ts';
import { orphanUpdate } from '../../server/helpers/updates.ts';
import { honestSync, report, startRelay, writeEach } from './harness.ts';

const relay = await startRelay({ LOG_LEVEL: 'warn', RELAY_ROOM_IDLE_MS: '600000' });
const url = `ws://127.0.0.1:${relay.port}/zone`;
const keeper = await openRaw(url);
const rssBefore = relay.rssMb();
const cpu = relay.cpuSeconds();
const peak = relay.watchPeak();
const attack = await writeEach(url, 20, (i) => orphanUpdate(`junk${i}`, 4000, 1000), 1_000, 'kept open');
const rssAfter = relay.rssMb();
// A newcomer's view: every byte the relay sends until its sync step 2.
const received = await new Promise<number>((resolve, reject) => {
  const ws = new WebSocket(url);
  let bytes = 0;
  ws.on('open', () => ws.send(step1Frame(new Y.Doc())));
  ws.on('message', (data: Buffer) => {
    bytes += data.byteLength;
    if (data[0] === 0 && data[1] === 1) {
      ws.terminate();
      resolve(bytes);
    }
  });
  ws.on('error', reject);
});
const honest = await honestSync(relay.port, 'zone', () => true, undefined, 20_000);
report('pending structs: 20 x 4 MB updates with a missing dependency, then a newcomer', {
  'attack connections': attack,
  'relay RSS before (MB)': rssBefore,
  'relay RSS after (MB)': rssAfter,
  'relay peak RSS (MB)': peak(),
  'relay CPU during (s)': relay.cpuSeconds() - cpu,
  'newcomer received (MB, never stored)': received / 1024 / 1024,
  'honest client': honest,
});
keeper.terminate();
await relay.stop();
process.exit(0);
