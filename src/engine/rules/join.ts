/**
 * Joining the world and changing one's name. A new player starts at `world.start` with the base
 * stats of level 1, full HP/MP/SP, an empty pack and no gear; that start counts as a first visit.
 *
 * Names are unique among the players in this state, as a reader sees them (name-key.ts: case,
 * compatibility forms and confusables). A rename to a name another player holds is refused
 * (`name/taken`). A join never is (a refused join would leave the player no way in: a join is
 * only valid as their first intent): it makes the player under the first free "<name> 2",
 * "<name> 3", ..., and its event says which name was asked for.
 */
import type { ActionOf } from '../action.ts';
import type { PlayerState } from '../state.ts';
import { copyPlayer } from '../state.ts';
import { maximaAt } from '../stats.ts';
import type { Refusal, Turn } from '../turn.ts';
import { emit, putPlayer, refuse, removePlayer } from '../turn.ts';
import { namesCollide } from '../name-key.ts';
import type { GameState } from '../state.ts';
import { entry } from '../records.ts';

export function newPlayer(t: Turn, id: string, name: string): PlayerState {
  const m = maximaAt(t.content, 1);
  const start = t.content.world.start;
  return {
    id, name, location: start,
    hp: m.maxHp, mp: m.maxMp, sp: m.maxSp, level: 1, exp: 0,
    inventory: [], equipment: {}, effects: [],
    visited: [start], firstVisit: true, gifts: [], fighting: null, turns: 0,
  };
}

/** Longest display name (PlayerName's bound): a numbered name is cut to fit it. */
const MAX_NAME = 32;

/** Another player here whose name a reader could take for `name`, if any. */
function holderOf(state: GameState, self: string, name: string): string | undefined {
  for (const [id, other] of Object.entries(state.players)) {
    if (id !== self && namesCollide(other.name, name)) return id;
  }
  return undefined;
}

/** `name` if free here, else the first free numbered form of it. */
function freeName(state: GameState, self: string, name: string): string {
  if (!holderOf(state, self, name)) return name;
  for (let n = 2; ; n += 1) {
    const suffix = ` ${n}`;
    const numbered = `${[...name].slice(0, MAX_NAME - suffix.length).join('').trimEnd()}${suffix}`;
    if (!holderOf(state, self, numbered)) return numbered;
  }
}

/**
 * A successor's fresh start (`succeeds`, checked by the sync layer): the character it succeeds
 * leaves the isle with everything it carried (a swindler gains nothing by starting over), which
 * frees its name. True when that character was here.
 */
function retireFormer(t: Turn, former: string): boolean {
  const old = t.state.players[former];
  if (old === undefined || former === t.intent.player) return false;
  removePlayer(t, former);
  emit(t, { type: 'retired', former, name: old.name, player: t.intent.player, location: old.location });
  return true;
}

export function applyRetire(t: Turn, a: ActionOf<'retire'>): Refusal | undefined {
  return retireFormer(t, a.succeeds.player) ? undefined : refuse('retire/not-here', { target: a.succeeds.player });
}

export function applyJoin(t: Turn, a: ActionOf<'join'>): Refusal | undefined {
  if (a.succeeds !== undefined) retireFormer(t, a.succeeds.player);
  const name = freeName(t.state, t.intent.player, a.name);
  const made = newPlayer(t, t.intent.player, name);
  // A companion joins following its friend wherever in this zone the friend stands. Not only in
  // the room where it comes ashore (FOLLOW's rule): the friend's own moves, signed before they saw
  // the join, may be placed before it in the zone's order, and the join would then follow nobody
  // on every replica. The follower's client walks after a friend in another room (session).
  const friendInZone = a.companionOf !== undefined && a.companionOf !== t.intent.player && entry(t.state.players, a.companionOf) !== undefined;
  const p = a.companionOf === undefined ? made : { ...made, companionOf: a.companionOf, ...(friendInZone ? { following: a.companionOf } : {}) };
  putPlayer(t, p);
  emit(t, { type: 'joined', name, ...(name !== a.name ? { asked: a.name } : {}), player: t.intent.player, location: p.location });
  return undefined;
}

export function applyName(t: Turn, p: PlayerState, a: ActionOf<'name'>): Refusal | undefined {
  const holder = holderOf(t.state, t.intent.player, a.name);
  if (holder !== undefined) return refuse('name/taken', { target: holder });
  const me = copyPlayer(p);
  me.name = a.name;
  putPlayer(t, me);
  emit(t, { type: 'renamed', from: p.name, to: a.name, player: t.intent.player, location: t.where });
  return undefined;
}
