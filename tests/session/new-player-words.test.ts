/**
 * What a new player types, through a world in memory and a kept world (the shared backend players
 * use): on the beach, CAST TIDE BOLT strikes the tide crab (it once answered "Nothing obvious
 * happens." and spent nothing), and a bare ATTACK goes on with the crab until it falls; with
 * driftwood sticks in the pack, GATHER DRIFTWOOD STICKS gathers from the pile (it once answered
 * "You can't gather anything from the driftwood stick.").
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LocalWorld, memoryLogStore } from '../../src/session/local-world.ts';
import { Session, type Reply } from '../../src/session/index.ts';
import { vetrellis } from '../golden/transcript.ts';
import { KeptWorld } from './kept-world.ts';

let kept: KeptWorld | undefined;
afterEach(async () => {
  await kept?.dispose();
  kept = undefined;
});

const worlds: [string, () => Promise<{ handle(line: string): Promise<Reply> }>][] = [
  ['in memory', async () => {
    let t = 0;
    const session = new Session(LocalWorld.open(vetrellis(), memoryLogStore(3)), { name: 'Ana', clock: () => 1_000_000 + (t += 1) * 10_000 });
    session.start();
    return session;
  }],
  ['in a kept world', async () => {
    kept = await KeptWorld.create('Ana');
    kept.session.start();
    return kept.session;
  }],
];

describe.each(worlds)('a new player\'s words, %s', (_where, open) => {
  it('CAST TIDE BOLT strikes the crab on the beach, and a bare ATTACK goes on with it', async () => {
    const s = await open();
    expect((await s.handle('west')).observation.location?.id).toBe('driftwood-beach');
    const bolt = await s.handle('cast tide bolt');
    expect(bolt.intents).toEqual([{ kind: 'attack', target: 'tide-crab', with: 'tide-bolt' }]);
    expect(bolt.text).toMatch(/^You use tide bolt on the tide crab for \d+ damage/);
    expect(bolt.observation.player?.mp).toBe(bolt.observation.player!.maxMp - 3);
    let last = bolt;
    for (let i = 0; last.observation.here.enemies.some((e) => e.id === 'tide-crab'); i++) {
      expect(i, 'the crab never fell').toBeLessThan(20);
      last = await s.handle('attack');
      expect(last.intents).toEqual([{ kind: 'attack', target: 'tide-crab' }]);
    }
    expect(last.text).toContain('The tide crab folds its legs under it and lies still');
  }, 60_000);

  it('GATHER DRIFTWOOD STICKS with sticks in the pack gathers from the pile', async () => {
    const s = await open();
    await s.handle('west');
    expect((await s.handle('gather driftwood')).intents).toEqual([{ kind: 'gather', target: 'driftwood-pile' }]);
    const again = await s.handle('gather driftwood sticks');
    expect(again.intents).toEqual([{ kind: 'gather', target: 'driftwood-pile' }]);
    expect(again.text).toMatch(/^You gather \w+ driftwood sticks? from the driftwood pile\./);
    expect((await s.handle('gather 2 driftwood sticks')).intents).toEqual([{ kind: 'gather', target: 'driftwood-pile', qty: 2 }]);
  }, 60_000);
});
