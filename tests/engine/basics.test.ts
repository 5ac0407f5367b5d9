// Joining, looking, moving, taking, dropping and talking in the fixture world.
import { describe, expect, it } from 'vitest';
import { Game, joinedGame } from './fixture.ts';
import { hashState, playerStats } from '../../src/engine/index.ts';

describe('join and the first actions', () => {
  it('a player must join before acting', () => {
    const g = new Game();
    const before = g.state;
    g.do('ana', { kind: 'look' });
    expect(g.refusal).toBe('player/not-joined');
    expect(g.state).toBe(before);
  });

  it('join puts the player at the start with base stats', () => {
    const g = new Game();
    expect(g.do('ana', { kind: 'join', name: 'Ana' })).toEqual([{ type: 'joined', name: 'Ana', player: 'ana', location: 'dock' }]);
    const ana = g.player('ana');
    expect(ana).toMatchObject({ location: 'dock', hp: 20, mp: 10, sp: 10, level: 1, exp: 0, inventory: [], visited: ['dock'] });
    g.do('ana', { kind: 'join', name: 'Ana' });
    expect(g.refusal).toBe('player/already-joined');
  });

  it('move, take, drop, say, wait', () => {
    const g = joinedGame('ana');
    g.do('ana', { kind: 'take', target: 'driftwood', qty: 2 });
    expect(g.events).toEqual([{ type: 'took', item: 'driftwood', qty: 2, player: 'ana', location: 'dock' }]);
    expect(g.state.floors.dock?.driftwood).toBe(1);
    g.do('ana', { kind: 'move', dir: 'north' });
    expect(g.events).toEqual([{ type: 'moved', dir: 'north', to: 'square', firstVisit: true, player: 'ana', location: 'dock' }]);
    g.do('ana', { kind: 'drop', target: 'driftwood' });
    expect(g.state.floors.square?.driftwood).toBe(1);
    expect(playerStats(g.content, g.player('ana')).weight).toBe(500);
    g.do('ana', { kind: 'say', text: 'hello' });
    expect(g.events[0]).toMatchObject({ type: 'said', text: 'hello' });
    g.do('ana', { kind: 'wait' });
    expect(g.events[0]).toMatchObject({ type: 'waited' });
    expect(hashState(g.state)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ids that name Object members are plain ids, never inherited members', () => {
    const g = new Game();
    for (const id of ['__proto__', 'constructor', 'toString']) {
      g.do(id, { kind: 'look' });
      expect(g.refusal).toBe('player/not-joined');
      g.do(id, { kind: 'join', name: id });
      expect(g.refusal).toBeNull();
      expect(Object.keys(g.state.players)).toContain(id);
      g.do(id, { kind: 'take', target: '__proto__' });
      expect(g.refusal).toBe('take/not-here');
      g.do(id, { kind: 'give', target: 'rope', to: 'hasOwnProperty' });
      expect(g.refusal).toBe('give/not-carried');
      g.do(id, { kind: 'take', target: 'rope' });
      g.do(id, { kind: 'give', target: 'rope', to: 'valueOf' });
      expect(g.refusal).toBe('give/no-recipient');
      g.do(id, { kind: 'drop', target: 'rope' });
      g.do(id, { kind: 'examine', target: 'valueOf' });
      expect(g.refusal).toBe('examine/not-here');
    }
    expect(Object.getPrototypeOf(g.state.players)).toBe(Object.prototype);
    expect(g.player('__proto__').name).toBe('__proto__');
    expect(hashState(g.state)).toMatch(/^[0-9a-f]{64}$/);
  });
});

