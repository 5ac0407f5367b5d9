// How fast a player may act (rules/pace.ts), in game time: everyone at most CAP_PER_MINUTE
// accepted intents per game minute of their own clock, a companion one intent per
// COMPANION_GAP_MS. What goes past either is refused at no cost, and play goes on after.
import { describe, expect, it } from 'vitest';
import { Game } from './fixture.ts';
import { CAP_PER_MINUTE, COMPANION_GAP_MS, hashState } from '../../src/engine/index.ts';
import { PlayerState } from '../../src/engine/player-state.ts';

describe('at most CAP_PER_MINUTE intents per player per game minute', () => {
  it('a flood in one minute: the excess is refused, changes nothing, and the next minute plays', () => {
    const g = new Game();
    g.do('mal', { kind: 'join', name: 'Mal' }, 60_000);
    g.do('ana', { kind: 'join', name: 'Ana' }, 60_000);
    let accepted = 1;
    let refused = 0;
    for (let i = 0; i < 500; i++) {
      const before = g.state;
      g.do('mal', { kind: i % 2 === 0 ? 'say' : 'wait', ...(i % 2 === 0 ? { text: `spam ${i}` } : {}) } as never, 60_000 + i);
      if (g.refusal === null) accepted += 1;
      else {
        expect(g.refusal).toBe('rate/too-fast');
        expect(g.events).toEqual([{ type: 'refused', kind: i % 2 === 0 ? 'say' : 'wait', reason: 'rate/too-fast', detail: { limit: CAP_PER_MINUTE, readyAt: 120_000 }, player: 'mal', location: 'dock' }]);
        // At no cost: the very state passed in, not even the tick moves.
        expect(g.state).toBe(before);
        refused += 1;
      }
    }
    expect(accepted).toBe(CAP_PER_MINUTE);
    expect(refused).toBe(500 - (CAP_PER_MINUTE - 1));
    // Nobody else's minute is used up: Ana acts in the same game minute.
    g.do('ana', { kind: 'wait' }, 60_500);
    expect(g.refusal).toBeNull();
    // The next game minute, Mal plays again.
    g.do('mal', { kind: 'wait' }, 120_000);
    expect(g.refusal).toBeNull();
    expect(g.player('mal').pace).toEqual({ minute: 2, count: 1, at: 120_000 });
  });

  it('refusals for other reasons are not counted, and the count is part of the state hash', () => {
    const a = new Game();
    const b = new Game();
    for (const g of [a, b]) g.do('ana', { kind: 'join', name: 'Ana' }, 0);
    a.do('ana', { kind: 'wait' }, 10);
    b.do('ana', { kind: 'take', target: 'no-such-thing' }, 10);
    expect(b.refusal).toBe('take/not-here');
    expect(b.player('ana').pace).toEqual({ minute: 0, count: 1, at: 0 });
    expect(a.player('ana').pace).toEqual({ minute: 0, count: 2, at: 10 });
    expect(hashState(a.state)).not.toBe(hashState(b.state));
  });

  it('the count crosses zone borders with the player (the arrive schema accepts it)', () => {
    const g = new Game();
    g.do('ana', { kind: 'join', name: 'Ana' }, 0);
    expect(PlayerState.parse(JSON.parse(JSON.stringify(g.player('ana'))))).toEqual(g.player('ana'));
  });
});

describe('a companion acts no faster than a person could type', () => {
  it('one intent per COMPANION_GAP_MS of game time; sooner is refused at no cost', () => {
    const g = new Game();
    g.do('ana', { kind: 'join', name: 'Ana' }, 0);
    g.do('pip', { kind: 'join', name: 'Pip', companionOf: 'ana' }, 1_000);
    expect(g.player('pip').companionOf).toBe('ana');
    const before = g.state;
    g.do('pip', { kind: 'say', text: 'Hello, Ana.' }, 1_000 + COMPANION_GAP_MS - 1);
    expect(g.events).toEqual([{ type: 'refused', kind: 'say', reason: 'rate/companion-too-fast', detail: { readyAt: 1_000 + COMPANION_GAP_MS }, player: 'pip', location: 'dock' }]);
    expect(g.state).toBe(before);
    g.do('pip', { kind: 'say', text: 'Hello, Ana.' }, 1_000 + COMPANION_GAP_MS);
    expect(g.refusal).toBeNull();
    // People are not held to it.
    g.do('ana', { kind: 'wait' }, 1_001);
    g.do('ana', { kind: 'wait' }, 1_002);
    expect(g.refusal).toBeNull();
  });
});
