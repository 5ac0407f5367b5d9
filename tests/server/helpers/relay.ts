// Test helpers: start a relay in this process or as a child process (for SIGKILL/SIGTERM), wait
// for conditions, and free ports.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { parseConfig } from '../../../server/config.ts';
import { startRelay, type Relay, type RelayOptions } from '../../../server/relay.ts';

export const REPO = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), `vetrellis-${prefix}-`));

/** Generous limits so tests measure behaviour, not the defaults (tests of limits set their own). */
export const TEST_ENV: Record<string, string> = {
  RELAY_MAX_CONNS_PER_IP: '10000',
  RELAY_MAX_ROOMS_PER_IP: '10000',
  RELAY_MAX_RATE: '100000',
  RELAY_ROOM_IDLE_MS: '50',
  LOG_LEVEL: 'silent',
};

export const startTestRelay = async (env: Record<string, string> = {}, options: RelayOptions = {}): Promise<Relay> => {
  const config = parseConfig([], {
    PORT: '0',
    RELAY_DATA: tempDir('data'),
    RELAY_STATIC: join(tempDir('static'), 'dist'),
    ...TEST_ENV,
    ...env,
  });
  return startRelay(config, { logger: pino({ level: 'silent' }), defaultMetrics: false, ...options });
};

export const freePort = (): Promise<number> =>
  new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
    server.on('error', reject);
  });

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns true; fails with `what` after `timeoutMs`. */
export const waitFor = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await sleep(10);
  }
};

export interface ChildRelay {
  readonly port: number;
  readonly process: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

/** Runs `tsx server/main.ts` as a child process and waits until /healthz answers. */
export const spawnRelay = async (env: Record<string, string>, port?: number): Promise<ChildRelay> => {
  const listenPort = port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'server/main.ts')], {
    cwd: REPO,
    env: { ...process.env, ...TEST_ENV, LOG_LEVEL: 'warn', PORT: String(listenPort), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.on('exit', (code, signal) => r({ code, signal })),
  );
  let dead = false;
  void exited.then(() => (dead = true));
  await waitFor(`relay on port ${listenPort} to answer /healthz`, async () => {
    if (dead) throw new Error(`relay exited early:\n${output}`);
    try {
      return (await fetch(`http://127.0.0.1:${listenPort}/healthz`)).ok;
    } catch {
      return false;
    }
  }, 30_000);
  return { port: listenPort, process: child, exited, output: () => output };
};

export const stopChild = async (relay: ChildRelay | undefined, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> => {
  if (relay === undefined || relay.process.exitCode !== null || relay.process.signalCode !== null) return;
  relay.process.kill(signal);
  await relay.exited;
};
