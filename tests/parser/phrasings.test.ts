// The phrasing set (tests/parser/phrasings.yaml): the rule parser's accuracy over 300+ lines
// people type. Prints the accuracy; fails on any miss, listing each with what came out.
import { describe, expect, it } from 'vitest';
import { Action } from '../../src/engine/action.ts';
import { actionOf, checkPhrasing, loadPhrasings } from './phrasings.ts';

const cases = loadPhrasings();

describe('phrasing set', () => {
  it('has 300+ lines whose expected intents are valid actions', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    for (const c of cases) {
      if (/^[?!=@]/.test(c.expected)) continue;
      for (const s of c.expected.split(';')) expect(() => Action.parse(actionOf(s.trim())), s).not.toThrow();
    }
  });

  it('is understood by the rule parser', () => {
    const misses: string[] = [];
    for (const c of cases) {
      const why = checkPhrasing(c);
      if (why) misses.push(`[${c.scope}] ${c.lines.join(' | ')} -> ${why}`);
    }
    const accuracy = (cases.length - misses.length) / cases.length;
    console.log(`rule parser phrasing accuracy: ${(accuracy * 100).toFixed(1)}% (${cases.length - misses.length}/${cases.length})`);
    expect(misses).toEqual([]);
  });
});
