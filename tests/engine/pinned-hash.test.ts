// Replicas on different machines (and engine builds) must agree: a fixed log on the fixture world
// folds to a pinned hash. If a rule change is intended, this hash changes on purpose: update it
// and say so in the commit, since worlds folded by the old rules will not match the new ones.
import { describe, expect, it } from 'vitest';
import { apply, createWorld, hashState } from '../../src/engine/index.ts';
import { fixture } from './fixture.ts';
import { validLog } from './guided-play.ts';

describe('pinned fold', () => {
  it('2,000 accepted intents on the fixture fold to the pinned hash', () => {
    const log = validLog(fixture, 1, 2000, ['ana', 'bo', 'cy']);
    let s = createWorld(fixture, 1);
    for (const i of log) s = apply(fixture, s, i).state;
    expect(s.tick).toBe(2000);
    expect(hashState(s)).toBe('e2b9508e13b54c041ae98046907799d303a622ea4a08aa20bbd7e1d3904595ed');
  });
});
