// Issue 16, "never act on something other than what was named": over the real Vetrellis content,
// what a player types picks the thing they named or gets a question or a plain "no such thing";
// slips in verbs and nouns are read by one rule (transpositions, prefixes).
import { describe, expect, it } from 'vitest';
import { loadContentDir } from '../../src/content/node-load.ts';
import { apply, createWorld, scopeOf, type GameState } from '../../src/engine/index.ts';
import type { Scope } from '../../src/engine/scope.ts';
import { RuleParser } from '../../src/parser/rule-parser.ts';
import { closestWord, editDistance } from '../../src/parser/words.ts';

const content = loadContentDir();
const joined = apply(content, createWorld(content, 1), { id: 'j', player: 'ana', at: 0, action: { kind: 'join', name: 'Ana' } }).state;

/** Ana at `location`, carrying `pack` (item ids), with `floor` on the ground there. */
function scopeAt(location: string, pack: readonly string[] = [], floor: Readonly<Record<string, number>> = {}): Scope {
  const p = joined.players['ana']!;
  const state: GameState = {
    ...joined,
    floors: { ...joined.floors, [location]: { ...(joined.floors[location] ?? {}), ...floor } },
    players: { ...joined.players, ana: { ...p, location, inventory: pack.map((item) => ({ item, qty: 1 })) } },
  };
  return scopeOf(content, state, 'ana');
}

const parse = (line: string, scope: Scope) => new RuleParser().parse(line, scope);

describe('slips in verbs and nouns (one rule: an edit per four letters, a swap is one edit, 3+ letter prefixes)', () => {
  it('edit distance counts a swap of neighbours as one edit', () => {
    expect(editDistance('norht', 'north', 2)).toBe(1);
    expect(editDistance('tkae', 'take', 2)).toBe(1);
    expect(editDistance('lok', 'look', 2)).toBe(1);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });

  it('picks the one closest word, prefers the everyday one on a tie, and reads unique prefixes', () => {
    expect(closestWord('lok', ['lock', 'look'], new Set(['look']))).toBe('look');
    expect(closestWord('lok', ['lock', 'look'])).toBeUndefined();
    expect(closestWord('drift', ['driftwood', 'kelp'])).toBe('driftwood');
    expect(closestWord('dr', ['driftwood'])).toBeUndefined();
    expect(closestWord('nap', ['cap'])).toBeUndefined();
  });

  it('reads tkae, lok, norht, examin as the verbs they slipped from', () => {
    const office = scopeAt('harbormaster-office');
    expect(parse('tkae coat', office).intents).toEqual([{ kind: 'take', target: 'oilskin-coat' }]);
    expect(parse('lok', office).intents).toEqual([{ kind: 'look' }]);
    expect(parse('examin coat', office).intents).toEqual([{ kind: 'examine', target: 'oilskin-coat' }]);
    expect(parse('norht', scopeAt('harbor-quay')).intents).toEqual([{ kind: 'move', dir: 'north' }]);
  });

  it('reads caot as coat and drift as driftwood', () => {
    expect(parse('take caot', scopeAt('harbormaster-office')).intents).toEqual([{ kind: 'take', target: 'oilskin-coat' }]);
    const r = parse('x drift', scopeAt('driftwood-beach'));
    expect(r.status).toBe('ok');
    expect(r.intents).toEqual([{ kind: 'examine', target: 'driftwood-pile' }]);
  });
});
