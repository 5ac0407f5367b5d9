/**
 * Company as one player's client sees it: the party line of the observation (`observation.party`),
 * and the move a follower's own client makes when the one they follow leaves their room (the
 * follower signs it: nobody writes intents for anyone else). The answer to PARTY is in
 * ./company-lines.ts, with the errands (after the first screen).
 *
 *   partyOf(state, me, at)               // { id, members, following, followers, invitation }
 *   leaderLeft(state, me, newsEvents)    // { leader, dir } when the one followed just walked out
 *
 * The next move after them (`followStep`, with the GO TO planner) is in ./follow-step.ts, loaded
 * when a follow starts.
 */
import type { Direction, Id } from '../content/schema.ts';
import { compareCodeUnits, INVITE_TTL_MS, partyMembers, type GameEvent, type GameState } from '../engine/index.ts';

export interface ObservedParty {
  /** The party's id, or null when the player is in none. */
  readonly id: string | null;
  /**
   * Members this part of the isle holds (the player included), sorted by id: where each stands,
   * and whether beside the player. Members in other zones are not seen from here.
   */
  readonly members: readonly { readonly id: string; readonly name: string; readonly location: string; readonly here: boolean }[];
  /** Whom the player follows (name null when they are not in this part of the isle). */
  readonly following: { readonly id: string; readonly name: string | null } | null;
  /** Players here in this part of the isle who follow the player, sorted by id. */
  readonly followers: readonly { readonly id: string; readonly name: string }[];
  /** An invitation to the player waiting for PARTY JOIN, until game time `lapsesAt`. */
  readonly invitation: { readonly from: string; readonly name: string | null; readonly lapsesAt: number } | null;
}

export function partyOf(state: GameState, viewer: string, at: number): ObservedParty {
  const me = state.players[viewer];
  const members = me?.party === undefined ? [] : partyMembers(state, me.party).map((p) => ({ id: p.id, name: p.name, location: p.location, here: p.location === me.location }));
  const followers = Object.keys(state.players).sort(compareCodeUnits).map((id) => state.players[id]!)
    .filter((p) => p.following === viewer).map((p) => ({ id: p.id, name: p.name }));
  const inv = state.invites?.[viewer];
  const live = inv !== undefined && at <= inv.at + INVITE_TTL_MS;
  return {
    id: me?.party ?? null,
    members,
    following: me?.following === undefined ? null : { id: me.following, name: state.players[me.following]?.name ?? null },
    followers,
    invitation: live ? { from: inv.from, name: state.players[inv.from]?.name ?? null, lapsesAt: inv.at + INVITE_TTL_MS } : null,
  };
}

/**
 * The move of the one the player follows out of the player's room, among events just told: the
 * leader's id and the way they went; undefined when they did not leave it (or nobody is followed).
 */
export function leaderLeft(state: GameState, viewer: string, events: readonly { readonly type: string }[]): { leader: string; dir: Direction } | undefined {
  const me = state.players[viewer];
  if (me?.following === undefined) return undefined;
  for (const e of events as readonly GameEvent[]) {
    if (e.type === 'moved' && e.player === me.following && e.location === me.location) return { leader: e.player, dir: e.dir };
  }
  return undefined;
}

/** The last move of the one followed that this client saw (in any room of its zone): where from, which way. */
export interface LeaderMove {
  readonly leader: string;
  readonly from: Id;
  readonly dir: Direction;
}
