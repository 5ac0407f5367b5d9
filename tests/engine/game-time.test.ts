// Game time as intents move it (game-time.ts, docs/intent-format.md "Game time"): never back,
// at most a day per intent after the zone's first, whatever clocks the authors keep, so one
// hostile `at` (up to the envelope's bound) cannot stop the clock for everyone; honest clocks
// still move it as they did, and a player back after a week catches the world up in seven deeds.
// fast-check prints the seed and path of a failure; rerun with FC_SEED=<seed>.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply, gameTimeAfter, MAX_TIME_STEP_MS } from '../../src/engine/index.ts';
import { nightAt } from '../../src/engine/clock.ts';
import { AT_MAX } from '../../src/sync/intent/envelope.ts';
import { Game } from './fixture.ts';

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const runs = { numRuns: 200, ...(seed === undefined ? {} : { seed }) };
const NOW = 1_796_000_000_000;

/** An author's `at`: an honest clock near now, a little behind or ahead, or anything up to the bound. */
const stamp = fc.oneof(
  fc.integer({ min: NOW - 3_600_000, max: NOW + 3_600_000 }),
  fc.integer({ min: 0, max: AT_MAX }),
  fc.constant(AT_MAX),
);

/** Players say things at the given stamps, in order; the zone's time after each accepted one. */
function timesAfter(stamps: readonly { who: number; at: number }[]): number[] {
  const g = new Game();
  const players = ['ana', 'bo', 'cy'];
  players.forEach((p, i) => g.do(p, { kind: 'join', name: p }, NOW + i));
  const out: number[] = [g.state.time];
  for (const s of stamps) {
    g.do(players[s.who]!, { kind: 'say', text: 'Hello.' }, s.at);
    out.push(g.state.time);
  }
  return out;
}

describe('game time as intents move it', () => {
  it('never runs back, and moves at most a day per intent, whatever the stamps', () => {
    fc.assert(fc.property(fc.array(fc.record({ who: fc.integer({ min: 0, max: 2 }), at: stamp }), { maxLength: 40 }), (stamps) => {
      const times = timesAfter(stamps);
      for (let i = 1; i < times.length; i++) {
        expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]!);
        expect(times[i]! - times[i - 1]!).toBeLessThanOrEqual(MAX_TIME_STEP_MS);
      }
    }), runs);
  });

  it('takes an honest stamp as it is: later than the time by up to a day, or earlier (no change)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: AT_MAX - MAX_TIME_STEP_MS }), fc.integer({ min: -AT_MAX, max: MAX_TIME_STEP_MS }), fc.integer({ min: 1, max: 1_000 }), (time, delta, tick) => {
      const at = Math.max(0, time + delta);
      expect(gameTimeAfter({ time, tick }, at)).toBe(Math.max(time, at));
    }), runs);
  });

  it('after one intent at the bound, honest deeds still carry the clock on, through night and day', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 20 }), (offset, deeds) => {
      const g = new Game();
      const start = NOW + offset;
      g.do('ana', { kind: 'join', name: 'Ana' }, start);
      g.do('mal', { kind: 'join', name: 'Mal' }, start);
      g.do('mal', { kind: 'say', text: 'The end of time.' }, AT_MAX);
      const pushed = g.state.time;
      expect(pushed).toBe(start + MAX_TIME_STEP_MS);
      // Ana's session counts on from the world's time (Session.gameTime): a deed every tenth of a day.
      const day = g.content.world.dayLengthMs;
      const nights = new Set<boolean>();
      for (let i = 1; i <= deeds + 10; i++) {
        g.do('ana', { kind: 'wait' }, pushed + (i * day) / 10);
        expect(g.state.time).toBe(pushed + (i * day) / 10);
        nights.add(nightAt(g.content, g.state.time));
      }
      expect([...nights].sort()).toEqual([false, true]);
    }), runs);
  });

  it('a player back after a week catches the world up a day per deed, and the world then runs on', () => {
    const g = new Game();
    g.do('ana', { kind: 'join', name: 'Ana' }, NOW);
    const week = 7 * MAX_TIME_STEP_MS;
    const seen: number[] = [];
    for (let i = 1; i <= 8; i++) {
      g.do('ana', { kind: 'wait' }, NOW + week + i * 1_000);
      seen.push(g.state.time - NOW);
    }
    expect(seen.slice(0, 7)).toEqual([1, 2, 3, 4, 5, 6, 7].map((d) => d * MAX_TIME_STEP_MS));
    expect(seen[7]).toBe(week + 8_000);
  });

  it('the zone\'s first accepted intent sets its clock; a refused one does not', () => {
    const g = new Game();
    g.do('ana', { kind: 'say', text: 'Not here yet.' }, AT_MAX);
    expect(g.state.time).toBe(0);
    g.do('ana', { kind: 'join', name: 'Ana' }, NOW);
    expect(g.state.time).toBe(NOW);
    const r = apply(g.content, g.state, { id: 'x', player: 'ana', at: Number.NaN, action: { kind: 'wait' } });
    expect(r.state.time).toBe(NOW);
  });
});
