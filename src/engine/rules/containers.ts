/**
 * Containers (chests, crates, niches: content's `Location.containers`): PUT an item in, TAKE it
 * FROM, OPEN and CLOSE a lid, undo a lock with a carried key. Items only move between a pack and
 * a container here, never made or lost; the carry limits are checked when taking out, as from
 * the floor, and a container's `capacity` when putting in. A container nobody has touched is as
 * content set it (`containerNow`), so a new world stores nothing for it.
 *
 *   containerNow(t.content, state, 'sea-chest') // { items: { rope: 1 }, open: false, unlocked: false }
 */
import type { Content, Id } from '../../content/schema.ts';
import { compareCodeUnits } from '../../content/canonical.ts';
import type { ActionOf } from '../action.ts';
import { entry } from '../records.ts';
import type { ContainerState, GameState, PlayerState } from '../state.ts';
import { copyPlayer } from '../state.ts';
import { indexContent } from '../content-index.ts';
import { addToPack, countInPack, hasItem, overLimits, removeFromPack } from '../inventory.ts';
import type { Refusal, Turn } from '../turn.ts';
import { emit, putContainer, putPlayer, refuse, refuseOverLimit } from '../turn.ts';

/** How a container stands now: as play left it, or as content sets it. Undefined for an unknown id. */
export function containerNow(content: Content, state: GameState, id: Id): ContainerState | undefined {
  const kept = entry(state.containers, id);
  if (kept) return kept;
  const found = indexContent(content).containers.get(id);
  if (!found) return undefined;
  const items: Record<Id, number> = {};
  for (const { item, qty } of found.container.items) items[item] = (items[item] ?? 0) + qty;
  return { items, open: !found.container.lid, unlocked: found.container.lock === undefined };
}

/** The container `id` if it stands where the player is. */
function containerHere(t: Turn, p: PlayerState, id: Id) {
  const found = indexContent(t.content).containers.get(id);
  return found && found.location === p.location ? found.container : undefined;
}

/** A container's items with `delta` of one added (negative: removed), sorted by id, empty entries gone. */
function withItem(items: Readonly<Record<Id, number>>, item: Id, delta: number): Record<Id, number> {
  const out: Record<Id, number> = {};
  const qty = (entry(items, item) ?? 0) + delta;
  for (const id of [...Object.keys(items), ...(entry(items, item) === undefined ? [item] : [])].sort(compareCodeUnits)) {
    const n = id === item ? qty : items[id]!;
    if (n > 0) out[id] = n;
  }
  return out;
}

function gramsIn(content: Content, items: Readonly<Record<Id, number>>): number {
  let grams = 0;
  for (const id of Object.keys(items)) grams += (content.items.get(id)?.weight ?? 0) * items[id]!;
  return grams;
}

export function applyPut(t: Turn, p: PlayerState, a: ActionOf<'put'>): Refusal | undefined {
  const qty = a.qty ?? 1;
  const have = countInPack(p.inventory, a.target);
  if (have === 0) return refuse('put/not-carried', { item: a.target });
  if (have < qty) return refuse('put/not-enough', { item: a.target, need: qty, have });
  const box = containerHere(t, p, a.in);
  const now = box && containerNow(t.content, t.state, box.id);
  if (!box || !now) return refuse('put/no-container', { target: a.in });
  if (!now.open) return refuse('put/closed', { target: box.id });
  const items = withItem(now.items, a.target, qty);
  if (box.capacity !== undefined) {
    const grams = gramsIn(t.content, items);
    if (grams > box.capacity) return refuse('put/full', { item: a.target, target: box.id, overBy: grams - box.capacity, limit: box.capacity });
  }
  putContainer(t, box.id, { items, open: now.open, unlocked: now.unlocked });
  const me = copyPlayer(p);
  me.inventory = removeFromPack(p.inventory, a.target, qty);
  putPlayer(t, me);
  emit(t, { type: 'put', item: a.target, qty, container: box.id, player: t.intent.player, location: t.where });
  return undefined;
}

/** TAKE X FROM a container here (`a.from` is set). */
export function applyTakeFrom(t: Turn, p: PlayerState, a: ActionOf<'take'> & { from: string }): Refusal | undefined {
  const qty = a.qty ?? 1;
  const box = containerHere(t, p, a.from);
  const now = box && containerNow(t.content, t.state, box.id);
  if (!box || !now) return refuse('take/no-container', { target: a.from });
  if (!now.open) return refuse('take/closed', { target: box.id });
  const inside = entry(now.items, a.target) ?? 0;
  if (inside === 0) return refuse('take/not-in', { item: a.target, target: box.id });
  if (inside < qty) return refuse('take/not-enough', { item: a.target, need: qty, have: inside });
  const inventory = addToPack(t.content, p.inventory, a.target, qty);
  const over = overLimits(t.content, inventory, p.equipment);
  if (over) return refuseOverLimit('take', over, { item: a.target });
  putContainer(t, box.id, { items: withItem(now.items, a.target, -qty), open: now.open, unlocked: now.unlocked });
  const me = copyPlayer(p);
  me.inventory = inventory;
  putPlayer(t, me);
  emit(t, { type: 'took', item: a.target, qty, from: box.id, player: t.intent.player, location: t.where });
  return undefined;
}

/** OPEN a lid (undoing a lock with a carried key, for good) or CLOSE it. */
export function applyLid(t: Turn, p: PlayerState, a: ActionOf<'open'> | ActionOf<'close'>): Refusal | undefined {
  const opening = a.kind === 'open';
  const box = containerHere(t, p, a.target);
  const now = box && containerNow(t.content, t.state, box.id);
  if (!box || !now) return refuse(opening ? 'open/no-container' : 'close/no-container', { target: a.target });
  if (!box.lid) return refuse(opening ? 'open/no-lid' : 'close/no-lid', { target: box.id });
  if (now.open === opening) return refuse(opening ? 'open/already' : 'close/already', { target: box.id });
  const key = opening && !now.unlocked ? box.lock?.key : undefined;
  if (key !== undefined && !hasItem(p.inventory, p.equipment, key)) return refuse('open/locked', { target: box.id, tool: key });
  putContainer(t, box.id, { items: now.items, open: opening, unlocked: now.unlocked || opening });
  const base = { container: box.id, player: t.intent.player, location: t.where };
  emit(t, opening ? { type: 'container-opened', ...base, ...(key !== undefined ? { key } : {}) } : { type: 'container-closed', ...base });
  return undefined;
}
