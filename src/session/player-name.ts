/**
 * Checking a display name before a session uses it: a name with characters the rules refuse
 * (text-safety.ts, the check PlayerName's schema runs) is caught where the player typed it or
 * kept it (a flag, a stored preference), not as a join that fails. Zod-free, so the web app's
 * entry chunk can use it.
 *
 *   nameProblem('Ana')          // null
 *   nameProblem('Ana\u202e')    // 'a name may not contain U+202E'
 */
import { firstUnsafeChar, unsafeCharMessage } from '../engine/text-safety.ts';

export function nameProblem(name: string): string | null {
  return firstUnsafeChar(name, 'name') === null ? null : unsafeCharMessage(name, 'name');
}
