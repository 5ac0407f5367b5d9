/**
 * Take, drop and give: items move between the floor, packs and other players, never created or
 * destroyed here (an NPC keeps what a quest asked them for: `delivered`). Both carry limits are checked (weight in grams, then pack slots) and a refusal
 * says which and by how much. `qty` defaults to 1. An NPC declines gifts (`give/npc-declines`)
 * unless a quest wants them.
 */
import { entry } from '../records.ts';
import type { Id } from '../../content/schema.ts';
import type { ActionOf } from '../action.ts';
import type { PlayerState } from '../state.ts';
import { copyPlayer } from '../state.ts';
import { indexContent, listAt } from '../content-index.ts';
import { npcLocationAt, npcIsAt } from '../living.ts';
import { addToPack, countInPack, overLimits, removeFromPack } from '../inventory.ts';
import type { Refusal, Turn } from '../turn.ts';
import { deliveryWanted } from './quests.ts';
import { changeFloor, emit, putPlayer, refuse, refuseOverLimit } from '../turn.ts';

/** Whether `target` names something here that is not an item (a node, an NPC, scenery ...). */
function isFixture(t: Turn, location: Id, target: string): boolean {
  const ix = indexContent(t.content);
  if (listAt(ix.nodesAt, location).some((n) => n.id === target)) return true;
  if (listAt(ix.stationsAt, location).some((s) => s.id === target)) return true;
  if (npcIsAt(t.content, target, location, t.now)) return true;
  if (listAt(ix.enemiesAt, location).some((e) => e.id === target)) return true;
  if (ix.containers.get(target)?.location === location) return true;
  return false;
}

export function applyTake(t: Turn, p: PlayerState, a: ActionOf<'take'>): Refusal | undefined {
  const qty = a.qty ?? 1;
  const onFloor = entry(entry(t.state.floors, p.location), a.target) ?? 0;
  if (onFloor === 0) {
    if (isFixture(t, p.location, a.target)) return refuse('take/not-portable', { target: a.target });
    return refuse('take/not-here', { item: a.target });
  }
  if (onFloor < qty) return refuse('take/not-enough', { item: a.target, need: qty, have: onFloor });
  const inventory = addToPack(t.content, p.inventory, a.target, qty);
  const over = overLimits(t.content, inventory, p.equipment);
  if (over) {
    return refuseOverLimit('take', over, { item: a.target });
  }
  changeFloor(t, p.location, a.target, -qty);
  const me = copyPlayer(p);
  me.inventory = inventory;
  putPlayer(t, me);
  emit(t, { type: 'took', item: a.target, qty, player: t.intent.player, location: t.where });
  return undefined;
}

export function applyDrop(t: Turn, p: PlayerState, a: ActionOf<'drop'>): Refusal | undefined {
  const qty = a.qty ?? 1;
  const have = countInPack(p.inventory, a.target);
  if (have === 0) return refuse('drop/not-carried', { item: a.target });
  if (have < qty) return refuse('drop/not-enough', { item: a.target, need: qty, have });
  changeFloor(t, p.location, a.target, qty);
  const me = copyPlayer(p);
  me.inventory = removeFromPack(p.inventory, a.target, qty);
  putPlayer(t, me);
  emit(t, { type: 'dropped', item: a.target, qty, player: t.intent.player, location: t.where });
  return undefined;
}

/**
 * An NPC takes only what a quest of the giver's (or a world quest here) still wants of it, and
 * keeps it: up to that many of the `qty` offered leave the pack. Anything else is declined.
 */
function deliverToNpc(t: Turn, p: PlayerState, npc: Id, item: Id, qty: number): Refusal | undefined {
  const taken = Math.min(qty, deliveryWanted(t, p, npc, item));
  if (taken === 0) return refuse('give/npc-declines', { item, target: npc });
  const me = copyPlayer(p);
  me.inventory = removeFromPack(p.inventory, item, taken);
  putPlayer(t, me);
  emit(t, { type: 'delivered', npc, item, qty: taken, player: t.intent.player, location: t.where });
  return undefined;
}

export function applyGive(t: Turn, p: PlayerState, a: ActionOf<'give'>): Refusal | undefined {
  const qty = a.qty ?? 1;
  const have = countInPack(p.inventory, a.target);
  if (have === 0) return refuse('give/not-carried', { item: a.target });
  if (have < qty) return refuse('give/not-enough', { item: a.target, need: qty, have });
  const npc = t.content.npcs.get(a.to);
  if (npc) {
    const place = npcLocationAt(t.content, npc, t.now);
    if (place === p.location) return deliverToNpc(t, p, npc.id, a.target, qty);
    if (npc.schedule.length > 0) return refuse('give/away', { item: a.target, target: npc.id, place });
  }
  const other = entry(t.state.players, a.to);
  if (!other || other.id === p.id || other.location !== p.location) return refuse('give/no-recipient', { target: a.to });
  const theirs = addToPack(t.content, other.inventory, a.target, qty);
  const over = overLimits(t.content, theirs, other.equipment);
  if (over) {
    return refuseOverLimit('give', over, { item: a.target, target: a.to });
  }
  const me = copyPlayer(p);
  me.inventory = removeFromPack(p.inventory, a.target, qty);
  putPlayer(t, me);
  const them = copyPlayer(other);
  them.inventory = theirs;
  putPlayer(t, them);
  emit(t, { type: 'gave', item: a.target, qty, to: a.to, player: t.intent.player, location: t.where });
  return undefined;
}
