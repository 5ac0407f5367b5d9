// A border crossed as the very first command after launch: the terminal client waits (within the
// relay's time) for the zone beyond to load instead of answering "still loading", whether the
// world is resumed from its folder, joined by its link, or resumed while the relay is away.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replies, runAgent, relayForFile } from './helpers.ts';

const { tmp, relay } = relayForFile('launch');

/** The first reply of a launch that sends `lines`, checked to be a crossing into `zone`'s `location`. */
async function crossesAtOnce(lines: string[], args: string[], location: string): Promise<void> {
  const out = replies((await runAgent(lines, args)).stdout);
  expect(out.length).toBe(lines.length);
  for (const r of out) expect(r.text).not.toMatch(/still loading/);
  expect(out[0]!.status).toBe('ok');
  expect(out.at(-1)!.observation.location.id).toBe(location);
}

describe('crossing a border as the first command after launch', () => {
  it('works when the world is resumed, joined by its link, and resumed with the relay away', async () => {
    const ana = ['--world', join(tmp, 'ana'), '--relay', relay.url, '--name', 'Ana'];
    const made = replies((await runAgent(['north'], ana)).stdout);
    expect(made[0]!.observation.location.id).toBe('village-square');
    const link = made[0]!.observation.world.link!;
    expect(link).toContain('#/w/');

    // Resumed from the folder: the harbor is another zone.
    await crossesAtOnce(['south', 'north'], ana, 'village-square');
    // A newcomer by the link: their first step leaves the harbor for the village.
    await crossesAtOnce(['north'], ['--join', link, '--name', 'Bo'], 'village-square');
    // The relay cannot be reached: the folder's copy is enough to cross.
    const away = ['--world', join(tmp, 'ana'), '--relay', 'ws://127.0.0.1:9', '--name', 'Ana'];
    await crossesAtOnce(['south'], away, 'harbor-quay');
  }, 120_000);
});
