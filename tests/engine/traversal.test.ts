// Moving by exits, locked exits and keys, fleeing a fight, first visits.
import { describe, expect, it } from 'vitest';
import { fixture, Game, joinedGame } from './fixture.ts';
import { createWorld } from '../../src/engine/index.ts';

describe('createWorld', () => {
  it('lays out floors, full nodes and one enemy per location, no players', () => {
    const s = createWorld(fixture, 7);
    expect(s.floors.dock).toEqual({ rope: 1, driftwood: 3, 'brass-key': 1, pebble: 9 });
    expect(s.floors.cave).toBeUndefined();
    expect(s.nodes['copper-vein']).toEqual({ remaining: 4, depletedAt: null });
    expect(s.enemies['cave/crab']).toEqual({ hp: 10, defeatedAt: null });
    expect(s.players).toEqual({});
    expect(s.seed).toBe(7);
  });
});

describe('traversal', () => {
  it('refuses a direction with no exit', () => {
    const g = joinedGame('ana');
    g.do('ana', { kind: 'move', dir: 'west' });
    expect(g.refusal).toBe('move/no-exit');
    expect(g.events[0]).toMatchObject({ detail: { dir: 'west' } });
  });

  it('a locked exit needs its key; passing with it unlocks for everyone', () => {
    const g = joinedGame('ana', 'bo');
    g.do('ana', { kind: 'move', dir: 'east' });
    expect(g.refusal).toBe('move/locked');
    expect(g.events[0]).toMatchObject({ detail: { dir: 'east', lock: 'shed-door', tool: 'brass-key' } });
    g.do('ana', { kind: 'take', target: 'brass-key' });
    g.do('ana', { kind: 'move', dir: 'east' });
    expect(g.events.map((e) => e.type)).toEqual(['unlocked', 'moved']);
    expect(g.state.flags).toEqual(['shed-door']);
    expect(g.player('ana').location).toBe('shed');
    g.do('bo', { kind: 'move', dir: 'east' });
    expect(g.refusal).toBeNull();
    expect(g.events.map((e) => e.type)).toEqual(['moved']);
  });

  it('use key opens a lock of an exit here; with nothing to open it refuses', () => {
    const g = joinedGame('ana');
    g.do('ana', { kind: 'take', target: 'brass-key' });
    g.do('ana', { kind: 'use', target: 'brass-key' });
    expect(g.events[0]).toMatchObject({ type: 'unlocked', dir: 'east', lock: 'shed-door', key: 'brass-key' });
    g.do('ana', { kind: 'use', target: 'brass-key' });
    expect(g.refusal).toBe('use/no-lock');
    g.do('ana', { kind: 'move', dir: 'north' });
    g.do('ana', { kind: 'use', target: 'brass-key' });
    expect(g.refusal).toBe('use/no-lock');
  });

  it('the moved event and the player record first visits', () => {
    const g = joinedGame('ana');
    expect(g.player('ana').firstVisit).toBe(true);
    g.do('ana', { kind: 'move', dir: 'north' });
    expect(g.events[0]).toMatchObject({ firstVisit: true });
    g.do('ana', { kind: 'move', dir: 'south' });
    expect(g.events[0]).toMatchObject({ firstVisit: false });
    expect(g.player('ana').firstVisit).toBe(false);
    expect(g.player('ana').visited).toEqual(['dock', 'square']);
  });

  it('fleeing a fight costs a parting blow and ends the fight', () => {
    const g = joinedGame('ana');
    g.do('ana', { kind: 'move', dir: 'down' });
    g.do('ana', { kind: 'attack', target: 'crab' });
    expect(g.player('ana').fighting).toBe('crab');
    g.do('ana', { kind: 'move', dir: 'up' });
    const types = g.events.map((e) => e.type);
    expect(types[0] === 'enemy-attacked' || types[0] === 'enemy-missed').toBe(true);
    expect(types).toContain('moved');
    expect(g.player('ana')).toMatchObject({ location: 'dock', fighting: null });
  });

  it('a parting blow that defeats a fleeing player sends them to the respawn point instead', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const g = new Game(fixture, seed);
      g.do('ana', { kind: 'join', name: 'Ana' });
      g.state = { ...g.state, flags: ['shed-door'], players: { ana: { ...g.player('ana'), location: 'shed', hp: 1, fighting: 'kraken' } } };
      g.do('ana', { kind: 'move', dir: 'west' });
      seen.add(g.events[0]!.type);
      const types = g.events.map((e) => e.type);
      if (types.includes('player-defeated')) {
        expect(types).not.toContain('moved');
        expect(g.player('ana')).toMatchObject({ location: 'square', fighting: null, hp: 10 });
      } else {
        expect(types).toEqual(['enemy-missed', 'moved']);
        expect(g.player('ana')).toMatchObject({ location: 'dock', fighting: null });
      }
    }
    expect([...seen].sort()).toEqual(['enemy-attacked', 'enemy-missed']);
  });
});

