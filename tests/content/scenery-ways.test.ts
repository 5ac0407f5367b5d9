/**
 * Scenery named like the room a way out of here leads to ("the net sheds" on the quay, "the
 * forest" in the square) is how a player names that way: GO TO THE NET SHEDS, ENTER THE FOREST.
 * Such a thing needs `leads` (the direction it leads), or the parser finds the scenery, not the
 * way, and answers that you can't go there. Session 14's play-test met about 40 of them. This
 * lists every piece of scenery on the isle whose name or an alias names a room a way out leads to
 * (as whole words, either inside the other) and has no `leads`: only the ones below, read and kept
 * on purpose, may stay so. A new one fails here: give it `leads`, or add it with the reason.
 */
import { describe, expect, it } from 'vitest';
import { loadContentDir } from '../../src/content/node-load.ts';
import { newPlayer } from '../session/isle-questions.ts';

const content = loadContentDir();

/** `<room>: <scenery>` that names a neighbouring room and rightly leads nowhere. */
const NOT_A_WAY: Record<string, string> = {
  'cliff-path: path': 'the path you stand on, running both ways (north and south)',
  'copper-cliffs: cliff': 'the cliff face being mined, not the cliff path behind you',
  'tide-pools: sea': 'the open sea, not the sea cave',
  'mine-mouth: cutting': 'the cut in the hillside (its alias "copper" is the ore), not the mine',
  'drowned-causeway: stones': 'the causeway underfoot, both ways',
  'peat-cuttings: moor': 'the moor all around, not the moor track',
};

const norm = (name: string): string => name.toLowerCase().replace(/^the /, '');
/** Whether `a` is `b` or whole words of it. */
const within = (a: string, b: string): boolean => ` ${b} `.includes(` ${a} `);

function waysWithoutLeads(): string[] {
  const out: string[] = [];
  for (const loc of content.locations.values()) {
    for (const thing of loc.scenery) {
      if (thing.leads !== undefined) continue;
      const names = [thing.name, ...thing.aliases].map(norm);
      const named = loc.exits.some((exit) => {
        const to = content.locations.get(exit.to);
        const rooms = to ? [norm(to.name)] : [];
        return names.some((n) => rooms.some((r) => within(n, r) || within(r, n)));
      });
      if (named) out.push(`${loc.id}: ${thing.name}`);
    }
  }
  return out.sort();
}

describe('scenery that names the room beyond a way out', () => {
  it('leads there, unless it is one of the few kept on purpose', () => {
    expect(waysWithoutLeads()).toEqual(Object.keys(NOT_A_WAY).sort());
  });

  it('takes a player there: GO TO THE NET SHEDS, WALK TO THE VILLAGE, ENTER THE FOREST, FOLLOW THE PATH', async () => {
    const s = newPlayer();
    const where = () => s.world.state.players[s.world.player]?.location;
    expect((await s.handle('go to the net sheds')).intents).toEqual([{ kind: 'move', dir: 'east' }]);
    expect(where()).toBe('net-sheds');
    await s.handle('west');
    expect((await s.handle('walk to the village')).intents).toEqual([{ kind: 'move', dir: 'north' }]);
    expect((await s.handle('enter the forest')).intents).toEqual([{ kind: 'move', dir: 'north' }]);
    expect(where()).toBe('forest-edge');
    expect((await s.handle('go to the hollow')).intents).toEqual([{ kind: 'move', dir: 'east' }]);
    // Session 15's play: FOLLOW THE PATH said "say which direction to go".
    expect((await s.handle('follow the path')).intents).toEqual([{ kind: 'move', dir: 'north' }]);
  });
});
