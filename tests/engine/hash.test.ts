// The state hash is canonical: it depends on content, never on key insertion order.
import { describe, expect, it } from 'vitest';
import { canonicalJson, createWorld, hashState } from '../../src/engine/index.ts';
import { fixture } from './fixture.ts';

describe('hashState', () => {
  it('ignores key order and undefined fields', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: null, c: 'x' }], u: undefined })).toBe('{"a":[2,{"c":"x","d":null}],"b":1}');
    const s = createWorld(fixture, 5);
    const reordered = Object.fromEntries(Object.entries(s).reverse()) as typeof s;
    expect(hashState(reordered)).toBe(hashState(s));
  });

  it('differs for different seeds and is stable for one', () => {
    expect(hashState(createWorld(fixture, 1))).toBe(hashState(createWorld(fixture, 1)));
    expect(hashState(createWorld(fixture, 1))).not.toBe(hashState(createWorld(fixture, 2)));
  });
});
