/**
 * Lazy timers: what a node or an enemy looks like at a game time, without anything ticking.
 * A depleted node is full again, and a defeated enemy is back at full HP, once `at` reaches the
 * time it ran out plus its respawn delay; a wounded enemy left alone recovers. Day and night come from `at` and the world's day length.
 *
 *   nodeRemaining(content, state, 'driftwood-pile', at) // 0..yield
 */
import type { Content, Id } from '../content/schema.ts';
import type { EnemyState, GameState, NodeState } from './state.ts';
import { nightAt } from './clock.ts';
import { enemyAbroad, enemyStateKey } from './living.ts';

export function nodeStateAt(content: Content, state: GameState, nodeId: Id, at: number): NodeState | null {
  const node = content.nodes.get(nodeId);
  if (!node) return null;
  const s = state.nodes[nodeId];
  if (!s) return { remaining: node.yield, depletedAt: null };
  if (s.depletedAt !== null && at >= s.depletedAt + node.respawnMs) return { remaining: node.yield, depletedAt: null };
  return s;
}

export function nodeRemaining(content: Content, state: GameState, nodeId: Id, at: number): number {
  return nodeStateAt(content, state, nodeId, at)?.remaining ?? 0;
}

/** Game time a wounded enemy must be left alone (no blow struck by or at it) before it recovers. */
export const ENEMY_CALM_MS = 30_000;
/** Game time a wounded enemy left alone takes to recover from 0 to full HP (after the calm). */
export const ENEMY_RECOVERY_MS = 60_000;

/**
 * The enemy of kind `enemyId` in `location` if it is alive at `at`, else null. A wounded enemy
 * left alone recovers: from `ENEMY_CALM_MS` after the last blow (`foughtAt`) it regains its max HP
 * over `ENEMY_RECOVERY_MS` (integer HP, rounded down); once whole its record is fresh (no
 * debuffs, no damage dealt). A part-recovered state counts from `at`, so a rule that stores it
 * never counts the same time twice.
 */
export function enemyAlive(content: Content, state: GameState, location: Id, enemyId: Id, at: number): EnemyState | null {
  const enemy = content.enemies.get(enemyId);
  if (!enemy || !enemy.locations.includes(location)) return null;
  if ((enemy.roams !== undefined || enemy.while !== undefined) && !enemyAbroad(content, state.seed, enemy, location, at)) return null;
  const s = state.enemies[enemyStateKey(enemy, location)];
  if (!s) return { hp: enemy.hp, defeatedAt: null };
  if (s.defeatedAt === null) {
    if (s.foughtAt === undefined || s.hp >= enemy.hp) return s;
    const rested = at - s.foughtAt - ENEMY_CALM_MS;
    const gain = rested > 0 ? Math.floor((rested * enemy.hp) / ENEMY_RECOVERY_MS) : 0;
    if (gain <= 0) return s;
    if (s.hp + gain >= enemy.hp) return { hp: enemy.hp, defeatedAt: null };
    return { ...s, hp: s.hp + gain, foughtAt: at - ENEMY_CALM_MS };
  }
  if (at >= s.defeatedAt + enemy.respawnMs) return { hp: enemy.hp, defeatedAt: null };
  return null;
}

/** Night is the last `nightPercent` of each day of `dayLengthMs` game time (the clock's `night` phase, clock.ts). */
export function isNight(content: Content, at: number): boolean {
  return nightAt(content, at);
}
