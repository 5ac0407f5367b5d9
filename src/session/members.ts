/**
 * The members of a shared world as MEMBERS, the web app's Members dialog and `--json` show them:
 * everyone the roster holds (everyone who ever joined), with their role (owner, moderator, player)
 * and whether they are banned or muted, as the zone this player stands in has folded it (the
 * lists are written into every zone, so every zone comes to the same). Reading: writes nothing.
 *
 *   const list = membersOf(world.status(), world.player);     // [] for a single-player world
 *   roleOf(world.status(), world.player);                     // 'owner' | 'moderator' | 'player' | 'spectator'
 *   mayModerate(roleOf(...), 'mod');                           // false unless the owner
 */
import { compareCodeUnits, type ModerationKind } from '../engine/index.ts';
import { line, type ProseLine } from '../narrate/index.ts';
import type { WorldStatus } from './world.ts';

export type MemberRole = 'owner' | 'moderator' | 'player';

export interface Member {
  readonly player: string;
  readonly name: string;
  readonly role: MemberRole;
  readonly banned: boolean;
  readonly muted: boolean;
  /** This is the player looking. */
  readonly you: boolean;
}

/** What this player is in the world: spectator for a watch link; player in a world with no owner. */
export function roleOf(status: WorldStatus | null, player: string): MemberRole | 'spectator' {
  if (status === null) return 'player';
  if (status.role === 'spectator') return 'spectator';
  if (status.owner !== null && status.owner === player) return 'owner';
  return status.moderators?.includes(player) === true ? 'moderator' : 'player';
}

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

const RANK: Readonly<Record<MemberRole, number>> = { owner: 0, moderator: 1, player: 2 };

/** Everyone who joined, owner first, then moderators, then players, each by name. */
export function membersOf(status: WorldStatus | null, player: string): Member[] {
  if (status === null) return [];
  const banned = new Set(status.banned ?? []);
  const muted = new Set(status.muted ?? []);
  const moderators = new Set(status.moderators ?? []);
  const seen = new Set<string>();
  const out: Member[] = [];
  for (const r of status.roster) {
    if (seen.has(r.player)) continue;
    seen.add(r.player);
    const role: MemberRole = r.player === status.owner ? 'owner' : moderators.has(r.player) ? 'moderator' : 'player';
    out.push({ player: r.player, name: r.name, role, banned: banned.has(r.player), muted: muted.has(r.player), you: r.player === player });
  }
  return out.sort((a, b) => RANK[a.role] - RANK[b.role] || compareCodeUnits(a.name.toLowerCase(), b.name.toLowerCase()) || compareCodeUnits(a.player, b.player));
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
