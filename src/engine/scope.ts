/**
 * What a player can see, carry and knows right now: the only entities the parser may name.
 * Built from state by `scopeOf` (pure, read-only); the parser resolves words against it and never
 * invents an id that is not listed here.
 */
import type { Direction, Id } from '../content/schema.ts';

export type ScopeKind = 'item' | 'node' | 'enemy' | 'npc' | 'station' | 'scenery' | 'player' | 'recipe' | 'skill' | 'container';

export interface ScopeEntity {
  /** Entity id as actions carry it (enemy kind id, item id, player id, recipe id ...). */
  readonly id: string;
  readonly kind: ScopeKind;
  readonly name: string;
  readonly plural: string;
  /** `plural` when the name itself is plural ("standing stones"): "the jars are". */
  readonly number?: 'singular' | 'plural';
  readonly aliases: readonly string[];
  readonly adjectives: readonly string[];
  /** here: in the location; carried: in the pack; worn: equipped; known: recipes and skills. */
  readonly where: 'here' | 'carried' | 'worn' | 'known';
  /** How many (stacks on the floor or in the pack). */
  readonly qty: number;
  /** For items: the equipment slot, and whether it can be eaten/drunk. */
  readonly slot?: string;
  readonly consumable?: 'drink' | 'eat' | 'use';
  /** For recipes: the output item id (so "craft copper pickaxe" finds the recipe). */
  readonly output?: Id;
  /**
   * For recipes, how it stands for this player now: `ready` (could be made here at once), `here`
   * (workable here, something missing from the pack), `elsewhere` (its station is elsewhere).
   * CRAFT narrows an ambiguous name by it ("craft copper" with ore in the pack is the ingot).
   */
  readonly craft?: 'ready' | 'here' | 'elsewhere';
  /** For scenery that is the way through an exit here (steps, a door): that exit's direction. */
  readonly leads?: Direction;
  /** For scenery: it works (a lever, a wheel): PULL, PUSH, TURN or USE it is a `use` of its id. */
  readonly works?: true;
  /** For gathering nodes: the item they yield ("gather driftwood sticks" with sticks in the pack is the pile). */
  readonly yields?: Id;
  /** For skills: cast at an enemy (it does damage or puts an ill effect on it), not on oneself. */
  readonly strikes?: true;
  /** For containers: its lid is open (or it has none), so TAKE FROM and PUT IN can reach inside. */
  readonly open?: boolean;
}

export interface Scope {
  readonly player: string;
  readonly location: Id;
  readonly exits: readonly Direction[];
  readonly entities: readonly ScopeEntity[];
  /**
   * Every name, plural and alias of the world's items, nodes, enemies, NPCs, stations and scenery,
   * as content spells them (Ysolde), sorted: the parser tells "you have no flint" from a flint pickaxe at hand, and
   * never reads a thing's whole name as part of another's.
   */
  readonly worldNames?: readonly string[];
  /**
   * NPCs who keep hours (a schedule) and are elsewhere now: their ids, names and the name of where
   * they are (TALK, ASK and GIVE to one still name them, for the rules to refuse `talk/away`).
   */
  /** The enemy (kind id) the player is fighting here, if any: a bare ATTACK or CAST TIDE BOLT means it. */
  readonly fighting?: Id;
  readonly away?: readonly { readonly id: Id; readonly name: string; readonly aliases: readonly string[]; readonly place: string }[];
  /** What the vendors here sell (items, `where: 'here'`, `qty` left on the shelf): what BUY may name. */
  readonly wares?: readonly ScopeEntity[];
  /** Every item of the world (`where: 'known'`): what a trade offer may ask another player for. */
  readonly goods?: readonly ScopeEntity[];
  /** What each open container here holds (items, `where: 'here'`), by container id: what TAKE ... FROM it may name. */
  readonly inside?: Readonly<Record<string, readonly ScopeEntity[]>>;
}
