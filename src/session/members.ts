/**
 * The members of a shared world as MEMBERS, the web app's Members dialog and `--json` show them:
 * everyone the roster holds (everyone who ever joined), with their role (owner, moderator, player)
 * and whether they are banned or muted, as the zone this player stands in has folded it (the
 * lists are written into every zone, so every zone comes to the same). Reading: writes nothing.
 *
 *   const list = membersOf(world.status(), world.player);     // [] for a single-player world
 *   roleOf(world.status(), world.player);                     // 'owner' | 'moderator' | 'player' | 'spectator'
 *
 * Who may do what to whom, and MEMBERS in words, are in members-rights.ts (loaded later: the
 * observation needs only this file, which is in the first screen's bundle).
 */
import { compareCodeUnits } from '../engine/index.ts';
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
