/**
 * The web app's budgets, measured in Debian's Chromium against the real relay serving dist/:
 *   - keypress to rendered outcome (performance marks around a command; rule parser): p95 <= 16 ms
 *   - app shell JS gzip (what index.html loads, and any script fetched before the first prompt;
 *     WebLLM excluded): <= 150 KB. Scripts fetched after the first prompt (the rule parser, the
 *     dialogs) are reported apart: they cost no time before the player can type.
 *   - time to first prompt, cold (fresh browser profile) and warm (cached by the service worker)
 *
 *   npm run bench:ui                  # builds first
 *   npx tsx tests/bench/ui-bench.ts --no-build --commands 400   # measures the existing dist/
 */
import { spawn, execSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { freePort } from '../../e2e/free-port.ts';

const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];
const BUDGET = { keypressP95: 16, shellKb: 150 };
const ROUTE = ['look', 'w', 'gather driftwood', 'x driftwood stick', 'e', 'e', 'take kelp cord', 'drop kelp cord', 'w', 'i', 'x boats', 'status'];

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const median = (xs: readonly number[]) => percentile([...xs].sort((a, b) => a - b), 50);
const ms = (x: number) => `${x.toFixed(1)} ms`;

type Sized = { name: string; gzip: number };

/**
 * The app shell: every script index.html loads or preloads (the entry and the sync layer's chunk),
 * and every other script the page fetched before its first prompt (`early`, seen in the browser),
 * so code loaded on the way to the prompt counts however it was requested. Scripts fetched after
 * the first prompt (`late`) are listed apart. The world content is a JSON file index.html
 * preloads; it is data, not JS, and reported apart.
 */
function shellSize(dist: string, fetched: { early: readonly string[]; late: readonly string[] }): { files: Sized[]; total: number; late: Sized[]; allJs: number; data: Sized[] } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const gz = (name: string): Sized => ({ name, gzip: gzipSync(readFileSync(join(dist, name))).length });
  const referenced = [...new Set([...html.matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)].map((m) => m[1]!))];
  const files = [...new Set([...referenced, ...fetched.early])].map(gz);
  const late = fetched.late.filter((f) => !files.some((x) => x.name === f)).map(gz);
  const data = [...html.matchAll(/href="\/?([^"]+\.json)"/g)].map((m) => gz(m[1]!));
  const assets = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js') && !f.startsWith('web-llm-'));
  const allJs = assets.reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, 'assets', f))).length, 0);
  return { files, total: files.reduce((s, f) => s + f.gzip, 0), late, allJs, data };
}

/** The scripts a freshly opened page fetched before and after its first prompt (paths under dist). */
async function scriptsAroundFirstPrompt(page: Page): Promise<{ early: string[]; late: string[] }> {
  // What loads right after the first paint has a moment to be requested.
  await page.waitForTimeout(1500);
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  const scripts = await page.evaluate(() => {
    const prompt = performance.getEntriesByName('first-prompt')[0]!.startTime;
    return performance.getEntriesByType('resource').map((e) => ({ path: new URL(e.name).pathname.slice(1), early: e.startTime < prompt }));
  });
  const js = scripts.filter((s) => s.path.endsWith('.js'));
  return { early: js.filter((s) => s.early).map((s) => s.path), late: js.filter((s) => !s.early).map((s) => s.path) };
}

async function startRelay(port: number, data: string, dist: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--port', String(port), '--host', '127.0.0.1', '--data', data, '--static', dist, '--log-level', 'warn'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('the relay did not start');
}

/**
 * A browser whose player has answered the name question before (it asks only once per browser),
 * so startup is measured to the prompt, not to a person typing a name.
 */
const named = (browser: Browser, base: string) =>
  browser.newContext({ storageState: { cookies: [], origins: [{ origin: base, localStorage: [{ name: 'vetrellis:name', value: 'Wanderer' }] }] } });

async function firstPrompt(page: Page): Promise<number> {
  await page.getByRole('textbox', { name: 'Command' }).waitFor();
  await page.waitForFunction(() => performance.getEntriesByName('first-prompt').length > 0);
  return page.evaluate(() => performance.getEntriesByName('first-prompt')[0]!.startTime);
}

async function measureStartup(browser: Browser, base: string, runs: number): Promise<{ cold: number[]; warm: number[]; fetched: { early: string[]; late: string[] } }> {
  const cold: number[] = [];
  const warm: number[] = [];
  let fetched = { early: [] as string[], late: [] as string[] };
  for (let i = 0; i < runs; i++) {
    const context = await named(browser, base);
    const page = await context.newPage();
    await page.goto(`${base}/`);
    cold.push(await firstPrompt(page));
    if (i === 0) fetched = await scriptsAroundFirstPrompt(page);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await firstPrompt(page);
    for (let j = 0; j < 2; j++) {
      await page.reload();
      warm.push(await firstPrompt(page));
    }
    await context.close();
  }
  return { cold, warm, fetched };
}

async function measureKeypress(browser: Browser, base: string, commands: number): Promise<{ render: number[]; frame: number[] }> {
  const context = await named(browser, base);
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await firstPrompt(page);
  const box = page.getByRole('textbox', { name: 'Command' });
  const log = page.getByRole('log');
  for (let i = 0; i < commands; i++) {
    const before = Number(await log.getAttribute('data-entries'));
    await box.fill(ROUTE[i % ROUTE.length]!);
    await box.press('Enter');
    await page.waitForFunction((n) => Number(document.querySelector('[role="log"]')!.getAttribute('data-entries')) !== n, before);
  }
  const render = await page.evaluate(() => performance.getEntriesByName('command').map((e) => e.duration));
  await page.waitForTimeout(100);
  const frame = await page.evaluate(() => performance.getEntriesByName('command-painted').map((e) => e.duration));
  await context.close();
  return { render, frame };
}

async function main(): Promise<void> {
  const data = mkdtempSync(join(tmpdir(), 'vetrellis-bench-'));
  // Built into the temp dir (not dist/) so a running `npm start` or test run is left alone.
  const dist = flag('no-build') ? 'dist' : join(data, 'dist');
  if (!flag('no-build')) execSync(`npx vite build --logLevel warn --outDir ${dist} --emptyOutDir`, { stdio: 'inherit' });
  const port = await freePort();
  const relay = await startRelay(port, join(data, 'relay'), dist);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  const base = `http://127.0.0.1:${port}`;
  try {
    const startup = await measureStartup(browser, base, option('startups', 5));
    const shell = shellSize(dist, startup.fetched);
    const keys = await measureKeypress(browser, base, option('commands', 240));
    const sorted = [...keys.render].sort((a, b) => a - b);
    const frames = [...keys.frame].sort((a, b) => a - b);
    const p95 = percentile(sorted, 95);
    const shellKb = shell.total / 1024;

    console.log('\nVetrellis web app (Chromium, rule parser, a shared world on the relay)');
    console.log(`  keypress -> rendered outcome  n=${sorted.length}  p50 ${ms(percentile(sorted, 50))}  p95 ${ms(p95)}  max ${ms(sorted[sorted.length - 1] ?? NaN)}   budget p95 <= ${BUDGET.keypressP95} ms  ${p95 <= BUDGET.keypressP95 ? 'OK' : 'OVER'}`);
    console.log(`  keypress -> painted frame     p50 ${ms(percentile(frames, 50))}  p95 ${ms(percentile(frames, 95))}   (information: includes waiting for the next frame)`);
    console.log(`  app shell JS gzip             ${shellKb.toFixed(1)} KB   budget <= ${BUDGET.shellKb} KB  ${shellKb <= BUDGET.shellKb ? 'OK' : 'OVER'}`);
    for (const f of shell.files) console.log(`      ${f.name}  ${(f.gzip / 1024).toFixed(1)} KB`);
    const late = shell.late.reduce((sum, f) => sum + f.gzip, 0);
    console.log(`  JS fetched after the first prompt ${(late / 1024).toFixed(1)} KB   (information: ${shell.late.map((f) => f.name.replace(/^assets\//, '')).join(', ') || 'none'})`);
    console.log(`      (all JS chunks but WebLLM: ${(shell.allJs / 1024).toFixed(1)} KB)`);
    for (const f of shell.data) console.log(`  + content JSON (data, preloaded) ${(f.gzip / 1024).toFixed(1)} KB  ${f.name}   JS + data at start: ${((shell.total + f.gzip) / 1024).toFixed(1)} KB`);
    console.log(`  first prompt, cold            median ${ms(median(startup.cold))}  (${startup.cold.map((x) => x.toFixed(0)).join(', ')})`);
    console.log(`  first prompt, warm (SW cache) median ${ms(median(startup.warm))}  (${startup.warm.map((x) => x.toFixed(0)).join(', ')})`);
    if (p95 > BUDGET.keypressP95 || shellKb > BUDGET.shellKb) process.exitCode = 1;
  } finally {
    await browser.close();
    const exited = new Promise((r) => relay.once('exit', r));
    relay.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    rmSync(data, { recursive: true, force: true });
  }
}

await main();
