/**
 * Coin: a count on the player (`PlayerState.coin`), weightless and taking no pack slot. Absent is
 * none, and a purse emptied goes back to absent, so one amount has one form in the state hash.
 *
 *   const me = withCoin(p, coinOf(p) - price);
 */
import { withPlayer } from './state.ts';
import type { PlayerState } from './player-state.ts';

/** Above any price or purse play reaches; a purse never grows past it (the state schema's bound). */
export const MAX_COIN = 1_000_000_000;

export function coinOf(p: PlayerState): number {
  return p.coin ?? 0;
}

/** The player with `coin` coin (0 removes the field; clamped to 0..MAX_COIN). */
export function withCoin(p: PlayerState, coin: number): PlayerState {
  const n = Math.max(0, Math.min(MAX_COIN, Math.floor(coin)));
  if (n === coinOf(p) && (n > 0 || p.coin === undefined)) return p;
  if (n > 0) return withPlayer(p, { coin: n });
  const { coin: _gone, ...rest } = p;
  return rest;
}
