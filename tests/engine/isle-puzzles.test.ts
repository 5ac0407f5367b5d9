// The isle's three puzzles that need more than a key (issue 17), played on the real content with
// the game clock pinned: the Mercy's hold opens only at dead low water and the causeway back only
// on the ebb and at low water; the tor beacon wakes only when its three workings are worked in the
// rhyme's order (by anyone: the order so far is the world's); and Hesk's eels come only through
// Wenna's peat, which comes only through a draught for Gorran's ewe.
import { describe, expect, it } from 'vitest';
import { loadContentDir } from '../../src/content/node-load.ts';
import { clockAt, type GameEvent } from '../../src/engine/index.ts';
import type { Tide } from '../../src/content/schema.ts';
import { Game } from './fixture.ts';

const content = loadContentDir();
const SEED = 1;

/** A game on the real isle with these players (ids = names) joined at game time 0. */
function isle(...names: string[]): Game {
  const g = new Game(content, SEED);
  for (const n of names) g.do(n, { kind: 'join', name: n }, 0);
  return g;
}

/** Puts a player somewhere (these tests are about the puzzles, not the walk there). */
function place(g: Game, id: string, location: string, inventory = g.player(id).inventory): void {
  g.state = { ...g.state, players: { ...g.state.players, [id]: { ...g.player(id), location, inventory } } };
}

/** The first game time after `from` (in 10 s steps) when the tide is `tide`. */
function nextTide(tide: Tide, from: number): number {
  for (let at = from; at < from + content.world.dayLengthMs; at += 10_000) if (clockAt(content, SEED, at).tide === tide) return at;
  throw new Error(`no ${tide} tide within a day`);
}

const said = (events: readonly GameEvent[]) => events.map((e) => e.type);
const questOf = (g: Game, id: string, quest: string) => g.player(id).quests?.find((q) => q.id === quest);

describe('the Mercy and the tide', () => {
  it('the causeway opens on the ebb, the hold only at low water, and the flood cuts the way back', () => {
    const g = isle('ana');
    place(g, 'ana', 'causeway-head');
    g.do('ana', { kind: 'move', dir: 'south' }, nextTide('high', g.at));
    expect(g.refusal).toBe('move/tide');
    g.do('ana', { kind: 'move', dir: 'south' }, nextTide('ebb', g.at));
    expect(g.refusal).toBeNull();
    g.do('ana', { kind: 'move', dir: 'south' }, g.at + 1000);
    expect(g.player('ana').location).toBe('gull-skerry');
    if (clockAt(content, SEED, g.at + 1000).tide !== 'low') {
      g.do('ana', { kind: 'move', dir: 'in' }, g.at + 1000);
      expect(g.refusal).toBe('move/tide');
    }
    g.do('ana', { kind: 'move', dir: 'in' }, nextTide('low', g.at));
    expect(g.player('ana').location).toBe('wreck-hold');
    // The locker wants Davey Rell's key.
    g.do('ana', { kind: 'open', target: 'bosuns-locker' }, g.at + 1000);
    expect(g.refusal).toBe('open/locked');
    place(g, 'ana', 'wreck-hold', [{ item: 'mercy-key', qty: 1 }]);
    g.do('ana', { kind: 'open', target: 'bosuns-locker' }, g.at + 1000);
    g.do('ana', { kind: 'take', target: 'mercy-manifest', from: 'bosuns-locker' }, g.at + 1000);
    expect(g.player('ana').inventory).toContainEqual({ item: 'mercy-manifest', qty: 1 });
    // Dawdle into the flood: out of the hold is fine, off the skerry is not.
    g.do('ana', { kind: 'move', dir: 'out' }, nextTide('flood', g.at));
    expect(g.player('ana').location).toBe('gull-skerry');
    g.do('ana', { kind: 'move', dir: 'north' }, g.at + 1000);
    expect(g.refusal).toBe('move/tide');
    g.do('ana', { kind: 'move', dir: 'north' }, nextTide('ebb', g.at));
    expect(g.player('ana').location).toBe('drowned-causeway');
  });
});

describe('the tor beacon', () => {
  it('wakes only when wind, breath and eye are worked in that order; out of turn it falls back', () => {
    const g = isle('ana', 'bo');
    place(g, 'ana', 'beacon-house');
    place(g, 'bo', 'beacon-house');
    g.do('ana', { kind: 'use', target: 'bellows-handle' });
    expect(g.events).toContainEqual(expect.objectContaining({ type: 'mechanism', outcome: 'reset' }));
    g.do('ana', { kind: 'use', target: 'brass-vane-crank' });
    expect(g.state.mechanisms).toEqual({ 'tor-beacon': 1 });
    g.do('bo', { kind: 'use', target: 'shutter-wheel' }); // the eye before the breath: it all falls back
    expect(g.events).toContainEqual(expect.objectContaining({ type: 'mechanism', outcome: 'reset' }));
    expect(g.state.mechanisms).toBeUndefined();
    expect(g.state.flags).not.toContain('tor-beacon-lit');
    // Ana finds the wind, Bo gives it breath, Ana lets it see: the order is the room's, not a player's.
    g.do('ana', { kind: 'use', target: 'brass-vane-crank' });
    g.do('bo', { kind: 'use', target: 'bellows-handle' });
    expect(g.state.mechanisms).toEqual({ 'tor-beacon': 2 });
    g.do('ana', { kind: 'use', target: 'shutter-wheel' });
    expect(said(g.events)).toEqual(['worked', 'mechanism']);
    expect(g.events[1]).toMatchObject({ outcome: 'solved', mechanism: 'tor-beacon' });
    expect(g.state.flags).toContain('tor-beacon-lit');
    expect(g.state.mechanisms).toBeUndefined();
    // Solved for good: working a part now only works it.
    g.do('bo', { kind: 'use', target: 'bellows-handle' });
    expect(said(g.events)).toEqual(['worked']);
  });
});

describe('eels for the Anchor', () => {
  it('Hesk wants eels, Wenna wants peat, Gorran wants a draught for his ewe: one favour buys the next', () => {
    const g = isle('ana');
    g.do('ana', { kind: 'move', dir: 'in' });
    place(g, 'ana', 'anchor-inn');
    g.do('ana', { kind: 'talk', target: 'hesk', topic: 'harbormaster' });
    expect(questOf(g, 'ana', 'nobody-met-the-boat')?.done).toBe(true);
    g.do('ana', { kind: 'talk', target: 'hesk', topic: 'eels' });
    expect(questOf(g, 'ana', 'eels-for-the-anchor')).toMatchObject({ stage: 0, done: false });
    // Gorran has nothing to say about peat until Wenna has asked for it.
    place(g, 'ana', 'shepherds-bothy');
    g.do('ana', { kind: 'talk', target: 'gorran', topic: 'peat' });
    expect(questOf(g, 'ana', 'eels-for-the-anchor')?.stage).toBe(0);
    place(g, 'ana', 'saltmarsh');
    g.do('ana', { kind: 'talk', target: 'wenna', topic: 'eels' });
    expect(questOf(g, 'ana', 'eels-for-the-anchor')?.stage).toBe(1);
    place(g, 'ana', 'shepherds-bothy', [{ item: 'healing-draught', qty: 1 }]);
    g.do('ana', { kind: 'talk', target: 'gorran', topic: 'peat' });
    expect(questOf(g, 'ana', 'eels-for-the-anchor')?.stage).toBe(2);
    g.do('ana', { kind: 'give', target: 'healing-draught', to: 'gorran' });
    expect(g.refusal).toBeNull();
    g.do('ana', { kind: 'talk', target: 'gorran', topic: 'peat' });
    expect(g.player('ana').inventory).toContainEqual({ item: 'peat-brick', qty: 1 });
    place(g, 'ana', 'saltmarsh');
    g.do('ana', { kind: 'give', target: 'peat-brick', to: 'wenna' });
    g.do('ana', { kind: 'talk', target: 'wenna', topic: 'eels' });
    expect(g.player('ana').inventory).toContainEqual({ item: 'smoked-eel', qty: 2 });
    place(g, 'ana', 'anchor-inn');
    g.do('ana', { kind: 'give', target: 'smoked-eel', to: 'hesk', qty: 2 });
    expect(said(g.events)).toContain('quest-done');
    expect(questOf(g, 'ana', 'eels-for-the-anchor')?.done).toBe(true);
    expect(g.player('ana').inventory).toContainEqual({ item: 'samphire-broth', qty: 2 });
  });
});
