/**
 * How fast a player may act, in game time (the intent's `at`, the author's clock as the sync
 * layer clamps it along their chain), identically on every replica:
 *
 * - everyone: at most `CAP_PER_MINUTE` accepted intents per game minute (`floor(at / 60 s)`);
 *   further ones that minute are refused with `rate/too-fast`;
 * - a companion (a player whose join named a friend, `companionOf`): at least
 *   `COMPANION_GAP_MS` of game time after its last accepted intent, else `rate/companion-too-fast`.
 *
 * A refusal here costs what every refusal costs: nothing is written, so a flood past the cap is
 * a string of cheap no-ops that change no state and tell no one but the author. Only accepted
 * intents count (a refused one changes nothing, this count included), and the count travels
 * with the player state across zone borders like the rest of it.
 *
 *   const no = paceRefusal(p, at);      // before the rule: undefined when the intent may go on
 *   notePace(t, at);                    // after it was accepted
 */
import type { PlayerState } from '../state.ts';
import { copyPlayer } from '../state.ts';
import type { Refusal, Turn } from '../turn.ts';
import { putPlayer, refuse } from '../turn.ts';

/**
 * Twice what a fast typist manages (a short command and its answer take about a second), so a
 * person never meets it, and a hostile client folds at most this many changes a minute.
 */
export const CAP_PER_MINUTE = 120;
export const GAME_MINUTE_MS = 60_000;
/**
 * A person who reads the answer and types the next short command ("attack crab", nine keys and
 * Enter) at 80 words a minute (about 6.7 keys a second) needs about 1.5 s; AGAIN is quicker,
 * but is not what a person does all the time. A companion keeps to that pace.
 */
export const COMPANION_GAP_MS = 1_500;

/** Game time of an intent as pace counts it: whole ms, never negative. */
export function paceTime(at: number): number {
  return Number.isFinite(at) ? Math.max(0, Math.floor(at)) : 0;
}

export function paceRefusal(p: PlayerState, at: number): Refusal | undefined {
  const pace = p.pace;
  if (pace === undefined) return undefined;
  if (p.companionOf !== undefined && at < pace.at + COMPANION_GAP_MS) {
    return refuse('rate/companion-too-fast', { readyAt: pace.at + COMPANION_GAP_MS });
  }
  if (Math.floor(at / GAME_MINUTE_MS) === pace.minute && pace.count >= CAP_PER_MINUTE) {
    return refuse('rate/too-fast', { limit: CAP_PER_MINUTE, readyAt: (pace.minute + 1) * GAME_MINUTE_MS });
  }
  return undefined;
}

/** Counts an accepted intent of the actor (if they are still in this state). */
export function notePace(t: Turn, at: number): void {
  const id = t.intent.player;
  const p = t.state.players[id];
  if (p === undefined) return;
  const minute = Math.floor(at / GAME_MINUTE_MS);
  const was = p.pace;
  const pace = { minute, count: was !== undefined && was.minute === minute ? was.count + 1 : 1, at: Math.max(at, was?.at ?? 0) };
  if (p !== t.input.players[id]) {
    // This intent's own copy (turn.ts): written in place.
    (p as { pace?: PlayerState['pace'] }).pace = pace;
    return;
  }
  const me = copyPlayer(p);
  me.pace = pace;
  putPlayer(t, me);
}
