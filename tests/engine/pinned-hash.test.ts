// Replicas on different machines (and engine builds) must agree: a fixed log on the fixture world
// folds to a pinned hash. If a rule change is intended, this hash changes on purpose: update it
// and say so in the commit, since worlds folded by the old rules will not match the new ones.
import { describe, expect, it } from 'vitest';
import { Quest } from '../../src/content/schema.ts';
import { apply, createWorld, hashState, journalOf } from '../../src/engine/index.ts';
import { fixture } from './fixture.ts';
import { validLog } from './guided-play.ts';

describe('pinned fold', () => {
  it('2,000 accepted intents on the fixture fold to the pinned hash', () => {
    const log = validLog(fixture, 1, 2000, ['ana', 'bo', 'cy']);
    let s = createWorld(fixture, 1);
    for (const i of log) s = apply(fixture, s, i).state;
    expect(s.tick).toBe(2000);
    expect(hashState(s)).toBe('3d34293cf6a3b9bb9719bf471c82cd27fbf7291d5d59016a83b940d126071341');
  });

  // Quest rules (rules/quests.ts): the same kind of log on the fixture with two quests, one begun
  // at joining and one by a topic, pinned on purpose when quests came in (issue 17).
  it('2,000 accepted intents with quests fold to the pinned hash', () => {
    const quests = [
      Quest.parse({
        id: 'first-steps', name: 'First Steps', finished: 'Done.', rewards: { exp: 5, items: [{ item: 'rope' }] },
        stages: [
          { id: 'walk', text: 'Walk.', objectives: [{ visit: 'square', text: 'See the square' }] },
          { id: 'work', text: 'Work.', objectives: [{ gather: 'driftwood', qty: 3, text: 'Gather wood' }, { defeat: 'crab', text: 'Beat the crab' }] },
        ],
      }),
      Quest.parse({
        id: 'the-lamp', name: 'The Lamp', starts: { talk: 'archon' }, finished: 'Lit.', rewards: { exp: 10, regard: [{ npc: 'archon', by: 1 }] },
        stages: [{ id: 'light', text: 'Light it.', objectives: [{ flag: 'lamp-lit', text: 'Light the lamp' }, { craft: 'potion', qty: 2, text: 'Brew' }] }],
      }),
    ];
    const content = { ...fixture, quests: new Map(quests.map((q) => [q.id, q])) };
    const log = validLog(content, 1, 2000, ['ana', 'bo', 'cy']);
    let s = createWorld(content, 1);
    for (const i of log) s = apply(content, s, i).state;
    expect(s.tick).toBe(2000);
    const done = ['ana', 'bo', 'cy'].flatMap((p) => journalOf(content, s, p).filter((q) => q.status === 'done').map((q) => `${p}:${q.id}`));
    expect(done.length).toBeGreaterThan(0);
    expect(hashState(s)).toBe('b4f6d08bfcdf88b6a306778cefe5f6d98b42ae0c53ea63e634160890bbc127c6');
  });
});
