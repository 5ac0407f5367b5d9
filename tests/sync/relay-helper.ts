/**
 * Starts a real relay process on a free port for the sync tests: the reference y-websocket
 * server (@y/websocket-server), or the project's own relay (server/main.ts) with a temporary
 * data directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll } from 'vitest';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface RunningRelay {
  readonly url: string;
  stop(): Promise<void>;
}

async function startProcess(args: string[], env: Record<string, string>, ready: string, port: number, cleanup = (): void => {}): Promise<RunningRelay> {
  const child: ChildProcess = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not start:\n${output}`)), 20_000);
    const look = (d: Buffer): void => {
      output += d.toString();
      if (output.includes(ready)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', look);
    child.stderr!.on('data', look);
    child.on('exit', (code) => reject(new Error(`relay exited ${code}:\n${output}`)));
  });
  return {
    url: `ws://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => {
          cleanup();
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

export async function startReferenceRelay(atPort?: number): Promise<RunningRelay> {
  const port = atPort ?? (await freePort());
  const require = createRequire(import.meta.url);
  const pkg = dirname(require.resolve('@y/websocket-server/package.json'));
  return startProcess([join(pkg, 'src/server.js')], { HOST: '127.0.0.1', PORT: String(port) }, 'running', port);
}

export async function startProjectRelay(env: Record<string, string> = {}): Promise<RunningRelay> {
  const port = await freePort();
  const data = mkdtempSync(join(tmpdir(), 'vetrellis-sync-relay-'));
  const main = new URL('../../server/main.ts', import.meta.url).pathname;
  return startProcess(['--import', 'tsx', main, '--port', String(port), '--host', '127.0.0.1', '--data', data], { LOG_LEVEL: 'info', ...env }, 'relay listening', port, () => rmSync(data, { recursive: true, force: true }));
}

/**
 * The project's relay for every test of a file: started before the first, stopped after the last.
 * The returned function gives the running relay (inside a test).
 */
export function projectRelayForFile(): () => RunningRelay {
  let running: RunningRelay | undefined;
  beforeAll(async () => {
    running = await startProjectRelay();
  }, 30_000);
  afterAll(async () => {
    await running?.stop();
  });
  return () => {
    if (!running) throw new Error('the project relay is not running (projectRelayForFile outside a test?)');
    return running;
  };
}
