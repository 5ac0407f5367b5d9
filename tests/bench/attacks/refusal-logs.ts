// Attack: 10,000 connections that each send a text frame and are refused, 64 at a time, at the
// relay's default log level (info). Measured: log lines written (counted 11 s after the attack),
// relay CPU, an honest client.
// Run: npx tsx tests/bench/attacks/refusal-logs.ts [--relay-dir DIR]
import { closed, openRaw } from '../../server/helpers/clients.ts';
import { sleep } from '../../server/helpers/relay.ts';
import { honestSync, report, startRelay } from './harness.ts';

const TOTAL = 10_000;
const relay = await startRelay({ LOG_LEVEL: 'info' });
const linesBefore = relay.logLines();
const cpu = relay.cpuSeconds();
const started = Date.now();
let next = 0;
await Promise.all(Array.from({ length: 64 }, async () => {
  while (next < TOTAL) {
    next++;
    const ws = await openRaw(`ws://127.0.0.1:${relay.port}/junk`);
    const done = closed(ws);
    ws.send('junk');
    await done;
  }
}));
const seconds = (Date.now() - started) / 1000;
// Refusals may be summed up once per 10 s: give the last summary time to be written.
await sleep(11_000);
const honest = await honestSync(relay.port, 'honest', () => true, '127.0.0.2', 10_000);
report('refusal logs: 10,000 refused connections', {
  'attack duration (s)': seconds,
  'log lines written': relay.logLines() - linesBefore,
  'relay CPU during (s)': relay.cpuSeconds() - cpu,
  'honest client': honest,
});
await relay.stop();
process.exit(0);
