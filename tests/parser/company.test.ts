// Company as players type it, on the real isle: PARTY and its verbs, INVITE, JOIN / LEAVE PARTY,
// FOLLOW a player here (anything else keeps its old answer), STOP FOLLOWING / UNFOLLOW; and each
// company intent's command text reads back to the same intent (what AGAIN repeats).
import { describe, expect, it } from 'vitest';
import { loadContentDir } from '../../src/content/node-load.ts';
import { apply, createWorld, scopeOf, type GameState } from '../../src/engine/index.ts';
import type { Action } from '../../src/engine/action.ts';
import { commandFor } from '../../src/parser/command-text.ts';
import { RuleParser } from '../../src/parser/rule-parser.ts';

const content = loadContentDir();

/** Ana and Bo at the harbor quay, seen by Ana. */
function scope() {
  let s: GameState = createWorld(content, 1);
  for (const [id, name] of [['ana', 'Ana'], ['bo', 'Bo']] as const) {
    s = apply(content, s, { id: `j-${id}`, player: id, at: 0, action: { kind: 'join', name } }).state;
  }
  return scopeOf(content, s, 'ana');
}

const parse = (text: string) => new RuleParser().parse(text, scope());

describe('company phrasings', () => {
  it('party and its verbs', () => {
    for (const t of ['party invite bo', 'invite bo', 'invite bo to my party', 'party add bo', 'group invite Bo']) {
      expect(parse(t).intents, t).toEqual([{ kind: 'party', op: 'invite', target: 'bo' }]);
    }
    for (const t of ['party join', 'join party', 'join the party', 'party accept', 'join group']) {
      expect(parse(t).intents, t).toEqual([{ kind: 'party', op: 'join' }]);
    }
    expect(parse("join bo's party").intents).toEqual([{ kind: 'party', op: 'join', target: 'bo' }]);
    for (const t of ['party leave', 'leave party', 'leave the party', 'leave my party', 'party disband']) {
      expect(parse(t).intents, t).toEqual([{ kind: 'party', op: 'leave' }]);
    }
    for (const t of ['party', 'group', 'party members', 'party who']) expect(parse(t).request, t).toEqual({ kind: 'party' });
    // LEAVE alone is still a way out.
    expect(parse('leave').intents).toEqual([{ kind: 'move', dir: 'out' }]);
  });

  it('invite names a player here; an islander will not join, and nobody by that name is said plainly', () => {
    expect(parse('invite nobody').text).toBe("There's nobody here by that name to invite.");
    expect(parse('invite').text).toBe('Whom do you want in your party? PARTY INVITE and their name.');
  });

  it('follow a player here; stop following; follow a thing is answered as before', () => {
    expect(parse('follow bo').intents).toEqual([{ kind: 'follow', target: 'bo' }]);
    expect(parse('follow Bo').intents).toEqual([{ kind: 'follow', target: 'bo' }]);
    for (const t of ['stop following', 'stop following bo', 'unfollow', 'unfollow bo']) expect(parse(t).intents, t).toEqual([{ kind: 'unfollow' }]);
    const boat = parse('follow the boat');
    expect(boat.intents).toEqual([]);
    expect(boat.text).toMatch(/^You can't follow the .*; say which direction to go\.$/);
    expect(parse('follow nobody').text).toBe("There's nobody here by that name to follow.");
  });

  it('every company intent round-trips through its command text', () => {
    const actions: Action[] = [
      { kind: 'party', op: 'invite', target: 'bo' }, { kind: 'party', op: 'join' }, { kind: 'party', op: 'join', target: 'bo' },
      { kind: 'party', op: 'leave' }, { kind: 'follow', target: 'bo' }, { kind: 'unfollow' },
    ];
    for (const a of actions) expect(parse(commandFor(a)).intents, commandFor(a)).toEqual([a]);
  });
});
