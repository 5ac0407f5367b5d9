// Company in the engine: party invitations, joining and leaving, sharing EXP and spoils among
// members present when an enemy falls, and following (the rules only record who follows whom).
import { describe, expect, it, beforeAll } from 'vitest';
import { Enemy } from '../../src/content/schema.ts';
import type { Content } from '../../src/content/schema.ts';
import { INVITE_TTL_MS, coinOf, type GameEvent } from '../../src/engine/index.ts';
import { PlayerState } from '../../src/engine/player-state.ts';
import { narrateEvents } from '../../src/narrate/index.ts';
import { fixture, Game } from './fixture.ts';
import { loadLaterProse } from '../../src/narrate/later-prose.ts';

// Refusals are told by prose loaded after the first paint (later-prose.ts), as in the app.
beforeAll(() => loadLaterProse());

/** The fixture with a crab of 1 HP that carries 5 coins. */
const content: Content = {
  ...fixture,
  enemies: new Map([...fixture.enemies].map(([id, e]) => [id, id === 'crab' ? Enemy.parse({ ...e, hp: 1, coin: 5, loot: [{ item: 'crab-shell', qty: 3 }] }) : e])),
};

function game(...names: string[]): Game {
  const g = new Game(content);
  for (const n of names) g.do(n, { kind: 'join', name: n });
  return g;
}

const said = (g: Game, viewer: string) => narrateEvents(g.content, g.state, g.events, viewer, g.state.time).map((l) => l.text).join(' ');
const refusal = (events: readonly GameEvent[]) => events.find((e) => e.type === 'refused');

/** Ana and Bo in a party (Ana formed it), Cy not. */
function party(): Game {
  const g = game('ana', 'bo', 'cy');
  g.do('ana', { kind: 'party', op: 'invite', target: 'bo' });
  g.do('bo', { kind: 'party', op: 'join' });
  return g;
}

/** Everyone in the cave with the crab. */
function toCave(g: Game, ...who: string[]): void {
  for (const p of who) g.do(p, { kind: 'move', dir: 'down' });
}

describe('party', () => {
  it('invite forms a party; the one invited hears of it and joins; both carry its id; the state stays a valid crossing', () => {
    const g = game('ana', 'bo');
    g.do('ana', { kind: 'party', op: 'invite', target: 'bo' });
    expect(g.refusal).toBeNull();
    expect(g.events[0]).toMatchObject({ type: 'party-invited', to: 'bo', formed: true });
    expect(said(g, 'ana')).toContain('You gather a party of your own and ask bo to join it.');
    expect(said(g, 'bo')).toContain('ana asks you to join a new party. (PARTY JOIN to accept');
    const id = g.player('ana').party;
    expect(id).toBeDefined();
    expect(g.player('bo').party).toBeUndefined();
    g.do('bo', { kind: 'party', op: 'join' });
    expect(g.events[0]).toMatchObject({ type: 'party-joined', party: id, from: 'ana' });
    expect(g.player('bo').party).toBe(id);
    expect(g.state.invites).toBeUndefined();
    expect(said(g, 'ana')).toBe('bo joins your party.');
    for (const p of ['ana', 'bo']) expect(PlayerState.safeParse(g.player(p)).success).toBe(true);
  });

  it('refuses, with namespaced reasons and changing nothing: nobody by that id, oneself, a member again, no invitation, a lapsed one, another party', () => {
    const g = party();
    const before = g.state;
    expect(refusal(g.do('ana', { kind: 'party', op: 'invite', target: 'zed' }))).toMatchObject({ reason: 'party/no-player' });
    expect(refusal(g.do('ana', { kind: 'party', op: 'invite', target: 'ana' }))).toMatchObject({ reason: 'party/self' });
    expect(refusal(g.do('ana', { kind: 'party', op: 'invite', target: 'bo' }))).toMatchObject({ reason: 'party/already-member' });
    expect(refusal(g.do('cy', { kind: 'party', op: 'join' }))).toMatchObject({ reason: 'party/no-invite' });
    expect(refusal(g.do('cy', { kind: 'party', op: 'leave' }))).toMatchObject({ reason: 'party/not-in-party' });
    expect(g.state.players).toBe(before.players);
    expect(said(g, 'cy')).toBe('You are not in a party. PARTY INVITE someone to form one.');
    // An invitation lapses after five minutes of game time.
    g.do('ana', { kind: 'party', op: 'invite', target: 'cy' });
    g.do('cy', { kind: 'wait' }, g.at + INVITE_TTL_MS + 1);
    expect(refusal(g.do('cy', { kind: 'party', op: 'join' }))).toMatchObject({ reason: 'party/no-invite' });
    // One in another party must leave it first.
    g.do('cy', { kind: 'party', op: 'invite', target: 'bo' });
    expect(refusal(g.do('bo', { kind: 'party', op: 'join' }))).toMatchObject({ reason: 'party/in-another' });
    g.do('bo', { kind: 'party', op: 'leave' });
    expect(g.player('bo').party).toBeUndefined();
    expect(said(g, 'ana')).toBe('bo leaves your party.');
    g.do('bo', { kind: 'party', op: 'join', target: 'cy' });
    expect(g.player('bo').party).toBe(g.player('cy').party);
    expect(g.player('bo').party).not.toBe(g.player('ana').party);
  });

  it('party actions are free: they take no turn and the enemy does not answer them', () => {
    const g = game('ana', 'bo');
    const turns = g.player('ana').turns;
    g.do('ana', { kind: 'party', op: 'invite', target: 'bo' });
    g.do('ana', { kind: 'follow', target: 'bo' });
    expect(g.player('ana').turns).toBe(turns);
  });

  it('members present share the EXP evenly (remainder to who dealt most) and the spoils in turn; one not in the party, or away, gets nothing', () => {
    const g = party();
    g.do('cy', { kind: 'party', op: 'invite', target: 'ana' }); // Cy forms a party of one: no share of Ana's
    toCave(g, 'ana', 'bo', 'cy');
    g.do('ana', { kind: 'attack', target: 'crab' });
    const won = g.events.find((e) => e.type === 'enemy-defeated');
    // 25 EXP, Ana dealt it all: Ana and Bo split it 13 / 12; Cy stood there but is in no party with them.
    expect(won).toMatchObject({ shares: [{ player: 'ana', exp: 13 }, { player: 'bo', exp: 12 }], looter: 'ana', coin: 5 });
    expect(won && won.type === 'enemy-defeated' ? won.portions : null).toEqual([
      { player: 'ana', items: [{ item: 'crab-shell', qty: 2 }], coin: 3 },
      { player: 'bo', items: [{ item: 'crab-shell', qty: 1 }], coin: 2 },
    ]);
    expect([g.player('ana').exp, g.player('bo').exp, g.player('cy').exp]).toEqual([13, 12, 0]);
    expect([coinOf(g.player('ana')), coinOf(g.player('bo')), coinOf(g.player('cy'))]).toEqual([3, 2, 0]);
    expect(g.player('bo').inventory).toEqual([{ item: 'crab-shell', qty: 1 }]);
    expect(said(g, 'bo')).toContain('You gain 12 EXP. The party shares the spoils: you take a crab shell and 2 coins; ana takes two crab shells and 3 coins.');
    expect(said(g, 'ana')).toContain('You gain 13 EXP (bo gains 12).');
  });

  it('a member elsewhere has no share; without a party the looter takes it all as before', () => {
    const g = party();
    toCave(g, 'ana');
    g.do('ana', { kind: 'attack', target: 'crab' });
    const won = g.events.find((e) => e.type === 'enemy-defeated');
    expect(won).toMatchObject({ shares: [{ player: 'ana', exp: 25 }], looter: 'ana' });
    expect(won && 'portions' in won).toBe(false);
    expect(g.player('bo').exp).toBe(0);
  });

  it('EXP and coin are conserved: shares always add up to the enemy\'s EXP, and every coin and shell lands somewhere', () => {
    for (let n = 2; n <= 4; n++) {
      const names = ['ana', 'bo', 'cy', 'dee'].slice(0, n);
      const g = game(...names);
      for (const other of names.slice(1)) {
        g.do('ana', { kind: 'party', op: 'invite', target: other });
        g.do(other, { kind: 'party', op: 'join' });
      }
      toCave(g, ...names);
      g.do(names[n - 1]!, { kind: 'attack', target: 'crab' });
      const won = g.events.find((e) => e.type === 'enemy-defeated');
      if (!won || won.type !== 'enemy-defeated') throw new Error('the crab did not fall');
      expect(won.shares.reduce((k, s) => k + s.exp, 0)).toBe(25);
      expect(names.reduce((k, p) => k + coinOf(g.player(p)), 0)).toBe(5);
      const shells = names.reduce((k, p) => k + (g.player(p).inventory.find((s) => s.item === 'crab-shell')?.qty ?? 0), 0);
      expect(shells + (g.state.floors['cave']?.['crab-shell'] ?? 0)).toBe(3);
    }
  });
});

describe('follow', () => {
  it('follows a player here, records it, and tells both; refuses one not here, oneself, the same again; stop following', () => {
    const g = game('ana', 'bo');
    g.do('bo', { kind: 'follow', target: 'ana' });
    expect(g.player('bo').following).toBe('ana');
    expect(said(g, 'bo')).toBe('You fall in behind ana: where ana goes, you go. (STOP FOLLOWING to walk your own way.)');
    expect(said(g, 'ana')).toBe('bo falls in behind you.');
    expect(refusal(g.do('bo', { kind: 'follow', target: 'ana' }))).toMatchObject({ reason: 'follow/already' });
    expect(refusal(g.do('bo', { kind: 'follow', target: 'bo' }))).toMatchObject({ reason: 'follow/self' });
    g.do('ana', { kind: 'move', dir: 'down' });
    expect(refusal(g.do('bo', { kind: 'follow', target: 'zed' }))).toMatchObject({ reason: 'follow/not-here' });
    g.do('bo', { kind: 'unfollow' });
    expect(g.player('bo').following).toBeUndefined();
    expect(refusal(g.do('bo', { kind: 'follow', target: 'ana' }))).toMatchObject({ reason: 'follow/not-here' });
    expect(said(g, 'bo')).toBe('ana is not here to follow.');
    expect(refusal(g.do('bo', { kind: 'unfollow' }))).toMatchObject({ reason: 'follow/not-following' });
  });
});
