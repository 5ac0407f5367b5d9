// The commands the web app offers for a first word come from the parser's own table: each of
// them, typed alone, is understood (never "unknown verb"), so completion never offers a word
// the game then refuses to know.
import { describe, expect, it } from 'vitest';
import { loadContentDir } from '../../src/content/node-load.ts';
import { apply, createWorld, scopeOf } from '../../src/engine/index.ts';
import { SUGGESTED_VERBS, nounActOf } from '../../src/parser/grammar.ts';
import { RuleParser } from '../../src/parser/rule-parser.ts';

const content = loadContentDir();
const state = apply(content, createWorld(content, 1), { id: 'j', player: 'ana', at: 0, action: { kind: 'join', name: 'Ana' } }).state;

describe('suggested verbs', () => {
  it.each(SUGGESTED_VERBS)('"%s" is a command the parser knows', (verb) => {
    const r = new RuleParser().parse(verb, scopeOf(content, state, 'ana'));
    expect(r.status).not.toBe('unknown-verb');
  });

  it('read a verb by what its bare noun phrase does', () => {
    expect(nounActOf('grab')).toBe('take');
    expect(nounActOf('walk')).toBe('travel');
    expect(nounActOf('ask')).toBe('talk');
    expect(nounActOf('inventory')).toBeUndefined();
  });
});
