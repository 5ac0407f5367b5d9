/**
 * Hand-built scopes for parser tests (the engine's scopeOf is not needed): a harbour with two
 * swords, moonpetals on the floor and in the pack, a rope, a lantern, a wolf, Archon and Mira,
 * known recipes and skills; a bare room; a forest with a tree to chop and a boar.
 */
import type { Scope, ScopeEntity } from '../../src/engine/scope.ts';

type Opt = Partial<Omit<ScopeEntity, 'id' | 'kind' | 'name'>>;
export function ent(id: string, kind: ScopeEntity['kind'], name: string, o: Opt = {}): ScopeEntity {
  return { id, kind, name, plural: o.plural ?? `${name}s`, aliases: o.aliases ?? [], adjectives: o.adjectives ?? [], where: o.where ?? 'here', qty: o.qty ?? 1, ...(o.slot ? { slot: o.slot } : {}), ...(o.consumable ? { consumable: o.consumable } : {}), ...(o.output ? { output: o.output } : {}) };
}

export const harbor: Scope = {
  player: 'p-ana',
  location: 'harbor',
  exits: ['north', 'east', 'up', 'in'],
  entities: [
    ent('rusty-sword', 'item', 'rusty sword', { adjectives: ['rusty', 'old'], aliases: ['blade'], slot: 'mainHand' }),
    ent('iron-sword', 'item', 'iron sword', { adjectives: ['iron'], aliases: ['blade'], slot: 'mainHand' }),
    ent('moonpetal', 'item', 'moonpetal', { qty: 3, aliases: ['petal', 'flower'], adjectives: ['silver'] }),
    ent('rope', 'item', 'rope', { adjectives: ['coiled', 'hemp'] }),
    ent('lantern', 'item', 'lantern', { aliases: ['lamp'], adjectives: ['brass', 'old'] }),
    ent('copper-pickaxe', 'item', 'copper pickaxe', { aliases: ['pickaxe', 'pick'], adjectives: ['copper'], slot: 'mainHand' }),
    ent('apple', 'item', 'apple', { consumable: 'eat', adjectives: ['red'] }),
    ent('moonpetal-patch', 'node', 'moonpetal patch', { aliases: ['patch', 'moonpetal plants'], adjectives: ['silver'] }),
    ent('grey-wolf', 'enemy', 'grey wolf', { aliases: ['wolf'], adjectives: ['grey', 'gray'], plural: 'grey wolves' }),
    ent('archon', 'npc', 'Archon', { aliases: ['harbourmaster', 'old man', 'man'] }),
    ent('p-mira', 'player', 'Mira', {}),
    // The way in here is aboard the boat (content's `leads`): BOARD THE BOAT goes in.
    { ...ent('fishing-boat', 'scenery', 'fishing boat', { aliases: ['boat'], adjectives: ['small'] }), leads: 'in' },
    ent('moonpetal', 'item', 'moonpetal', { qty: 2, where: 'carried', aliases: ['petal', 'flower'], adjectives: ['silver'] }),
    ent('copper-ore', 'item', 'copper ore', { qty: 4, where: 'carried', aliases: ['ore'], adjectives: ['copper'], plural: 'copper ore' }),
    ent('bread', 'item', 'bread', { where: 'carried', consumable: 'eat', aliases: ['loaf'], plural: 'loaves of bread' }),
    ent('healing-potion', 'item', 'healing potion', { where: 'carried', consumable: 'drink', aliases: ['potion', 'flask'], adjectives: ['red'] }),
    ent('brass-key', 'item', 'brass key', { where: 'carried', aliases: ['key'], adjectives: ['brass', 'small'] }),
    ent('leather-cap', 'item', 'leather cap', { where: 'carried', aliases: ['cap', 'hat'], adjectives: ['leather'], slot: 'head' }),
    ent('wooden-shield', 'item', 'wooden shield', { where: 'worn', aliases: ['shield'], adjectives: ['wooden'], slot: 'offHand' }),
    ent('bone-dagger', 'item', 'bone dagger', { where: 'worn', aliases: ['dagger', 'knife'], adjectives: ['bone'], slot: 'mainHand' }),
    ent('copper-pickaxe-recipe', 'recipe', 'copper pickaxe', { where: 'known', aliases: ['pickaxe', 'pick'], adjectives: ['copper'], output: 'copper-pickaxe' }),
    ent('bandage-recipe', 'recipe', 'bandage', { where: 'known', aliases: ['bandages'], output: 'bandage' }),
    ent('moon-tea-recipe', 'recipe', 'moon tea', { where: 'known', aliases: ['tea'], output: 'moon-tea' }),
    ent('power-strike', 'skill', 'power strike', { where: 'known', aliases: ['strike'], adjectives: ['power'] }),
    ent('fireball', 'skill', 'fireball', { where: 'known', aliases: ['fire ball'] }),
    ent('mend', 'skill', 'mend', { where: 'known', aliases: ['heal'] }),
  ],
};

export const bareRoom: Scope = {
  player: 'p-ana', location: 'cellar', exits: ['up'],
  entities: [ent('brass-key', 'item', 'brass key', { where: 'carried', aliases: ['key'], adjectives: ['brass'] })],
};

export const forest: Scope = {
  player: 'p-ana', location: 'forest', exits: ['south', 'west', 'down'],
  entities: [
    ent('oak-tree', 'node', 'old oak tree', { aliases: ['tree', 'oak'], adjectives: ['old', 'gnarled'] }),
    ent('copper-vein', 'node', 'copper vein', { aliases: ['vein', 'ore vein', 'rock'], adjectives: ['copper'] }),
    ent('copper-ore', 'item', 'copper ore', { qty: 2, where: 'carried', aliases: ['ore'], adjectives: ['copper'], plural: 'copper ore' }),
    ent('boar', 'enemy', 'wild boar', { aliases: ['boar', 'pig'], adjectives: ['wild'] }),
    ent('rope', 'item', 'rope', { where: 'carried', adjectives: ['coiled'] }),
    ent('iron-sword', 'item', 'iron sword', { where: 'carried', adjectives: ['iron'], aliases: ['blade'], slot: 'mainHand' }),
    ent('power-strike', 'skill', 'power strike', { where: 'known', aliases: ['strike'], adjectives: ['power'] }),
    ent('bramble-wall', 'scenery', 'brambles', { aliases: ['bramble wall', 'thorns', 'bramble'], plural: 'brambles' }),
    ent('machete', 'item', 'machete', { where: 'carried', aliases: ['cleaver'] }),
  ],
};

export const square: Scope = {
  player: 'p-ana', location: 'square', exits: ['north', 'south'],
  entities: [
    ent('brenna', 'npc', 'Brenna', { aliases: ['baker', 'woman'] }),
    ent('tomas', 'npc', 'Tomas', { aliases: ['fisherman', 'man'], adjectives: ['old'] }),
    ent('p-mira', 'player', 'Mira', {}),
    ent('bread', 'item', 'bread', { where: 'carried', consumable: 'eat', aliases: ['loaf'] }),
    ent('brass-key', 'item', 'brass key', { where: 'carried', aliases: ['key'], adjectives: ['brass'] }),
    ent('rusted-key', 'item', 'rusted key', { where: 'carried', aliases: ['key'], adjectives: ['rusted', 'rusty'] }),
  ],
};
