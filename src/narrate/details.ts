/**
 * Answers to "inventory", "status" and "examine": what you carry and wear, how you fare, and
 * a close look at one thing in scope.
 */
import type { Content } from '../content/schema.ts';
import { SLOTS } from '../content/vocabulary.ts';
import { coinOf, enemyAlive, nodeRemaining, playerStats, sceneryAt, sceneryId, sceneryText, type GameState } from '../engine/index.ts';
import { effectName, itemName } from './names.ts';
import { line, type ProseLine } from './prose.ts';
import { coins } from './coins.ts';
import { describeContainer } from './containers.ts';
import { capitalise, counted, kilograms, listing, slotName, withArticle, withThe } from './words.ts';

export function describeInventory(content: Content, state: GameState, viewer: string): ProseLine[] {
  const player = state.players[viewer];
  if (!player) return [];
  const stats = playerStats(content, player);
  const carried = player.inventory.map((s) => {
    const n = itemName(content, s.item);
    return counted(s.qty, n.name, n.plural);
  });
  // A spear or a shield is held, a coat worn: "You are wearing an oilskin coat (body) and holding a flint spear (main hand)."
  const equipped = (hands: boolean) => SLOTS.flatMap((slot) => {
    const id = player.equipment[slot];
    return id && (slot === 'mainHand' || slot === 'offHand') === hands ? [`${withArticle(itemName(content, id).name)} (${slotName(slot)})`] : [];
  });
  const worn = equipped(false);
  const held = equipped(true);
  const out: ProseLine[] = [
    line('body', carried.length > 0 ? `You are carrying ${listing(carried)}.` : 'You are carrying nothing.'),
  ];
  const gear = [...(worn.length > 0 ? [`wearing ${listing(worn)}`] : []), ...(held.length > 0 ? [`holding ${listing(held)}`] : [])];
  if (gear.length > 0) out.push(line('body', `You are ${gear.join(' and ')}.`));
  out.push(line('body', coinOf(player) > 0 ? `Your purse holds ${coins(coinOf(player))}.` : 'Your purse is empty.'));
  out.push(
    line('system', `Load ${kilograms(stats.weight)} of ${kilograms(stats.maxWeight)}, ${stats.slots} of ${stats.maxSlots} slots.`),
  );
  return out;
}

export function describeStatus(content: Content, state: GameState, viewer: string): ProseLine[] {
  const player = state.players[viewer];
  if (!player) return [];
  const s = playerStats(content, player);
  const out = [
    line('body', `${player.name}, level ${player.level} (${player.exp}/${s.expToNext === null ? '—' : player.exp + s.expToNext} EXP).`),
    line('body', `HP ${player.hp}/${s.maxHp}, MP ${player.mp}/${s.maxMp}, SP ${player.sp}/${s.maxSp}. Attack ${s.attack}, defence ${s.defence}.${coinOf(player) > 0 ? ` ${capitalise(coins(coinOf(player)))}.` : ''}`),
  ];
  if (player.effects.length > 0) {
    const effects = player.effects.map((e) => `${effectName(content, e.id)} (${e.turnsLeft} turn${e.turnsLeft === 1 ? '' : 's'} left)`);
    out.push(line('body', `Affecting you: ${listing(effects)}.`));
  }
  const skills = [...content.skills.values()].filter((k) => k.learnedAt <= player.level);
  if (skills.length > 0) {
    const known = skills.map((k) => `${k.name} (${k.cost.sp > 0 ? `${k.cost.sp} SP` : `${k.cost.mp} MP`})`);
    out.push(line('body', `Skills: ${listing(known)}.`));
  }
  return out;
}

/**
 * A close look at one entity id in scope. `what` says which kind of thing the id names, since a
 * recipe may share its id with the item it makes.
 */
export function describeThing(content: Content, state: GameState, viewer: string, id: string, at: number, what?: string): ProseLine[] {
  const recipe = content.recipes.get(id);
  if (recipe && what === 'recipe') return describeRecipe(content, recipe.id);
  const item = content.items.get(id);
  if (item) {
    const facts: string[] = [`${item.weight} g`];
    if (item.slot) facts.push(`worn on the ${slotName(item.slot)}`);
    if (item.stats) {
      const { attack, defence, capacity, slots } = item.stats;
      if (attack) facts.push(`attack ${signed(attack)}`);
      if (defence) facts.push(`defence ${signed(defence)}`);
      if (capacity) facts.push(`carry ${signed(capacity / 1000)} kg`);
      if (slots) facts.push(`${signed(slots)} slots`);
    }
    if (item.consumable) facts.push(`you can ${item.consumable.verb} it`);
    return [line('body', item.description), line('system', `(${capitalise(facts.join(', '))}.)`)];
  }
  const node = content.nodes.get(id);
  if (node) {
    const left = nodeRemaining(content, state, id, at);
    const resource = itemName(content, node.resource);
    const tool = node.tool ? ` You will need ${withArticle(itemName(content, node.tool).name)}.` : '';
    return [line('body', node.description), line('system', `(${left} ${left === 1 ? resource.name : resource.plural} left.${tool})`)];
  }
  const enemy = content.enemies.get(id);
  if (enemy) {
    const player = state.players[viewer];
    const alive = player ? enemyAlive(content, state, player.location, id, at) : null;
    const hp = alive ? ` It has ${alive.hp} of ${enemy.hp} HP.` : '';
    return [line('body', `${enemy.description}${hp}`)];
  }
  const npc = content.npcs.get(id);
  if (npc) return [line('body', npc.description)];
  const station = content.stations.get(id);
  if (station) return [line('body', station.description)];
  if (recipe) return describeRecipe(content, recipe.id);
  const other = state.players[id];
  if (other) {
    const worn = SLOTS.flatMap((slot) => {
      const it = other.equipment[slot];
      return it ? [withArticle(itemName(content, it).name)] : [];
    });
    return [line('body', `${other.name}, level ${other.level}${worn.length ? `, wearing ${listing(worn)}` : ''}.`)];
  }
  const skill = content.skills.get(id);
  if (skill) {
    const cost = skill.cost.sp > 0 ? `${skill.cost.sp} SP` : `${skill.cost.mp} MP`;
    return [line('body', `${skill.description} (${cost}; learned at level ${skill.learnedAt}.)`)];
  }
  const here = state.players[viewer] ? content.locations.get(state.players[viewer]!.location) : undefined;
  const scenery = here ? sceneryAt(content, state, here.id, at, viewer).find((s) => sceneryId(s.name) === id) : undefined;
  if (scenery) return [line('body', sceneryText(content, state, scenery, at, viewer))];
  const box = describeContainer(content, state, id);
  return box.length > 0 ? box : [line('body', 'You see nothing special about it.')];
}

function describeRecipe(content: Content, id: string): ProseLine[] {
  const recipe = content.recipes.get(id)!;
  const out = itemName(content, recipe.output.item);
  const inputs = recipe.inputs.map((i) => {
    const n = itemName(content, i.item);
    return counted(i.qty, n.name, n.plural);
  });
  const needs: string[] = [];
  if (recipe.tools.length > 0) needs.push(`with ${listing(recipe.tools.map((t) => withArticle(itemName(content, t).name)))} at hand`);
  if (recipe.station) needs.push(`at ${withThe(content.stations.get(recipe.station)?.name ?? recipe.station)}`);
  return [line('body', `To make ${counted(recipe.output.qty, out.name, out.plural)}: ${listing(inputs)}${needs.length ? ', ' + needs.join(', ') : ''}.`)];
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}
