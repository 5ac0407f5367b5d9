// Load generation for the relay benchmarks: raw y-websocket clients (no Y.Doc on the receiving
// side, so client cost stays small and equal for both servers), the reference server as a child
// process, RSS of a process, percentiles.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { encodeUpdate } from '../../../server/protocol.ts';
import { REPO, freePort, waitFor } from './relay.ts';

export interface Server {
  readonly name: string;
  readonly port: number;
  readonly pid: number;
  stop(): Promise<void>;
}

/** @y/websocket-server 0.1.1 (no persistence: YPERSISTENCE unset), as `npx y-websocket` runs it. */
export const spawnReference = async (): Promise<Server> => {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [join(REPO, 'node_modules/@y/websocket-server/src/server.js')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: 'ignore',
  });
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  await waitFor('reference server to listen', async () => {
    try {
      return (await fetch(`http://127.0.0.1:${port}/`)).ok;
    } catch {
      return false;
    }
  });
  return {
    name: '@y/websocket-server 0.1.1',
    port,
    pid: child.pid!,
    async stop() {
      child.kill('SIGKILL');
      await exited;
    },
  };
};

/** Resident set size of a process, in bytes (Linux). */
export const rssOf = (pid: number): number => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1] ?? 0) * 1024;
};

/**
 * CPU time a process has used so far (user + system, all its threads), in ms. Linux, 10 ms ticks:
 * measure loads of seconds. Steadier than wall time on a shared machine.
 */
export const cpuMsOf = (pid: number): number => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

export const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** A raw client: counts the update frames (sync type 2) it receives. */
export class LoadClient {
  updates = 0;
  onUpdate: (() => void) | null = null;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      if (data[0] === 0 && data[1] === 2) {
        this.updates++;
        this.onUpdate?.();
      }
    });
  }

  static open(port: number, room: string): Promise<LoadClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/${room}`, { perMessageDeflate: false });
      ws.once('open', () => resolve(new LoadClient(ws)));
      ws.once('error', reject);
    });
  }

  send(frame: Uint8Array): void {
    this.ws.send(frame);
  }

  close(): void {
    this.ws.terminate();
  }
}

/** `count` update frames, each appending one small item to the array of a fresh document. */
export const updateFrames = (count: number, label: string): Uint8Array[] => {
  const doc = new Y.Doc();
  const frames: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => frames.push(encodeUpdate(u)));
  for (let i = 0; i < count; i++) doc.getArray<string>('log').push([`${label}-${i}-some-intent-payload`]);
  doc.destroy();
  return frames;
};

export const openMany = async (port: number, rooms: string[], batch = 50): Promise<LoadClient[]> => {
  const out: LoadClient[] = [];
  for (let i = 0; i < rooms.length; i += batch) {
    out.push(...(await Promise.all(rooms.slice(i, i + batch).map((room) => LoadClient.open(port, room)))));
  }
  return out;
};
