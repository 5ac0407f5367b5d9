/**
 * A player's derived numbers: maxima from level, equipment and effects; carried weight and slots;
 * EXP still needed. Never stored, so they cannot disagree with their sources.
 *
 *   const s = playerStats(content, player); if (s.weight > s.maxWeight) ...
 *
 * Weight counts everything the player carries: the pack AND worn gear (armour is carried too).
 * Slots count pack stacks only; worn gear takes no pack slot.
 * The level curve: `world.player.levels[L-1]` EXP takes level L to L+1; past the end of the list
 * its last entry repeats, so levelling never stops.
 */
import type { Content, Item, Slot } from '../content/schema.ts';
import { SLOTS } from '../content/vocabulary.ts';
import type { PlayerState, Stack } from './state.ts';

export interface PlayerStats {
  readonly maxHp: number;
  readonly maxMp: number;
  readonly maxSp: number;
  readonly attack: number;
  readonly defence: number;
  readonly maxWeight: number;
  readonly maxSlots: number;
  /** Grams carried: pack plus worn gear. */
  readonly weight: number;
  /** Pack stacks in use. */
  readonly slots: number;
  readonly expToNext: number;
}

/** EXP needed to go from `level` to `level + 1`. */
export function expForLevel(content: Content, level: number): number {
  const levels = content.world.player.levels;
  return levels[Math.min(level - 1, levels.length - 1)] ?? levels[levels.length - 1] ?? 1;
}

export interface Maxima {
  readonly maxHp: number;
  readonly maxMp: number;
  readonly maxSp: number;
}

export function maximaAt(content: Content, level: number): Maxima {
  const base = content.world.player;
  const up = level - 1;
  return {
    maxHp: base.hp + up * base.perLevel.hp,
    maxMp: base.mp + up * base.perLevel.mp,
    maxSp: base.sp + up * base.perLevel.sp,
  };
}

export function itemOf(content: Content, id: string): Item | undefined {
  return content.items.get(id);
}

/** Grams of a list of stacks. Unknown items weigh nothing (content is cross-checked at load). */
export function stacksWeight(content: Content, stacks: readonly Stack[]): number {
  let grams = 0;
  for (const s of stacks) grams += (content.items.get(s.item)?.weight ?? 0) * s.qty;
  return grams;
}

export function wornWeight(content: Content, equipment: PlayerState['equipment']): number {
  let grams = 0;
  for (const slot of SLOTS) {
    const id = equipment[slot];
    if (id !== undefined) grams += content.items.get(id)?.weight ?? 0;
  }
  return grams;
}

export interface Capacity {
  readonly maxWeight: number;
  readonly maxSlots: number;
}

export function capacityOf(content: Content, equipment: Readonly<Partial<Record<Slot, string>>>): Capacity {
  let maxWeight = content.world.player.maxWeight;
  let maxSlots = content.world.player.maxSlots;
  for (const slot of SLOTS) {
    const id = equipment[slot];
    const stats = id === undefined ? undefined : content.items.get(id)?.stats;
    if (stats) {
      maxWeight += stats.capacity;
      maxSlots += stats.slots;
    }
  }
  return { maxWeight, maxSlots };
}

export function attackDefenceOf(content: Content, player: PlayerState): { attack: number; defence: number } {
  const base = content.world.player;
  let attack = base.attack + (player.level - 1) * base.perLevel.attack;
  let defence = base.defence + (player.level - 1) * base.perLevel.defence;
  for (const slot of SLOTS) {
    const id = player.equipment[slot];
    const stats = id === undefined ? undefined : content.items.get(id)?.stats;
    if (stats) {
      attack += stats.attack;
      defence += stats.defence;
    }
  }
  for (const e of player.effects) {
    const effect = content.effects.get(e.id);
    if (effect) {
      attack += effect.attack;
      defence += effect.defence;
    }
  }
  return { attack: Math.max(0, attack), defence: Math.max(0, defence) };
}

export function playerStats(content: Content, player: PlayerState): PlayerStats {
  const { maxHp, maxMp, maxSp } = maximaAt(content, player.level);
  const { attack, defence } = attackDefenceOf(content, player);
  const { maxWeight, maxSlots } = capacityOf(content, player.equipment);
  return {
    maxHp, maxMp, maxSp, attack, defence, maxWeight, maxSlots,
    weight: stacksWeight(content, player.inventory) + wornWeight(content, player.equipment),
    slots: player.inventory.length,
    expToNext: Math.max(0, expForLevel(content, player.level) - player.exp),
  };
}
