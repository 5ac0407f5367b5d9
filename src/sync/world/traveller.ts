/**
 * The traveller's own decisions about crossings, as pure functions of what their client holds
 * (Yjs-free, no relay): what to sign when a move leaves the zone, which hand-overs to settle,
 * and the arrive that completes a crossing left halfway. SharedWorld writes what these say.
 *
 *   const plan = crossingPlan({ rules, content, player, dir, at, zone: 'harbor', state, alreadyThere: false });
 *   if (plan.kind === 'cross') { sign(plan.travel); sign(arriveFor(plan, travelId)); }
 *   for (const due of settlesDue(player, foldsByZone, checked)) sign(settleFor(due));
 */
import type { Content } from '../../content/schema.ts';
import type { Action } from '../../engine/action.ts';
import type { GameState, PlayerState } from '../../engine/state.ts';
import { canonicalJson } from '../../content/canonical.ts';
import { crossingTarget, digestPlayer, zoneOfLocation, type Arrival, type Departure } from '../replica/crossing.ts';
import { inventoryDelta, type Revision } from '../replica/revision.ts';
import type { Rules } from '../replica/rules.ts';
import type { ArriveAction, SettleAction, TravelAction } from '../intent/sync-action.ts';

type Dir = Extract<Action, { kind: 'move' }>['dir'];

/** A player state as plain JSON data (what an `arrive` or `settle` signs). */
export function carriedState(p: PlayerState): PlayerState {
  return JSON.parse(canonicalJson(p)) as PlayerState;
}

export function samePlayerState(a: PlayerState | null, b: PlayerState | null): boolean {
  return a === b || (a !== null && b !== null && canonicalJson(a) === canonicalJson(b));
}

export interface CrossingAsk {
  readonly rules: Rules;
  readonly content: Content;
  readonly player: string;
  readonly dir: Dir;
  /** The game time the travel will carry (already clamped to the player's chain). */
  readonly at: number;
  /** The zone being left and its state as this client folds it now. */
  readonly zone: string;
  readonly state: GameState;
  /** The player already stands in the entered zone's state (an arrive would be refused). */
  readonly alreadyThere: boolean;
}

export type CrossingPlan =
  /** The move does not take them out (locked, in combat): a plain move, so everyone folds the same refusal. */
  | { readonly kind: 'refused'; readonly move: Extract<Action, { kind: 'move' }> }
  /** A travel in the zone left and (unless already there) an arrive in the zone entered. */
  | { readonly kind: 'cross'; readonly travel: TravelAction; readonly arrive: Omit<ArriveAction, 'travel'> | null }
  /**
   * The move took them out, but not through the exit: defeated on the way (poison as they
   * walked), they wake at the respawn point in another zone, which the travel's departure names.
   * Sign the travel; the client then follows to where they woke (an arrive with `dir: null`).
   */
  | { readonly kind: 'fell'; readonly travel: TravelAction };

/**
 * The state carried out is the move as this client folds it now: the digest binds the pair, and
 * the real fold of `travel` in the zone left counts a mismatch if a revision lands later.
 */
export function crossingPlan(a: CrossingAsk): CrossingPlan {
  const before = a.state.players[a.player];
  const preview = a.rules.apply(a.content, a.state, { id: 'preview', player: a.player, at: a.at, action: { kind: 'move', dir: a.dir } });
  const moved = preview.state.players[a.player];
  if (!before || !moved || moved.location === before.location) return { kind: 'refused', move: { kind: 'move', dir: a.dir } };
  const travel: TravelAction = { kind: 'travel', dir: a.dir, digest: digestPlayer(moved) };
  const exitZone = crossingTarget(a.content, before.location, a.dir)?.zone ?? null;
  if (!a.alreadyThere && zoneOfLocation(a.content, moved.location) !== exitZone) return { kind: 'fell', travel };
  return {
    kind: 'cross',
    travel,
    arrive: a.alreadyThere ? null : { kind: 'arrive', from: a.zone, fromLocation: before.location, dir: a.dir, state: carriedState(moved) },
  };
}

/** The arrive of a planned crossing, once its travel is signed. */
export function arriveFor(arrive: Omit<ArriveAction, 'travel'>, travel: string): ArriveAction {
  return { ...arrive, travel };
}

/** The arrive a crossing left halfway never got: the state the zone left computed, from where and how it left. */
export function completingArrive(from: string, travel: string, d: Departure & { readonly state: PlayerState; readonly fromLocation: string }): ArriveAction {
  return { kind: 'arrive', from, fromLocation: d.fromLocation, dir: d.dir, travel, state: carriedState(d.state) };
}

/** What a zone's fold says about crossings (OrderedFold has these). */
export interface CrossingFolds {
  departuresOf(player: string): ReadonlyMap<string, Departure>;
  arrivalOf(player: string, travel: string): Arrival | undefined;
}

/** A hand-over to correct: the arrive in `to` carried another state than the travel in `from` now folds to. */
export interface SettleDue {
  readonly from: string;
  readonly to: string;
  readonly departure: Departure;
  readonly arrival: Arrival;
}

/**
 * For each of the player's travels folded in a loaded zone whose arrive is loaded too: due when
 * the state the travel carried out (as that zone folds it now) differs from what the arrive
 * carries. `checked` remembers pairs found equal (states are immutable: same pair, same verdict);
 * the caller adds the pairs it settles.
 */
export function settlesDue(player: string, folds: ReadonlyMap<string, CrossingFolds>, checked?: WeakMap<Departure, Arrival>): SettleDue[] {
  const due: SettleDue[] = [];
  for (const [from, fold] of folds) {
    for (const [travel, departure] of fold.departuresOf(player)) {
      if (departure.zone === null) continue;
      const arrival = folds.get(departure.zone)?.arrivalOf(player, travel);
      if (!arrival || checked?.get(departure) === arrival) continue;
      if (samePlayerState(departure.state, arrival.carried)) {
        checked?.set(departure, arrival);
        continue;
      }
      due.push({ from, to: departure.zone, departure, arrival });
    }
  }
  return due;
}

/**
 * What the player is told when a settle corrected the hand-over into the zone they are in: what
 * their pack lost or gained (`before` -> `after`), and the revision in the zone left that caused
 * it (`cause`, if this client saw it), its players named as the zone left or the roster knows them.
 */
export function settledRevision(viewer: string, cause: Revision | null, before: PlayerState | null, after: PlayerState | null, nameOf: (player: string) => string | undefined): Revision {
  return {
    viewer,
    causes: (cause?.causes ?? []).map((c) => ({ ...c, name: nameOf(c.player) })),
    disappeared: cause?.disappeared ?? [],
    appeared: cause?.appeared ?? [],
    inventory: inventoryDelta(before, after),
    before,
    after,
  };
}

/** The settle that corrects a hand-over: the arrive now carries what the travel carried out (null: never left). */
export function settleFor(due: SettleDue): SettleAction {
  return { kind: 'settle', arrive: due.arrival.id, state: due.departure.state === null ? null : carriedState(due.departure.state) };
}
