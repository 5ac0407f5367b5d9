/**
 * Company as one player's client sees it: the party line of the observation (`observation.party`),
 * the answer to PARTY, and the move a follower's own client makes when the one they follow leaves
 * their room (the follower signs it: nobody writes intents for anyone else).
 *
 *   partyOf(state, me, at)               // { id, members, following, followers, invitation }
 *   leaderLeft(state, me, newsEvents)    // { leader, dir } when the one followed just walked out
 */
import type { Content, Direction } from '../content/schema.ts';
import { compareCodeUnits, INVITE_TTL_MS, partyMembers, type GameEvent, type GameState } from '../engine/index.ts';
import { line, type ProseLine } from '../narrate/index.ts';
import { locationName } from '../narrate/names.ts';
import { listing, placeName } from '../narrate/words.ts';

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

/** PARTY: who is in it and where, whom you follow and who follows you, an invitation waiting. */
export function partyLines(content: Content, state: GameState, viewer: string, at: number): ProseLine[] {
  const p = partyOf(state, viewer, at);
  const out: ProseLine[] = [];
  if (p.id === null) {
    out.push(line('body', 'You are not in a party. PARTY INVITE someone here to form one: members who stand together when an enemy falls share its EXP and spoils.'));
  } else {
    const others = p.members.filter((m) => m.id !== viewer);
    const where = others.map((m) => `${m.name} (${m.here ? 'here' : placeName(locationName(content, m.location))})`);
    out.push(line('body', others.length === 0
      ? 'Your party is just you so far. PARTY INVITE someone here to join it.'
      : `In your party: you, ${listing(where)}. Members elsewhere on the isle are not seen from here.`));
  }
  if (p.invitation) out.push(line('note', `${p.invitation.name ?? 'Someone'} has asked you to join a party: PARTY JOIN to accept.`));
  if (p.following) out.push(line('note', `You are following ${p.following.name ?? 'someone who is elsewhere on the isle'}. (STOP FOLLOWING to walk your own way.)`));
  if (p.followers.length > 0) out.push(line('note', `${listing(p.followers.map((f) => f.name))} ${p.followers.length === 1 ? 'follows' : 'follow'} you.`));
  return out;
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
