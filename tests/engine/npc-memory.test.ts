// NPCs remember each player (issue 17, "The world remembers"): the first greeting is for a stranger;
// someone they have talked with before hears `again`; someone whose favours (a quest's regard
// reward) earned their regard hears `fond`. Memory is per player: one player's acquaintance is not
// another's. Kept in `PlayerState.regard`, so it crosses zones and is in the state hash.
import { describe, expect, it } from 'vitest';
import type { Content } from '../../src/content/schema.ts';
import { fixture, Game } from './fixture.ts';

const archon = fixture.npcs.get('archon')!;
const content: Content = {
  ...fixture,
  npcs: new Map([...fixture.npcs, ['archon', { ...archon, again: 'You again, traveller.', fond: { regard: 2, text: 'My friend! Sit down.' } }]]),
};
const greeting = (g: Game, player: string): string | null => {
  const e = g.do(player, { kind: 'talk', target: 'archon' }).find((ev) => ev.type === 'talked');
  return e?.type === 'talked' ? e.text : null;
};

describe('NPC memory', () => {
  it('greets a stranger, then an acquaintance, then a friend, each player apart', () => {
    const g = new Game(content);
    g.do('ana', { kind: 'join', name: 'Ana' });
    g.do('bo', { kind: 'join', name: 'Bo' });
    expect(greeting(g, 'ana')).toBe('Welcome, traveller.');
    expect(g.player('ana').regard).toEqual([{ npc: 'archon', n: 0 }]);
    expect(greeting(g, 'ana')).toBe('You again, traveller.');
    // Bo has never met him: Ana's acquaintance is hers.
    expect(greeting(g, 'bo')).toBe('Welcome, traveller.');
    // A favour (a quest's reward) raises Ana's regard to 2: he is fond of her.
    g.state = { ...g.state, players: { ...g.state.players, ana: { ...g.player('ana'), regard: [{ npc: 'archon', n: 2 }] } } };
    expect(greeting(g, 'ana')).toBe('My friend! Sit down.');
    expect(greeting(g, 'bo')).toBe('You again, traveller.');
  });

  it('an NPC without an `again` greets everyone alike, but still remembers (a topic asked counts as meeting)', () => {
    const g = new Game();
    g.do('ana', { kind: 'join', name: 'Ana' });
    expect(greeting(g, 'ana')).toBe('Welcome, traveller.');
    expect(greeting(g, 'ana')).toBe('Welcome, traveller.');
    g.do('bo', { kind: 'join', name: 'Bo' });
    // Asked about his gift first: he gives it, and knows Bo from then on.
    g.do('bo', { kind: 'talk', target: 'archon', topic: 'gift' });
    expect(g.player('bo').regard).toEqual([{ npc: 'archon', n: 0 }]);
    expect(g.player('bo').inventory.some((s) => s.item === 'potion')).toBe(true);
  });
});
