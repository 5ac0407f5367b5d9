// Watch links in the terminal (issue 19, docs/links.md): --json gives observation.world.watchLink;
// `--join <watch link>` opens the world to watch: the story as it happens, and every action refused
// with words that say why and how to play. A world folder made before watch links opens and plays
// as before, and has none.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { relayForFile, replies, ROOT, runAgent, runClient, startAgent, startClient } from './helpers.ts';

const { tmp, relay } = relayForFile('watch-link');
const REFUSAL = 'You are watching this world; ask its owner for the play link to join.';

async function until(ok: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

it('--join <watch link> follows the world and refuses every action; the play link still joins', async () => {
  const ana = startAgent(['--world', join(tmp, 'ana'), '--relay', relay.url, '--name', 'Ana']);
  try {
    const first = await ana.send('look');
    const { link, watchLink } = first.observation.world;
    expect(watchLink).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#\/w\/[A-Za-z0-9_-]+$/);
    expect(watchLink).not.toBe(link);

    const wendel = startClient(['--world', join(tmp, 'wendel-watch'), '--join', watchLink!, '--name', 'Wendel']);
    try {
      await until(() => wendel.stdout().includes('You are watching this world through its watch link'));
      expect(wendel.stdout()).toContain('Ana (');
      await ana.send('say the tide is turning');
      await until(() => wendel.stdout().includes('Ana says, "the tide is turning"'));
      wendel.type('map');
      await until(() => wendel.stdout().includes('The isle as its players stand on it'));
      expect(wendel.stdout()).toContain('Harbor of Vetrellis: Ana.');
      wendel.type('take driftwood');
      await until(() => wendel.stdout().includes(REFUSAL));
    } finally {
      await wendel.close();
    }

    // An agent with the watch link: the same refusal, by its reason; no character, nothing signed.
    const seen = replies((await runAgent(['look', 'say hello'], ['--world', join(tmp, 'wendel-watch')])).stdout);
    expect(seen.map((r) => [r.status, r.text])).toEqual([['refused', REFUSAL], ['refused', REFUSAL]]);
    expect(seen[1]!.events).toEqual([expect.objectContaining({ type: 'refused', reason: 'sync/spectator' })]);
    expect(seen[1]!.observation.player).toBeNull();
    expect(seen[1]!.observation.world.watchLink).toBe(watchLink);

    // The play link of the same world in the same folder lets it play from now on.
    const joined = replies((await runAgent(['look'], ['--world', join(tmp, 'wendel-watch'), '--join', link!, '--name', 'Wendel'])).stdout);
    expect(joined.at(-1)!.status).toBe('ok');
    expect(joined.at(-1)!.observation.player).not.toBeNull();
  } finally {
    await ana.close();
  }
}, 120_000);

it('a world folder made before watch links opens and plays as before, and has no watch link', async () => {
  const dir = join(tmp, 'old');
  cpSync(join(ROOT, 'tests/fixtures/worlds/before-watch-links'), dir, { recursive: true });
  const r = replies((await runAgent(['look', 'say still here'], ['--world', dir, '--relay', relay.url])).stdout);
  expect(r[0]!.observation.location.id).toBe('lighthouse-yard');
  expect(r[1]!.status).toBe('ok');
  expect(r[1]!.text).toBe('You say, "still here"');
  // Shared through a relay, it has a play link (the key it always had) and no watch link.
  expect(r[1]!.observation.world.link).toContain('#/w/d7xUocdSToe2f56net6B1050aEGKEoTN');
  expect(r[1]!.observation.world.watchLink).toBeNull();
  expect(r[1]!.observation.world.owner).toBe(r[1]!.observation.player!.id);
  const human = await runClient(['look'], ['--world', dir]);
  expect(human.stdout).toContain('Welcome back to Vetrellis, Ana.');
}, 120_000);
