/**
 * Lazy timers: what a node or an enemy looks like at a game time, without anything ticking.
 * A depleted node is full again, and a defeated enemy is back at full HP, once `at` reaches the
 * time it ran out plus its respawn delay. Day and night come from `at` and the world's day length.
 *
 *   nodeRemaining(content, state, 'driftwood-pile', at) // 0..yield
 */
import type { Content, Id } from '../content/schema.ts';
import type { EnemyState, GameState, NodeState } from './state.ts';
import { enemyKey } from './state.ts';

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

/** The enemy of kind `enemyId` in `location` if it is alive at `at`, else null. */
export function enemyAlive(content: Content, state: GameState, location: Id, enemyId: Id, at: number): EnemyState | null {
  const enemy = content.enemies.get(enemyId);
  if (!enemy || !enemy.locations.includes(location)) return null;
  const s = state.enemies[enemyKey(location, enemyId)];
  if (!s) return { hp: enemy.hp, defeatedAt: null };
  if (s.defeatedAt === null) return s;
  if (at >= s.defeatedAt + enemy.respawnMs) return { hp: enemy.hp, defeatedAt: null };
  return null;
}

/** Night is the last `nightPercent` of each day of `dayLengthMs` game time. */
export function isNight(content: Content, at: number): boolean {
  const { dayLengthMs, nightPercent } = content.world;
  const into = ((at % dayLengthMs) + dayLengthMs) % dayLengthMs;
  return into * 100 >= dayLengthMs * (100 - nightPercent);
}
