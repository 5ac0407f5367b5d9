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
    expect(hashState(s)).toBe('1510d19ca962b75ffd62a4e8ffefaa1004cc662cf85cfafaabb0f475f032e190');
  });
});
