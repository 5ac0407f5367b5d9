/**
 * Company: parties and following. Everything here is a fact on a player's own state, written only
 * by that player's own intents, so it crosses zones with them in `arrive` like the rest of the
 * state and no zone needs to know another's log:
 *
 * - `PlayerState.party` is the id of the party the player is in (the id of the invitation that
 *   formed it). `party invite Bo` puts an invitation in this zone's state
 *   (`GameState.invites[bo]`) and, for an inviter in no party, forms one; `party join` takes it
 *   (Bo's own intent sets Bo's party); `party leave` clears it. Who is in a party is whoever
 *   carries its id: a zone sees the members it holds, and that is all sharing needs, because
 *   sharing is among members present where an enemy falls.
 * - `PlayerState.following` names the player followed. The rules only check the leader is here
 *   when the follow begins; the follower's own client writes each move after the leader
 *   (session), so nobody writes intents for anyone else.
 *
 * Sharing when an enemy falls (battle.ts calls these): each party with a member who has an EXP
 * share pools its members' shares and splits the pool evenly among its members standing there,
 * the remainder one each to those who dealt most (ties: player id); the loot of a looter in a
 * party there is dealt out unit by unit in turn, the looter first, then by damage dealt (ties:
 * player id), and its coin split evenly with the remainder one each in that order.
 *
 *   applyParty(t, ana, { kind: 'party', op: 'invite', target: 'bo' })  // Ana forms a party, invites Bo
 *   applyParty(t, bo, { kind: 'party', op: 'join' })                   // Bo is in it
 */
import { compareCodeUnits } from '../../content/canonical.ts';
import type { Id } from '../../content/schema.ts';
import type { ActionOf } from '../action.ts';
import { entry, setEntry } from '../records.ts';
import type { EnemyDamage, GameState, PartyInvite, PlayerState } from '../state.ts';
import { copyPlayer } from '../state.ts';
import type { Refusal, Turn } from '../turn.ts';
import { emit, putInvites, putPlayer, refuse } from '../turn.ts';

/** Game time an invitation stands unanswered before it lapses: five minutes. */
export const INVITE_TTL_MS = 300_000;
/** Members a party may have, among the players one zone holds. */
export const MAX_PARTY = 6;

/** Players of this state in `party`, sorted by id. */
export function partyMembers(state: GameState, party: string): PlayerState[] {
  return Object.keys(state.players).sort(compareCodeUnits).map((id) => state.players[id]!).filter((p) => p.party === party);
}

/** The invitations that have not lapsed, without the one to `drop`, sorted by the invited player's id. */
function keptInvites(t: Turn, drop: string | null): Record<string, PartyInvite> {
  const out: Record<string, PartyInvite> = {};
  const all = t.state.invites ?? {};
  for (const to of Object.keys(all).sort(compareCodeUnits)) {
    const inv = all[to]!;
    if (to !== drop && t.now <= inv.at + INVITE_TTL_MS) setEntry(out, to, inv);
  }
  return out;
}

function withInvite(t: Turn, to: string, inv: PartyInvite): Record<string, PartyInvite> {
  const kept = keptInvites(t, to);
  const out: Record<string, PartyInvite> = {};
  for (const id of [...Object.keys(kept), to].sort(compareCodeUnits)) setEntry(out, id, id === to ? inv : kept[id]!);
  return out;
}

export function applyParty(t: Turn, p: PlayerState, a: ActionOf<'party'>): Refusal | undefined {
  switch (a.op) {
    case 'invite': return invite(t, p, a.target);
    case 'join': return join(t, p, a.target);
    case 'leave': return leave(t, p);
  }
}

function invite(t: Turn, p: PlayerState, target: string | undefined): Refusal | undefined {
  if (target === undefined) return refuse('party/no-player', {});
  if (target === p.id) return refuse('party/self', {});
  const other = entry(t.state.players, target);
  if (!other) return refuse('party/no-player', { target });
  if (p.party !== undefined && other.party === p.party) return refuse('party/already-member', { target });
  const party = p.party ?? t.intent.id.slice(0, 80);
  if (p.party !== undefined && partyMembers(t.state, party).length >= MAX_PARTY) return refuse('party/full', { target, limit: MAX_PARTY });
  putInvites(t, withInvite(t, target, { from: p.id, party, at: t.now }));
  if (p.party === undefined) {
    const me = copyPlayer(p);
    me.party = party;
    putPlayer(t, me);
    emit(t, { type: 'party-invited', to: target, party, formed: true, player: p.id, location: t.where });
  } else {
    emit(t, { type: 'party-invited', to: target, party, player: p.id, location: t.where });
  }
  return undefined;
}

function join(t: Turn, p: PlayerState, from: string | undefined): Refusal | undefined {
  const inv = entry(keptInvites(t, null), p.id);
  if (!inv || (from !== undefined && inv.from !== from)) return refuse('party/no-invite', from === undefined ? {} : { target: from });
  if (p.party === inv.party) return refuse('party/already-joined', { target: inv.from });
  if (p.party !== undefined) return refuse('party/in-another', { target: inv.from });
  if (partyMembers(t.state, inv.party).length >= MAX_PARTY) return refuse('party/full', { target: inv.from, limit: MAX_PARTY });
  const me = copyPlayer(p);
  me.party = inv.party;
  putPlayer(t, me);
  putInvites(t, keptInvites(t, p.id));
  emit(t, { type: 'party-joined', party: inv.party, from: inv.from, player: p.id, location: t.where });
  return undefined;
}

function leave(t: Turn, p: PlayerState): Refusal | undefined {
  if (p.party === undefined) return refuse('party/not-in-party', {});
  const me = copyPlayer(p);
  delete me.party;
  putPlayer(t, me);
  emit(t, { type: 'party-left', party: p.party, player: p.id, location: t.where });
  return undefined;
}

export function applyFollow(t: Turn, p: PlayerState, a: ActionOf<'follow'>): Refusal | undefined {
  if (a.target === p.id) return refuse('follow/self', {});
  const leader = entry(t.state.players, a.target);
  if (!leader || leader.location !== p.location) return refuse('follow/not-here', { target: a.target });
  if (p.following === a.target) return refuse('follow/already', { target: a.target });
  const me = copyPlayer(p);
  me.following = a.target;
  putPlayer(t, me);
  emit(t, p.following === undefined
    ? { type: 'following', target: a.target, player: p.id, location: t.where }
    : { type: 'following', target: a.target, instead: p.following, player: p.id, location: t.where });
  return undefined;
}

export function applyUnfollow(t: Turn, p: PlayerState): Refusal | undefined {
  if (p.following === undefined) return refuse('follow/not-following', {});
  const me = copyPlayer(p);
  delete me.following;
  putPlayer(t, me);
  emit(t, { type: 'unfollowed', target: p.following, player: p.id, location: t.where });
  return undefined;
}

/** Members of `party` standing at `where`, most damage dealt first (ties: player id). */
function membersAt(state: GameState, party: string, where: Id, here: readonly EnemyDamage[], playerOf: (id: string) => PlayerState | undefined): string[] {
  const dealt = (id: string) => here.find((d) => d.player === id)?.hp ?? 0;
  return Object.keys(state.players)
    .filter((id) => { const m = playerOf(id); return m !== undefined && m.party === party && m.location === where; })
    .sort((a, b) => dealt(b) - dealt(a) || compareCodeUnits(a, b));
}

/**
 * EXP shares with parties pooled: each party's members' shares, split evenly among its members
 * at `where` (the remainder one each, most damage first). Sorted by player id; the same list when
 * nobody with a share is in a party.
 */
export function shareWithParties(
  state: GameState, where: Id, here: readonly EnemyDamage[], shares: readonly { player: string; exp: number }[],
  playerOf: (id: string) => PlayerState | undefined,
): readonly { player: string; exp: number }[] {
  const pools = new Map<string, number>();
  const out = new Map<string, number>();
  for (const s of shares) {
    const party = playerOf(s.player)?.party;
    if (party === undefined) out.set(s.player, (out.get(s.player) ?? 0) + s.exp);
    else pools.set(party, (pools.get(party) ?? 0) + s.exp);
  }
  if (pools.size === 0) return shares;
  for (const party of [...pools.keys()].sort(compareCodeUnits)) {
    const pool = pools.get(party)!;
    const members = membersAt(state, party, where, here, playerOf);
    const each = Math.floor(pool / members.length);
    let left = pool - each * members.length;
    for (const m of members) {
      out.set(m, (out.get(m) ?? 0) + each + (left > 0 ? 1 : 0));
      if (left > 0) left -= 1;
    }
  }
  return [...out.keys()].sort(compareCodeUnits).map((player) => ({ player, exp: out.get(player)! }));
}

/** Who shares the loot: the looter, then the other members of their party at `where` (most damage first); the looter alone outside a party. */
export function lootTakers(
  state: GameState, where: Id, looter: string, here: readonly EnemyDamage[], playerOf: (id: string) => PlayerState | undefined,
): string[] {
  const party = playerOf(looter)?.party;
  if (party === undefined) return [looter];
  return [looter, ...membersAt(state, party, where, here, playerOf).filter((id) => id !== looter)];
}
