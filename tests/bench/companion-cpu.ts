// A companion's CPU per game minute: the project's relay, a scripted friend (an agent process)
// who plays a command every 3 s for a minute (moving, speaking to the companion, gathering), and
// `npm run companion` beside her; the companion reports its own CPU time when stopped.
// Starting (loading the content, joining) is counted apart.   Run: npx tsx tests/bench/companion-cpu.ts
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startAgent, startRelay } from '../cli/helpers.ts';

const MINUTE = 60_000;
const tmp = mkdtempSync(join(tmpdir(), 'vetrellis-companion-cpu-'));
const relay = await startRelay(join(tmp, 'relay'));
const ana = startAgent(['--world', join(tmp, 'ana'), '--relay', relay.url, '--name', 'Ana', '--clock', 'real']);
const link = (await ana.send('help')).observation.world.link!;
const pip = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['src/cli/companion.ts', '--name', 'Pip', '--with', 'Ana', '--world', join(tmp, 'pip'), '--join', link], { cwd: ROOT });
let out = '';
pip.stdout.on('data', (d: Buffer) => (out += d.toString()));
while (!out.includes('here to keep')) await new Promise((r) => setTimeout(r, 100));
const script = ['Pip, what do you carry?', 'west', 'Pip, gather driftwood', 'east', 'Pip, wait here', 'west', 'Pip, follow me', 'east', 'north', 'south'];
const started = Date.now();
for (let i = 0; Date.now() - started < MINUTE; i += 1) {
  const line = script[i % script.length]!;
  await ana.send(line.startsWith('Pip') ? JSON.stringify({ kind: 'say', text: line }) : line);
  await new Promise((r) => setTimeout(r, 3000));
}
const closed = new Promise((done) => pip.once('close', done));
pip.kill('SIGINT');
await closed;
await ana.close();
await relay.stop();
rmSync(tmp, { recursive: true, force: true });
const deeds = out.split('\n').filter((l) => l.startsWith('[Pip] ') && l.includes(': ')).length;
console.log(out.split('\n').filter((l) => l.includes('stopped:')).join('\n'));
console.log(`companion: ${deeds} deeds in a game minute beside a friend playing every 3 s`);
