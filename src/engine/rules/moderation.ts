/**
 * Moderation (issue 19): BAN, UNBAN, MUTE, UNMUTE of a player, by id, by the world's owner or a
 * moderator the owner named; MOD and UNMOD (naming and un-naming moderators) by the owner only.
 * The sync layer accepts these intents only with a valid appointment (the owner's, or a player's
 * own signature when `appointed.by` names them: action.ts) and each moderator's device writes them
 * into every zone; the rules here keep the lists and decide, from this zone's state at this point
 * of its order and nothing else, whether a moderator's word counts:
 * - a banned player's character leaves the world (kept aside with what it carried, and brought
 *   back where it stood by an unban), and every later intent of theirs is refused
 *   (`moderation/banned`), a join or an arrive included;
 * - a muted player's speech is refused (`moderation/muted`): nobody hears it;
 * - a named moderator's word counts only while they are a moderator here and not banned
 *   (`moderation/not-moderator`): after UNMOD (or a ban) it is refused, identically everywhere;
 * - a moderator may not MOD/UNMOD (`moderation/owner-only`) nor act on another moderator
 *   (`moderation/protected`); the owner is out of their reach too (the sync layer refuses that);
 * - the owner's ban of a moderator also un-names them; the owner needs no character here.
 */
import type { ActionOf, ModerationKind } from '../action.ts';
import type { Moderation } from '../state.ts';
import { emit, insertSorted, ownModeration, putPlayer, refuse, removePlayer, type Refusal, type Turn } from '../turn.ts';

const NONE: Moderation = { banned: [], muted: [] };

export function isBanned(m: Moderation | undefined, player: string): boolean {
  return m !== undefined && m.banned.includes(player);
}

export function isMuted(m: Moderation | undefined, player: string): boolean {
  return m !== undefined && m.muted.includes(player);
}

/** True once the owner's MOVED has been folded here: the zone is a frozen copy. */
export function isMoved(m: Moderation | undefined): boolean {
  return m?.moved === true;
}

export function isModerator(m: Moderation | undefined, player: string): boolean {
  return m?.moderators !== undefined && m.moderators.includes(player);
}

/** A moderation without its empty optional parts (so a world that never used them hashes as before). */
function tidy(m: Moderation): Moderation {
  return {
    banned: m.banned, muted: m.muted,
    ...(m.moderators !== undefined && m.moderators.length > 0 ? { moderators: m.moderators } : {}),
    ...(m.away !== undefined && Object.keys(m.away).length > 0 ? { away: m.away } : {}),
    ...(m.moved === true ? { moved: true as const } : {}),
  };
}

/** Whose word this is allowed to be: a refusal, or undefined when it may go on. */
function authorityRefusal(m: Moderation, a: ActionOf<ModerationKind>): Refusal | undefined {
  const by = a.appointed.by;
  if (by === undefined) return undefined; // The owner's (the sync layer checked the owner's signature).
  if (!isModerator(m, by) || isBanned(m, by)) return refuse('moderation/not-moderator', { target: a.target });
  if (a.kind === 'mod' || a.kind === 'unmod') return refuse('moderation/owner-only', { target: a.target });
  if (isModerator(m, a.target) || a.target === by) return refuse('moderation/protected', { target: a.target });
  return undefined;
}

/**
 * The owner moved the world (issue 19): the zone freezes at this point of its order. Only the
 * owner's word reaches here (the sync layer refuses any other), and `apply` refuses everything
 * after it, a second MOVED included.
 */
export function applyMoved(t: Turn): Refusal | undefined {
  ownModeration(t, tidy({ ...(t.state.moderation ?? NONE), moved: true }));
  emit(t, { type: 'world-moved', player: t.intent.player, location: t.where });
  return undefined;
}

export function applyModeration(t: Turn, a: ActionOf<ModerationKind>): Refusal | undefined {
  const m = t.state.moderation ?? NONE;
  const no = authorityRefusal(m, a);
  if (no) return no;
  const by = a.appointed.by;
  const byPart = by === undefined ? {} : { by };
  if (a.kind === 'mod' || a.kind === 'unmod') {
    const adding = a.kind === 'mod';
    if (isModerator(m, a.target) === adding) return refuse(adding ? 'moderation/already' : 'moderation/not-so', { target: a.target });
    if (adding && isBanned(m, a.target)) return refuse('moderation/target-banned', { target: a.target });
    const moderators = adding ? insertSorted(m.moderators ?? [], a.target) : (m.moderators ?? []).filter((p) => p !== a.target);
    ownModeration(t, tidy({ ...m, moderators }));
    const who = t.state.players[a.target] ?? m.away?.[a.target];
    emit(t, { type: 'moderated', what: a.kind, target: a.target, ...(who === undefined ? {} : { name: who.name }), player: t.intent.player, location: who?.location ?? t.where });
    return undefined;
  }
  const list = a.kind === 'ban' || a.kind === 'unban' ? 'banned' : 'muted';
  const adding = a.kind === 'ban' || a.kind === 'mute';
  const has = m[list].includes(a.target);
  if (has === adding) return refuse(adding ? 'moderation/already' : 'moderation/not-so', { target: a.target });
  let next: Moderation = { ...m, [list]: adding ? insertSorted(m[list], a.target) : m[list].filter((p) => p !== a.target) };
  // A banned moderator is a moderator no more (only the owner can ban one).
  if (a.kind === 'ban') next = { ...next, moderators: (m.moderators ?? []).filter((p) => p !== a.target) };
  let who = t.state.players[a.target];
  if (a.kind === 'ban' && who !== undefined) {
    // The character leaves the world, kept aside (with what it carries) for an unban.
    removePlayer(t, a.target);
    ownModeration(t, tidy({ ...next, away: { ...(m.away ?? {}), [a.target]: who } }));
  } else if (a.kind === 'unban' && m.away?.[a.target] !== undefined) {
    who = m.away[a.target]!;
    const { [a.target]: _back, ...rest } = m.away;
    putPlayer(t, who);
    ownModeration(t, tidy({ ...next, away: rest }));
  } else ownModeration(t, tidy(next));
  emit(t, { type: 'moderated', what: a.kind, target: a.target, ...(who === undefined ? {} : { name: who.name }), ...byPart, player: t.intent.player, location: who?.location ?? t.where });
  return undefined;
}
