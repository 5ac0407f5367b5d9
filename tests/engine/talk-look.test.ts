// Talking to NPCs, examining what is in scope, the scope itself, and location descriptions.
import { describe, expect, it } from 'vitest';
import { Game, joinedGame } from './fixture.ts';
import { isNight, locationDescription, scopeOf } from '../../src/engine/index.ts';

describe('talk', () => {
  it('greets, answers topics by keyword, sets flags and gives once per player', () => {
    const g = joinedGame('ana', 'bo');
    g.do('ana', { kind: 'talk', target: 'archon' });
    expect(g.events[0]).toMatchObject({ type: 'talked', npc: 'archon', topic: null, text: 'Welcome, traveller.', gave: null });
    g.do('ana', { kind: 'talk', target: 'archon', topic: 'secret' });
    expect(g.refusal).toBe('talk/unknown-topic');
    g.do('ana', { kind: 'talk', target: 'archon', topic: 'Light' });
    expect(g.events[0]).toMatchObject({ topic: 'lamp' });
    expect(g.state.flags).toEqual(['lamp-lit']);
    g.do('ana', { kind: 'talk', target: 'archon', topic: 'secret' });
    expect(g.events[0]).toMatchObject({ topic: 'secret' });
    g.do('ana', { kind: 'talk', target: 'archon', topic: 'gift' });
    expect(g.events[0]).toMatchObject({ gave: { item: 'potion', qty: 2 } });
    expect(g.player('ana').inventory).toEqual([{ item: 'potion', qty: 2 }]);
    expect(g.player('ana').gifts).toEqual(['archon/gift']);
    g.do('ana', { kind: 'talk', target: 'archon', topic: 'gift' });
    expect(g.events[0]).toMatchObject({ gave: null });
    g.do('bo', { kind: 'talk', target: 'archon', topic: 'present' });
    expect(g.events[0]).toMatchObject({ gave: { item: 'potion', qty: 2 } });
    g.do('ana', { kind: 'talk', target: 'nobody' });
    expect(g.refusal).toBe('talk/no-npc');
  });
});

describe('examine and scope', () => {
  it('examines anything in scope and refuses the rest', () => {
    const g = joinedGame('ana', 'bo');
    for (const [target, what] of [
      ['rope', 'item'], ['driftwood-pile', 'node'], ['archon', 'npc'], ['old-anchor', 'scenery'],
      ['bo', 'player'], ['make-pickaxe', 'recipe'], ['mend', 'skill'],
    ] as const) {
      g.do('ana', { kind: 'examine', target });
      expect(g.events[0]).toMatchObject({ type: 'examined', target, what });
    }
    g.do('ana', { kind: 'examine', target: 'hammer' });
    expect(g.refusal).toBe('examine/not-here');
    g.do('ana', { kind: 'examine', target: 'fireball' });
    expect(g.refusal).toBe('examine/not-here');
  });

  it('lists floor, carried and worn items, fixtures, players, recipes, skills and exits', () => {
    const g = joinedGame('ana', 'bo');
    g.do('ana', { kind: 'take', target: 'rope' });
    const scope = scopeOf(g.content, g.state, 'ana');
    expect(scope.location).toBe('dock');
    expect(scope.exits).toEqual(['north', 'east', 'down']);
    const ids = scope.entities.map((e) => `${e.where}:${e.kind}:${e.id}`);
    expect(ids).toEqual([
      'here:item:brass-key', 'here:item:driftwood', 'here:item:pebble', 'here:node:driftwood-pile',
      'here:npc:archon', 'here:scenery:old-anchor', 'here:player:bo', 'carried:item:rope',
      'known:recipe:brew-potion', 'known:recipe:forge-sword', 'known:recipe:make-pickaxe',
      'known:skill:hamstring', 'known:skill:mend', 'known:skill:power-strike', 'known:skill:rally',
    ]);
    expect(scope.entities.find((e) => e.id === 'pebble')).toMatchObject({ qty: 9, plural: 'pebbles' });
    expect(scope.entities.find((e) => e.id === 'make-pickaxe')).toMatchObject({ output: 'pickaxe', name: 'pickaxe' });
    g.state = { ...g.state, players: { ...g.state.players, ana: { ...g.player('ana'), location: 'cave', equipment: { mainHand: 'copper-sword' } } } };
    const cave = scopeOf(g.content, g.state, 'ana').entities;
    expect(cave.find((e) => e.id === 'crab')).toMatchObject({ kind: 'enemy', where: 'here' });
    expect(cave.find((e) => e.id === 'copper-sword')).toMatchObject({ where: 'worn', slot: 'mainHand' });
  });
});

describe('locationDescription', () => {
  it('applies first-visit, night and flag variants', () => {
    const g = joinedGame('ana');
    expect(locationDescription(g.content, g.state, 'ana', 0, { arriving: true })).toBe('You step onto the dock for the first time.');
    // Told on the arrival only: looking again shows the place as a returning visitor sees it.
    expect(locationDescription(g.content, g.state, 'ana', 0)).toBe('Wet planks.');
    g.do('ana', { kind: 'move', dir: 'north' });
    expect(locationDescription(g.content, g.state, 'ana', 0)).toBe('A quiet square.');
    g.do('ana', { kind: 'move', dir: 'south' });
    expect(isNight(g.content, 74_999)).toBe(false);
    expect(isNight(g.content, 75_000)).toBe(true);
    expect(isNight(g.content, 100_000)).toBe(false);
    expect(locationDescription(g.content, g.state, 'ana', 10_000)).toBe('Wet planks.');
    expect(locationDescription(g.content, g.state, 'ana', 80_000)).toBe('The dock at night.');
    g.do('ana', { kind: 'talk', target: 'archon', topic: 'lamp' });
    expect(locationDescription(g.content, g.state, 'ana', 10_000)).toBe('The dock, lit by the lamp.');
  });
});
