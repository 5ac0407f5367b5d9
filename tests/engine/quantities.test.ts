// Quantities and ALL mean what they say (issue 16): one action with a count, bounded by the rules,
// and the narration says when fewer happened and why.
import { beforeAll, describe, expect, it } from 'vitest';
import { Game, joinedGame } from './fixture.ts';
import { narrateEvents } from '../../src/narrate/index.ts';
import { loadLaterProse } from '../../src/narrate/later-prose.ts';

// The player's own deeds are told by prose loaded after the first paint (later-prose.ts), as in the app.
beforeAll(() => loadLaterProse());

const text = (g: Game) => narrateEvents(g.content, g.state, g.events, 'ana', g.state.time).map((l) => l.text).join(' ');

describe('gather with a count', () => {
  it('takes that many units in as many batches as it takes, each costing its SP, in one turn', () => {
    const g = joinedGame('ana');
    g.state = { ...g.state, players: { ana: { ...g.player('ana'), location: 'mine', inventory: [{ item: 'pickaxe', qty: 1 }] } } };
    g.do('ana', { kind: 'gather', target: 'copper-vein', qty: 3 }); // perGather 2: batches of 2 and 1
    expect(g.events[0]).toEqual(expect.objectContaining({ type: 'gathered', qty: 3, remaining: 1 }));
    expect(g.events[0]).not.toHaveProperty('asked');
    expect(g.player('ana').inventory).toContainEqual({ item: 'copper-ore', qty: 3 });
    expect(g.player('ana').sp).toBe(10 - 3 - 3 + 1);
    expect(g.player('ana').turns).toBe(1);
    expect(text(g)).toBe('You gather three copper ores from the copper vein.');
  });

  it('stops when the node runs dry and says so', () => {
    const g = joinedGame('ana');
    g.do('ana', { kind: 'gather', target: 'driftwood-pile', qty: 5 }); // yield 3, one per batch
    expect(g.events[0]).toMatchObject({ type: 'gathered', qty: 3, remaining: 0, asked: 5, stopped: 'depleted' });
    expect(text(g)).toBe('You gather three driftwoods from the driftwood pile; it is picked clean, so that is all there was.');
  });

  it('stops when SP runs short, and a first batch that cannot be paid is refused as before', () => {
    const g = joinedGame('ana');
    g.state = { ...g.state, players: { ana: { ...g.player('ana'), sp: 3 } } };
    g.do('ana', { kind: 'gather', target: 'driftwood-pile', qty: 3 });
    expect(g.events[0]).toMatchObject({ type: 'gathered', qty: 1, asked: 3, stopped: 'no-sp' });
    expect(text(g)).toBe('You gather a driftwood from the driftwood pile; you are too tired to gather more (SP ran out).');
    g.state = { ...g.state, players: { ana: { ...g.player('ana'), sp: 1 } } };
    g.do('ana', { kind: 'gather', target: 'driftwood-pile', qty: 2 });
    expect(g.refusal).toBe('gather/no-sp');
  });

  it('without a count, gathers one batch as it always did', () => {
    const g = joinedGame('ana');
    g.do('ana', { kind: 'gather', target: 'driftwood-pile' });
    expect(g.events[0]).toEqual(expect.objectContaining({ type: 'gathered', qty: 1, remaining: 2 }));
  });
});

describe('eat or drink with a count', () => {
  it('drinks as many as still do some good, and keeps the rest', () => {
    const g = joinedGame('ana');
    g.state = { ...g.state, players: { ana: { ...g.player('ana'), hp: 5, inventory: [{ item: 'potion', qty: 3 }] } } };
    g.do('ana', { kind: 'use', target: 'potion', qty: 3 }); // +10 HP each, max 20
    expect(g.events[0]).toMatchObject({ type: 'consumed', item: 'potion', hp: 15, qty: 2, asked: 3 });
    expect(g.player('ana')).toMatchObject({ hp: 20, inventory: [{ item: 'potion', qty: 1 }] });
    expect(text(g)).toBe('You drink two potions (+15 HP); no more would do you any good, so you keep the rest.');
  });

  it('eats all that were asked for while they help, and says when that was all there was', () => {
    const g = joinedGame('ana');
    g.state = { ...g.state, players: { ana: { ...g.player('ana'), sp: 0, inventory: [{ item: 'bread', qty: 2 }] } } };
    g.do('ana', { kind: 'use', target: 'bread', qty: 5 }); // +5 SP each, max 10
    expect(g.events[0]).toMatchObject({ type: 'consumed', item: 'bread', sp: 10, qty: 2, asked: 5 });
    expect(g.player('ana').inventory).toEqual([]);
    expect(text(g)).toMatch(/^You eat two breads? \(\+10 SP\); that was all you had\./);
  });
});
