// Attack: 60 MB of junk written into one room (15 updates of 4 MB, each on its own connection, as
// a hostile member bloating a world's root document); then a newcomer joins. Measured: what the
// relay accepted, its RSS and CPU, and the newcomer's sync.
// Run: npx tsx tests/bench/attacks/room-bloat.ts [--relay-dir DIR]
import { openRaw } from '../../server/helpers/clients.ts';
import { entriesUpdate } from '../../server/helpers/updates.ts';
import { honestSync, report, startRelay, writeEach } from './harness.ts';

const relay = await startRelay({ LOG_LEVEL: 'warn', RELAY_ROOM_IDLE_MS: '600000' });
const url = `ws://127.0.0.1:${relay.port}/root`;
const keeper = await openRaw(url);
const rssBefore = relay.rssMb();
const cpu = relay.cpuSeconds();
const peak = relay.watchPeak();
const writes = await writeEach(url, 15, (i) => entriesUpdate(`junk${i}`, 4000, 1000), 1_500, 'accepted');
let entries = 0;
const honest = await honestSync(relay.port, 'root', (doc) => {
  entries = doc.getMap('log').size;
  return true;
}, undefined, 60_000);
report('room bloat: 15 x 4 MB of junk into one room, then a newcomer', {
  'junk writes': writes,
  'relay RSS before (MB)': rssBefore,
  'relay peak RSS (MB)': peak(),
  'relay CPU during (s)': relay.cpuSeconds() - cpu,
  'newcomer': honest,
  'junk entries the newcomer got (MB)': (entries * 1000) / 1024 / 1024,
});
keeper.terminate();
await relay.stop();
process.exit(0);
