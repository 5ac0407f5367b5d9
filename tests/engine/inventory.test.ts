// Take, drop and give under both carry limits, stacks, and contested items.
import { describe, expect, it } from 'vitest';
import { Game, joinedGame } from './fixture.ts';
import { playerStats } from '../../src/engine/index.ts';

describe('take', () => {
  it('refuses what is not here, not portable, or more than lies here', () => {
    const g = joinedGame('ana');
    g.do('ana', { kind: 'take', target: 'hammer' });
    expect(g.refusal).toBe('take/not-here');
    g.do('ana', { kind: 'take', target: 'no-such-thing' });
    expect(g.refusal).toBe('take/not-here');
    g.do('ana', { kind: 'take', target: 'driftwood-pile' });
    expect(g.refusal).toBe('take/not-portable');
    g.do('ana', { kind: 'take', target: 'archon' });
    expect(g.refusal).toBe('take/not-portable');
    g.do('ana', { kind: 'take', target: 'driftwood', qty: 5 });
    expect(g.refusal).toBe('take/not-enough');
    expect(g.events[0]).toMatchObject({ detail: { item: 'driftwood', need: 5, have: 3 } });
  });

  it('refuses a load over the weight limit by the grams over', () => {
    const g = joinedGame('ana');
    g.do('ana', { kind: 'move', dir: 'north' });
    g.do('ana', { kind: 'take', target: 'boulder' });
    expect(g.refusal).toBe('take/too-heavy');
    expect(g.events[0]).toMatchObject({ detail: { item: 'boulder', overBy: 10_000, limit: 10_000 } });
    expect(g.state.floors.square?.boulder).toBe(1);
  });

  it('refuses a new stack with no slot left, by the slots short', () => {
    const g = joinedGame('ana');
    g.do('ana', { kind: 'take', target: 'pebble', qty: 9 }); // stack 3: three slots
    expect(g.player('ana').inventory).toEqual([{ item: 'pebble', qty: 3 }, { item: 'pebble', qty: 3 }, { item: 'pebble', qty: 3 }]);
    g.do('ana', { kind: 'take', target: 'rope' });
    g.do('ana', { kind: 'take', target: 'driftwood' });
    expect(playerStats(g.content, g.player('ana')).slots).toBe(5);
    g.do('ana', { kind: 'take', target: 'driftwood' }); // fills the existing stack: fine
    expect(g.refusal).toBeNull();
    g.do('ana', { kind: 'take', target: 'brass-key' });
    expect(g.refusal).toBe('take/no-slots');
    expect(g.events[0]).toMatchObject({ detail: { item: 'brass-key', overBy: 1, limit: 5 } });
  });

  it('of two players taking the last one, the second is told it is gone', () => {
    const g = joinedGame('ana', 'bo');
    g.do('ana', { kind: 'take', target: 'rope' });
    g.do('bo', { kind: 'take', target: 'rope' });
    expect(g.refusal).toBe('take/not-here');
    expect(g.state.floors.dock?.rope).toBeUndefined();
  });
});

describe('drop and give', () => {
  it('drop refuses what is not carried or too many', () => {
    const g = joinedGame('ana');
    g.do('ana', { kind: 'drop', target: 'rope' });
    expect(g.refusal).toBe('drop/not-carried');
    g.do('ana', { kind: 'take', target: 'driftwood', qty: 2 });
    g.do('ana', { kind: 'drop', target: 'driftwood', qty: 3 });
    expect(g.refusal).toBe('drop/not-enough');
    g.do('ana', { kind: 'drop', target: 'driftwood', qty: 2 });
    expect(g.state.floors.dock?.driftwood).toBe(3);
    expect(g.player('ana').inventory).toEqual([]);
  });

  it('gives to another player here, within their limits', () => {
    const g = joinedGame('ana', 'bo', 'cy');
    g.do('ana', { kind: 'take', target: 'driftwood', qty: 3 });
    g.do('ana', { kind: 'give', target: 'driftwood', to: 'bo', qty: 2 });
    expect(g.events[0]).toMatchObject({ type: 'gave', item: 'driftwood', qty: 2, to: 'bo' });
    expect(g.player('bo').inventory).toEqual([{ item: 'driftwood', qty: 2 }]);
    g.do('ana', { kind: 'give', target: 'driftwood', to: 'bo', qty: 2 });
    expect(g.refusal).toBe('give/not-enough');
    g.do('ana', { kind: 'give', target: 'rope', to: 'bo' });
    expect(g.refusal).toBe('give/not-carried');
    g.do('ana', { kind: 'give', target: 'driftwood', to: 'nobody' });
    expect(g.refusal).toBe('give/no-recipient');
    g.do('ana', { kind: 'give', target: 'driftwood', to: 'ana' });
    expect(g.refusal).toBe('give/no-recipient');
    g.do('cy', { kind: 'move', dir: 'north' });
    g.do('ana', { kind: 'give', target: 'driftwood', to: 'cy' });
    expect(g.refusal).toBe('give/no-recipient');
    g.do('ana', { kind: 'give', target: 'driftwood', to: 'archon' });
    expect(g.refusal).toBe('give/npc-declines');
  });

  it('refuses a gift the recipient cannot carry (slots, then weight)', () => {
    const g = joinedGame('ana', 'bo');
    g.do('bo', { kind: 'take', target: 'pebble', qty: 9 });
    g.do('bo', { kind: 'take', target: 'driftwood', qty: 3 });
    g.do('bo', { kind: 'take', target: 'brass-key' });
    g.do('ana', { kind: 'take', target: 'rope' });
    g.do('ana', { kind: 'give', target: 'rope', to: 'bo' });
    expect(g.refusal).toBe('give/no-slots');
    expect(g.events[0]).toMatchObject({ detail: { overBy: 1, limit: 5 } });
    const h = joinedGame('ana', 'bo');
    h.do('ana', { kind: 'take', target: 'rope' });
    for (const dir of ['north', 'west'] as const) { h.do('ana', { kind: 'move', dir }); h.do('bo', { kind: 'move', dir }); }
    h.do('bo', { kind: 'take', target: 'iron-ingot', qty: 2 });
    h.do('bo', { kind: 'take', target: 'copper-sword' });
    expect(playerStats(h.content, h.player('bo')).weight).toBe(10_000);
    h.do('ana', { kind: 'give', target: 'rope', to: 'bo' });
    expect(h.refusal).toBe('give/too-heavy');
    expect(h.events[0]).toMatchObject({ detail: { item: 'rope', target: 'bo', overBy: 1000, limit: 10_000 } });
  });
});
