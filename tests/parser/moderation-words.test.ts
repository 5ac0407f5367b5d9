// Moderation as players type it (issue 19): BAN, UNBAN, MUTE, UNMUTE, MOD / UNMOD and MODERATOR
// ADD / REMOVE name a player anywhere in the world (the session looks the name up), MEMBERS and a
// bare MODERATORS list the members; nothing of it is an intent the parser writes itself.
import { describe, expect, it } from 'vitest';
import { loadContentDir } from '../../src/content/node-load.ts';
import { apply, createWorld, scopeOf } from '../../src/engine/index.ts';
import { RuleParser } from '../../src/parser/rule-parser.ts';

const content = loadContentDir();
const state = apply(content, createWorld(content, 1), { id: 'j', player: 'ana', at: 0, action: { kind: 'join', name: 'Ana' } }).state;
const parse = (text: string) => new RuleParser().parse(text, scopeOf(content, state, 'ana'));

describe('moderation words', () => {
  it('name and unname moderators', () => {
    for (const t of ['moderator add Bo', 'mod Bo', 'moderator make Bo', 'moderators add Bo']) {
      expect(parse(t).request, t).toEqual({ kind: 'moderate', what: 'mod', text: 'Bo' });
      expect(parse(t).intents, t).toEqual([]);
    }
    for (const t of ['moderator remove Bo', 'unmod Bo', 'moderator dismiss Bo']) {
      expect(parse(t).request, t).toEqual({ kind: 'moderate', what: 'unmod', text: 'Bo' });
    }
  });

  it('ban and mute are unchanged', () => {
    expect(parse('ban the player Mal').request).toEqual({ kind: 'moderate', what: 'ban', text: 'the player Mal' });
    expect(parse('silence Mal').request).toEqual({ kind: 'moderate', what: 'mute', text: 'Mal' });
  });

  it('members and a bare moderators list the members', () => {
    for (const t of ['members', 'moderators', 'moderator', 'members of the isle']) expect(parse(t).request, t).toEqual({ kind: 'members' });
    expect(parse('party members').request).toEqual({ kind: 'party' });
  });
});
