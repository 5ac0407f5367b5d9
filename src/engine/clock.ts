/**
 * The isle's clock: day, hour, part of the day, weather and tide at a game time, as a pure
 * function of the world's content, its seed and `at` (an intent's game time, never a wall clock).
 * Every replica computes the same clock for the same `at`, so nothing about it is ever written.
 *
 *   const c = clockAt(content, state.seed, t.now); // { day: 3, hour: 14, minute: 24, phase: 'day', weather: 'rain', tide: 'low' }
 *   clockHolds(c, { tide: ['low'] })             // the sands are open
 *
 * A day is `world.dayLengthMs` of game time and starts at dawn, six o'clock; its last
 * `nightPercent` is night (so isNight in timers.ts is `phase === 'night'`). Dawn is its first two
 * hours, dusk the two before night. The weather holds for `WEATHER_HOURS` game hours at a time,
 * drawn from the world seed and that span's number; the tide turns twice a day (high, ebb, low,
 * flood, a quarter each), offset by the seed, so each world's sea keeps its own hours.
 */
import type { ClockCondition, Content } from '../content/schema.ts';
import type { Phase, Tide, Weather } from '../content/vocabulary.ts';
import { mix32 } from './prng.ts';

export interface WorldClock {
  /** Day number since game time 0 (the first day is 1). */
  readonly day: number;
  /** 0..23 on the isle's clock. */
  readonly hour: number;
  /** 0..59. */
  readonly minute: number;
  readonly phase: Phase;
  readonly weather: Weather;
  readonly tide: Tide;
}

/** Game hours one weather holds before the sky is drawn again. */
export const WEATHER_HOURS = 3;
/** The hour a day starts at (dawn). */
export const DAWN_HOUR = 6;
const DAWN_MINUTES = 120;
const DUSK_MINUTES = 120;

/** Odds of each weather, in 100, in the order drawn. */
const WEATHER_ODDS: readonly (readonly [Weather, number])[] = [
  ['clear', 35], ['overcast', 25], ['fog', 12], ['rain', 18], ['storm', 10],
];

function into(length: number, at: number): number {
  return ((at % length) + length) % length;
}

/** Minutes since dawn (0 .. 1439) at `at`. */
function minutesSinceDawn(content: Content, at: number): number {
  const length = content.world.dayLengthMs;
  return Math.floor((into(length, at) * 1440) / length);
}

/** Night is the last `nightPercent` of each day: the same test as `isNight` has always made. */
export function nightAt(content: Content, at: number): boolean {
  const { dayLengthMs, nightPercent } = content.world;
  return into(dayLengthMs, at) * 100 >= dayLengthMs * (100 - nightPercent);
}

export function phaseAt(content: Content, at: number): Phase {
  if (nightAt(content, at)) return 'night';
  const minutes = minutesSinceDawn(content, at);
  if (minutes < DAWN_MINUTES) return 'dawn';
  const nightFrom = Math.ceil((1440 * (100 - content.world.nightPercent)) / 100);
  return minutes >= nightFrom - DUSK_MINUTES ? 'dusk' : 'day';
}

/** The hour (0..23) on the isle's clock. */
export function hourAt(content: Content, at: number): number {
  return Math.floor(((DAWN_HOUR * 60 + minutesSinceDawn(content, at)) % 1440) / 60);
}

/** The weather span `at` falls in: a whole number, the same on every replica. */
function weatherSpan(content: Content, at: number): number {
  const span = Math.max(1, Math.floor((content.world.dayLengthMs * WEATHER_HOURS) / 24));
  return Math.floor(at / span);
}

export function weatherAt(content: Content, seed: number, at: number): Weather {
  const span = weatherSpan(content, at);
  // Two words of the span, so spans past 2^32 still differ.
  const roll = mix32((mix32(seed ^ 0x5eed) + mix32(span >>> 0) + Math.floor(span / 4294967296)) >>> 0) % 100;
  let sum = 0;
  for (const [weather, odds] of WEATHER_ODDS) {
    sum += odds;
    if (roll < sum) return weather;
  }
  return 'clear';
}

const TIDE_ORDER: readonly Tide[] = ['high', 'ebb', 'low', 'flood'];

export function tideAt(content: Content, seed: number, at: number): Tide {
  const period = Math.max(4, Math.floor(content.world.dayLengthMs / 2));
  const offset = mix32(seed ^ 0x71de) % period;
  return TIDE_ORDER[Math.floor((into(period, at + offset) * 4) / period)]!;
}

export function clockAt(content: Content, seed: number, at: number): WorldClock {
  const minutes = (DAWN_HOUR * 60 + minutesSinceDawn(content, at)) % 1440;
  return {
    day: Math.floor(at / content.world.dayLengthMs) + 1,
    hour: Math.floor(minutes / 60),
    minute: minutes % 60,
    phase: phaseAt(content, at),
    weather: weatherAt(content, seed, at),
    tide: tideAt(content, seed, at),
  };
}

/** Whether every part of `c` holds at this clock. */
export function clockHolds(clock: WorldClock, c: ClockCondition): boolean {
  if (c.night !== undefined && c.night !== (clock.phase === 'night')) return false;
  if (c.phase !== undefined && !c.phase.includes(clock.phase)) return false;
  if (c.weather !== undefined && !c.weather.includes(clock.weather)) return false;
  if (c.tide !== undefined && !c.tide.includes(clock.tide)) return false;
  return true;
}

/** What keeps a way or a node shut now: the first part of `c` that fails, or null when open. */
export function closedBy(clock: WorldClock, c: ClockCondition | undefined): 'tide' | 'weather' | 'hour' | null {
  if (c === undefined) return null;
  if (c.tide !== undefined && !c.tide.includes(clock.tide)) return 'tide';
  if (c.weather !== undefined && !c.weather.includes(clock.weather)) return 'weather';
  if (!clockHolds(clock, c)) return 'hour';
  return null;
}

/** Whether `c` holds at `at`, computing only the parts it names (a hot path for enemies and exits). */
export function holdsAt(content: Content, seed: number, at: number, c: ClockCondition): boolean {
  if (c.night !== undefined && c.night !== nightAt(content, at)) return false;
  if (c.phase !== undefined && !c.phase.includes(phaseAt(content, at))) return false;
  if (c.weather !== undefined && !c.weather.includes(weatherAt(content, seed, at))) return false;
  if (c.tide !== undefined && !c.tide.includes(tideAt(content, seed, at))) return false;
  return true;
}
