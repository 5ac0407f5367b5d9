// An islander who keeps hours and is elsewhere now: TALK, ASK, GIVE and "X, ..." still name them,
// as a step tried first, so the rules give the one answer (talk/away, give/away) and nothing is
// written; other verbs, and people who are simply not here, keep the parser's own reply.
import { describe, expect, it } from 'vitest';
import type { Scope } from '../../src/engine/scope.ts';
import { RuleParser } from '../../src/parser/rule-parser.ts';
import { bareRoom, ent } from './fixtures.ts';

/** A cellar with the brass key at hand; Bram (the smith) keeps the forge by day and is at the inn now. */
const cellar: Scope = {
  ...bareRoom,
  worldNames: ['Archon', 'Bram', 'blacksmith', 'brass key', 'smith'],
  away: [{ id: 'bram', name: 'Bram', aliases: ['smith', 'blacksmith'], place: 'Anchor Inn' }],
};
const parse = (line: string) => new RuleParser().parse(line, cellar);

describe('an islander elsewhere at this hour', () => {
  it.each([
    ['talk to bram', { kind: 'talk', target: 'bram' }],
    ['ask bram about copper', { kind: 'talk', target: 'bram', topic: 'copper' }],
    ['ask the smith about the forge', { kind: 'talk', target: 'bram', topic: 'forge' }],
    ['ask bram copper', { kind: 'talk', target: 'bram', topic: 'copper' }],
    ['bram, tell me about copper', { kind: 'talk', target: 'bram', topic: 'copper' }],
    ['bram, hello', { kind: 'talk', target: 'bram' }],
    ['give the key to bram', { kind: 'give', target: 'brass-key', to: 'bram' }],
    ['give bram the key', { kind: 'give', target: 'brass-key', to: 'bram' }],
    ['give the key to the blacksmith', { kind: 'give', target: 'brass-key', to: 'bram' }],
  ] as const)('"%s" names him for the rules to refuse, tried first', (line, action) => {
    const r = parse(line);
    expect(r.status).toBe('ok');
    expect(r.steps).toEqual([{ action, tryFirst: true }]);
    expect(r.text).toBeUndefined();
  });

  it('other verbs say where he is, and nobody is named', () => {
    expect(parse('examine bram')).toMatchObject({ status: 'unknown-noun', text: 'Bram is at the Anchor Inn at this hour.', intents: [] });
    expect(parse('x the smith')).toMatchObject({ status: 'unknown-noun', text: 'Bram is at the Anchor Inn at this hour.', intents: [] });
  });

  it('someone who keeps no hours and is not here is still not here, as before', () => {
    expect(parse('talk to archon')).toMatchObject({ status: 'unknown-noun', text: 'Archon is not here.', intents: [] });
    expect(parse('archon, hello')).toMatchObject({ status: 'unknown-noun', text: 'Archon is not here.', intents: [] });
  });
});
