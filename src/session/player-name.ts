/**
 * Checking a display name before a session uses it, with the rules' own schema: a name the rules
 * would refuse is caught where the player typed it (a flag, a form), not as a failed join.
 *
 *   nameProblem('Ana')          // null
 *   nameProblem('Ana\u202e')    // 'a name may not contain U+202E'
 */
import { PlayerName } from '../engine/player-state.ts';

export function nameProblem(name: string): string | null {
  const r = PlayerName.safeParse(name);
  return r.success ? null : (r.error.issues[0]?.message ?? 'not a valid name');
}
