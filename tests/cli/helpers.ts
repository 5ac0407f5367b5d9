/**
 * Running the terminal client and the relay as child processes, the way players and hosts do.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

export const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

export interface AgentReply {
  type: 'reply';
  input: string;
  status: string;
  intents: { kind: string; [k: string]: unknown }[];
  /** The command's events (src/engine/events.ts), refusals with their reason. */
  events: { type: string; player: string; location: string; [k: string]: unknown }[];
  reward: { exp: number; levels: number; gained: { item: string; qty: number }[]; lost: { item: string; qty: number }[] };
  text: string;
  news: string[];
  observation: {
    turn: number;
    stateHash: string;
    world: { id: string; link: string | null; watchLink: string | null; contentMismatch: boolean; owner: string | null; role: string; members: { player: string; name: string; role: string; banned: boolean; muted: boolean; you: boolean }[] };
    location: { id: string; exits: { dir: string; to: string; locked: boolean }[] };
    here: { items: { id: string; qty: number }[]; nodes: { id: string; remaining: number }[]; players: { id: string; name: string; online: boolean; companionOf?: { player: string; name: string | null } }[] };
    player: { id: string; inventory: { id: string; qty: number }[]; carried: { weight: number; maxWeight: number } };
  };
}

export function runAgent(lines: readonly string[], args: readonly string[] = []): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return runClient(lines, ['--json', ...args]);
}

/** The terminal client as a person runs it (human mode, no colour), fed `lines` and then the end of input. */
export function runClient(lines: readonly string[], args: readonly string[] = []): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((done, fail) => {
    const child = spawn(TSX, ['src/cli/main.ts', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ stdout, stderr, code }));
    child.stdin.end(lines.map((l) => l + '\n').join(''));
  });
}

/** An agent that stays connected between commands: `send` answers with the reply to one line. */
export interface LiveAgent {
  send(line: string): Promise<AgentReply>;
  /** Ends its input and waits for it to exit (it flushes its writes to the relay first). */
  close(): Promise<number | null>;
}

export function startAgent(args: readonly string[]): LiveAgent {
  const child = spawn(TSX, ['src/cli/main.ts', '--json', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
  const waiting: { done: (reply: AgentReply) => void; fail: (err: Error) => void }[] = [];
  let stderr = '';
  const exited = new Promise<number | null>((done) => child.once('close', (code) => {
    for (const w of waiting.splice(0)) w.fail(new Error(`the agent exited (${code}) before answering: ${stderr}`));
    done(code);
  }));
  let buffered = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    buffered += d.toString();
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      const text = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (text) waiting.shift()?.done(JSON.parse(text) as AgentReply);
    }
  });
  return {
    send: (line) => new Promise((done, fail) => {
      if (child.exitCode !== null) return fail(new Error(`the agent has exited: ${stderr}`));
      waiting.push({ done, fail });
      child.stdin.write(line + '\n');
    }),
    close: () => {
      child.stdin.end();
      return exited;
    },
  };
}

/** The terminal client as a person runs it, kept open: what it printed so far, a line typed, its end. */
export interface LiveClient {
  readonly stdout: () => string;
  type(line: string): void;
  close(): Promise<number | null>;
}

export function startClient(args: readonly string[]): LiveClient {
  const child = spawn(TSX, ['src/cli/main.ts', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((done) => child.once('close', done));
  return {
    stdout: () => stdout + stderr,
    type: (line) => child.stdin.write(line + '\n'),
    close: () => {
      child.stdin.end();
      return exited;
    },
  };
}

export function replies(stdout: string): AgentReply[] {
  return stdout.trimEnd().split('\n').filter(Boolean).map((l) => JSON.parse(l) as AgentReply);
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts `npm run relay` on a free port with its own data folder; resolves once it listens. */
/**
 * A relay process for a whole test file, and a temporary folder for it and the players' worlds,
 * both gone after the file's tests: `const { tmp, relay } = relayForFile('trade')`.
 */
export function relayForFile(name: string): { readonly tmp: string; readonly relay: { readonly url: string } } {
  const tmp = mkdtempSync(join(tmpdir(), `vetrellis-${name}-`));
  let running: Awaited<ReturnType<typeof startRelay>> | undefined;
  beforeAll(async () => {
    running = await startRelay(join(tmp, 'relay'));
  }, 60_000);
  afterAll(async () => {
    await running?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });
  return {
    tmp,
    relay: {
      get url(): string {
        if (running === undefined) throw new Error('the relay is not running yet');
        return running.url;
      },
    },
  };
}

export async function startRelay(dataDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(TSX, ['server/main.ts', '--port', String(port), '--data', dataDir, '--log-level', 'warn'], {
    cwd: ROOT, env: { ...process.env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the relay did not start on port ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `ws://127.0.0.1:${port}`,
    stop: () => new Promise((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    }),
  };
}
