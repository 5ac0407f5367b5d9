/**
 * The world owner's moderation (issue 19): BAN, UNBAN, MUTE, UNMUTE of a player, by id. The sync
 * layer accepts these intents only from the world's owner and the owner's device writes them into
 * every zone, so each zone's state holds the same lists from that point of its order on; the rules
 * here only keep the lists and act on them:
 * - a banned player's character leaves the world (kept aside with what it carried, and brought
 *   back where it stood by an unban), and every later intent of theirs is refused
 *   (`moderation/banned`), a join or an arrive included;
 * - a muted player's speech is refused (`moderation/muted`): nobody hears it;
 * - the owner needs no character in the zone to moderate there.
 */
import type { ActionOf } from '../action.ts';
import type { Moderation } from '../state.ts';
import { emit, insertSorted, ownModeration, putPlayer, refuse, removePlayer, type Refusal, type Turn } from '../turn.ts';

const NONE: Moderation = { banned: [], muted: [] };

export function isBanned(m: Moderation | undefined, player: string): boolean {
  return m !== undefined && m.banned.includes(player);
}

export function isMuted(m: Moderation | undefined, player: string): boolean {
  return m !== undefined && m.muted.includes(player);
}

export function applyModeration(t: Turn, a: ActionOf<'ban' | 'unban' | 'mute' | 'unmute'>): Refusal | undefined {
  const m = t.state.moderation ?? NONE;
  const list = a.kind === 'ban' || a.kind === 'unban' ? 'banned' : 'muted';
  const adding = a.kind === 'ban' || a.kind === 'mute';
  const has = m[list].includes(a.target);
  if (has === adding) return refuse(adding ? 'moderation/already' : 'moderation/not-so', { target: a.target });
  const next: Moderation = { ...m, [list]: adding ? insertSorted(m[list], a.target) : m[list].filter((p) => p !== a.target) };
  let who = t.state.players[a.target];
  if (a.kind === 'ban' && who !== undefined) {
    // The character leaves the world, kept aside (with what it carries) for an unban.
    removePlayer(t, a.target);
    ownModeration(t, { ...next, away: { ...(m.away ?? {}), [a.target]: who } });
  } else if (a.kind === 'unban' && m.away?.[a.target] !== undefined) {
    who = m.away[a.target]!;
    const { [a.target]: _back, ...rest } = m.away;
    putPlayer(t, who);
    ownModeration(t, Object.keys(rest).length > 0 ? { ...next, away: rest } : { banned: next.banned, muted: next.muted });
  } else ownModeration(t, next);
  emit(t, { type: 'moderated', what: a.kind, target: a.target, ...(who === undefined ? {} : { name: who.name }), player: t.intent.player, location: who?.location ?? t.where });
  return undefined;
}
