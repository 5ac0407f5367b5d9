// Attack: one address opens fresh room names and leaves, as fast as it can (32 at a time), until
// it has opened more rooms than the relay holds (default 10,000); then an honest world from
// another address tries to sync. Run: npx tsx tests/bench/attacks/room-table.ts [--relay-dir DIR]
import { visit } from '../../server/helpers/clients.ts';
import { honestSync, report, startRelay } from './harness.ts';

const VISITS = 10_500;
// A 60 s idle time stands in for an attacker faster than this 2-core machine (the default is 10 s).
const relay = await startRelay({ LOG_LEVEL: 'warn', RELAY_ROOM_IDLE_MS: '60000' });
const cpu = relay.cpuSeconds();
const peak = relay.watchPeak();
const started = Date.now();
let next = 0;
const refused = new Map<string, number>();
await Promise.all(Array.from({ length: 32 }, async () => {
  while (next < VISITS) {
    const i = next++;
    const code = await visit(`ws://127.0.0.1:${relay.port}/fresh-${i}`, '127.0.0.3').catch(() => -1);
    if (code !== null) refused.set(String(code), (refused.get(String(code)) ?? 0) + 1);
  }
}));
const seconds = (Date.now() - started) / 1000;
const health = (await (await fetch(`http://127.0.0.1:${relay.port}/healthz`)).json()) as { rooms: number };
const honest = await honestSync(relay.port, 'honest-world', () => true, '127.0.0.2', 10_000);
report('room table (rooms idle 60 s): one address opens 10,500 fresh rooms and leaves, then an honest world', {
  'attack duration (s)': seconds,
  'attacker refused': [...refused].map(([c, n]) => `${n} x ${c}`).join(', ') || 'never',
  'rooms loaded after': health.rooms,
  'relay peak RSS (MB)': peak(),
  'relay CPU during (s)': relay.cpuSeconds() - cpu,
  'honest client': honest,
});
await relay.stop();
process.exit(0);
