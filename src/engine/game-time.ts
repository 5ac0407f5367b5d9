/**
 * A zone's game time (`GameState.time`) as each intent moves it, from the log alone, identically
 * on every replica (docs/intent-format.md, "Game time"). An intent's `at` is its author's word,
 * and a hostile member can sign any `at` up to the envelope's bound: left as `max(time, at)`, one
 * such intent would stop the zone's clock for good (day and night, weather, tides, respawns and
 * restocks all read it). So one intent moves game time on by at most `MAX_TIME_STEP_MS`, measured
 * from the zone's time; an intent stamped earlier than the zone's time leaves it where it is.
 *
 * Where the clock starts: a zone at time 0 has not started it. In a world whose key names an
 * owner, only a word already trusted starts it: the owner's own intent (`startsClock`), or an
 * arrival, which sets it to the time the zone left had when the traveller left it (the sync
 * layer's crossing rules, src/sync/replica/crossing.ts); anyone else's intent leaves it at 0. In
 * a world without an owner (`startsClock` absent) the zone's first accepted intent starts it.
 *
 *   gameTimeAfter(state, intent.at, intent.startsClock)   // the time the intent is applied at, and the state keeps
 */
import type { GameState } from './state.ts';

/**
 * One day of the calendar: longer than any timer in play (respawns, restocks, rests and buffs
 * last minutes), so the first deed after a long absence finds all of them run out; a whole number
 * of Vetrellis days (72 of twenty minutes each), so a step this long leaves the time of day where
 * it was; a week away is caught up in seven deeds. A hostile member, stepping a day per intent,
 * needs about 180,000 accepted intents to carry a world from now to the bound `at` may carry.
 */
export const MAX_TIME_STEP_MS = 86_400_000;

export function gameTimeAfter(state: Pick<GameState, 'time' | 'tick'>, at: number, startsClock?: boolean): number {
  if (!Number.isFinite(at)) return state.time;
  const stamped = Math.max(0, Math.floor(at));
  if (startsClock === undefined) {
    if (state.tick === 0) return Math.max(state.time, stamped);
  } else if (state.time === 0) {
    return startsClock ? stamped : 0;
  }
  return Math.max(state.time, Math.min(stamped, state.time + MAX_TIME_STEP_MS));
}
