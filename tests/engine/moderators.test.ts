// Moderators (issue 19), in the rules: the owner names moderators (MOD) and takes it back (UNMOD);
// a named moderator's ban, unban, mute and unmute count like the owner's while, at that point of
// the zone's order, they are a moderator and not banned; they cannot name moderators nor act on
// another moderator. Whose key signed what is the sync layer's to check (tests/sync/moderators.test.ts):
// here `appointed.by` absent is the owner's word, present is that moderator's.
import { describe, expect, it } from 'vitest';
import { joinedGame, type Game } from './fixture.ts';
import { hashState, type Action } from '../../src/engine/index.ts';

const OWNER = { key: 'owner-key', sig: 'owner-sig' };
const by = (player: string) => ({ key: `${player}-key`, sig: `${player}-sig`, by: player });
type Kind = 'ban' | 'unban' | 'mute' | 'unmute' | 'mod' | 'unmod';
const owner = (g: Game, kind: Kind, target: string) => g.do('owner-mod-key', { kind, target, appointed: OWNER } as Action);
const moderator = (g: Game, who: string, kind: Kind, target: string) => g.do(`${who}-mod-key`, { kind, target, appointed: by(who) } as Action);

describe('moderators named by the owner', () => {
  it("a moderator's ban and mute count like the owner's, and the target hears it was a moderator", () => {
    const g = joinedGame('ana', 'bo', 'mal');
    owner(g, 'mod', 'bo');
    expect(g.refusal).toBeNull();
    expect(g.state.moderation?.moderators).toEqual(['bo']);
    expect(g.events).toMatchObject([{ type: 'moderated', what: 'mod', target: 'bo', name: 'bo' }]);
    moderator(g, 'bo', 'mute', 'mal');
    expect(g.refusal).toBeNull();
    g.do('mal', { kind: 'say', text: 'hello' });
    expect(g.refusal).toBe('moderation/muted');
    moderator(g, 'bo', 'ban', 'mal');
    expect(g.events).toMatchObject([{ type: 'moderated', what: 'ban', target: 'mal', by: 'bo' }]);
    expect(g.state.players.mal).toBeUndefined();
    g.do('mal', { kind: 'look' });
    expect(g.refusal).toBe('moderation/banned');
    moderator(g, 'bo', 'unban', 'mal');
    expect(g.state.players.mal).toBeDefined();
  });

  it('a player nobody named changes nothing: the very state is kept', () => {
    const g = joinedGame('ana', 'bo', 'mal');
    const before = g.state;
    moderator(g, 'mal', 'ban', 'ana');
    expect(g.refusal).toBe('moderation/not-moderator');
    expect(g.state).toBe(before);
    // Nor may anyone but the owner name themselves or others moderators.
    moderator(g, 'mal', 'mod', 'mal');
    expect(g.refusal).toBe('moderation/not-moderator');
    expect(g.state).toBe(before);
  });

  it('a moderator cannot name moderators, nor ban or mute another moderator or themselves', () => {
    const g = joinedGame('ana', 'bo', 'cy', 'mal');
    owner(g, 'mod', 'bo');
    owner(g, 'mod', 'cy');
    const before = g.state;
    moderator(g, 'bo', 'mod', 'mal');
    expect(g.refusal).toBe('moderation/owner-only');
    moderator(g, 'bo', 'unmod', 'cy');
    expect(g.refusal).toBe('moderation/owner-only');
    moderator(g, 'bo', 'ban', 'cy');
    expect(g.refusal).toBe('moderation/protected');
    moderator(g, 'bo', 'mute', 'bo');
    expect(g.refusal).toBe('moderation/protected');
    expect(g.state).toBe(before);
  });

  it('after UNMOD their moderation is refused; which of a racing ban and UNMOD counts is the order alone', () => {
    const race = (unmodFirst: boolean): Game => {
      const g = joinedGame('ana', 'bo', 'mal');
      owner(g, 'mod', 'bo');
      if (unmodFirst) owner(g, 'unmod', 'bo');
      moderator(g, 'bo', 'ban', 'mal');
      if (!unmodFirst) owner(g, 'unmod', 'bo');
      return g;
    };
    const removed = race(true);
    expect(removed.refusal).toBe('moderation/not-moderator');
    expect(removed.state.players.mal).toBeDefined();
    expect(removed.state.moderation).toEqual({ banned: [], muted: [] });
    const stood = race(false);
    expect(stood.state.players.mal).toBeUndefined();
    expect(stood.state.moderation?.moderators).toBeUndefined();
    // The same log folds to the same state, every time.
    expect(hashState(race(true).state)).toBe(hashState(removed.state));
    expect(hashState(race(false).state)).toBe(hashState(stood.state));
    // Removed, a later ban of theirs is refused too.
    moderator(stood, 'bo', 'unban', 'mal');
    expect(stood.refusal).toBe('moderation/not-moderator');
  });

  it("the owner's ban of a moderator un-names them, and an unban does not name them again", () => {
    const g = joinedGame('ana', 'bo', 'mal');
    owner(g, 'mod', 'bo');
    owner(g, 'ban', 'bo');
    expect(g.state.moderation?.moderators).toBeUndefined();
    moderator(g, 'bo', 'unban', 'bo');
    expect(g.refusal).toBe('moderation/not-moderator');
    owner(g, 'mod', 'bo');
    expect(g.refusal).toBe('moderation/target-banned');
    owner(g, 'unban', 'bo');
    moderator(g, 'bo', 'mute', 'mal');
    expect(g.refusal).toBe('moderation/not-moderator');
    expect(g.state.players.bo).toBeDefined();
  });

  it("banning a moderator's signing key stops nobody: whose word it is decides", () => {
    const g = joinedGame('ana', 'bo', 'mal');
    owner(g, 'mod', 'bo');
    moderator(g, 'bo', 'ban', 'owner-mod-key');
    expect(g.refusal).toBeNull();
    owner(g, 'mute', 'mal');
    expect(g.refusal).toBeNull();
    expect(g.state.moderation?.muted).toEqual(['mal']);
  });

  it('MOD twice and UNMOD of a player who is none are refused, and a world without moderators hashes as before', () => {
    const g = joinedGame('ana', 'bo');
    owner(g, 'unmod', 'bo');
    expect(g.refusal).toBe('moderation/not-so');
    owner(g, 'mod', 'bo');
    owner(g, 'mod', 'bo');
    expect(g.refusal).toBe('moderation/already');
    owner(g, 'unmod', 'bo');
    expect(g.state.moderation).toEqual({ banned: [], muted: [] });
  });
});
