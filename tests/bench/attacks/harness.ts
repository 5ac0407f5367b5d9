// What every attack script shares: a relay from any checkout (this one, or an older commit in a
// git worktree, to measure the same attack before and after a fix) as a child process, its RSS
// and CPU time from /proc, and an honest stock y-websocket client that tries to sync.
//
//   const relay = await startRelay(); ... const peak = relay.watchPeak(); ... report('name', rows)
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { encodeUpdate } from '../../../server/protocol.ts';
import { closed, openRaw } from '../../server/helpers/clients.ts';
import { REPO, freePort, sleep, tempDir } from '../../server/helpers/relay.ts';

const args = parseArgs({ options: { 'relay-dir': { type: 'string' } }, strict: false }).values;
/** The checkout whose relay is attacked: `--relay-dir DIR` (default: this one). */
export const RELAY_DIR = resolve(typeof args['relay-dir'] === 'string' ? args['relay-dir'] : REPO);

export interface AttackedRelay {
  readonly port: number;
  readonly pid: number;
  /** Log lines the relay wrote to stdout so far. */
  logLines(): number;
  rssMb(): number;
  cpuSeconds(): number;
  /** Samples RSS every 50 ms until the returned function is called; it returns the peak (MB). */
  watchPeak(): () => number;
  stop(): Promise<void>;
}

export const startRelay = async (env: Record<string, string> = {}): Promise<AttackedRelay> => {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(RELAY_DIR, 'server/main.ts')], {
    cwd: RELAY_DIR,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', RELAY_DATA: tempDir('attack'), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let lines = 0;
  child.stdout.on('data', (d: Buffer) => {
    for (const byte of d) if (byte === 10) lines++;
  });
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch {
      await sleep(50);
    }
  }
  const pid = child.pid!;
  const rssMb = (): number => {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return Number(line?.split(/\s+/)[1] ?? 0) / 1024;
  };
  return {
    port,
    pid,
    logLines: () => lines,
    rssMb,
    cpuSeconds() {
      // Fields after the command name: utime and stime are the 12th and 13th (clock ticks of 10 ms).
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    watchPeak() {
      let peak = rssMb();
      const timer = setInterval(() => {
        try {
          peak = Math.max(peak, rssMb());
        } catch {
          // exited
        }
      }, 50);
      return () => {
        clearInterval(timer);
        return peak;
      };
    },
    async stop() {
      child.kill('SIGKILL');
      await exited;
    },
  };
};

/** A stock client from `localAddress` (optional) that tries to sync `room`; the outcome in words. */
export const honestSync = async (
  port: number,
  room: string,
  check: (doc: Y.Doc) => boolean = () => true,
  localAddress?: string,
  timeoutMs = 20_000,
): Promise<string> => {
  const Bound = localAddress === undefined
    ? WebSocket
    : class extends WebSocket {
        constructor(address: string | URL, protocols?: string | string[]) {
          super(address, protocols, { localAddress });
        }
      };
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}`, room, doc, {
    WebSocketPolyfill: Bound as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 500,
  });
  const closes: string[] = [];
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event !== null) closes.push(`${event.code} ${event.reason}`);
  });
  const start = Date.now();
  try {
    while (Date.now() - start < timeoutMs) {
      if (provider.synced && check(doc)) return `synced in ${Date.now() - start} ms`;
      await sleep(20);
    }
    return `NOT synced after ${timeoutMs} ms${closes.length > 0 ? ` (closed: ${[...new Set(closes)].join(', ')})` : ''}`;
  } finally {
    provider.destroy();
    doc.destroy();
  }
};

/**
 * Sends `count` updates, each on its own connection, and tallies how each connection ended within
 * `settleMs`: its close code and reason, or `openLabel` when the relay kept it open.
 */
export const writeEach = async (
  url: string,
  count: number,
  update: (i: number) => Uint8Array,
  settleMs: number,
  openLabel: string,
): Promise<string> => {
  const outcomes = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const ws = await openRaw(url);
    const done = closed(ws);
    ws.send(encodeUpdate(update(i)));
    const close = await Promise.race([done, sleep(settleMs).then(() => null)]);
    const key = close === null ? openLabel : `${close.code} ${close.reason}`;
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    ws.terminate();
  }
  return [...outcomes].map(([k, n]) => `${n} x ${k}`).join(', ');
};

/** Prints one attack's figures as a small table, with the checkout they were measured on. */
export const report = (attack: string, rows: Record<string, string | number>): void => {
  const width = Math.max(...Object.keys(rows).map((k) => k.length));
  console.log(`\n${attack} against ${RELAY_DIR}`);
  for (const [key, value] of Object.entries(rows)) {
    console.log(`  ${key.padEnd(width)}  ${typeof value === 'number' ? value.toFixed(1) : value}`);
  }
};
