// Playwright drives Debian's Chromium (never a downloaded browser) against the real relay, which
// serves a fresh build of the app on a free port, both in a throwaway directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { freePort } from './e2e/free-port.ts';

// The runner loads this file first and its workers inherit the environment, so they agree.
process.env.E2E_PORT ??= String(await freePort());
if (!process.env.E2E_DATA) {
  // Made (and removed at exit) only by the runner; its workers inherit the variable.
  const dir = mkdtempSync(join(tmpdir(), 'vetrellis-e2e-'));
  process.env.E2E_DATA = dir;
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
}
const port = Number(process.env.E2E_PORT);
// Built into the temp dir, not dist/: a run never clobbers another run's or `npm start`'s app.
const dist = join(process.env.E2E_DATA, 'dist');
const data = join(process.env.E2E_DATA, 'relay');
const ci = Boolean(process.env.CI);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: ci ? 1 : 0,
  reporter: ci ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    // Every browser starts as one whose player already answered the name question by skipping
    // it (the default name); e2e/first-join.spec.ts starts from an empty browser to ask it.
    storageState: { cookies: [], origins: [{ origin: `http://127.0.0.1:${port}`, localStorage: [{ name: 'vetrellis:name', value: 'Wanderer' }] }] },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: `npx vite build --logLevel warn --outDir ${dist} --emptyOutDir && npx tsx server/main.ts --port ${port} --host 127.0.0.1 --data ${data} --static ${dist} --log-level warn`,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
