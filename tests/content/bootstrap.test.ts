// Walks the paths a new player follows, command by command in the canonical forms the terminal
// client accepts, against a deliberately simple model of the rules (counts, tools, stations,
// exits, locks, SP and carry limits). It proves the content allows them, not how the engine
// narrates them; the engine's golden transcript plays the same path for real.
import { describe, expect, it } from 'vitest';
import type { Content, Item } from '../../src/content/index.ts';
import { loadContentDir } from '../../src/content/node-load.ts';
import { SP_REGEN_PER_TURN } from '../../src/engine/index.ts';

const content = loadContentDir();

/** From nothing: gather -> a first tool -> ore -> ingots -> a sword at the anvil -> a potion. */
export const BOOTSTRAP = [
  'go west', 'gather driftwood', 'gather driftwood', 'gather driftwood', 'gather driftwood',
  'gather flint', 'gather flint', 'gather flint',
  'go east', 'go south', 'gather kelp', 'gather kelp', 'gather kelp', 'gather salt',
  'craft kelp cord', 'craft kelp cord', 'craft flint pickaxe', 'craft flint spear', 'equip flint spear',
  'go north', 'go west', 'attack tide crab',
  'go north', 'go east', 'gather copper', 'gather copper',
  'go west', 'go south', 'go east', 'go north', 'go west',
  'craft copper ingot', 'craft copper ingot', 'craft copper sword', 'equip copper sword',
  'go east', 'go east', 'craft healing draught', 'drink healing draught',
];

/** Then into the forest: a machete for the brambles, the Stone's key, the old mine. */
export const FOREST = [
  'go west', 'go in', 'rest', 'go out', 'go south', 'go west',
  'gather driftwood', 'go north', 'go east', 'gather copper', 'gather copper',
  'go west', 'go south', 'go east', 'go north', 'go west', 'craft copper ingot', 'craft copper ingot', 'craft machete',
  'go east', 'go north', 'use machete', 'go north', 'talk to the stone who counts about the mine',
  'go east', 'use rusted key', 'go in', 'gather copper',
];

/** The lighthouse: the TideKeeper's forgiveness lets Archon light the lamp. */
export const LIGHTHOUSE = [
  'go west', 'go north', 'go north', 'go east', 'talk to the tidekeeper about archon',
  'talk to the tidekeeper about the cave', 'use barnacled key', 'go west', 'go up', 'talk to archon about the lamp',
];

interface Sim {
  location: string;
  sp: number;
  inventory: Map<string, number>;
  equipped: Set<string>;
  flags: Set<string>;
  nodes: Map<string, number>;
}

function start(c: Content): Sim {
  return {
    location: c.world.start, sp: c.world.player.sp, inventory: new Map(), equipped: new Set(), flags: new Set(),
    nodes: new Map([...c.nodes.values()].map((n) => [n.id, n.yield])),
  };
}

const bare = (words: string): string => words.toLowerCase().replace(/^the /, '');
const named = (thing: { name: string; aliases: readonly string[] }, words: string): boolean =>
  [thing.name, ...thing.aliases].some((n) => bare(n) === bare(words));

function give(s: Sim, item: string, qty: number): void {
  s.inventory.set(item, (s.inventory.get(item) ?? 0) + qty);
}

function takeAway(s: Sim, item: string, qty: number): void {
  const left = (s.inventory.get(item) ?? 0) - qty;
  if (left < 0) throw new Error(`missing ${qty - left} x ${item}`);
  if (left === 0) s.inventory.delete(item);
  else s.inventory.set(item, left);
}

function spend(s: Sim, sp: number): void {
  if (s.sp < sp) throw new Error(`needs ${sp} SP, has ${s.sp}`);
  s.sp -= sp;
}

function carried(c: Content, s: Sim): { weight: number; slots: number; maxWeight: number; maxSlots: number } {
  let weight = 0;
  let slots = 0;
  let maxWeight = c.world.player.maxWeight;
  let maxSlots = c.world.player.maxSlots;
  for (const [id, qty] of s.inventory) {
    const item = c.items.get(id) as Item;
    weight += item.weight * qty;
    slots += Math.ceil(qty / item.stack);
    if (s.equipped.has(id)) {
      maxWeight += item.stats?.capacity ?? 0;
      maxSlots += item.stats?.slots ?? 0;
    }
  }
  return { weight, slots, maxWeight, maxSlots };
}

function step(c: Content, s: Sim, command: string): void {
  const [verb = '', ...rest] = command.split(' ');
  const words = rest.join(' ');
  const here = c.locations.get(s.location)!;
  switch (verb) {
    case 'go': {
      const exit = here.exits.find((e) => e.dir === words);
      if (!exit) throw new Error(`no exit ${words}`);
      if (exit.lock && !s.flags.has(exit.lock.id)) throw new Error(exit.lock.locked);
      s.location = exit.to;
      return;
    }
    case 'gather': {
      const node = [...c.nodes.values()].find((n) => n.location === here.id && named(n, words));
      if (!node) throw new Error(`no node "${words}" here`);
      if (node.tool && !s.inventory.has(node.tool)) throw new Error(`needs ${node.tool}`);
      const left = s.nodes.get(node.id) ?? 0;
      if (left === 0) throw new Error(`${node.id} is empty`);
      spend(s, node.spCost);
      give(s, node.resource, Math.min(left, node.perGather));
      s.nodes.set(node.id, left - Math.min(left, node.perGather));
      return;
    }
    case 'craft': {
      const recipe = [...c.recipes.values()].find((r) => named(c.items.get(r.output.item)!, words));
      if (!recipe) throw new Error(`no recipe "${words}"`);
      if (recipe.station && c.stations.get(recipe.station)?.location !== here.id) throw new Error(`needs the ${recipe.station}`);
      for (const tool of recipe.tools) if (!s.inventory.has(tool)) throw new Error(`needs ${tool}`);
      for (const input of recipe.inputs) takeAway(s, input.item, input.qty);
      spend(s, recipe.spCost);
      give(s, recipe.output.item, recipe.output.qty);
      return;
    }
    case 'equip': {
      const id = [...s.inventory.keys()].find((i) => named(c.items.get(i)!, words));
      const item = id ? c.items.get(id) : undefined;
      if (!id || !item?.slot) throw new Error(`cannot equip "${words}"`);
      for (const other of [...s.equipped]) if (c.items.get(other)?.slot === item.slot) s.equipped.delete(other);
      s.equipped.add(id);
      return;
    }
    case 'attack': {
      const enemy = [...c.enemies.values()].find((e) => e.locations.includes(here.id) && named(e, words));
      if (!enemy) throw new Error(`no enemy "${words}" here`);
      const bonus = (stat: 'attack' | 'defence'): number =>
        [...s.equipped].reduce((sum, id) => sum + (c.items.get(id)?.stats?.[stat] ?? 0), 0);
      const { player } = c.world;
      const blows = Math.ceil(enemy.hp / Math.max(1, player.attack + bonus('attack') - enemy.defence));
      const taken = (blows - 1) * Math.max(1, enemy.attack - player.defence - bonus('defence'));
      if (taken >= player.hp) throw new Error(`${enemy.id} wins`);
      for (const loot of enemy.loot) if (loot.chance === 100) give(s, loot.item, loot.qty);
      return;
    }
    case 'drink':
    case 'eat': {
      const id = [...s.inventory.keys()].find((i) => named(c.items.get(i)!, words));
      if (!id || c.items.get(id)?.consumable?.verb !== verb) throw new Error(`cannot ${verb} "${words}"`);
      takeAway(s, id, 1);
      return;
    }
    case 'use': {
      const id = [...s.inventory.keys()].find((i) => named(c.items.get(i)!, words));
      const exit = here.exits.find((e) => e.lock && e.lock.key === id);
      if (!exit?.lock) throw new Error(`nothing here opens with "${words}"`);
      s.flags.add(exit.lock.id);
      return;
    }
    case 'talk': {
      const match = /^to (.+?)(?: about (?:the )?(.+))?$/.exec(words);
      const npc = [...c.npcs.values()].find((n) => n.location === here.id && match && named(n, match[1]!));
      if (!npc || !match) throw new Error(`nobody "${words}" here`);
      // A new player: on no quest yet, so topics for a quest's stage or for after it are not offered.
      const offered = (t: (typeof npc.topics)[number]) => (!t.requires || s.flags.has(t.requires)) && (!t.unless || !s.flags.has(t.unless)) && !t.after && !t.during;
      const topic = npc.topics.find((t) => t.keywords.includes(match[2] ?? '') && offered(t));
      if (!topic) throw new Error(`${npc.id} knows nothing of "${match[2]}"`);
      if (topic.sets) s.flags.add(topic.sets);
      if (topic.gives) give(s, topic.gives.item, topic.gives.qty);
      return;
    }
    case 'rest':
      s.sp = c.world.player.sp;
      return;
    default:
      throw new Error(`the simulation does not know "${verb}"`);
  }
}

function play(s: Sim, commands: readonly string[]): Sim {
  commands.forEach((command, i) => {
    try {
      step(content, s, command);
      // Every action here takes a turn, and each turn gives SP back (the engine's end of turn).
      s.sp = Math.min(content.world.player.sp, s.sp + SP_REGEN_PER_TURN);
    } catch (error) {
      throw new Error(`step ${i + 1} "${command}" in ${s.location}: ${(error as Error).message}`);
    }
    const load = carried(content, s);
    expect(load.weight, command).toBeLessThanOrEqual(load.maxWeight);
    expect(load.slots, command).toBeLessThanOrEqual(load.maxSlots);
  });
  return s;
}

describe('the paths a new player follows', () => {
  it('bootstraps from nothing to a copper sword and a drunk potion', () => {
    const s = play(start(content), BOOTSTRAP);
    expect(s.location).toBe('alchemist-house');
    expect(s.equipped.has('copper-sword')).toBe(true);
    expect(s.inventory.has('flint-pickaxe')).toBe(true);
  });

  it('goes on through the brambles to the Stone and into the old mine', () => {
    const s = play(play(start(content), BOOTSTRAP), FOREST);
    expect(s.location).toBe('old-mine');
    expect([...s.flags].sort()).toEqual(['bramble-wall', 'mine-gate']);
  });

  it('carries forgiveness from the tide pools to the lamp', () => {
    const s = play(start(content), LIGHTHOUSE);
    expect(s.flags.has('lamp-lit')).toBe(true);
    expect(s.flags.has('sea-grate')).toBe(true);
  });
});
