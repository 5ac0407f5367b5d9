/**
 * Crafting a recipe (by recipe id, or by the item it makes when one recipe makes it), `qty`
 * times: consumes the inputs from the pack, needs the tools (carried or worn, kept) and the
 * station in this location, costs `spCost` SP per craft, and the result must fit the carry
 * limits. `craft/missing` lists every input short (need/have), every tool and the station missing.
 */
import type { Content, Recipe } from '../../content/schema.ts';
import type { ActionOf } from '../action.ts';
import type { PlayerState } from '../state.ts';
import { copyPlayer } from '../state.ts';
import type { RefusalDetail } from '../events.ts';
import { indexContent } from '../content-index.ts';
import { addToPack, countInPack, hasItem, overLimits, removeFromPack } from '../inventory.ts';
import type { Refusal, Turn } from '../turn.ts';
import { emit, putPlayer, refuse, refuseOverLimit } from '../turn.ts';

function findRecipe(t: Turn, target: string): Recipe | undefined {
  const byId = t.content.recipes.get(target);
  if (byId) return byId;
  const making = indexContent(t.content).recipesFor.get(target);
  return making && making.length === 1 ? t.content.recipes.get(making[0]!) : undefined;
}

export type CraftMissing = NonNullable<RefusalDetail['missing']>;

/**
 * What the player lacks to craft `recipe` `times` times here (inputs short with need/have, tools,
 * the station), or null when nothing is missing. SP and carry limits are not part of it.
 * Exported for narration and observations ("you would still need ...").
 */
export function recipeMissing(content: Content, p: PlayerState, recipe: Recipe, times = 1): CraftMissing | null {
  const inputs = [];
  for (const input of recipe.inputs) {
    const need = input.qty * times;
    const have = countInPack(p.inventory, input.item);
    if (have < need) inputs.push({ item: input.item, need, have });
  }
  const tools = recipe.tools.filter((tool) => !hasItem(p.inventory, p.equipment, tool));
  const station = recipe.station !== undefined && content.stations.get(recipe.station)?.location !== p.location
    ? recipe.station
    : null;
  return inputs.length === 0 && tools.length === 0 && station === null ? null : { inputs, tools, station };
}

export function applyCraft(t: Turn, p: PlayerState, a: ActionOf<'craft'>): Refusal | undefined {
  const recipe = findRecipe(t, a.target);
  if (!recipe) return refuse('craft/unknown-recipe', { target: a.target });
  const times = a.qty ?? 1;
  const missing = recipeMissing(t.content, p, recipe, times);
  if (missing) return refuse('craft/missing', { target: recipe.id, missing });
  const spCost = recipe.spCost * times;
  if (p.sp < spCost) return refuse('craft/no-sp', { target: recipe.id, need: spCost, have: p.sp });
  let inventory = p.inventory;
  for (const input of recipe.inputs) inventory = removeFromPack(inventory, input.item, input.qty * times);
  const qty = recipe.output.qty * times;
  inventory = addToPack(t.content, inventory, recipe.output.item, qty);
  const over = overLimits(t.content, inventory, p.equipment);
  if (over) {
    return refuseOverLimit('craft', over, { item: recipe.output.item, target: recipe.id });
  }
  const me = copyPlayer(p);
  me.inventory = inventory;
  me.sp = p.sp - spCost;
  putPlayer(t, me);
  emit(t, { type: 'crafted', recipe: recipe.id, item: recipe.output.item, qty, player: t.intent.player, location: t.where });
  return undefined;
}
