/**
 * What a companion does to help its friend make something ("Pip, help me make a driftwood
 * buckler"): the next deed toward handing the friend every input and tool the recipe wants that
 * the friend is short of. Worked out afresh from what it sees at each step (no hidden plan), so a
 * deed the rules refused or the dice cut short is simply planned again: give what it already
 * carries; else gather the missing resource from a node where it stands; else craft it from a
 * recipe it can make (gathering and crafting that recipe's own inputs first, a few levels deep).
 * Deterministic: recipes, items and nodes are tried in id order.
 *
 *   const recipe = recipeNamed(content, 'a driftwood buckler');         // Recipe | undefined
 *   const step = helpStep(content, recipe, observation, friendHas);      // { action } | { done } | { stuck }
 */
import type { Content, Recipe } from '../../content/schema.ts';
import { compareCodeUnits, type Action } from '../../engine/index.ts';
import type { Observation } from '../../session/observation.ts';

/** How many of an item the friend carries or wears (from the state this replica holds). */
export type FriendHas = (item: string) => number;

export type HelpStep =
  | { readonly action: Action }
  /** The friend has everything the recipe needs. */
  | { readonly done: true }
  /** Something is missing that the companion cannot get here: those items. */
  | { readonly stuck: readonly string[] };

/** How deep intermediate crafting goes (a cord for a spear for ...). */
const MAX_DEPTH = 3;

/** The recipe a player means by "a driftwood buckler", "kelp cords", "flint-knife"; undefined when none. */
export function recipeNamed(content: Content, words: string): Recipe | undefined {
  const want = words.toLowerCase().replace(/^(an?|the|some|\d+)\s+/, '').replace(/[-\s]+/g, ' ').trim();
  const recipes = [...content.recipes.values()].sort((a, b) => compareCodeUnits(a.id, b.id));
  for (const r of recipes) {
    const item = content.items.get(r.output.item);
    const names = [r.id.replace(/-/g, ' '), item?.name, item?.plural ?? (item ? `${item.name}s` : undefined), ...(item?.aliases ?? [])];
    if (names.some((n) => n !== undefined && n.toLowerCase() === want)) return r;
  }
  return undefined;
}

/** What the friend lacks for `recipe`: items (inputs and tools) and how many, in id order. */
export function friendShort(recipe: Recipe, friendHas: FriendHas): { item: string; qty: number }[] {
  const need = new Map<string, number>();
  for (const input of recipe.inputs) need.set(input.item, (need.get(input.item) ?? 0) + input.qty);
  for (const tool of recipe.tools) need.set(tool, Math.max(need.get(tool) ?? 0, 1));
  return [...need].map(([item, qty]) => ({ item, qty: qty - friendHas(item) }))
    .filter((s) => s.qty > 0)
    .sort((a, b) => compareCodeUnits(a.item, b.item));
}

export function helpStep(content: Content, recipe: Recipe, o: Observation, friend: string, friendHas: FriendHas): HelpStep {
  const short = friendShort(recipe, friendHas);
  if (short.length === 0) return { done: true };
  const have = (item: string) => (o.player?.inventory ?? []).filter((s) => s.id === item).reduce((n, s) => n + s.qty, 0);
  // What it already carries goes to the friend first.
  for (const s of short) {
    const mine = have(s.item);
    if (mine > 0) return { action: { kind: 'give', target: s.item, to: friend, qty: Math.min(mine, s.qty) } };
  }
  const stuck: string[] = [];
  for (const s of short) {
    const action = produce(content, o, s.item, s.qty, have, 0);
    if (action) return { action };
    stuck.push(s.item);
  }
  return { stuck };
}

/** The next deed toward carrying `qty` of `item` (it carries none yet, or too few). */
function produce(content: Content, o: Observation, item: string, qty: number, have: (item: string) => number, depth: number): Action | undefined {
  const carried = new Set((o.player?.inventory ?? []).map((s) => s.id));
  const node = [...o.here.nodes].sort((a, b) => compareCodeUnits(a.id, b.id))
    .find((n) => n.resource === item && n.remaining > 0 && (n.tool === null || carried.has(n.tool)));
  if (node) return { kind: 'gather', target: node.id, qty: Math.min(qty, node.remaining) };
  if (depth >= MAX_DEPTH) return undefined;
  const recipes = [...content.recipes.values()].filter((r) => r.output.item === item).sort((a, b) => compareCodeUnits(a.id, b.id));
  for (const r of recipes) {
    if (r.station !== undefined && !o.here.stations.some((s) => s.id === r.station)) continue;
    if (r.tools.some((t) => !carried.has(t) && !Object.values(o.player?.equipment ?? {}).some((e) => e?.id === t))) continue;
    const times = Math.ceil(qty / r.output.qty);
    const lacking = r.inputs.map((i) => ({ item: i.item, qty: i.qty * times - have(i.item) })).filter((i) => i.qty > 0);
    if (lacking.length === 0) {
      // SP runs short before inputs do: one at a time then.
      const sp = o.player?.sp ?? 0;
      const n = r.spCost === 0 ? times : Math.min(times, Math.floor(sp / r.spCost));
      if (n > 0) return { kind: 'craft', target: r.id, ...(n > 1 ? { qty: n } : {}) };
      continue;
    }
    for (const i of lacking) {
      const action = produce(content, o, i.item, i.qty, have, depth + 1);
      if (action) return action;
    }
  }
  return undefined;
}
