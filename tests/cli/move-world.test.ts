// MOVE WORLD in the terminal (issue 19), through the project's relay: Ana (an agent, the owner)
// moves her world while Bo plays in his terminal; Bo's client says so and plays on at the new link,
// and his folder keeps it: restarted with the same old --join link it opens the new world. Mal,
// who only ever had the old (leaked) link, gets the frozen copy, and every action there is refused
// with a line that says why. The state moving with the world is checked in
// tests/session/move-world.test.ts; this test checks the terminal's following.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { relayForFile, replies, runAgent, runClient, startAgent, startClient } from './helpers.ts';
import { FOLLOWED_NOTE } from '../../src/session/shared-world-backend.ts';
import { LEFT_BEHIND_TEXT } from '../../src/narrate/moved-lines.ts';
import { parseWorldLink } from '../../src/sync/world/world-key.ts';

const { tmp, relay } = relayForFile('move-world');

async function until(ok: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

it('the owner moves the world; a member\'s terminal follows and keeps the new link; the old link opens a frozen copy', async () => {
  const ana = startAgent(['--world', join(tmp, 'ana'), '--relay', relay.url, '--name', 'Ana']);
  try {
    const oldLink = (await ana.send('look')).observation.world.link!;
    const bo = startClient(['--world', join(tmp, 'bo'), '--join', oldLink, '--name', 'Bo']);
    try {
      await until(() => bo.stdout().includes('Harbor'));
      // Ana's world hears of Bo (his roster entry, with his box key) before she moves it.
      for (let i = 0; i < 100 && !(await ana.send('members')).text.includes('Bo'); i++) await new Promise((r) => setTimeout(r, 200));
      expect((await ana.send('members')).text).toContain('Bo');

      const refusedForBo = await runAgent(['move world now'], ['--world', join(tmp, 'bo-second'), '--join', oldLink, '--name', 'Cy']);
      expect(replies(refusedForBo.stdout).at(-1)!.text).toBe("Only the isle's maker can move this world to a new link.");

      const moved = await ana.send('move world now without Cy');
      expect(moved.text).toContain('The world has moved to a new link');
      expect(moved.text).toContain('1 member follows you there by themselves: Bo.');
      expect(moved.text).toContain('Left behind: Cy (you left them out).');
      const newLink = moved.observation.world.link!;
      expect(newLink).not.toBe(oldLink);

      await until(() => bo.stdout().includes(FOLLOWED_NOTE));
      bo.type('say we made it across');
      await until(() => bo.stdout().includes('You say, "we made it across"'));
    } finally {
      await bo.close();
    }
    const kept = JSON.parse(readFileSync(join(tmp, 'bo', 'world.json'), 'utf8')) as { worldKey: string };
    expect(kept.worldKey).toBe(parseWorldLink((await ana.send('look')).observation.world.link!)!.worldKey);

    // Restarted with the same old link, Bo's folder opens the new world.
    const again = await runClient(['look'], ['--world', join(tmp, 'bo'), '--join', oldLink, '--name', 'Bo']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Welcome back to Vetrellis, Bo.');

    // Mal only ever had the old link: the frozen copy, where nothing she does counts.
    const mal = replies((await runAgent(['look', 'say let me in'], ['--world', join(tmp, 'mal'), '--join', oldLink, '--name', 'Mal'])).stdout);
    expect(mal.at(-1)!.text).toBe(LEFT_BEHIND_TEXT);
    expect(mal.at(-1)!.events).toEqual([expect.objectContaining({ type: 'refused', reason: 'sync/moved' })]);
  } finally {
    await ana.close();
  }
}, 180_000);
