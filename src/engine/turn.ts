/**
 * One intent being applied: the working state, the events so far, the lazily seeded dice, and
 * the small helpers every rule uses to replace a player, a floor, a node or an enemy. A rule
 * validates first and returns a `Refusal` before changing anything; `apply` drops the working
 * state of a refused intent, so a refusal changes nothing.
 *
 *   if (!here) return refuse('take/not-here', { item });
 *   putPlayer(t, { ...p, inventory });
 *   emit(t, { type: 'took', item, qty });
 */
import type { Content, Id } from '../content/schema.ts';
import type { EngineIntent } from './action.ts';
import type { GameEvent, RefusalDetail, RefusalReason } from './events.ts';
import type { Rng } from './prng.ts';
import { createRng, seedForIntent } from './prng.ts';
import type { EnemyState, GameState, NodeState, PlayerState } from './state.ts';
import { enemyKey } from './state.ts';

export interface Turn {
  readonly content: Content;
  readonly intent: EngineIntent;
  /** Game time of this intent: the latest `at` seen, so timers never run backwards. */
  readonly now: number;
  /** The actor's location before the intent (events' default `location`). */
  readonly where: Id;
  state: GameState;
  readonly events: GameEvent[];
  rng: Rng | null;
  /** Effects started on the actor this turn: they tick from the next turn. */
  readonly started: Id[];
  /** The enemy already struck back this turn (an attack, a flight). */
  answered: boolean;
  /** The actor was defeated this turn: no end-of-turn ticks. */
  defeated: boolean;
}

export interface Refusal {
  readonly reason: RefusalReason;
  readonly detail: RefusalDetail;
}

export function refuse(reason: RefusalReason, detail: RefusalDetail = {}): Refusal {
  return { reason, detail };
}

type Body<E> = E extends GameEvent ? Omit<E, 'player' | 'location'> : never;
export type EventBody = Body<GameEvent>;

export function emit(t: Turn, body: EventBody, location: Id = t.where, player: string = t.intent.player): void {
  t.events.push({ ...body, player, location } as GameEvent);
}

/** The dice for this intent, seeded on first use from world seed, rng state and intent id. */
export function dice(t: Turn): Rng {
  if (t.rng === null) t.rng = createRng(seedForIntent(t.state.seed, t.state.rng, t.intent.id));
  return t.rng;
}

export function actor(t: Turn): PlayerState {
  return t.state.players[t.intent.player]!;
}

export function putPlayer(t: Turn, p: PlayerState): void {
  t.state = { ...t.state, players: { ...t.state.players, [p.id]: p } };
}

export function putFloor(t: Turn, location: Id, floor: Readonly<Record<Id, number>>): void {
  const floors = { ...t.state.floors };
  if (Object.keys(floor).length === 0) delete floors[location];
  else floors[location] = floor;
  t.state = { ...t.state, floors };
}

export function putNode(t: Turn, nodeId: Id, node: NodeState): void {
  t.state = { ...t.state, nodes: { ...t.state.nodes, [nodeId]: node } };
}

export function putEnemy(t: Turn, location: Id, enemyId: Id, enemy: EnemyState): void {
  t.state = { ...t.state, enemies: { ...t.state.enemies, [enemyKey(location, enemyId)]: enemy } };
}

/** Adds a world flag (kept sorted); no change when it is already set. */
export function setFlag(t: Turn, flag: Id): void {
  const flags = t.state.flags;
  if (flags.includes(flag)) return;
  const next = [...flags, flag].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  t.state = { ...t.state, flags: next };
}

export function insertSorted(list: readonly string[], value: string): readonly string[] {
  if (list.includes(value)) return list;
  return [...list, value].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The refusal for a pack that would break a carry limit: which one, and by how much. */
export function refuseOverLimit(
  ns: 'take' | 'give' | 'equip' | 'unequip' | 'gather' | 'craft',
  over: { readonly limit: 'weight' | 'slots'; readonly overBy: number; readonly max: number },
  detail: RefusalDetail,
): Refusal {
  return refuse(`${ns}/${over.limit === 'weight' ? 'too-heavy' : 'no-slots'}`, { ...detail, overBy: over.overBy, limit: over.max });
}
