// The agent API's step throughput, for learning loops: steps per second through the library in a
// world in memory (structured actions and text), and through the terminal's --json stdio (one
// child process, lines piped in, replies counted out). No budget in DESIGN.md; figures printed.
//   Run: npx vitest bench --run tests/bench/agent.bench.ts
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { openAgentWorld, type AgentWorld } from '../../src/agent/node.ts';
import type { Action } from '../../src/engine/index.ts';
import { vetrellis } from '../golden/transcript.ts';
import { ROOT } from '../cli/helpers.ts';

const content = vetrellis();
/** A walk that never runs dry: to the beach and back, looking and gathering while the pile lasts. */
const LOOP: readonly Action[] = [
  { kind: 'move', dir: 'west' }, { kind: 'gather', target: 'driftwood-pile' }, { kind: 'look' },
  { kind: 'move', dir: 'east' }, { kind: 'inventory' }, { kind: 'wait' },
];
const TEXT_LOOP = ['west', 'gather driftwood', 'look', 'east', 'inventory', 'wait'];

async function stepsPerSecond(steps: number, play: (env: AgentWorld, i: number) => Promise<unknown>): Promise<number> {
  const env = await openAgentWorld({ content, seed: 1 });
  for (let i = 0; i < 200; i += 1) await play(env, i); // warm up
  await env.reset(2);
  const t0 = performance.now();
  for (let i = 0; i < steps; i += 1) {
    await play(env, i);
    // A learning loop's episodes: a fresh world every 500 steps keeps the log (and the state) small.
    if (i % 500 === 499) await env.reset(i);
  }
  return steps / ((performance.now() - t0) / 1000);
}

/** Lines piped into `--json` and every reply read back: steps per second through stdio, process start excluded. */
function stdioStepsPerSecond(steps: number): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['src/cli/main.ts', '--json'], { cwd: ROOT });
    let replies = 0;
    let t0 = 0;
    child.stdout.on('data', (d: Buffer) => {
      for (const b of d) if (b === 10) replies += 1;
      if (replies === 1 && t0 === 0) {
        t0 = performance.now();
        const lines = Array.from({ length: steps }, (_, i) => JSON.stringify(LOOP[i % LOOP.length])).join('\n');
        child.stdin.end(lines + '\n');
      }
    });
    child.on('error', fail);
    child.on('close', () => (replies === steps + 1 ? done(steps / ((performance.now() - t0) / 1000)) : fail(new Error(`${replies} replies to ${steps + 1} lines`))));
    child.stdin.write('look\n'); // the first reply says the client is up
  });
}

const structured = await stepsPerSecond(3000, (env, i) => env.step(LOOP[i % LOOP.length]!));
const typed = await stepsPerSecond(3000, (env, i) => env.step(TEXT_LOOP[i % TEXT_LOOP.length]!));
const stdio = await stdioStepsPerSecond(2000);
console.log(`agent step throughput, one core: library in memory ${structured.toFixed(0)} steps/s (structured actions), ${typed.toFixed(0)} steps/s (text); --json stdio ${stdio.toFixed(0)} steps/s (structured lines, replies read)`);

describe('agent API', () => {
  let env: AgentWorld | undefined;
  let i = 0;
  bench('library step in memory (structured)', async () => {
    env ??= await openAgentWorld({ content, seed: 1 });
    await env.step(LOOP[i % LOOP.length]!);
    i += 1;
    if (i % 500 === 0) await env.reset(i);
  });
});
