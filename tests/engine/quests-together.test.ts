// Cooperative quests in the engine, two players in one state (issue 17): a `together` objective is
// done only when each part is done by a different player within its turns of the zone, for
// every player on that stage who did a part, in the same intent; one player alone, or two too far
// apart, do nothing. Things that work (the sluice wheel, the adit lever, the fallen prop) are
// worked with `use` of their scenery id.
import { describe, expect, it } from 'vitest';
import { loadContentDir } from '../../src/content/node-load.ts';
import type { Direction } from '../../src/content/schema.ts';
import { journalOf, locationDescription } from '../../src/engine/index.ts';
import type { QuestProgress } from '../../src/engine/player-state.ts';
import { Game } from './fixture.ts';

const content = loadContentDir('content/vetrellis');

/** A finished quest, as the player state keeps it. */
const done = (id: string): QuestProgress => ({ id, stage: 0, have: [], done: true });
const at = (id: string, stage: number): QuestProgress => ({ id, stage, have: content.quests.get(id)!.stages[stage]!.objectives.map(() => 0), done: false });
const BEFORE = ['nobody-met-the-boat', 'where-pell-went', 'the-drowned-sailor', 'one-short-in-the-count', 'under-the-hill'];

/** Ana on the sluice stage (Bo, a friend just arrived, on no quest of the story), both in the forest. */
function mine(bo: 'helper' | 'on-quest' = 'helper'): Game {
  const g = new Game(content, 11);
  g.do('ana', { kind: 'join', name: 'Ana' });
  g.do('bo', { kind: 'join', name: 'Bo' });
  const put = (id: string, location: string, quests: QuestProgress[]) => {
    g.state = { ...g.state, players: { ...g.state.players, [id]: { ...g.player(id), location, quests } } };
  };
  const story = [...BEFORE.map(done), at('the-miners-sluice', 0)].sort((a, b) => (a.id < b.id ? -1 : 1));
  put('ana', 'old-mine', story);
  put('bo', 'mine-mouth', bo === 'on-quest' ? story : [at('nobody-met-the-boat', 0)]);
  g.state = { ...g.state, flags: [...g.state.flags, 'bramble-wall', 'mine-gate'].sort() };
  return g;
}
const quest = (g: Game, who: string, id: string) => journalOf(content, g.state, who).find((q) => q.id === id);
const work = (g: Game, who: string, target: string) => g.do(who, { kind: 'use', target });
const go = (g: Game, who: string, ...dirs: Direction[]) => { for (const dir of dirs) g.do(who, { kind: 'move', dir }); };

describe('cooperative quests', () => {
  it('the sluice: the wheel and the lever worked by two players within three turns drain the stair', () => {
    const g = mine();
    work(g, 'ana', 'sluice-wheel');
    expect(g.events.map((e) => e.type)).toEqual(['worked', 'together-part']);
    expect(g.events[1]).toMatchObject({ quest: 'the-miners-sluice', have: 1, need: 2 });
    expect(quest(g, 'ana', 'the-miners-sluice')?.status).toBe('active');
    work(g, 'bo', 'adit-lever');
    expect(g.events.map((e) => e.type)).toEqual(expect.arrayContaining(['worked', 'together-part', 'quest-stage-done', 'quest-done', 'quest-started']));
    // Ana's quest is done though Bo did the deed of this intent; Bo, on no such quest, only helped.
    expect(g.events.find((e) => e.type === 'quest-done')).toMatchObject({ quest: 'the-miners-sluice', player: 'ana', location: 'old-mine' });
    expect(quest(g, 'ana', 'the-miners-sluice')?.status).toBe('done');
    expect(quest(g, 'ana', 'the-count-moves')?.stage).toBe('down-the-stair');
    expect(quest(g, 'bo', 'the-miners-sluice')).toBeUndefined();
    expect(g.player('ana').inventory).toContainEqual({ item: 'miners-lamp', qty: 1 });
    expect(g.state.flags).toContain('deep-stair');
    expect(g.state.together).toBeUndefined();
    expect(locationDescription(content, g.state, 'ana', 0)).toContain('drained and gleaming');
    // The stair is open now, for Bo too, who has no lamp.
    go(g, 'bo', 'in', 'down');
    expect(g.player('bo').location).toBe('deep-workings');
  });

  it('both players on the stage finish it together, in one intent, wherever each stands', () => {
    const g = mine('on-quest');
    work(g, 'bo', 'adit-lever');
    work(g, 'ana', 'sluice-wheel');
    const finished = g.events.filter((e) => e.type === 'quest-done' && e.quest === 'the-miners-sluice');
    expect(finished.map((e) => [e.player, e.location])).toEqual([['ana', 'old-mine'], ['bo', 'mine-mouth']]);
    expect(g.player('bo').inventory).toContainEqual({ item: 'miners-lamp', qty: 1 });
  });

  it('one player alone cannot do both parts, however quick', () => {
    const g = mine();
    go(g, 'bo', 'west');
    work(g, 'ana', 'sluice-wheel');
    go(g, 'ana', 'out');
    work(g, 'ana', 'adit-lever');
    expect(g.refusal).toBeNull();
    expect(g.events.find((e) => e.type === 'together-part')).toMatchObject({ have: 1, need: 2 });
    expect(quest(g, 'ana', 'the-miners-sluice')?.status).toBe('active');
    expect(g.state.flags).not.toContain('deep-stair');
  });

  it('two parts too many turns apart do not count: the first has slipped back', () => {
    const g = mine();
    work(g, 'ana', 'sluice-wheel');
    for (let i = 0; i < 3; i++) g.do('bo', { kind: 'wait' });
    work(g, 'bo', 'adit-lever');
    expect(g.events.find((e) => e.type === 'together-part')).toMatchObject({ have: 1, need: 2 });
    expect(quest(g, 'ana', 'the-miners-sluice')?.status).toBe('active');
    // Ana works the wheel again at once: now they are together.
    work(g, 'ana', 'sluice-wheel');
    expect(quest(g, 'ana', 'the-miners-sluice')?.status).toBe('done');
  });

  it('the fallen prop: two players heaving in consecutive turns free Pell; one heaving twice does not', () => {
    const g = mine('on-quest');
    work(g, 'ana', 'sluice-wheel');
    work(g, 'bo', 'adit-lever');
    go(g, 'bo', 'in', 'down');
    go(g, 'ana', 'down');
    g.do('ana', { kind: 'talk', target: 'pell' });
    expect(quest(g, 'ana', 'the-count-moves')?.stage).toBe('lift-together');
    g.do('ana', { kind: 'talk', target: 'pell', topic: 'prop' });
    expect(g.events[0]).toMatchObject({ type: 'talked', topic: 'pell-prop' });
    work(g, 'ana', 'fallen-prop');
    work(g, 'ana', 'fallen-prop');
    expect(quest(g, 'ana', 'the-count-moves')?.status).toBe('active');
    work(g, 'bo', 'fallen-prop');
    expect(quest(g, 'ana', 'the-count-moves')?.status).toBe('done');
    expect(quest(g, 'ana', 'what-the-stone-counts')?.stage).toBe('the-marks');
    // Bo was not on that stage (he never spoke to Pell): he helped, and his quest waits.
    expect(quest(g, 'bo', 'the-count-moves')?.stage).toBe('down-the-stair');
    expect(g.state.flags).toContain('pell-freed');
    expect(locationDescription(content, g.state, 'ana', 0)).toContain('Pell sits on an upturned bucket');
    g.do('ana', { kind: 'talk', target: 'pell', topic: 'leg' });
    expect(g.events[0]).toMatchObject({ type: 'talked', topic: 'pell-leg' });
  });
});
