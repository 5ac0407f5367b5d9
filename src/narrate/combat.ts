/**
 * How a fight reads, from content: each enemy's own blows, misses and defeat ("The tide crab nips
 * your ankle for 3 damage.", "The brine wraith comes apart ..."), with plain lines for an enemy
 * whose content gives none. The line for a blow is picked from what the blow was, so the same
 * fight always reads the same and a long one does not repeat a single line.
 *
 *   enemyHitText(content, 'tide-crab', 3, 17, '/20') // "The tide crab nips your ankle for 3 damage (HP 17/20)."
 */
import type { Content } from '../content/schema.ts';
import { enemyName } from './names.ts';
import { capitalise, withThe } from './words.ts';

function pick(lines: readonly string[], n: number): string | undefined {
  return lines.length === 0 ? undefined : lines[Math.abs(Math.trunc(n)) % lines.length];
}

function theEnemy(content: Content, id: string): string {
  return capitalise(withThe(enemyName(content, id).name));
}

/** `max` is "/20" when the player's maximum is known, "" else. */
export function enemyHitText(content: Content, id: string, damage: number, hp: number, max: string): string {
  const how = pick(content.enemies.get(id)?.hits ?? [], damage + hp) ?? 'hits you';
  return `${theEnemy(content, id)} ${how} for ${damage} damage (HP ${hp}${max}).`;
}

/** `turn` tells one miss from the next (the player's HP and the game time will do). */
export function enemyMissText(content: Content, id: string, turn: number): string {
  const how = pick(content.enemies.get(id)?.misses ?? [], turn) ?? 'misses you';
  return `${theEnemy(content, id)} ${how}.`;
}

/** The enemy's end, as content tells it: "The tide crab folds its legs and lies still." */
export function defeatText(content: Content, id: string): string {
  return content.enemies.get(id)?.defeat ?? `${theEnemy(content, id)} is defeated.`;
}
