/**
 * The zod schemas of world content (content/<world>/*.yaml): one schema per kind, the single
 * source of the TypeScript types the engine, parser and narrator use.
 *
 *   import { Item } from './schema.ts';
 *   const sword: Item = Item.parse(yamlObject);
 *
 * Ids are stable kebab-case strings; names, aliases and adjectives are for the parser and prose.
 * Weights are integer grams, durations are integer milliseconds of game time or whole turns.
 */
import { z } from 'zod';
import { ID_PATTERN, idError } from './id.ts';
import { PRONOUNS } from './english.ts';
import { DIRECTIONS, PHASES, SLOTS, TIDES, WEATHERS } from './vocabulary.ts';
import { Quest } from './quest-schema.ts';

export { Quest, QuestStage, Objective, Trigger, QuestRewards, Regard, OBJECTIVE_KINDS, objectiveKind, objectiveTarget } from './quest-schema.ts';
export type { ObjectiveKind } from './quest-schema.ts';

export const Id = z.string().regex(ID_PATTERN, { error: idError });
export type Id = z.infer<typeof Id>;

const Text = z.string().trim().min(1, 'must not be empty');
const Count = z.number().int('must be a whole number').min(0, 'must not be negative');
const PositiveCount = z.number().int('must be a whole number').min(1, 'must be at least 1');
const Percent = z.number().int('must be a whole number').min(0).max(100, 'must be at most 100');

export { DIRECTIONS, PHASES, SLOTS, TIDES, WEATHERS } from './vocabulary.ts';
export type { Phase, Tide, Weather } from './vocabulary.ts';
export const Direction = z.enum(DIRECTIONS);
export type Direction = z.infer<typeof Direction>;
export const Slot = z.enum(SLOTS);
export type Slot = z.infer<typeof Slot>;

/** Words the parser matches an entity by. `name` is used in prose ("the copper pickaxe"). */
const Naming = {
  name: Text,
  /** Other nouns for it: "pick" for the copper pickaxe. */
  aliases: z.array(Text).default([]),
  /** Words that narrow a noun: "copper", "rusty". */
  adjectives: z.array(Text).default([]),
  /** Plural of the name for prose ("moonpetals"); defaults to name + "s". */
  plural: Text.optional(),
  /**
   * `plural` when the name itself is plural ("standing stones", "jars"), so prose agrees with it
   * ("The jars are hardly portable."); singular when left out.
   */
  number: z.enum(['singular', 'plural']).optional(),
};

/**
 * A state of the world clock (engine/clock.ts): each list given must hold the clock's value now
 * (`tide: [low]`: only at low tide; `weather: [clear, overcast]`: not in fog, rain or storm).
 */
const ClockFields = {
  night: z.boolean().optional(),
  phase: z.array(z.enum(PHASES)).min(1, 'list at least one part of the day').optional(),
  weather: z.array(z.enum(WEATHERS)).min(1, 'list at least one weather').optional(),
  tide: z.array(z.enum(TIDES)).min(1, 'list at least one state of the tide').optional(),
};
export const ClockCondition = z.object(ClockFields).strict();
export type ClockCondition = z.infer<typeof ClockCondition>;

/**
 * What opens a way or a node only at some times: `while` the clock holds it, and `closed`, told
 * to whoever tries it at any other time ("The sea is in over the rocks.").
 */
const Opening = {
  while: ClockCondition.optional(),
  closed: Text.optional(),
};
function checkOpening(value: { while?: ClockCondition | undefined; closed?: string | undefined }, ctx: z.RefinementCtx): void {
  if (value.while !== undefined && value.closed === undefined) ctx.addIssue({ code: 'custom', path: ['closed'], message: 'say what a player is told when it is closed ("closed: ...")' });
  if (value.while === undefined && value.closed !== undefined) ctx.addIssue({ code: 'custom', path: ['closed'], message: 'is never told without a "while" saying when it is open' });
  if (value.while !== undefined && Object.values(value.while).every((v) => v === undefined)) ctx.addIssue({ code: 'custom', path: ['while'], message: 'names no condition, so it would always be open' });
}

/** When a description variant applies. All given conditions must hold. */
export const Condition = z
  .object({
    firstVisit: z.boolean().optional(),
    ...ClockFields,
    /** A world flag set by play (an NPC's dialogue, an unlocked gate). */
    flag: Id.optional(),
    /** True when the flag is NOT set. */
    notFlag: Id.optional(),
  })
  .strict();
export type Condition = z.infer<typeof Condition>;

export const DescriptionVariant = z.object({ when: Condition, text: Text }).strict();
export type DescriptionVariant = z.infer<typeof DescriptionVariant>;

/**
 * A sentence of a room's description that is true only while something is so: an item still lies
 * here (`item`), an enemy here is alive (`enemy`). Given both, both must hold.
 */
export const PartCondition = z.object({ item: Id.optional(), enemy: Id.optional() }).strict();
export type PartCondition = z.infer<typeof PartCondition>;

export const DescriptionPart = z.object({ while: PartCondition, text: Text }).strict();
export type DescriptionPart = z.infer<typeof DescriptionPart>;

/**
 * A thing of a room to look at and not take. `when` (night, flag, notFlag) and `while` (an item
 * still lies here, an enemy here is alive) make it there only while they hold, as a variant's or
 * a part's text does: the fishers crowd the inn only at night.
 */
export const Scenery = z
  .object({
    ...Naming,
    description: Text,
    /** The first variant whose `when` holds replaces `description` (the gate once it is open). */
    variants: z.array(DescriptionVariant).default([]),
    when: Condition.optional(),
    while: PartCondition.optional(),
    /** The exit it is the way through: CLIMB THE STEPS, ENTER THE DOOR, OPEN THE DOOR go that way. */
    leads: Direction.optional(),
    /**
     * A thing that works (a lever, a wheel): PULL, PUSH, TURN or USE it and `text` is told to the
     * player who did, `seen` to those beside ("hauls on the sluice wheel": "Bo hauls on ...").
     * Working it changes nothing by itself; quests may ask for it (`work`, `together`).
     */
    works: z.object({ text: Text, seen: Text }).strict().optional(),
  })
  .strict();
export type Scenery = z.infer<typeof Scenery>;

/**
 * words.yaml: the words room descriptions use that name nothing to examine. The content check
 * reads every word of every room's text; each must name something there (scenery, an item, node,
 * station, NPC or enemy) or be listed here, so a new noun cannot slip in without its scenery.
 */
export const Words = z
  .object({
    /** Nouns for what nobody can look at or is not there to look at: noon, respect, visitors. */
    unseen: z.array(Text).default([]),
    /** Every other word: articles, verbs, adjectives, adverbs, directions. */
    plain: z.array(Text).default([]),
  })
  .strict();
export type Words = z.infer<typeof Words>;

export const Stats = z
  .object({
    attack: z.number().int().default(0),
    defence: z.number().int().default(0),
    /** Extra carrying capacity in grams (a backpack). */
    capacity: z.number().int().default(0),
    /** Extra inventory slots. */
    slots: z.number().int().default(0),
  })
  .strict();
export type Stats = z.infer<typeof Stats>;

export const Zone = z
  .object({
    id: Id,
    name: Text,
    description: Text,
    /** CSS colour for the map. */
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like "#3a7bd5"').default('#888888'),
  })
  .strict();
export type Zone = z.infer<typeof Zone>;

/** What keeps an exit shut until a player opens it. Opening sets the world flag `id`. */
export const Lock = z
  .object({
    id: Id,
    /** An item that opens it and is kept (a key, a machete for brambles). A quest's reward may set its flag too. */
    key: Id,
    /** Said when someone tries to pass without the key. */
    locked: Text,
    /** Said when it is opened. */
    opened: Text,
  })
  .strict();
export type Lock = z.infer<typeof Lock>;

export const Exit = z
  .object({
    dir: Direction,
    to: Id,
    lock: Lock.optional(),
    /** Prose for the way, used in room descriptions ("a rope ladder leads up"). */
    via: Text.optional(),
    /** A way open only at some times (the sands at low tide): refused with `closed` otherwise. */
    ...Opening,
  })
  .strict()
  .superRefine(checkOpening);
export type Exit = z.infer<typeof Exit>;

/**
 * A thing in a room that holds items (a chest, a crate, a niche): PUT X IN it, TAKE X FROM it,
 * LOOK IN it. With `lid`, it is shut until someone OPENs it (and may be CLOSEd again); with
 * `lock`, it stays shut until opened by someone carrying the key (which is kept). What it holds
 * is world state, shared by everyone, like the floor.
 */
export const Container = z
  .object({
    id: Id,
    ...Naming,
    description: Text,
    /** It has a lid or door: shut when the world begins, OPEN and CLOSE work on it. */
    lid: z.boolean().default(false),
    /** A lock on the lid: only someone carrying `key` can open it the first time; then it stays unlocked. */
    lock: z.object({ key: Id, locked: Text, opened: Text }).strict().optional(),
    /** Most grams it holds (absent: as much as anyone puts in). */
    capacity: PositiveCount.describe('grams').optional(),
    /** What it holds when the world begins. */
    items: z.array(z.object({ item: Id, qty: PositiveCount }).strict()).default([]),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.lock && !c.lid) ctx.addIssue({ code: 'custom', path: ['lock'], message: 'a lock needs a lid to lock ("lid: true")' });
  });
export type Container = z.infer<typeof Container>;

/**
 * Things of a room that work (scenery with `works`: levers, cranks) that must be worked in one
 * order, by anyone, to do something: the room remembers how far along the order play has got
 * (world state, shared), a thing worked out of turn undoes it all (`reset` is told), and the last
 * one in order sets the world flag `sets` (`solved` is told) for good.
 */
export const Mechanism = z
  .object({
    id: Id,
    /** The scenery to work, in order, by their ids (the name in kebab case: "brass vane" is brass-vane). */
    order: z.array(Id).min(2, 'needs at least two things to work in order'),
    solved: Text,
    reset: Text,
    sets: Id,
  })
  .strict();
export type Mechanism = z.infer<typeof Mechanism>;

export const Location = z
  .object({
    id: Id,
    zone: Id,
    name: Text,
    description: Text,
    /** The first variant whose `when` holds replaces `description`, so each is a whole text. */
    variants: z.array(DescriptionVariant).default([]),
    /** Told after the description (base or variant), each only while its `while` holds. */
    parts: z.array(DescriptionPart).default([]),
    exits: z.array(Exit).default([]),
    /** Items lying here when the world begins: `{ item, qty }`. */
    items: z.array(z.object({ item: Id, qty: PositiveCount }).strict()).default([]),
    /**
     * Scenery that can be examined but not taken: everything the description names that is not
     * an item, node, station, NPC or enemy here (the content check holds every room to it).
     */
    scenery: z.array(Scenery).default([]),
    /** Chests, crates and the like here, that hold items (see `Container`). */
    containers: z.array(Container).default([]),
    /** Things here worked in a set order to set a flag (see `Mechanism`). */
    mechanisms: z.array(Mechanism).default([]),
    /** Resting here grants the "rested" effect (an inn, a hearth). */
    restful: z.boolean().default(false),
  })
  .strict();
export type Location = z.infer<typeof Location>;

export const ITEM_KINDS = ['material', 'weapon', 'armour', 'tool', 'potion', 'food', 'key', 'misc'] as const;

/** What using (eating, drinking) an item does. The item is consumed. */
export const Consumable = z
  .object({
    hp: z.number().int().default(0),
    mp: z.number().int().default(0),
    sp: z.number().int().default(0),
    /** Effect ids applied (buffs) or removed (cures). */
    applies: z.array(Id).default([]),
    cures: z.array(Id).default([]),
    verb: z.enum(['drink', 'eat', 'use']).default('use'),
  })
  .strict();
export type Consumable = z.infer<typeof Consumable>;

export const Item = z
  .object({
    id: Id,
    ...Naming,
    description: Text,
    kind: z.enum(ITEM_KINDS),
    weight: Count.describe('grams'),
    /** How many fit in one inventory slot. Gear stacks to 1. */
    stack: PositiveCount.default(1),
    slot: Slot.optional(),
    stats: Stats.optional(),
    consumable: Consumable.optional(),
  })
  .strict()
  .superRefine((item, ctx) => {
    if (item.stats && !item.slot) {
      ctx.addIssue({ code: 'custom', path: ['stats'], message: 'gear stats need a slot' });
    }
    if (item.slot && item.stack !== 1) {
      ctx.addIssue({ code: 'custom', path: ['stack'], message: 'equippable items stack to 1' });
    }
  });
export type Item = z.infer<typeof Item>;

export const Node = z
  .object({
    id: Id,
    ...Naming,
    description: Text,
    location: Id,
    /** The item id gathered. */
    resource: Id,
    /** Units available when full. */
    yield: PositiveCount,
    /** Units taken by one gather. */
    perGather: PositiveCount.default(1),
    /** Game-time ms after depletion until it is full again. */
    respawnMs: PositiveCount,
    /** Item needed to gather (kept). */
    tool: Id.optional(),
    spCost: Count.default(2),
    /** Gathered only while the clock holds it (the mussels, not in a storm); refused with `closed`. */
    ...Opening,
  })
  .strict()
  .superRefine(checkOpening);
export type Node = z.infer<typeof Node>;

export const Station = z
  .object({ id: Id, ...Naming, description: Text, location: Id })
  .strict();
export type Station = z.infer<typeof Station>;

export const ItemQty = z.object({ item: Id, qty: PositiveCount.default(1) }).strict();
export type ItemQty = z.infer<typeof ItemQty>;

export const Recipe = z
  .object({
    id: Id,
    category: z.enum(['weapon', 'armour', 'tool', 'potion', 'food', 'material']),
    output: ItemQty,
    inputs: z.array(ItemQty).min(1, 'a recipe needs at least one input'),
    /** Items that must be carried and are kept. */
    tools: z.array(Id).default([]),
    /** A station that must be in the crafter's location. */
    station: Id.optional(),
    spCost: Count.default(1),
  })
  .strict();
export type Recipe = z.infer<typeof Recipe>;

export const LootEntry = z
  .object({ item: Id, qty: PositiveCount.default(1), chance: Percent.default(100) })
  .strict();

export const Enemy = z
  .object({
    id: Id,
    ...Naming,
    description: Text,
    hp: PositiveCount,
    attack: Count,
    defence: Count,
    exp: Count,
    loot: z.array(LootEntry).default([]),
    /** Where one of these waits when the world begins. */
    locations: z.array(Id).min(1),
    respawnMs: PositiveCount,
    /** An effect its hits may inflict (poison), with a chance per hit. */
    inflicts: z.object({ effect: Id, chance: Percent }).strict().optional(),
    /**
     * How its blows read, each completing "The tide crab ... for 3 damage": "nips your ankle".
     * The narrator picks one by the blow, so a fight does not repeat one line.
     */
    hits: z.array(Text).default([]),
    /** How its misses read, each completing "The tide crab ...": "snaps at empty air". */
    misses: z.array(Text).default([]),
    /** Told when it is beaten, a whole sentence or passage: "The crab folds up and lies still." */
    defeat: Text.optional(),
    /** Abroad only while the clock holds it (`night: true`: a night hunter); elsewhere, nowhere. */
    while: ClockCondition.optional(),
    /**
     * One creature that roams its `locations` in order, `everyHours` game hours in each (from a
     * start the world seed picks), instead of one waiting in each. Its wounds go with it.
     */
    roams: z.object({ everyHours: z.number().int('must be a whole number').min(1, 'must be at least 1').max(24, 'must be at most 24') }).strict().optional(),
    /** It attacks whoever comes into its room while the clock holds this (`night: true`: on sight at night). */
    ambush: ClockCondition.optional(),
    /** Told when it ambushes someone, completing "The grey lynx ...": "drops out of the dark onto you". */
    ambushes: Text.optional(),
    /** Coin it gives, with its loot, to the player who dealt it the most damage. */
    coin: PositiveCount.optional(),
  })
  .strict();
export type Enemy = z.infer<typeof Enemy>;

export const Effect = z
  .object({
    id: Id,
    name: Text,
    kind: z.enum(['buff', 'debuff']),
    turns: PositiveCount,
    /** Change per turn while active (negative for poison). */
    perTurn: z.object({ hp: z.number().int().default(0), mp: z.number().int().default(0), sp: z.number().int().default(0) }).strict().default({ hp: 0, mp: 0, sp: 0 }),
    attack: z.number().int().default(0),
    defence: z.number().int().default(0),
  })
  .strict();
export type Effect = z.infer<typeof Effect>;

export const Skill = z
  .object({
    id: Id,
    ...Naming,
    description: Text,
    cost: z.object({ sp: Count.default(0), mp: Count.default(0) }).strict(),
    /** Added to the attacker's attack for a damaging skill. */
    power: z.number().int().default(0),
    /** HP restored to the user (a healing spell). */
    heal: Count.default(0),
    /** Effect applied to the target enemy (or to the user, for a buff). */
    applies: Id.optional(),
    learnedAt: PositiveCount.default(1),
  })
  .strict();
export type Skill = z.infer<typeof Skill>;

export const Topic = z
  .object({
    id: Id,
    /** Words that pick this topic ("lamp", "light"). */
    keywords: z.array(Text).min(1),
    /** The words spoken, without quotation marks: the narrator writes `Archon says, "..."`. */
    text: Text,
    /** World flag set when heard. */
    sets: Id.optional(),
    /** Only offered when this flag is set (or known to the player: a flag their finished quests set). */
    requires: Id.optional(),
    /** No longer offered once this flag is set or known: "Since the light went out ..." stops when it is lit. */
    unless: Id.optional(),
    /** Only offered while this player is on this quest (at this stage, when given). */
    during: z.object({ quest: Id, stage: Id.optional() }).strict().optional(),
    /** Only offered once this player has finished this quest. */
    after: Id.optional(),
    /** Item given once per player. */
    gives: ItemQty.optional(),
  })
  .strict();

export const ScheduleEntry = z
  .object({
    from: z.number().int('must be a whole hour').min(0, 'must be 0 to 23').max(23, 'must be 0 to 23'),
    location: Id,
    /** Things they do there, instead of the NPC's own `ambient`. */
    ambient: z.array(Text).default([]),
  })
  .strict();
export type ScheduleEntry = z.infer<typeof ScheduleEntry>;
/**
 * What a vendor sells: `price` coin each, `stock` on the shelf when full, and one more back every
 * `restockMs` of game time after some were bought (lazy, like a node's respawn: vendors.ts).
 */
export const Ware = z.object({ item: Id, price: PositiveCount, stock: PositiveCount, restockMs: PositiveCount }).strict();
export type Ware = z.infer<typeof Ware>;

/** What a vendor buys, and for how much each (they buy as many as they are offered). */
export const Wanted = z.object({ item: Id, price: PositiveCount }).strict();
export type Wanted = z.infer<typeof Wanted>;

/** An NPC who trades: BUY what they sell, SELL them what they buy, WARES lists both. */
export const Shop = z
  .object({
    sells: z.array(Ware).default([]),
    buys: z.array(Wanted).default([]),
  })
  .strict();
export type Shop = z.infer<typeof Shop>;

export const Npc = z
  .object({
    id: Id,
    ...Naming,
    description: Text,
    location: Id,
    /** How prose refers to them: "She politely declines." */
    pronouns: z.enum(PRONOUNS).default('they'),
    /** Spoken when talked to without a topic; like a topic's text, without quotation marks. */
    greeting: Text,
    /** The greeting for a player they have talked with before (they remember: `PlayerState.regard`). */
    again: Text.optional(),
    /** The greeting for a player whose favours (quest rewards) have raised their regard to `regard` or more. */
    fond: z.object({ regard: PositiveCount, text: Text }).strict().optional(),
    topics: z.array(Topic).default([]),
    /**
     * Where they are by the hour (0-23, the isle's clock): each entry holds from its hour until the
     * next one's, round the clock; `location` is where they are the rest of the time (the home the
     * content check reads their room for). In the same zone as `location`.
     */
    schedule: z.array(ScheduleEntry).default([]),
    /** Things they do now and then, told whole to whoever is with them ("Bram quenches a blade."). */
    ambient: z.array(Text).default([]),
    /** A vendor's trade (absent: they do not buy or sell). */
    shop: Shop.optional(),
  })
  .strict();
export type Npc = z.infer<typeof Npc>;

export const World = z
  .object({
    id: Id,
    name: Text,
    intro: Text,
    start: Id,
    /** Where a defeated player wakes. */
    respawn: Id,
    /** Game-time length of a day and the share of it that is night (percent, at the end). */
    dayLengthMs: PositiveCount,
    nightPercent: Percent,
    player: z
      .object({
        hp: PositiveCount,
        mp: Count,
        sp: PositiveCount,
        attack: Count,
        defence: Count,
        maxWeight: PositiveCount.describe('grams'),
        maxSlots: PositiveCount,
        /** EXP needed to reach level 2, 3, ... */
        levels: z.array(PositiveCount).min(1),
        /** Maxima gained per level. */
        perLevel: z.object({ hp: Count, mp: Count, sp: Count, attack: Count, defence: Count }).strict(),
        /** Share of EXP toward the next level lost on defeat (percent). */
        defeatExpPenalty: Percent,
      })
      .strict(),
  })
  .strict();
export type World = z.infer<typeof World>;

/** Every kind, by the YAML file that holds it (each file is a list, except world.yaml). */
export const CONTENT_FILES = {
  zones: Zone,
  locations: Location,
  items: Item,
  nodes: Node,
  stations: Station,
  recipes: Recipe,
  enemies: Enemy,
  effects: Effect,
  skills: Skill,
  npcs: Npc,
  quests: Quest,
} as const;

/** Validated, cross-checked, frozen content of one world. */
export interface Content {
  readonly world: World;
  readonly zones: ReadonlyMap<Id, Zone>;
  readonly locations: ReadonlyMap<Id, Location>;
  readonly items: ReadonlyMap<Id, Item>;
  readonly nodes: ReadonlyMap<Id, Node>;
  readonly stations: ReadonlyMap<Id, Station>;
  readonly recipes: ReadonlyMap<Id, Recipe>;
  readonly enemies: ReadonlyMap<Id, Enemy>;
  readonly effects: ReadonlyMap<Id, Effect>;
  readonly skills: ReadonlyMap<Id, Skill>;
  readonly npcs: ReadonlyMap<Id, Npc>;
  readonly quests: ReadonlyMap<Id, Quest>;
  /** A hash of the validated content; worlds record it so replicas agree on rules. */
  readonly version: string;
}
