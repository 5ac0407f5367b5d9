/**
 * A new world from content and a seed: each location's starting items on its floor, every node
 * full, one enemy per (enemy kind, location) at full HP, no players yet.
 *
 *   const state = createWorld(content, 42);
 */
import type { Content, Id } from '../content/schema.ts';
import { compareCodeUnits } from '../content/canonical.ts';
import { mix32 } from './prng.ts';
import type { EnemyState, GameState, NodeState } from './state.ts';
import { enemyKey } from './state.ts';

export function createWorld(content: Content, seed: number): GameState {
  const floors: Record<Id, Record<Id, number>> = {};
  for (const id of [...content.locations.keys()].sort(compareCodeUnits)) {
    const loc = content.locations.get(id)!;
    if (loc.items.length === 0) continue;
    const floor: Record<Id, number> = {};
    for (const { item, qty } of loc.items) floor[item] = (floor[item] ?? 0) + qty;
    floors[id] = floor;
  }
  const nodes: Record<Id, NodeState> = {};
  for (const id of [...content.nodes.keys()].sort(compareCodeUnits)) {
    nodes[id] = { remaining: content.nodes.get(id)!.yield, depletedAt: null };
  }
  const enemies: Record<string, EnemyState> = {};
  for (const id of [...content.enemies.keys()].sort(compareCodeUnits)) {
    const enemy = content.enemies.get(id)!;
    // A roamer is one creature, kept at the first of the places it roams (living.ts).
    const homes = enemy.roams !== undefined ? enemy.locations.slice(0, 1) : enemy.locations;
    for (const loc of homes) enemies[enemyKey(loc, id)] = { hp: enemy.hp, defeatedAt: null };
  }
  const s = seed >>> 0;
  return { seed: s, rng: mix32(s), tick: 0, time: 0, flags: [], players: {}, floors, nodes, enemies };
}
