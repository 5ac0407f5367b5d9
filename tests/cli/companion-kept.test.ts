/**
 * "Pip, help me make a flint knife" in kept worlds, as players run them: Ana plays in her world
 * folder (`--world DIR --relay URL`), her companion runs as `npm run companion` in its own folder,
 * both through the project's relay. Pip gathers what the knife wants on the beach and hands it
 * over; Ana makes it. Then both processes are stopped (Ctrl-C for the companion) and started
 * again from their folders: Ana still has the knife, Pip is the same character (not a second
 * one), still her companion, beside her and following her, and it helps her make another.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sendUntil, setUpWorlds } from './backends.ts';
import { ROOT, startAgent, type AgentReply, type LiveAgent } from './helpers.ts';

const worlds = setUpWorlds();

interface RunningCompanion {
  readonly child: ChildProcess;
  out(): string;
  stop(): Promise<number | null>;
}

async function startCompanion(link: string, folder: string): Promise<RunningCompanion> {
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['src/cli/companion.ts', '--name', 'Pip', '--with', 'Ana', '--world', folder, '--join', link], { cwd: ROOT });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const closed = new Promise<number | null>((done) => child.once('close', done));
  for (const end = Date.now() + 60_000; !out.includes('here to keep Ana company') && Date.now() < end;) await new Promise((r) => setTimeout(r, 100));
  expect(out).toContain('here to keep Ana company');
  return {
    child,
    out: () => out,
    stop: () => {
      child.kill('SIGINT');
      return closed;
    },
  };
}

const pipSaid = (news: string[], text: string) => news.includes(`Pip says, "${text}"`);
const count = (r: AgentReply, item: string) => r.observation.player.inventory.filter((s) => s.id === item).reduce((n, s) => n + s.qty, 0);

/** Ana asks for help with the knife, waits for Pip's last word, and makes it. */
async function makeKnifeWithPip(ana: LiveAgent, pip: RunningCompanion): Promise<AgentReply> {
  const news: string[] = [];
  news.push(...(await ana.send('{"kind":"say","text":"Pip, help me make a flint knife"}')).news);
  const done = "There you are, Ana: that's all you need for the flint knife.";
  await sendUntil(ana, 'inventory', (r) => (news.push(...r.news), pipSaid(news, done)));
  for (const end = Date.now() + 20_000; !pipSaid(news, done) && Date.now() < end;) {
    news.push(...(await ana.send('inventory')).news);
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(news, pip.out()).toContain(`Pip says, "${done}"`);
  const made = await ana.send('craft flint knife');
  expect(made.status, made.text).toBe('ok');
  return made;
}

describe('a companion helping in kept worlds, stopped and started again', () => {
  it('Pip helps Ana make a flint knife; after both are restarted from their folders the knife and Pip are still there, and Pip helps again', async () => {
    const anaArgs = ['--world', worlds.dir('ana'), '--relay', worlds.relayUrl(), '--name', 'Ana'];
    const pipFolder = worlds.dir('pip');
    let ana = startAgent(anaArgs);
    let pip: RunningCompanion | undefined;
    try {
      const link = (await ana.send('look')).observation.world.link!;
      expect(link).toBeTruthy();
      pip = await startCompanion(link, pipFolder);
      const pipHere = (r: AgentReply) => r.observation.here.players.some((p) => p.name === 'Pip');
      expect(pipHere(await sendUntil(ana, 'look', pipHere)), pip.out()).toBe(true);
      await ana.send('go west');
      const beach = await sendUntil(ana, 'look', pipHere);
      expect(beach.observation.location.id).toBe('driftwood-beach');
      expect(pipHere(beach), pip.out()).toBe(true);

      const first = await makeKnifeWithPip(ana, pip);
      expect(count(first, 'flint-knife')).toBe(1);

      // Both stop: the companion on Ctrl-C (flushing its writes), Ana at the end of her input.
      expect(await pip.stop()).toBe(0);
      pip = undefined;
      expect(await ana.close()).toBe(0);

      // Both start again from their folders.
      ana = startAgent(anaArgs);
      const back = await ana.send('inventory');
      expect(back.observation.location.id).toBe('driftwood-beach');
      expect(count(back, 'flint-knife')).toBe(1);
      pip = await startCompanion(link, pipFolder);
      const again = await sendUntil(ana, 'look', (r) => r.observation.here.players.some((p) => p.name === 'Pip' && p.online));
      const pips = again.observation.here.players.filter((p) => p.name.startsWith('Pip'));
      // The same character: one Pip, still Ana's companion, still following her.
      expect(pips.map((p) => p.name), pip.out()).toEqual(['Pip']);
      expect(pips[0]!.companionOf).toEqual({ player: again.observation.player.id, name: 'Ana' });
      const party = (again.observation as unknown as { party: { followers: { name: string }[] } }).party;
      expect(party.followers.map((f) => f.name)).toEqual(['Pip']);

      const second = await makeKnifeWithPip(ana, pip);
      expect(count(second, 'flint-knife')).toBe(2);
      // It kept the rules' pace for companions throughout: never refused for it.
      expect(pip.out()).not.toContain('keeps to the pace');
    } finally {
      if (pip) await pip.stop();
      await ana.close();
    }
  }, 240_000);
});
