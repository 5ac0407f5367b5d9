/**
 * Pack arithmetic on ordered stacks: count, add (filling existing stacks up to the item's stack
 * limit before opening new ones), remove (from the last stacks first), and the carry-limit check.
 * All functions return new arrays and never mutate their input.
 *
 *   const pack = addToPack(content, player.inventory, 'driftwood', 3);
 *   const over = overLimits(content, pack, player.equipment); // null when it fits
 */
import type { Content, Id, Slot } from '../content/schema.ts';
import type { Stack } from './state.ts';
import { SLOTS } from '../content/vocabulary.ts';
import { stacksWeight } from './stats.ts';

export function countInPack(pack: readonly Stack[], item: Id): number {
  let n = 0;
  for (const s of pack) if (s.item === item) n += s.qty;
  return n;
}

export function stackLimit(content: Content, item: Id): number {
  return content.items.get(item)?.stack ?? 1;
}

export function addToPack(content: Content, pack: readonly Stack[], item: Id, qty: number): Stack[] {
  const limit = stackLimit(content, item);
  const out = pack.slice();
  let left = qty;
  for (let i = 0; i < out.length && left > 0; i++) {
    const s = out[i]!;
    if (s.item !== item || s.qty >= limit) continue;
    const put = Math.min(limit - s.qty, left);
    out[i] = { item, qty: s.qty + put };
    left -= put;
  }
  while (left > 0) {
    const put = Math.min(limit, left);
    out.push({ item, qty: put });
    left -= put;
  }
  return out;
}

/** Removes `qty` of `item` (the caller has checked there are that many). */
export function removeFromPack(pack: readonly Stack[], item: Id, qty: number): Stack[] {
  const out = pack.slice();
  let left = qty;
  for (let i = out.length - 1; i >= 0 && left > 0; i--) {
    const s = out[i]!;
    if (s.item !== item) continue;
    const take = Math.min(s.qty, left);
    left -= take;
    if (take === s.qty) out.splice(i, 1);
    else out[i] = { item, qty: s.qty - take };
  }
  return out;
}

/** How many new stacks adding `qty` of `item` would open. */
export function stacksNeeded(content: Content, pack: readonly Stack[], item: Id, qty: number): number {
  const limit = stackLimit(content, item);
  let room = 0;
  for (const s of pack) if (s.item === item && s.qty < limit) room += limit - s.qty;
  return Math.max(0, Math.ceil((qty - room) / limit));
}

export interface OverLimit {
  readonly limit: 'weight' | 'slots';
  /** Grams over the weight limit, or slots short. */
  readonly overBy: number;
  readonly max: number;
}

/** Which carry limit a pack + equipment would break, and by how much; null when it fits. */
export function overLimits(
  content: Content,
  pack: readonly Stack[],
  equipment: Readonly<Partial<Record<Slot, Id>>>,
): OverLimit | null {
  let maxWeight = content.world.player.maxWeight;
  let maxSlots = content.world.player.maxSlots;
  let weight = stacksWeight(content, pack);
  for (const slot of SLOTS) {
    const id = equipment[slot];
    if (id === undefined) continue;
    const item = content.items.get(id);
    if (!item) continue;
    weight += item.weight;
    if (item.stats) {
      maxWeight += item.stats.capacity;
      maxSlots += item.stats.slots;
    }
  }
  if (weight > maxWeight) return { limit: 'weight', overBy: weight - maxWeight, max: maxWeight };
  if (pack.length > maxSlots) return { limit: 'slots', overBy: pack.length - maxSlots, max: maxSlots };
  return null;
}

/** True when the player has the item in the pack or worn (tools and keys work either way). */
export function hasItem(pack: readonly Stack[], equipment: Readonly<Partial<Record<Slot, Id>>>, item: Id): boolean {
  for (const s of pack) if (s.item === item) return true;
  for (const id of Object.values(equipment)) if (id === item) return true;
  return false;
}
