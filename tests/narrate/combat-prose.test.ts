/**
 * A fight reads like the enemy it is with: each enemy's blows, misses and end come from content,
 * so a crab nips and the brine wraith drags you under, and beating the wraith is a moment.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { apply, createWorld, type GameEvent, type GameState } from '../../src/engine/index.ts';
import { narrateEvents, plainText } from '../../src/narrate/index.ts';
import { loadLaterProse } from '../../src/narrate/later-prose.ts';
import { vetrellis } from '../golden/transcript.ts';

// The player's own deeds are told by prose loaded after the first paint (later-prose.ts), as in the app.
beforeAll(() => loadLaterProse());

const content = vetrellis();

function twoPlayersAt(location: string): GameState {
  let state = createWorld(content, 1);
  for (const [id, name] of [['ana', 'Ana'], ['bo', 'Bo']] as const) {
    state = apply(content, state, { id: `j-${id}`, player: id, at: 0, action: { kind: 'join', name } }).state;
  }
  const players = Object.fromEntries(Object.entries(state.players).map(([id, p]) => [id, { ...p, location }]));
  return { ...state, players };
}

function told(state: GameState, events: readonly GameEvent[], viewer = 'ana'): string {
  return plainText(narrateEvents(content, state, events, viewer, 0));
}

describe('combat prose from content', () => {
  it('gives every enemy its own blows, misses and end', () => {
    for (const enemy of content.enemies.values()) {
      expect(enemy.hits.length, enemy.id).toBeGreaterThanOrEqual(2);
      expect(enemy.misses.length, enemy.id).toBeGreaterThanOrEqual(1);
      expect(enemy.defeat, enemy.id).toBeDefined();
    }
  });

  it('a crab and the boss do not hit alike, and a fight does not repeat one line', () => {
    const state = twoPlayersAt('sea-cave');
    const hit = (enemy: string, damage: number, hp: number): GameEvent => ({ type: 'enemy-attacked', player: 'ana', location: 'sea-cave', enemy, damage, hp });
    const crab = told(state, [hit('tide-crab', 3, 27)]);
    const wraith = told(state, [hit('brine-wraith', 3, 27)]);
    expect(crab).toMatch(/^The tide crab (nips|catches|scuttles) .* for 3 damage \(HP 27\/\d+\)\.$/);
    expect(wraith).toMatch(/^The brine wraith .* for 3 damage \(HP 27\/\d+\)\.$/);
    expect(crab.replace('tide crab', '')).not.toBe(wraith.replace('brine wraith', ''));
    const fight = told(state, [hit('brine-wraith', 11, 19), hit('brine-wraith', 9, 10), hit('brine-wraith', 10, 0)]).split('\n');
    expect(new Set(fight.map((l) => l.replace(/ for .*/, ''))).size).toBeGreaterThan(1);
    expect(told(state, [{ type: 'enemy-missed', player: 'ana', location: 'sea-cave', enemy: 'tide-crab' }])).toMatch(/^The tide crab (snaps|lunges) /);
  });

  it("tells the boss's defeat as a passage, to the victor and to those beside", () => {
    const state = twoPlayersAt('sea-cave');
    const defeat: GameEvent = {
      type: 'enemy-defeated', player: 'ana', location: 'sea-cave', enemy: 'brine-wraith', exp: 90,
      shares: [{ player: 'ana', exp: 90 }], looter: 'ana', loot: [{ item: 'pearl', qty: 1 }], dropped: [],
    };
    const mine = told(state, [defeat], 'ana');
    expect(mine).toContain('"Light it," it says');
    expect(mine.split('\n')[0]!.split('. ').length).toBeGreaterThanOrEqual(4);
    expect(mine).toContain('You gain 90 EXP.');
    const theirs = told(state, [defeat], 'bo');
    expect(theirs).toContain('Ana defeats the brine wraith.');
    expect(theirs).toContain('"Light it," it says');
    expect(told(state, [{ ...defeat, enemy: 'tide-crab', exp: 8, shares: [{ player: 'ana', exp: 8 }], loot: [] }])).toMatch(/^The tide crab folds its legs/);
  });
});
