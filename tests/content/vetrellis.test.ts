// The shipped Vetrellis Isle content: it loads, meets the minimums, and its economy lets
// a brand-new player (and the hundredth one, after the starting items are gone) get going.
import { describe, expect, it } from 'vitest';
import { SLOTS, type Content } from '../../src/content/index.ts';
import { DEFAULT_CONTENT_DIR, loadContentDir } from '../../src/content/node-load.ts';

const content = loadContentDir(DEFAULT_CONTENT_DIR);
const list = <T>(map: ReadonlyMap<string, T>): T[] => [...map.values()];

describe('Vetrellis Isle content', () => {
  it('loads, frozen, with a stable 16-hex-digit version', () => {
    expect(content.version).toMatch(/^[0-9a-f]{16}$/);
    expect(loadContentDir(DEFAULT_CONTENT_DIR).version).toBe(content.version);
    expect(Object.isFrozen(content)).toBe(true);
    expect(Object.isFrozen(content.items.get('flint'))).toBe(true);
    expect(Object.isFrozen(content.world.player.levels)).toBe(true);
    expect(() => (content.items as Map<string, unknown>).set('x', {})).toThrow(/frozen/);
  });

  it('has the six zones and 36+ locations, starting and respawning in the harbor', () => {
    expect(list(content.zones).map((z) => z.name)).toEqual(['Harbor', 'Village', 'Northern Coast', 'Forest', 'The Saltings', 'Blackfell Moor']);
    expect(content.locations.size).toBeGreaterThanOrEqual(36);
    for (const zone of content.zones.keys()) {
      expect(list(content.locations).filter((l) => l.zone === zone).length).toBeGreaterThanOrEqual(4);
    }
    expect(content.locations.get(content.world.start)?.name).toBe('Harbor of Vetrellis');
    expect(content.locations.get(content.world.respawn)?.zone).toBe('harbor');
  });

  it('has foes and gear for levels 5 to 8, made from what the Saltings and the moor give', () => {
    const newZones = new Set(['saltings', 'moor']);
    const inNew = (loc: string) => newZones.has(content.locations.get(loc)?.zone ?? '');
    const foes = list(content.enemies).filter((e) => e.locations.some(inNew));
    expect(foes.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...foes.map((e) => e.exp))).toBeGreaterThan(Math.max(...list(content.enemies).filter((e) => !e.locations.some(inNew)).map((e) => e.exp)));
    // Something stronger than the copper sword to wield, and its inputs are gathered or looted out there.
    const fromNew = new Set([
      ...list(content.nodes).filter((n) => inNew(n.location)).map((n) => n.resource),
      ...foes.flatMap((e) => e.loot.map((l) => l.item)),
    ]);
    const better = list(content.recipes).filter((r) => (content.items.get(r.output.item)?.stats?.attack ?? 0) > 6);
    expect(better.length).toBeGreaterThanOrEqual(2);
    for (const r of better) {
      const raw = r.inputs.flatMap((i) => list(content.recipes).filter((x) => x.output.item === i.item).flatMap((x) => x.inputs.map((j) => j.item)).concat(i.item));
      expect(raw.some((item) => fromNew.has(item)), r.id).toBe(true);
    }
    // Containers, one of them locked, and a mechanism worked in order.
    expect(list(content.locations).flatMap((l) => l.containers).some((c) => c.lock !== undefined)).toBe(true);
    expect(list(content.locations).some((l) => l.mechanisms.length > 0)).toBe(true);
  });

  it('has one-way exits, locks opened by a key and by a tool, and conditional descriptions', () => {
    const locations = list(content.locations);
    const oneWay = locations.flatMap((l) => l.exits.filter((e) => !content.locations.get(e.to)?.exits.some((back) => back.to === l.id)));
    expect(oneWay.length).toBeGreaterThanOrEqual(2);
    const keys = locations.flatMap((l) => l.exits.flatMap((e) => (e.lock ? [content.items.get(e.lock.key)?.kind] : [])));
    expect(keys).toContain('key');
    expect(keys).toContain('tool');
    const whens = locations.flatMap((l) => l.variants.map((v) => v.when));
    expect(whens.some((w) => w.firstVisit)).toBe(true);
    expect(whens.some((w) => w.night)).toBe(true);
    expect(whens.some((w) => w.flag)).toBe(true);
  });

  it('has 30+ items, gear for all six slots, something that adds capacity, potions and food', () => {
    const items = list(content.items);
    expect(items.length).toBeGreaterThanOrEqual(30);
    for (const slot of SLOTS) expect(items.some((i) => i.slot === slot)).toBe(true);
    expect(items.some((i) => (i.stats?.capacity ?? 0) > 0 && (i.stats?.slots ?? 0) > 0)).toBe(true);
    expect(items.filter((i) => i.kind === 'potion' && i.consumable).length).toBeGreaterThanOrEqual(3);
    expect(items.filter((i) => i.kind === 'food' && i.consumable).length).toBeGreaterThanOrEqual(3);
    for (const item of items) expect(Number.isInteger(item.weight)).toBe(true);
  });

  it('has 6+ gathering nodes of 4+ resources, some needing a tool', () => {
    const nodes = list(content.nodes);
    expect(nodes.length).toBeGreaterThanOrEqual(6);
    expect(new Set(nodes.map((n) => n.resource)).size).toBeGreaterThanOrEqual(4);
    expect(nodes.find((n) => n.resource === 'copper-ore')?.tool).toBeDefined();
    expect(nodes.some((n) => n.tool === undefined)).toBe(true);
  });

  it('has 12+ recipes across weapons, armour, tools and potions, some with tools or stations', () => {
    const recipes = list(content.recipes);
    expect(recipes.length).toBeGreaterThanOrEqual(12);
    for (const category of ['weapon', 'armour', 'tool', 'potion'] as const) {
      expect(recipes.some((r) => r.category === category)).toBe(true);
    }
    expect(recipes.some((r) => r.tools.length > 0)).toBe(true);
    const stations = new Set(recipes.flatMap((r) => (r.station ? [r.station] : [])));
    expect(stations).toContain('anvil');
    expect(stations).toContain('alchemist-bench');
  });

  it('has 5+ enemies, one poisonous, and skills for SP, MP and healing', () => {
    const enemies = list(content.enemies);
    expect(enemies.length).toBeGreaterThanOrEqual(5);
    const poison = content.effects.get('poison');
    expect(poison?.kind).toBe('debuff');
    expect(poison?.perTurn.hp).toBeLessThan(0);
    expect(enemies.some((e) => e.inflicts?.effect === 'poison')).toBe(true);
    for (const effect of ['rested', 'strength', 'regeneration']) expect(content.effects.get(effect)?.kind).toBe('buff');
    const skills = list(content.skills);
    expect(skills.some((s) => s.cost.sp > 0 && s.power > 0)).toBe(true);
    expect(skills.some((s) => s.cost.mp > 0 && s.power > 0)).toBe(true);
    expect(skills.some((s) => s.cost.mp > 0 && s.heal > 0)).toBe(true);
  });

  it('has Archon at the lighthouse, the TideKeeper at the tide pools and the Stone Who Counts', () => {
    expect(content.npcs.get('archon')?.location).toBe('lamp-room');
    expect(content.npcs.get('tidekeeper')?.location).toBe('tide-pools');
    expect(content.locations.get(content.npcs.get('stone-who-counts')?.location ?? '')?.zone).toBe('forest');
    expect(list(content.npcs).some((n) => n.topics.some((t) => t.gives))).toBe(true);
  });

  it('lets everything that can be crafted, and every key, be had from gathering, loot, NPCs and quests alone', () => {
    // Items lying on the ground are finite and shared, so the economy must not depend on them.
    const have = obtainable(content);
    for (const recipe of content.recipes.values()) expect(have, recipe.id).toContain(recipe.output.item);
    for (const location of content.locations.values()) {
      // A key may also be a quest's reward (the miners' lamp, given with the drained stair).
      const rewarded = [...content.quests.values()].flatMap((q) => q.rewards.items.map((s) => s.item));
      for (const exit of location.exits) if (exit.lock) expect([...have, ...rewarded], exit.lock.id).toContain(exit.lock.key);
    }
  });

  it('lets a level-1 player beat the harbor crab with a spear made from harbor driftwood and flint', () => {
    const { player } = content.world;
    const crab = list(content.enemies).find((e) => e.locations.some((l) => content.locations.get(l)?.zone === 'harbor'));
    const spear = content.items.get('flint-spear');
    expect(crab).toBeDefined();
    expect(spear?.stats?.attack).toBeGreaterThan(0);
    // A plain exchange of blows, each doing attack minus defence (at least 1).
    const blows = Math.ceil(crab!.hp / Math.max(1, player.attack + spear!.stats!.attack - crab!.defence));
    const taken = (blows - 1) * Math.max(1, crab!.attack - player.defence);
    expect(taken).toBeLessThan(player.hp / 2);
  });
});

/** Fixpoint of what players can get without the starting floor items. */
function obtainable(c: Content): Set<string> {
  const have = new Set<string>();
  for (const npc of c.npcs.values()) for (const t of npc.topics) if (t.gives && !t.requires) have.add(t.gives.item);
  for (let grew = true; grew; ) {
    grew = false;
    const add = (item: string): void => {
      if (!have.has(item)) {
        have.add(item);
        grew = true;
      }
    };
    for (const node of c.nodes.values()) if (!node.tool || have.has(node.tool)) add(node.resource);
    for (const enemy of c.enemies.values()) for (const loot of enemy.loot) add(loot.item);
    for (const recipe of c.recipes.values()) {
      if (recipe.inputs.every((i) => have.has(i.item)) && recipe.tools.every((t) => have.has(t))) add(recipe.output.item);
    }
  }
  return have;
}
