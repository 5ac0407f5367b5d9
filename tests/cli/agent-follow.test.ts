/**
 * `--follow` as a waiting bot uses it: two terminal clients in `--json` mode share a world through
 * the project's relay (a child process each), and the one that follows hears the other speak and
 * act as it happens, as `{"type":"news"}` lines between its replies, without sending anything.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKENDS, sendUntil, setUpWorlds } from './backends.ts';
import { ROOT, startAgent, type LiveAgent } from './helpers.ts';

const worlds = setUpWorlds();

interface Line {
  type: 'reply' | 'news';
  text: string;
  input?: string;
  news: string[];
  events: { type: string; player?: string; text?: string }[];
  observation: { world: { link: string | null }; player: { id: string } | null };
}

/** A client whose every stdout line is kept, replies and news alike. */
function startFollower(args: readonly string[]) {
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['src/cli/main.ts', '--json', '--follow', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
  const lines: Line[] = [];
  let buffered = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    buffered += d.toString();
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      lines.push(JSON.parse(buffered.slice(0, nl)) as Line);
      buffered = buffered.slice(nl + 1);
    }
  });
  const exited = new Promise<number | null>((done) => child.once('close', done));
  return {
    lines,
    send: (line: string) => child.stdin.write(line + '\n'),
    async waitFor(ok: (l: Line) => boolean, what: string, ms = 20_000): Promise<Line> {
      const end = Date.now() + ms;
      for (;;) {
        const found = lines.find(ok);
        if (found) return found;
        if (Date.now() > end || child.exitCode !== null) throw new Error(`never got ${what}; lines:\n${lines.map((l) => JSON.stringify(l).slice(0, 200)).join('\n')}\n${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => {
      child.stdin.end();
      return exited;
    },
  };
}

describe('--follow through the relay', () => {
  it('tells a waiting agent what another says and does, as news lines, while it sends nothing', async () => {
    const relay = BACKENDS.find((b) => b.name === 'relay')!;
    const ana: LiveAgent = startAgent([...worlds.args(relay), '--name', 'Ana']);
    let bo: ReturnType<typeof startFollower> | undefined;
    try {
      const first = await ana.send('{"kind":"look"}');
      bo = startFollower(['--world', worlds.dir('bo-follows'), '--join', first.observation.world.link!, '--name', 'Bo']);
      bo.send('help');
      const boReply = await bo.waitFor((l) => l.type === 'reply', "Bo's reply to help");
      const boId = boReply.observation.player!.id;
      // Ana's world holds Bo once his join has come through the relay.
      await sendUntil(ana, 'help', (r) => r.observation.here.players.some((p) => p.id === boId));
      const heardBefore = bo.lines.length;

      const said = await ana.send('{"kind":"say","text":"Hello, Bo"}');
      expect(said.status).toBe('ok');
      const news = await bo.waitFor((l) => l.type === 'news' && l.text.includes('Hello, Bo'), 'news of Ana speaking');
      expect(news.text).toBe('Ana says, "Hello, Bo"');
      expect(news.events).toEqual([expect.objectContaining({ type: 'said', text: 'Hello, Bo', location: 'harbor-quay' })]);
      await ana.send('go west');
      const left = await bo.waitFor((l) => l.type === 'news' && l.events.some((e) => e.type === 'moved'), 'news of Ana leaving');
      expect(left.text).toContain('Ana');
      // Nothing but news came to Bo meanwhile: he sent no line.
      expect(bo.lines.slice(heardBefore).every((l) => l.type === 'news')).toBe(true);

      bo.send('look');
      const look = await bo.waitFor((l) => l.type === 'reply' && l.input === 'look', "Bo's look");
      expect(look.news).toEqual([]);
      expect(look.text).not.toContain('Ana is here');
    } finally {
      await ana.close();
      await bo?.close();
    }
  }, 120_000);
});
