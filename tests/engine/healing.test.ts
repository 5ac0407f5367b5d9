// Healing costs something (issue 16): a rest away from the inn restores a quarter once per
// REST_COOLDOWN_MS of game time, the inn restores everything, and a wounded enemy left alone
// recovers over game time, so "leave the fight, rest three times, come back" no longer works.
import { describe, expect, it, beforeAll } from 'vitest';
import { fixture, Game } from './fixture.ts';
import { enemyAlive } from '../../src/engine/index.ts';
import { REST_COOLDOWN_MS } from '../../src/engine/rules/observe.ts';
import { ENEMY_CALM_MS, ENEMY_RECOVERY_MS } from '../../src/engine/timers.ts';
import { narrateEvents } from '../../src/narrate/index.ts';
import { loadLaterProse } from '../../src/narrate/later-prose.ts';

// Refusals are told by prose loaded after the first paint (later-prose.ts), as in the app.
beforeAll(() => loadLaterProse());

/** The fixture's crab, gentler (attack 2) and without poison, so the numbers here are the rules'. */
const crab = fixture.enemies.get('crab')!;
const gentle = { ...fixture, enemies: new Map([...fixture.enemies, ['crab', { ...crab, attack: 2, inflicts: undefined }]]) };

/** Ana (attack 7) in the cave with the crab, with 8 of 20 HP. */
function wounded(): Game {
  const g = new Game(gentle);
  g.do('ana', { kind: 'join', name: 'Ana' });
  g.state = { ...g.state, players: { ana: { ...g.player('ana'), location: 'cave', hp: 8, equipment: { mainHand: 'copper-sword' } } } };
  return g;
}

const text = (g: Game, who = 'ana') => narrateEvents(g.content, g.state, g.events, who, g.state.time).map((l) => l.text).join(' ');

describe('rest away from the inn', () => {
  it('restores a quarter once, then is refused at no cost until the cooldown has passed', () => {
    const g = wounded();
    g.do('ana', { kind: 'move', dir: 'up' }); // to the dock, no fight
    const hp = g.player('ana').hp;
    g.do('ana', { kind: 'rest' });
    expect(g.events[0]).toMatchObject({ type: 'rested', hp: 5 });
    expect(g.player('ana')).toMatchObject({ hp: hp + 5, restedAt: g.at });
    const before = g.state;
    g.do('ana', { kind: 'rest' });
    expect(g.refusal).toBe('rest/too-soon');
    expect(g.state).toBe(before);
    expect(g.events[0]).toMatchObject({ detail: { readyAt: before.players.ana!.restedAt! + REST_COOLDOWN_MS } });
    expect(text(g)).toBe('You rested out here not long ago, and you are too restless to rest again yet; try again in about 2 minutes. A bed in the Square would restore you fully.');
    g.do('ana', { kind: 'rest' }, before.players.ana!.restedAt! + REST_COOLDOWN_MS);
    expect(g.events[0]).toMatchObject({ type: 'rested', hp: 5 });
  });

  it('at a restful place restores everything, every time', () => {
    const g = wounded();
    g.state = { ...g.state, players: { ana: { ...g.player('ana'), location: 'square', hp: 3, restedAt: g.at } } };
    g.do('ana', { kind: 'rest' });
    expect(g.player('ana').hp).toBe(20);
    g.state = { ...g.state, players: { ana: { ...g.player('ana'), hp: 3 } } };
    g.do('ana', { kind: 'rest' });
    expect(g.refusal).toBeNull();
    expect(g.player('ana').hp).toBe(20);
  });
});

describe('a wounded enemy left alone recovers', () => {
  it('leave the fight, rest three times, come back: the crab has healed, Ana barely', () => {
    const g = wounded();
    g.do('ana', { kind: 'attack', target: 'crab' });
    const crabHp = g.state.enemies['cave/crab']!.hp;
    expect(crabHp).toBeLessThan(10);
    g.do('ana', { kind: 'move', dir: 'up' }); // a parting blow, then out
    const left = g.at;
    const hp = g.player('ana').hp;
    g.do('ana', { kind: 'rest' });
    g.do('ana', { kind: 'rest' });
    g.do('ana', { kind: 'rest' });
    expect(g.player('ana').hp).toBe(Math.min(20, hp + 5)); // one rest, two refused
    g.do('ana', { kind: 'move', dir: 'down' }, left + ENEMY_CALM_MS + ENEMY_RECOVERY_MS);
    expect(enemyAlive(g.content, g.state, 'cave', 'crab', g.at)).toEqual({ hp: 10, defeatedAt: null });
  });

  it('recovers only after a calm, then a share of its max HP over time, and not while fought', () => {
    const g = wounded();
    const foughtAt = 5000;
    g.state = { ...g.state, enemies: { 'cave/crab': { hp: 2, defeatedAt: null, dealt: [{ player: 'ana', hp: 8 }], foughtAt } } };
    const hpAt = (at: number) => enemyAlive(g.content, g.state, 'cave', 'crab', at)?.hp;
    expect(hpAt(foughtAt + ENEMY_CALM_MS)).toBe(2);
    expect(hpAt(foughtAt + ENEMY_CALM_MS + ENEMY_RECOVERY_MS / 2)).toBe(7);
    expect(hpAt(foughtAt + ENEMY_CALM_MS + ENEMY_RECOVERY_MS)).toBe(10);
    // Whole again, it forgets who wounded it.
    expect(enemyAlive(g.content, g.state, 'cave', 'crab', foughtAt + ENEMY_CALM_MS + ENEMY_RECOVERY_MS)).toEqual({ hp: 10, defeatedAt: null });
    // A player fighting it keeps it from recovering: each blow it strikes is a blow exchanged.
    g.state = { ...g.state, players: { ana: { ...g.player('ana'), hp: 20, fighting: 'crab' } } };
    for (let at = foughtAt + 20_000; at <= foughtAt + 100_000; at += 20_000) g.do('ana', { kind: 'wait' }, at);
    expect(g.state.enemies['cave/crab']!.hp).toBe(2);
    expect(g.player('ana')).toMatchObject({ location: 'cave', fighting: 'crab' });
  });
});
