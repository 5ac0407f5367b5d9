// Attack: 64 malformed WebSocket upgrades from one address (a bad key, `Upgrade: foo`), each
// answered 400; then an honest client from the same address tries to sync.
// Run: npx tsx tests/bench/attacks/slot-leak.ts [--relay-dir DIR]
import { rawRequest, upgradeRequest } from '../../server/helpers/raw-http.ts';
import { honestSync, report, startRelay } from './harness.ts';

const relay = await startRelay({ RELAY_MAX_CONNS_PER_IP: '64' });
const cpu = relay.cpuSeconds();
const statuses = new Map<number, number>();
for (let i = 0; i < 64; i++) {
  const request = i % 2 === 0
    ? upgradeRequest('room', { 'Sec-WebSocket-Key': 'bad' })
    : upgradeRequest('room', { Upgrade: 'foo' });
  const status = await rawRequest(relay.port, request);
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
}
const honest = await honestSync(relay.port, 'room', () => true, undefined, 10_000);
report('slot leak: 64 malformed upgrades, then an honest client', {
  'answers to the attack': [...statuses].map(([s, n]) => `${n} x ${s}`).join(', '),
  'relay RSS after (MB)': relay.rssMb(),
  'relay CPU during (s)': relay.cpuSeconds() - cpu,
  'honest client': honest,
});
await relay.stop();
process.exit(0);
