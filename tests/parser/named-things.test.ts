// Issue 16, "never act on something other than what was named": over the real Vetrellis content,
// what a player types picks the thing they named or gets a question or a plain "no such thing";
// slips in verbs and nouns are read by one rule (transpositions, prefixes).
import { describe, expect, it } from 'vitest';
import { loadContentDir } from '../../src/content/node-load.ts';
import { apply, createWorld, scopeOf, type GameState } from '../../src/engine/index.ts';
import type { Scope } from '../../src/engine/scope.ts';
import { RuleParser } from '../../src/parser/rule-parser.ts';
import { closestWord, editDistance } from '../../src/parser/words.ts';
import { harbor } from './fixtures.ts';

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

  it('a whole name of something elsewhere is not a slip for a name here: tkae coat on the quay is not the boats', () => {
    const quay = scopeAt('harbor-quay');
    for (const line of ['tkae coat', 'take coat', 'x coat']) {
      const r = parse(line, quay);
      expect(r.intents, line).toEqual([]);
      expect(r.text, line).toBe("You can't see any coat here.");
    }
    // A slip that is no name of anything is still read.
    expect(parse('x baot', quay).intents).toEqual([{ kind: 'examine', target: expect.stringContaining('boat') }]);
  });

  it('reads caot as coat and drift as driftwood', () => {
    expect(parse('take caot', scopeAt('harbormaster-office')).intents).toEqual([{ kind: 'take', target: 'oilskin-coat' }]);
    const r = parse('x drift', scopeAt('driftwood-beach'));
    expect(r.status).toBe('ok');
    expect(r.intents).toEqual([{ kind: 'examine', target: 'driftwood-pile' }]);
  });
});

describe('a whole name is never read as part of another thing', () => {
  it('drop flint with no flint carried says so, and never drops the flint pickaxe', () => {
    const r = parse('drop flint', scopeAt('harbor-quay', ['flint-pickaxe', 'flint-spear']));
    expect(r.intents).toEqual([]);
    expect(r.text).toBe('You have no flint.');
    expect(parse('drop flint', scopeAt('harbor-quay', ['flint-pickaxe'])).intents).toEqual([]);
  });

  it('a whole name wins over names that hold it: a flint on the floor is the flint meant', () => {
    const r = parse('drop flint', scopeAt('harbor-quay', ['flint-pickaxe'], { flint: 1 }));
    expect(r.intents).toEqual([]);
    expect(r.text).toBe("You aren't carrying the flint.");
    expect(parse('take flint', scopeAt('harbor-quay', ['flint-pickaxe'], { flint: 1 })).intents).toEqual([{ kind: 'take', target: 'flint' }]);
  });

  it('a partial name still picks the one thing it fits when nothing has that name', () => {
    expect(parse('drop pick', scopeAt('harbor-quay', ['flint-pickaxe'])).intents).toEqual([{ kind: 'drop', target: 'flint-pickaxe' }]);
  });

  it('a person named who is elsewhere is said to be elsewhere, by their name', () => {
    expect(parse('ask ysolde about poison', scopeAt('harbor-quay')).text).toBe('Ysolde is not here.');
  });

  it('take flints in a room with none gets a reply (it printed nothing)', () => {
    const r = parse('take flints', scopeAt('harbor-quay', ['flint-pickaxe', 'flint-spear']));
    expect(r.intents).toEqual([]);
    expect(r.text).toBe("You can't see any flints here.");
  });
});

describe('the verb narrows the candidates before any question', () => {
  it('attack boar after the kill does not ask about the boar hide or the boar tusk', () => {
    const r = parse('attack boar', scopeAt('harbor-quay', [], { 'boar-hide': 1, 'boar-tusk': 1 }));
    expect(r.status).not.toBe('ambiguous');
    expect(r.intents).toEqual([]);
    expect(r.text).toBe("You can't see any boar here.");
  });

  it('consider crab is never about the grilled crab claw when no crab is here', () => {
    const r = parse('consider crab', scopeAt('harbor-quay', ['grilled-crab']));
    expect(r.intents).toEqual([]);
    expect(r.text ?? '').not.toMatch(/grilled/);
  });

  it('x sea is not the recipe of the sea boots; x boots still finds the recipes', () => {
    const r = parse('x sea', scopeAt('village-square'));
    expect(r.intents).toEqual([]);
    // The sea is scenery in the rooms by the shore, so the square says it is not here.
    expect(r.text).toBe("You can't see any sea here.");
    expect(parse('x boots', scopeAt('village-square')).status).toBe('ambiguous');
  });

  it('take them, when them is the crab just fought, does not offer to take the crab', () => {
    const r = new RuleParser({ it: 'tide-crab', them: ['tide-crab'] }).parse('take them', scopeAt('driftwood-beach'));
    expect(r.intents).toEqual([]);
    expect(r.text).toBe("I'm not sure what 'them' refers to.");
  });
});

describe('speech is said as typed; addressing someone talks to them', () => {
  it('say after a question is said as typed, never completed into the question (it sent "hello archon #archon then hello")', () => {
    const p = new RuleParser();
    expect(p.parse('archon', harbor).status).toBe('incomplete');
    expect(p.parse('say hello archon', harbor).intents).toEqual([{ kind: 'say', text: 'hello archon' }]);
    p.parse('take sword', harbor);
    expect(p.parse('say hello archon', harbor).intents).toEqual([{ kind: 'say', text: 'hello archon' }]);
  });

  it('archon, hello talks to Archon; a question after the comma is a topic', () => {
    expect(parse('archon, hello', harbor).intents).toEqual([{ kind: 'talk', target: 'archon' }]);
    expect(parse('Archon, tell me about the lamp.', harbor).intents).toEqual([{ kind: 'talk', target: 'archon', topic: 'lamp' }]);
    expect(parse('archon, what about the lighthouse?', harbor).intents).toEqual([{ kind: 'talk', target: 'archon', topic: 'lighthouse' }]);
  });

  it('addressing someone who is elsewhere says so', () => {
    expect(parse('archon, hello', scopeAt('harbor-quay')).text).toBe('Archon is not here.');
  });

  it('addressing another player says the line as typed', () => {
    expect(parse('Mira, hi there!', harbor).intents).toEqual([{ kind: 'say', text: 'Mira, hi there!' }]);
  });
});
