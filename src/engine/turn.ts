/**
 * One intent being applied: the working state, the events so far, the lazily seeded dice, and
 * the small helpers every rule uses to replace a player, a floor, a node or an enemy.
 *
 * The contract every rule keeps: validate everything first, and return a `Refusal` before the
 * first write (`apply` also drops the working state of a refused intent, so a refusal never
 * changes anything). Records are copied on first write, once per intent: a record of `t.state`
 * that is not the input's own (`t.input`) is this intent's copy, and is written in place (see
 * `own`). A rule changes only a copy it made (`copyPlayer`), never a record it read.
 *
 *   if (!here) return refuse('take/not-here', { item });
 *   const me = copyPlayer(p);
 *   me.inventory = inventory;
 *   putPlayer(t, me);
 *   emit(t, { type: 'took', item, qty, player: t.intent.player, location: t.where });
 */
import { compareCodeUnits } from '../content/canonical.ts';
import { setEntry } from './records.ts';
import type { Content, Id } from '../content/schema.ts';
import type { EngineIntent } from './action.ts';
import type { GameEvent, RefusalDetail, RefusalReason } from './events.ts';
import type { Rng } from './prng.ts';
import { createRng, seedForIntent } from './prng.ts';
import type { ContainerState, EnemyState, GameState, Mutable, NodeState, PartyInvite, PlayerState, TogetherMark, TradeOffer, VendorShelf, WorldQuestState, Moderation } from './state.ts';
import { copyState, enemyKey } from './state.ts';
import { enemyStateKey } from './living.ts';

export interface Turn {
  readonly content: Content;
  readonly intent: EngineIntent;
  /** Game time of this intent: the latest `at` seen, so timers never run backwards. */
  readonly now: number;
  /** The actor's location before the intent (events' default `location`). */
  readonly where: Id;
  /** The state passed to `apply`: never written, and the one a refusal returns. */
  readonly input: GameState;
  /** The working state: `input` until the first write, then this intent's copy. */
  state: GameState;
  /** The events so far: the shared empty list until the first `emit` (most intents emit one). */
  events: GameEvent[];
  rng: Rng | null;
  /** Effects started on the actor this turn: they tick from the next turn (the shared empty list until the first). */
  started: readonly Id[];
  /** The enemy already struck back this turn (an attack, a flight). */
  answered: boolean;
  /** The actor was defeated this turn: no end-of-turn ticks. */
  defeated: boolean;
}

/**
 * Every intent's events are kept by the fold, so the list is made at its first event with room
 * for exactly one (an empty `[]` grows to room for many on its first push, kept for nothing).
 * Frozen: nothing may push onto the shared empty list.
 */
const NO_EVENTS: GameEvent[] = Object.freeze([]) as unknown as GameEvent[];

const NO_IDS: readonly Id[] = Object.freeze([]);

export function newTurn(content: Content, intent: EngineIntent, now: number, where: Id, input: GameState): Turn {
  return { content, intent, now, where, input, state: input, events: NO_EVENTS, rng: null, started: NO_IDS, answered: false, defeated: false };
}

/**
 * This intent's own copy of the state object, made on the first write. Its records (players,
 * floors, ...) are still the input's until copied; a record that differs from the input's one is
 * a copy this intent made, so it is copied once and then written in place.
 */
function own(t: Turn): Mutable<GameState> {
  if (t.state === t.input) t.state = copyState(t.input);
  return t.state as Mutable<GameState>;
}

export interface Refusal {
  readonly reason: RefusalReason;
  readonly detail: RefusalDetail;
}

export function refuse(reason: RefusalReason, detail: RefusalDetail = {}): Refusal {
  return { reason, detail };
}

/**
 * Records an event. Each event is written whole, `player` and `location` included (the actor and
 * `t.where` for most): the fold keeps every intent's events, and an object literal completed
 * afterwards costs a second allocation and a third more memory.
 */
export function emit(t: Turn, event: GameEvent): void {
  if (t.events === NO_EVENTS) t.events = [event];
  else t.events.push(event);
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
  const s = own(t);
  if (s.players === t.input.players) s.players = { ...s.players };
  setEntry(s.players as Record<string, PlayerState>, p.id, p);
}

/** Sets the zone's moderation lists (rules/moderation.ts). */
export function ownModeration(t: Turn, m: Moderation): void {
  own(t).moderation = m;
}

/** Takes a player out of the state (a character its player started over from). */
export function removePlayer(t: Turn, id: string): void {
  const s = own(t);
  if (s.players === t.input.players) s.players = { ...s.players };
  delete (s.players as Record<string, PlayerState>)[id];
}

/** Adds `delta` (negative to remove) of an item to a location's floor; empty entries vanish. */
export function changeFloor(t: Turn, location: Id, item: Id, delta: number): void {
  const s = own(t);
  const floors = s.floors as Record<Id, Record<Id, number>>;
  const was = floors[location];
  const qty = (was?.[item] ?? 0) + delta;
  // Copies, never `delete`: an object something was deleted from turns slow for every later copy
  // of it, and the floors are copied on every take and drop. A key goes by rebuilding without it.
  let floor: Record<Id, number>;
  if (qty > 0) {
    floor = { ...was };
    floor[item] = qty;
  } else {
    floor = without(was ?? {}, item);
    let empty = true;
    for (const _ in floor) {
      empty = false;
      break;
    }
    if (empty) {
      s.floors = without(floors, location);
      return;
    }
  }
  // This intent's own copy is written in place; the input's is copied once (a spread then a
  // store: cheaper in V8 than a spread with a computed key in the same literal).
  if (s.floors !== t.input.floors) {
    floors[location] = floor;
    return;
  }
  const next: Record<Id, Record<Id, number>> = { ...floors };
  next[location] = floor;
  s.floors = next;
}

/** A copy of `o` without the key `k`, in the same key order. */
function without<V>(o: Readonly<Record<string, V>>, k: string): Record<string, V> {
  const out: Record<string, V> = {};
  for (const key in o) if (key !== k) out[key] = o[key]!;
  return out;
}

export function putNode(t: Turn, nodeId: Id, node: NodeState): void {
  const s = own(t);
  if (s.nodes === t.input.nodes) s.nodes = { ...s.nodes };
  (s.nodes as Record<Id, NodeState>)[nodeId] = node;
}

export function putEnemy(t: Turn, location: Id, enemyId: Id, enemy: EnemyState): void {
  const s = own(t);
  if (s.enemies === t.input.enemies) s.enemies = { ...s.enemies };
  const kind = t.content.enemies.get(enemyId);
  (s.enemies as Record<string, EnemyState>)[kind ? enemyStateKey(kind, location) : enemyKey(location, enemyId)] = enemy;
}

/** Replaces a world quest's shared tally (rules/quests.ts). */
export function putWorldQuest(t: Turn, quest: Id, tally: WorldQuestState): void {
  const s = own(t);
  if (s.quests === undefined || s.quests === t.input.quests) s.quests = { ...s.quests };
  setEntry(s.quests as Record<Id, WorldQuestState>, quest, tally);
}

/** Replaces (or, with no marks, removes) the marks of a `together` objective (rules/quests.ts). */
export function putTogether(t: Turn, key: string, marks: readonly TogetherMark[]): void {
  const s = own(t);
  const next: Record<string, readonly TogetherMark[]> = {};
  for (const k of Object.keys(s.together ?? {}).sort(compareCodeUnits)) if (k !== key) next[k] = s.together![k]!;
  if (marks.length > 0) setEntry(next, key, marks);
  if (Object.keys(next).length > 0) s.together = next;
  else delete s.together;
}

/** Replaces a vendor's shelf of one ware, by `<npc>/<item>` (rules/vendors.ts). */
export function putVendorShelf(t: Turn, key: string, shelf: VendorShelf): void {
  const s = own(t);
  if (s.vendors === undefined || s.vendors === t.input.vendors) s.vendors = { ...s.vendors };
  setEntry(s.vendors as Record<string, VendorShelf>, key, shelf);
}

/** Replaces the waiting trade offers (rules/offers.ts); none left removes the record. */
export function putOffers(t: Turn, offers: Readonly<Record<string, TradeOffer>>): void {
  const s = own(t);
  if (Object.keys(offers).length > 0) s.offers = offers;
  else delete s.offers;
}

/** Replaces the waiting party invitations (rules/party.ts); none left removes the record. */
export function putInvites(t: Turn, invites: Readonly<Record<string, PartyInvite>>): void {
  const s = own(t);
  if (Object.keys(invites).length > 0) s.invites = invites;
  else delete s.invites;
}

/** Replaces what a container holds and how it stands (rules/containers.ts). */
export function putContainer(t: Turn, id: Id, box: ContainerState): void {
  const s = own(t);
  if (s.containers === undefined || s.containers === t.input.containers) s.containers = { ...s.containers };
  setEntry(s.containers as Record<Id, ContainerState>, id, box);
}

/** Sets how far along a mechanism is (rules/mechanisms.ts); 0 removes it, and the record when none is left. */
export function putMechanism(t: Turn, id: Id, done: number): void {
  const s = own(t);
  const next: Record<Id, number> = { ...s.mechanisms };
  if (done > 0) setEntry(next, id, done);
  else delete next[id];
  if (Object.keys(next).length > 0) s.mechanisms = next;
  else delete s.mechanisms;
}

/** Records the turn's bookkeeping fields; returns the finished state. */
export function finishState(t: Turn, now: number): GameState {
  const s = own(t);
  s.tick = s.tick + 1;
  s.time = now;
  if (t.rng !== null) s.rng = t.rng.state;
  return s;
}

/** Adds a world flag (kept sorted); no change when it is already set. */
export function setFlag(t: Turn, flag: Id): void {
  const flags = t.state.flags;
  if (flags.includes(flag)) return;
  own(t).flags = [...flags, flag].sort(compareCodeUnits);
}

export function insertSorted(list: readonly string[], value: string): readonly string[] {
  if (list.includes(value)) return list;
  return [...list, value].sort(compareCodeUnits);
}

/** The refusal for a pack that would break a carry limit: which one, and by how much. */
export function refuseOverLimit(
  ns: 'take' | 'give' | 'equip' | 'unequip' | 'gather' | 'craft' | 'trade',
  over: { readonly limit: 'weight' | 'slots'; readonly overBy: number; readonly max: number },
  detail: RefusalDetail,
): Refusal {
  return refuse(`${ns}/${over.limit === 'weight' ? 'too-heavy' : 'no-slots'}`, { ...detail, overBy: over.overBy, limit: over.max });
}
