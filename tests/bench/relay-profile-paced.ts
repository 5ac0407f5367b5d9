// Profiles the relay under the paced CPU load of relay.bench.ts (50 rooms x 5 clients, one update
// every 10 ms per room): the relay runs with `--cpu-prof`, and the profile is written to the
// folder given (default /tmp/relay-prof) when it stops. Open it in Chrome's DevTools, or sum
// self time per function with `npx tsx tests/bench/relay-profile-paced.ts --top FILE`.
// Run: npx tsx tests/bench/relay-profile-paced.ts [DIR]
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort, REPO, TEST_ENV, tempDir, sleep, waitFor } from '../server/helpers/relay.ts';
import { cpuMsOf, openMany, updateFrames } from '../server/helpers/bench-load.ts';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }

function top(file: string, n = 40): void {
  const p = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[] };
  const hits = new Map<string, number>();
  let total = 0;
  for (const node of p.nodes) {
    const h = node.hitCount ?? 0;
    total += h;
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*node_modules\//, '~/').replace(/^.*\/wt\/[^/]+\//, '')}:${f.lineNumber + 1}`;
    hits.set(key, (hits.get(key) ?? 0) + h);
  }
  for (const [key, h] of [...hits].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${((100 * h) / total).toFixed(1).padStart(5)}%  ${key}`);
}

if (process.argv[2] === '--top') top(process.argv[3]!, Number(process.argv[4] ?? 40));
else {
  const dir = process.argv[2] ?? '/tmp/relay-prof';
  // --cpu-prof is refused in NODE_OPTIONS: the relay is started here with it as an argument.
  const port = await freePort();
  const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--import', 'tsx', join(REPO, 'server/main.ts')], {
    cwd: REPO,
    env: { ...process.env, ...TEST_ENV, LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', RELAY_DATA: tempDir('prof'), RELAY_ROOM_IDLE_MS: '60000' },
    stdio: 'inherit',
  });
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  await waitFor('the relay to answer /healthz', async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok === true, 30_000);
  const relay = { port, process: child };
  const rooms = Array.from({ length: 50 }, (_, i) => `cpu-${i}`);
  const clients = await openMany(relay.port, rooms.flatMap((r) => [r, r, r, r, r]));
  const perRoom = 400;
  const frames = rooms.map((r) => updateFrames(perRoom, r));
  const readers = clients.filter((_, i) => i % 5 !== 0);
  await sleep(300);
  const before = cpuMsOf(relay.process.pid!);
  for (let step = 0; step < perRoom; step++) {
    for (let i = 0; i < rooms.length; i++) clients[i * 5]!.send(frames[i]![step]!);
    await sleep(10);
  }
  await waitFor('every update to be delivered', () => readers.every((r) => r.updates >= perRoom), 60_000);
  const cpuMs = cpuMsOf(relay.process.pid!) - before;
  console.log(`relay CPU per delivered update, paced: ${((cpuMs * 1000) / (readers.length * perRoom)).toFixed(1)} us`);
  // How the relay grouped its work: storage commits against updates stored.
  const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  console.log(metrics.split('\n').filter((l) => /^[a-z_]*(storage_write_seconds_count|apply_seconds_count|messages_total)/.test(l)).join('\n'));
  for (const c of clients) c.close();
  await sleep(300);
  child.kill('SIGTERM');
  await exited;
  console.log(`profile written to ${dir}`);
}
