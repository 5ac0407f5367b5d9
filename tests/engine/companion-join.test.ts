// A companion joins following its friend (rules/join.ts, RULES.md "Company"): when this zone
// holds the friend, in any room, its join records `following`, so the follower's own client walks
// after the friend from its first moment, also when the friend's move, signed before they saw the
// join, is placed before it; a friend in no room of the zone (or none) is not followed, and a
// companion of itself follows nobody. The same on every replica: it is the join.
import { describe, expect, it } from 'vitest';
import { Game } from './fixture.ts';

describe('a companion joins following its friend', () => {
  it('follows the friend who stands where it comes ashore, as FOLLOW records it', () => {
    const g = new Game();
    g.do('ana', { kind: 'join', name: 'Ana' }, 0);
    g.do('pip', { kind: 'join', name: 'Pip', companionOf: 'ana' }, 1_000);
    expect(g.player('pip').following).toBe('ana');
    // UNFOLLOW ("Pip, wait here") and FOLLOW again ("Pip, follow me") are the players' own.
    g.do('pip', { kind: 'unfollow' }, 3_000);
    expect(g.player('pip').following).toBeUndefined();
    g.do('pip', { kind: 'follow', target: 'ana' }, 5_000);
    expect(g.player('pip').following).toBe('ana');
  });

  it('follows the friend who walked on to another room before its join was placed', () => {
    const g = new Game();
    g.do('ana', { kind: 'join', name: 'Ana' }, 0);
    const away = g.player('ana').location;
    const exit = g.content.locations.get(away)!.exits.find((e) => e.lock === undefined)!;
    g.do('ana', { kind: 'move', dir: exit.dir }, 100);
    expect(g.player('ana').location).not.toBe(away);
    g.do('pip', { kind: 'join', name: 'Pip', companionOf: 'ana' }, 1_000);
    expect(g.player('pip').location).toBe(away);
    expect(g.player('pip').following).toBe('ana');
  });

  it('follows nobody when the friend is not in this zone, or not in the world, or itself', () => {
    const g = new Game();
    g.do('pip', { kind: 'join', name: 'Pip', companionOf: 'ana' }, 1_000);
    expect(g.player('pip').following).toBeUndefined();
    g.do('tod', { kind: 'join', name: 'Tod', companionOf: 'nobody' }, 1_000);
    expect(g.player('tod').following).toBeUndefined();
    g.do('mel', { kind: 'join', name: 'Mel', companionOf: 'mel' }, 1_000);
    expect(g.player('mel').following).toBeUndefined();
  });
});
