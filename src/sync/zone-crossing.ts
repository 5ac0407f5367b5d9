/**
 * Moving between zones, folded by the sync layer around the engine's `apply` (the engine has no
 * notion of zones or of a player leaving its state):
 *
 * - `travel { dir, digest }` in the zone being left: the engine's `move` decides (locks, combat);
 *   if the player moved out of this zone they are removed from this zone's state. `digest` is
 *   sha256 of the player state they carried out; a mismatch with what this fold computed (a
 *   revision landed after they left) is counted, not undone: the other zone already has them.
 * - `arrive { from, fromLocation, dir, travel, state }` in the zone entered: the signed full
 *   player state joins this zone's state (if it names a location here, only known items, and
 *   the player is not already here). Others here see a `moved` event into the location.
 *
 * A zone's fold needs only its own log; the travel/arrive pair (digest, travel id) lets an
 * auditor holding both logs check the hand-over later.
 */
import type { Content } from '../content/schema.ts';
import type { GameEvent } from '../engine/events.ts';
import type { GameState, PlayerState } from '../engine/state.ts';
import { sha256Hex } from './bytes.ts';
import { canonicalJson } from './canonical.ts';
import type { Rules, ApplyResult } from './rules.ts';
import type { ArriveAction, CrossingAction, TravelAction } from './sync-action.ts';

export type CrossingIssue = 'travel/not-here' | 'travel/digest-mismatch' | 'arrive/already-here' | 'arrive/invalid-state';

export interface CrossingIntent {
  readonly id: string;
  readonly player: string;
  readonly at: number;
  readonly action: CrossingAction;
}

export function digestPlayer(p: PlayerState): string {
  return sha256Hex(canonicalJson(p));
}

export function zoneOfLocation(content: Content, location: string): string | null {
  return content.locations.get(location)?.zone ?? null;
}

/** The zone an exit from `location` leads into, when it differs from the location's own. */
export function crossingTarget(content: Content, location: string, dir: string): { zone: string; to: string } | null {
  const loc = content.locations.get(location);
  const exit = loc?.exits.find((x) => x.dir === dir);
  if (!loc || !exit) return null;
  const zone = zoneOfLocation(content, exit.to);
  return zone !== null && zone !== loc.zone ? { zone, to: exit.to } : null;
}

function withoutPlayer(state: GameState, player: string): GameState {
  const { [player]: _gone, ...players } = state.players;
  return { ...state, players };
}

function applyTravel(rules: Rules, content: Content, zone: string, state: GameState, i: CrossingIntent & { action: TravelAction }, issue: (x: CrossingIssue) => void): ApplyResult {
  if (!state.players[i.player]) {
    issue('travel/not-here');
    return { state, events: [] };
  }
  const r = rules.apply(content, state, { id: i.id, player: i.player, at: i.at, action: { kind: 'move', dir: i.action.dir } });
  const after = r.state.players[i.player];
  if (!after || zoneOfLocation(content, after.location) === zone) return r;
  if (digestPlayer(after) !== i.action.digest) issue('travel/digest-mismatch');
  return { state: withoutPlayer(r.state, i.player), events: r.events };
}

function validArrival(content: Content, zone: string, player: string, s: PlayerState): boolean {
  if (s.id !== player || zoneOfLocation(content, s.location) !== zone) return false;
  if (!s.inventory.every((st) => content.items.has(st.item))) return false;
  if (!Object.values(s.equipment).every((it) => it === undefined || content.items.has(it))) return false;
  return s.effects.every((e) => content.effects.has(e.id));
}

function applyArrive(content: Content, zone: string, state: GameState, i: CrossingIntent & { action: ArriveAction }, issue: (x: CrossingIssue) => void): ApplyResult {
  const a = i.action;
  if (state.players[i.player]) {
    issue('arrive/already-here');
    return { state, events: [] };
  }
  const arriving = a.state as PlayerState;
  if (!validArrival(content, zone, i.player, arriving)) {
    issue('arrive/invalid-state');
    return { state, events: [] };
  }
  const event: GameEvent = { type: 'moved', player: i.player, location: a.fromLocation, dir: a.dir, to: arriving.location, firstVisit: false };
  return { state: { ...state, players: { ...state.players, [i.player]: arriving } }, events: [event] };
}

export function applyCrossing(rules: Rules, content: Content, zone: string, state: GameState, i: CrossingIntent, issue: (x: CrossingIssue) => void): ApplyResult {
  if (i.action.kind === 'travel') return applyTravel(rules, content, zone, state, i as CrossingIntent & { action: TravelAction }, issue);
  if (i.action.kind === 'arrive') return applyArrive(content, zone, state, i as CrossingIntent & { action: ArriveAction }, issue);
  // TODO(settle): a settle amends its arrive; the fold does not apply amendments yet.
  return { state, events: [] };
}
