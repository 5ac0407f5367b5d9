/**
 * Rewards without reading prose: what a character has (total EXP, level, coin, everything carried
 * and worn) is taken as a snapshot, and the difference between two snapshots is the reward of the
 * message between them.
 *
 *   const before = snapshotOf(content, state, me);  ...act...
 *   const reward = rewardBetween(before, snapshotOf(content, state, me));
 */
import type { Content } from '../content/schema.ts';
import { coinOf, compareCodeUnits, type GameState } from '../engine/index.ts';
import { expForLevel } from '../engine/stats.ts';
import type { ItemCount, Reward } from './protocol.ts';

export interface Holding {
  /** EXP gathered over every level so far. */
  readonly totalExp: number;
  readonly level: number;
  /** Item id -> how many are carried or worn. */
  readonly items: ReadonlyMap<string, number>;
  readonly coin: number;
}

export const NO_REWARD: Reward = { exp: 0, levels: 0, gained: [], lost: [], coin: 0 };

/** Null while the character is not in this state (not joined yet, or between zones). */
export function snapshotOf(content: Content, state: GameState, player: string): Holding | null {
  const p = state.players[player];
  if (!p) return null;
  let totalExp = p.exp;
  for (let level = 1; level < p.level; level += 1) totalExp += expForLevel(content, level);
  const items = new Map<string, number>();
  const add = (item: string, qty: number) => items.set(item, (items.get(item) ?? 0) + qty);
  for (const s of p.inventory) add(s.item, s.qty);
  for (const item of Object.values(p.equipment)) if (item) add(item, 1);
  return { totalExp, level: p.level, items, coin: coinOf(p) };
}

export function rewardBetween(before: Holding | null, after: Holding | null): Reward {
  if (!after) return NO_REWARD;
  const was = before ?? { totalExp: after.totalExp, level: after.level, items: new Map<string, number>(), coin: after.coin };
  const gained: ItemCount[] = [];
  const lost: ItemCount[] = [];
  const ids = [...new Set([...was.items.keys(), ...after.items.keys()])].sort(compareCodeUnits);
  for (const item of ids) {
    const delta = (after.items.get(item) ?? 0) - (was.items.get(item) ?? 0);
    if (delta > 0) gained.push({ item, qty: delta });
    if (delta < 0) lost.push({ item, qty: -delta });
  }
  return { exp: after.totalExp - was.totalExp, levels: after.level - was.level, gained, lost, coin: after.coin - was.coin };
}
