// Issue 16: a count or ALL in EAT/DRINK and GATHER reaches the action, so "eat all biscuits" eats
// more than one and "gather 3 driftwood" asks for three, over the real Vetrellis content.
import { describe, expect, it } from 'vitest';
import { loadContentDir } from '../../src/content/node-load.ts';
import { apply, createWorld, scopeOf, type GameState } from '../../src/engine/index.ts';
import { RuleParser } from '../../src/parser/rule-parser.ts';

const content = loadContentDir();
const joined = apply(content, createWorld(content, 1), { id: 'j', player: 'ana', at: 0, action: { kind: 'join', name: 'Ana' } }).state;
const p = joined.players['ana']!;
const state: GameState = { ...joined, players: { ana: { ...p, location: 'driftwood-beach', inventory: [{ item: 'sea-biscuit', qty: 4 }] } } };
const intents = (line: string) => new RuleParser().parse(line, scopeOf(content, state, 'ana')).intents;

describe('quantities in the parser', () => {
  it('EAT with a count or ALL is one use with that count; a single one has none', () => {
    expect(intents('eat all biscuits')).toEqual([{ kind: 'use', target: 'sea-biscuit', qty: 4 }]);
    expect(intents('eat 2 biscuits')).toEqual([{ kind: 'use', target: 'sea-biscuit', qty: 2 }]);
    expect(intents('eat a biscuit')).toEqual([{ kind: 'use', target: 'sea-biscuit' }]);
    expect(intents('eat biscuits')).toEqual([{ kind: 'use', target: 'sea-biscuit' }]); // a plural alone: one
  });

  it('GATHER with a count asks for that many units, ALL for what the node holds, none for one batch', () => {
    expect(intents('gather 3 driftwood')).toEqual([{ kind: 'gather', target: 'driftwood-pile', qty: 3 }]);
    expect(intents('gather all driftwood')).toEqual([{ kind: 'gather', target: 'driftwood-pile', qty: 10 }]);
    expect(intents('gather driftwood')).toEqual([{ kind: 'gather', target: 'driftwood-pile' }]);
  });
});
