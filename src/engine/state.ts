/**
 * The game state `apply` folds: plain JSON-able data, treated as immutable (every apply returns a
 * new object and shares what it did not change), so a checkpoint is just a kept reference.
 *
 * Maxima (maxHp, carrying capacity, attack) are not stored: they derive from level, equipment
 * and effects through the functions in stats.ts, so they can never disagree with their sources.
 * Timers are lazy: a depleted node or a defeated enemy records when; it is whole again for any
 * intent whose `at` is at least that time plus its respawn delay.
 */
import type { Id } from '../content/schema.ts';

export { ActiveEffect, PlayerState, Stack } from './player-state.ts';
import type { ActiveEffect, PlayerState } from './player-state.ts';

export interface NodeState {
  readonly remaining: number;
  /** Game time it ran dry, or null while it has units. */
  readonly depletedAt: number | null;
}

export interface EnemyState {
  readonly hp: number;
  /** Game time it was defeated, or null while alive. */
  readonly defeatedAt: number | null;
  /**
   * Debuffs a player's skill put on it; they tick on the enemy's own turns (each blow it
   * strikes) and vanish when it is defeated. Absent means none.
   */
  readonly effects?: readonly ActiveEffect[];
  /**
   * HP each player has taken off it since it was last whole, sorted by player id: its EXP is
   * shared by these, its loot goes to the top one (battle.ts). Absent means none.
   */
  readonly dealt?: readonly EnemyDamage[];
  /**
   * Game time of the last blow struck by or at it while wounded: it recovers from there when
   * left alone (timers.ts). Absent while it is whole.
   */
  readonly foughtAt?: number;
}

export interface EnemyDamage {
  readonly player: string;
  readonly hp: number;
}

export interface GameState {
  /** World seed (uint32): with each intent's id it seeds the dice. */
  readonly seed: number;
  /** PRNG state (uint32) after the last draw. */
  readonly rng: number;
  /** Intents applied. */
  readonly tick: number;
  /** Latest game time seen (ms). */
  readonly time: number;
  /** World flags set by play (opened locks, NPC topics heard), sorted. */
  readonly flags: readonly Id[];
  readonly players: Readonly<Record<string, PlayerState>>;
  /** Items lying in each location: location id -> item id -> qty. */
  readonly floors: Readonly<Record<Id, Readonly<Record<Id, number>>>>;
  readonly nodes: Readonly<Record<Id, NodeState>>;
  /** Enemies by `${location}/${enemy kind}`. */
  readonly enemies: Readonly<Record<string, EnemyState>>;
  /**
   * World quests' shared tallies, by quest id (rules/quests.ts): kept by the zone whose NPCs take
   * the deliveries. Absent until the first delivery to any of them.
   */
  readonly quests?: Readonly<Record<Id, WorldQuestState>>;
  /**
   * Parts of `together` objectives done lately in this zone (rules/quests.ts), by
   * `<quest>/<stage>/<objective index>`: who did which part at which turn (`tick`). Absent until
   * the first; an objective's marks are dropped when it is done by all.
   */
  readonly together?: Readonly<Record<string, readonly TogetherMark[]>>;
  /**
   * The world owner's moderation, as this zone has folded it (rules/moderation.ts): players
   * banned (their intents are refused; their character left the world) and muted (their speech
   * is refused), each sorted, and the moderators the owner named. Absent until the first.
   */
  readonly moderation?: Moderation;
  /**
   * Vendors' shelves that have sold something (vendors.ts), by `<npc>/<item>`; a shelf not here
   * is full. Absent until the first purchase in this zone.
   */
  readonly vendors?: Readonly<Record<string, VendorShelf>>;
  /** Trade offers waiting for an answer (rules/offers.ts), by the offering player's id. Absent when none. */
  readonly offers?: Readonly<Record<string, TradeOffer>>;
  /** Invitations to a party waiting for an answer (rules/party.ts), by the invited player's id. Absent when none. */
  readonly invites?: Readonly<Record<string, PartyInvite>>;
  /**
   * Containers someone has changed (rules/containers.ts), by container id; one not here is as
   * content sets it (its `items`, shut if it has a lid, locked if it has a lock). Absent until the first.
   */
  readonly containers?: Readonly<Record<Id, ContainerState>>;
  /** How many parts of each mechanism (rules/mechanisms.ts) are worked in order so far, by id; absent: none. */
  readonly mechanisms?: Readonly<Record<Id, number>>;
}

/** What a container holds (item id -> qty, sorted by id), and whether its lid is open and its lock undone. */
export interface ContainerState {
  readonly items: Readonly<Record<Id, number>>;
  readonly open: boolean;
  readonly unlocked: boolean;
}

/** An invitation from `from` to join party `party`, made at game time `at`. */
export interface PartyInvite {
  readonly from: string;
  readonly party: string;
  readonly at: number;
}

/** A vendor's shelf of one ware: `left` on it at game time `at`, one more back every `restockMs` since. */
export interface VendorShelf {
  readonly left: number;
  readonly at: number;
}

/** Goods one side of a trade hands over: items (sorted by id, each once) and coin. */
export interface TradeGoods {
  readonly items: readonly { readonly item: Id; readonly qty: number }[];
  readonly coin: number;
}

/** An offer from one player to another here: `gives` for `wants`, made at game time `at` in `location`. */
export interface TradeOffer {
  readonly to: string;
  readonly gives: TradeGoods;
  readonly wants: TradeGoods;
  readonly location: Id;
  readonly at: number;
}

export interface Moderation {
  readonly banned: readonly string[];
  readonly muted: readonly string[];
  /** Players the owner named moderators (sorted); absent when none. */
  readonly moderators?: readonly string[];
  /** The characters of banned players, kept out of the world until an unban brings them back. */
  readonly away?: Readonly<Record<string, PlayerState>>;
  /** The owner moved the world to a new link (rules/moderation.ts `applyMoved`): every later intent is refused. */
  readonly moved?: true;
}

/** One player's part of a `together` objective, done at the zone's turn `tick` (sorted by part). */
export interface TogetherMark {
  readonly part: number;
  readonly player: string;
  readonly tick: number;
}

/** A world quest's progress: one tally that every player's deliveries in this zone add to. */
export interface WorldQuestState {
  readonly stage: number;
  readonly have: readonly number[];
  readonly done: boolean;
  /** Players who delivered anything toward it, sorted: each is rewarded once it is done. */
  readonly contributors: readonly string[];
  /** Contributors already given the rewards, sorted (one away when it was finished is paid at their next turn here). */
  readonly rewarded: readonly string[];
}

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Shallow copies to change before storing (the input is never written). They list every field
 * in an object literal because a spread of a record this size costs many times as much in V8,
 * and these run for nearly every intent. Field order is the order `newPlayer` and `createWorld`
 * write, so copies of records the engine made serialise exactly like spreads of them.
 *
 *   const me = copyPlayer(p);
 *   me.turns = p.turns + 1;
 */
export function copyPlayer(p: PlayerState): Mutable<PlayerState> {
  // Absent stays absent (a JSON-able state holds no undefined); only older states lack it.
  if (p.firstVisit === undefined) return { ...p };
  const me: Mutable<PlayerState> = {
    id: p.id, name: p.name, location: p.location, hp: p.hp, mp: p.mp, sp: p.sp, level: p.level, exp: p.exp,
    inventory: p.inventory, equipment: p.equipment, effects: p.effects, visited: p.visited,
    firstVisit: p.firstVisit, gifts: p.gifts, fighting: p.fighting, turns: p.turns,
  };
  if (p.restedAt !== undefined) me.restedAt = p.restedAt;
  if (p.quests !== undefined) me.quests = p.quests;
  if (p.regard !== undefined) me.regard = p.regard;
  if (p.pace !== undefined) me.pace = p.pace;
  if (p.companionOf !== undefined) me.companionOf = p.companionOf;
  if (p.coin !== undefined) me.coin = p.coin;
  if (p.party !== undefined) me.party = p.party;
  if (p.following !== undefined) me.following = p.following;
  return me;
}

/** `p` with the fields of `set` replaced (a copy: `{ ...p, hp }` costs two to three times as much in V8). */
export function withPlayer(p: PlayerState, set: Partial<PlayerState>): PlayerState {
  return Object.assign(copyPlayer(p), set);
}

export function copyState(s: GameState): Mutable<GameState> {
  const copy: Mutable<GameState> = {
    seed: s.seed, rng: s.rng, tick: s.tick, time: s.time, flags: s.flags,
    players: s.players, floors: s.floors, nodes: s.nodes, enemies: s.enemies,
  };
  if (s.quests !== undefined) copy.quests = s.quests;
  if (s.together !== undefined) copy.together = s.together;
  if (s.moderation !== undefined) copy.moderation = s.moderation;
  if (s.vendors !== undefined) copy.vendors = s.vendors;
  if (s.offers !== undefined) copy.offers = s.offers;
  if (s.invites !== undefined) copy.invites = s.invites;
  if (s.containers !== undefined) copy.containers = s.containers;
  if (s.mechanisms !== undefined) copy.mechanisms = s.mechanisms;
  return copy;
}

/** These are the only optional fields: `copyPlayer` copies each explicitly. */
type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];
const _onlyFirstVisitOptional: [OptionalKeys<PlayerState>] extends ['firstVisit' | 'restedAt' | 'quests' | 'regard' | 'pace' | 'companionOf' | 'coin' | 'party' | 'following'] ? true : never = true;
void _onlyFirstVisitOptional;

export function enemyKey(location: Id, enemy: Id): string {
  return `${location}/${enemy}`;
}
