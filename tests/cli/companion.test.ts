/**
 * `npm run companion` as a player runs it: a companion process joins the friend's world by its
 * link through the project's relay, is shown to everyone as the friend's companion, answers when
 * spoken to by name (two questions at once too: it keeps the rules' pace for companions, 1.5 s
 * of game time between intents, even with --gap 0, and is never refused for it), follows the
 * friend out of the room, and stops cleanly on Ctrl-C (SIGINT).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKENDS, sendUntil, setUpWorlds } from './backends.ts';
import { ROOT, startAgent } from './helpers.ts';

const worlds = setUpWorlds();

describe('npm run companion', () => {
  it('joins by the link as her companion, answers its friend at a person\'s pace, follows her, and stops on SIGINT', async () => {
    const relay = BACKENDS.find((b) => b.name === 'relay')!;
    const ana = startAgent([...worlds.args(relay), '--name', 'Ana']);
    let out = '';
    let companion: ReturnType<typeof spawn> | undefined;
    try {
      const link = (await ana.send('help')).observation.world.link!;
      companion = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['src/cli/companion.ts', '--name', 'Pip', '--with', 'Ana', '--gap', '0', '--world', worlds.dir('pip'), '--join', link], { cwd: ROOT });
      companion.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      companion.stderr!.on('data', (d: Buffer) => (out += d.toString()));
      // Starting takes a while on a busy machine: it says so once it plays.
      for (const end = Date.now() + 60_000; !out.includes('here to keep Ana company') && Date.now() < end;) await new Promise((r) => setTimeout(r, 100));
      const met = await sendUntil(ana, 'help', (r) => r.observation.here.players.some((p) => p.name === 'Pip'));
      expect(met.observation.here.players.map((p) => p.name), out).toEqual(['Pip']);
      expect(met.observation.here.players[0]!.companionOf).toEqual({ player: met.observation.player!.id, name: 'Ana' });
      expect((await ana.send('look')).text).toContain('Pip, your companion, is here.');

      // Two questions at once: both answered, the second no sooner than the rules allow.
      const news: string[] = [];
      news.push(...(await ana.send('{"kind":"say","text":"Pip, what do you carry?"}')).news);
      news.push(...(await ana.send('{"kind":"say","text":"Pip, dance a jig"}')).news);
      await sendUntil(ana, 'help', (r) => (news.push(...r.news), news.includes('Pip says, "Sorry, Ana, I don\'t follow."')));
      expect(news).toContain('Pip says, "Nothing at all."');
      expect(out).not.toContain('keeps to the pace');

      await ana.send('go west');
      const followed = await sendUntil(ana, 'help', (r) => r.observation.here.players.some((p) => p.name === 'Pip'));
      expect(followed.observation.location.id).toBe('driftwood-beach');
      // It may reach this process a moment after its move reached Ana's world.
      // Its client walked after her (the players' FOLLOW), and it says so.
      for (const end = Date.now() + 20_000; !out.includes('[Pip] following Ana: You follow Ana west.') && Date.now() < end;) await new Promise((r) => setTimeout(r, 100));
      expect(out).toContain('[Pip] following Ana: You follow Ana west.');

      const code = new Promise<number | null>((done) => companion!.once('close', done));
      companion.kill('SIGINT');
      expect(await code).toBe(0);
    } finally {
      companion?.kill();
      await ana.close();
    }
  }, 120_000);
});
