/**
 * The agreed order of a zone's intents: `(turn, H(worldSeed, turn, player), seq)`, then id.
 * The hash tiebreak is a per-turn lottery among players (Yjs's own order would favour low client
 * ids, which a client picks itself). All comparisons are explicit: numbers, then hex strings by
 * code unit.
 *
 *   entries.sort(compareOrder);
 */
import { compareCodeUnits } from './canonical.ts';
import { sha256Hex } from './bytes.ts';

export interface OrderKey {
  readonly turn: number;
  /** First 64 bits of sha256(`${worldSeed}:${turn}:${player}`), hex. */
  readonly lottery: string;
  readonly seq: number;
  readonly id: string;
}

export function lotteryOf(worldSeed: number, turn: number, player: string): string {
  return sha256Hex(`${worldSeed}:${turn}:${player}`).slice(0, 16);
}

export function compareOrder(a: OrderKey, b: OrderKey): number {
  if (a.turn !== b.turn) return a.turn - b.turn;
  if (a.lottery !== b.lottery) return compareCodeUnits(a.lottery, b.lottery);
  if (a.seq !== b.seq) return a.seq - b.seq;
  return compareCodeUnits(a.id, b.id);
}

/** Index of the first element of sorted `list` that sorts after `key` (upper bound). */
export function insertionIndex<T extends OrderKey>(list: readonly T[], key: OrderKey): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareOrder(list[mid]!, key) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
