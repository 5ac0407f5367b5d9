/**
 * Equip and unequip. Equipping takes the item from the pack into its slot and puts what was
 * there back into the pack; either way the new pack must fit the new limits (gear can add
 * capacity and slots), else `equip/no-slots` / `equip/too-heavy` (and the same for unequip).
 */
import { withPlayer } from '../state.ts';
import { SLOTS } from '../../content/vocabulary.ts';
import type { Slot } from '../../content/schema.ts';
import type { ActionOf } from '../action.ts';
import type { PlayerState } from '../state.ts';
import { addToPack, countInPack, overLimits, removeFromPack } from '../inventory.ts';
import type { Refusal, Turn } from '../turn.ts';
import { emit, putPlayer, refuse, refuseOverLimit } from '../turn.ts';

export function applyEquip(t: Turn, p: PlayerState, a: ActionOf<'equip'>): Refusal | undefined {
  if (countInPack(p.inventory, a.target) === 0) return refuse('equip/not-carried', { item: a.target });
  const slot = t.content.items.get(a.target)?.slot;
  if (!slot) return refuse('equip/not-equippable', { item: a.target });
  const replaced = p.equipment[slot] ?? null;
  let inventory = removeFromPack(p.inventory, a.target, 1);
  if (replaced !== null) inventory = addToPack(t.content, inventory, replaced, 1);
  const equipment = { ...p.equipment, [slot]: a.target };
  const over = overLimits(t.content, inventory, equipment);
  if (over) {
    return refuseOverLimit('equip', over, { item: a.target });
  }
  putPlayer(t, withPlayer(p, { inventory, equipment }));
  emit(t, { type: 'equipped', item: a.target, slot, replaced, player: t.intent.player, location: t.where });
  return undefined;
}

export function applyUnequip(t: Turn, p: PlayerState, a: ActionOf<'unequip'>): Refusal | undefined {
  const slot: Slot | undefined = (SLOTS as readonly string[]).includes(a.target)
    ? (a.target as Slot)
    : SLOTS.find((s) => p.equipment[s] === a.target);
  const item = slot === undefined ? undefined : p.equipment[slot];
  if (slot === undefined || item === undefined) return refuse('unequip/not-equipped', { target: a.target });
  // Rebuilt without the slot, never `delete`d: an object a key was deleted from is slow to copy.
  const equipment: Partial<Record<Slot, string>> = {};
  for (const s of SLOTS) if (s !== slot && p.equipment[s] !== undefined) equipment[s] = p.equipment[s];
  const inventory = addToPack(t.content, p.inventory, item, 1);
  const over = overLimits(t.content, inventory, equipment);
  if (over) {
    return refuseOverLimit('unequip', over, { item });
  }
  putPlayer(t, withPlayer(p, { inventory, equipment }));
  emit(t, { type: 'unequipped', item, slot, player: t.intent.player, location: t.where });
  return undefined;
}
