/**
 * How far a player is from making something: a rough count of the deeds still to do (a gather per
 * unit, a craft, a fight for loot, a walk to a bench or to a place not yet found), so WHAT CAN I
 * CRAFT leads with what is within reach rather than with the iron helm. Pure; an estimate for
 * ordering, never a rule.
 *
 *   craftEffort(content, player, recipe) // 2 for a kelp cord with no kelp, 40-odd for an iron helm
 */
import type { Content, Id, Recipe } from '../content/schema.ts';
import { coinOf, recipeMissing, type PlayerState } from '../engine/index.ts';

/** What one unit of something costs when nothing on the isle says how to come by it. */
const UNKNOWN = 12;
/** A fight for loot. */
const FIGHT = 4;
/** Going somewhere never visited to find it (once, however many are wanted there). */
const FAR = 3;

const has = (p: PlayerState, item: Id) => p.inventory.some((s) => s.item === item) || Object.values(p.equipment).includes(item);
const seenAt = (p: PlayerState, where: Id) => p.visited.includes(where);

/** The deeds to come by `n` units of `item` not carried: gathered, crafted, bought or looted, whichever is least. */
function effortFor(content: Content, p: PlayerState, item: Id, n: number, depth: number, seen: ReadonlySet<Id>): number {
  if (depth > 4 || seen.has(item)) return n * UNKNOWN;
  const next = new Set([...seen, item]);
  const costs: number[] = [];
  for (const node of content.nodes.values()) {
    if (node.resource !== item) continue;
    const tool = node.tool === undefined || has(p, node.tool) ? 0 : effortFor(content, p, node.tool, 1, depth + 1, next);
    costs.push(Math.ceil(n / node.perGather) + tool + (seenAt(p, node.location) ? 0 : FAR));
  }
  for (const recipe of content.recipes.values()) {
    if (recipe.output.item === item) costs.push(Math.ceil(n / recipe.output.qty) * recipeEffortFrom(content, p, recipe, depth + 1, next));
  }
  for (const npc of content.npcs.values()) {
    const shelf = npc.shop?.sells.find((s) => s.item === item);
    // Buying is quick once the coin is there; without it, the coin has to be earned first.
    if (shelf) costs.push(1 + (seenAt(p, npc.location) ? 0 : FAR) + (coinOf(p) >= shelf.price * n ? 0 : FIGHT * n));
  }
  for (const enemy of content.enemies.values()) {
    const loot = enemy.loot.find((l) => l.item === item);
    // A creature not yet met may be anything, behind anything: twice as far.
    if (loot) costs.push(Math.ceil((n * 100) / (loot.qty * loot.chance)) * FIGHT + (enemy.locations.some((l) => seenAt(p, l)) ? 0 : 2 * FAR));
  }
  return costs.length === 0 ? n * UNKNOWN : Math.min(...costs);
}

function recipeEffortFrom(content: Content, p: PlayerState, recipe: Recipe, depth: number, seen: ReadonlySet<Id>): number {
  const missing = recipeMissing(content, p, recipe);
  if (!missing) return 1;
  const station = recipe.station === undefined ? undefined : content.stations.get(recipe.station);
  const walk = missing.station === null || station === undefined ? 0 : seenAt(p, station.location) ? 1 : FAR;
  return 1 + walk
    + missing.inputs.reduce((sum, i) => sum + effortFor(content, p, i.item, i.need - i.have, depth, seen), 0)
    + missing.tools.reduce((sum, t) => sum + effortFor(content, p, t, 1, depth, seen), 0);
}

/** The deeds still to do before `recipe` can be crafted, the craft itself included (1 when it can be made now). */
export function craftEffort(content: Content, p: PlayerState, recipe: Recipe): number {
  return recipeEffortFrom(content, p, recipe, 0, new Set([recipe.output.item]));
}
