/**
 * The isle's clock (engine/clock.ts): day, hour and part of the day from game time; weather from
 * the world seed and the game hour, holding a few hours at a time; the tide turning twice a day.
 * A player notices all of these: the hour TIME tells, a night that begins when night falls in the
 * descriptions, a storm that lasts long enough to wait out, a low tide that comes back.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clockAt, WEATHER_HOURS } from '../../src/engine/clock.ts';
import { isNight } from '../../src/engine/index.ts';
import { vetrellis } from '../golden/transcript.ts';

const content = vetrellis();
const DAY = content.world.dayLengthMs;
const HOUR = DAY / 24;

describe('the world clock', () => {
  it('starts each day at dawn, six o\'clock, and counts days and hours from game time', () => {
    expect(clockAt(content, 1, 0)).toMatchObject({ day: 1, hour: 6, minute: 0, phase: 'dawn' });
    expect(clockAt(content, 1, 6 * HOUR)).toMatchObject({ day: 1, hour: 12, phase: 'day' });
    expect(clockAt(content, 1, 18 * HOUR)).toMatchObject({ day: 1, hour: 0, phase: 'night' });
    expect(clockAt(content, 1, DAY + 1)).toMatchObject({ day: 2, hour: 6, phase: 'dawn' });
    // Night is the last 30% of the day (world.yaml): from 22:48 to dawn; dusk the two hours before.
    expect(clockAt(content, 1, 0.7 * DAY - 1)).toMatchObject({ hour: 22, minute: 47, phase: 'dusk' });
    expect(clockAt(content, 1, 0.7 * DAY)).toMatchObject({ hour: 22, minute: 48, phase: 'night' });
  });

  it('is night exactly when isNight says so, at any game time and seed', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 45 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (at, seed) => {
      const c = clockAt(content, seed, at);
      expect(c.phase === 'night').toBe(isNight(content, at));
      expect(c.hour).toBeGreaterThanOrEqual(0);
      expect(c.hour).toBeLessThan(24);
    }), { seed: 17, numRuns: 2000 });
  });

  it('draws the weather from the seed and the hour: the same for the same world, held for hours, and every kind comes', () => {
    const seen = new Map<string, number>();
    const span = WEATHER_HOURS * HOUR;
    const base = 1_764_000_000_000; // a wall-clock-sized game time, as a shared world's are
    for (let i = 0; i < 2000; i++) {
      const at = base + i * span;
      const w = clockAt(content, 99, at).weather;
      seen.set(w, (seen.get(w) ?? 0) + 1);
      // The same all through its span, and the same on every replica.
      expect(clockAt(content, 99, at + span - 1).weather).toBe(w);
      expect(clockAt(content, 99, at).weather).toBe(w);
    }
    expect([...seen.keys()].sort()).toEqual(['clear', 'fog', 'overcast', 'rain', 'storm']);
    // Storms are rare and clear skies common (10% and 35% of spans), within a fair margin.
    expect(seen.get('storm')! / 2000).toBeGreaterThan(0.06);
    expect(seen.get('storm')! / 2000).toBeLessThan(0.14);
    expect(seen.get('clear')! / 2000).toBeGreaterThan(0.3);
    // Another world has other weather.
    const other = Array.from({ length: 50 }, (_, i) => clockAt(content, 100, base + i * span).weather);
    const mine = Array.from({ length: 50 }, (_, i) => clockAt(content, 99, base + i * span).weather);
    expect(other).not.toEqual(mine);
  });

  it('turns the tide twice a day, high, ebb, low, flood, at hours the world seed sets', () => {
    const turns: string[] = [];
    for (let at = 0; at < DAY; at += HOUR / 4) {
      const tide = clockAt(content, 5, at).tide;
      if (turns[turns.length - 1] !== tide) turns.push(tide);
    }
    const cycle = ['high', 'ebb', 'low', 'flood'];
    const start = cycle.indexOf(turns[0]!);
    const expected = Array.from({ length: 8 }, (_, i) => cycle[(start + i) % 4]);
    expect(turns.slice(0, 8)).toEqual(expected);
    // Half a day later the sea is where it was.
    expect(clockAt(content, 5, 1234 + DAY / 2).tide).toBe(clockAt(content, 5, 1234).tide);
    const lowAt = (seed: number) => Array.from({ length: 48 }, (_, i) => clockAt(content, seed, i * HOUR / 2).tide).indexOf('low');
    expect(new Set([1, 2, 3, 4, 5, 6].map(lowAt)).size).toBeGreaterThan(1);
  });
});
