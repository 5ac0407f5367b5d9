/**
 * Who may moderate whom (members.ts lists them) and MEMBERS in words: for the terminal's errands
 * and the Members dialog, both loaded after the first screen. The rules on every replica decide
 * in the end; these spare a player a sure refusal.
 *
 *   mayModerateMember('moderator', 'ban', owner);   // false: a moderator never touches the owner
 */
import type { ModerationKind } from '../engine/index.ts';
import { line, type ProseLine } from '../narrate/index.ts';
import type { Member, MemberRole } from './members.ts';

/** True when `role` may do `what` (the rules decide in the end; this spares a sure refusal). */
export function mayModerate(role: MemberRole | 'spectator', what: ModerationKind): boolean {
  if (what === 'mod' || what === 'unmod') return role === 'owner';
  return role === 'owner' || role === 'moderator';
}

/** True when `role` may do `what` to `target` (a moderator touches neither the owner nor a moderator). */
export function mayModerateMember(role: MemberRole | 'spectator', what: ModerationKind, target: Member): boolean {
  if (!mayModerate(role, what) || target.you || target.role === 'owner') return false;
  return role === 'owner' || target.role !== 'moderator';
}

/** One member in words: "Bo (moderator, muted)". */
export function memberText(m: Member): string {
  const marks = [m.role === 'owner' ? 'owner, who made this isle' : m.role, ...(m.banned ? ['banned'] : []), ...(m.muted ? ['muted'] : []), ...(m.you ? ['you'] : [])];
  return `${m.name} (${marks.join(', ')})`;
}

/** MEMBERS in words. */
export function membersLines(members: readonly Member[]): ProseLine[] {
  if (members.length === 0) return [line('note', 'Nobody else plays on this isle: it is yours alone.')];
  return [
    line('title', members.length === 1 ? 'One member of this isle:' : `${members.length} members of this isle:`),
    ...members.map((m) => line('body', `  ${memberText(m)}`)),
  ];
}
