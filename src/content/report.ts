/**
 * What `npm run content:check` prints for a content directory that validated (the loader already
 * refuses a room no way leads to): the isle's numbers (zones, rooms, things to find, make and
 * fight, people and what they talk about, quests), and how much of it a newcomer can walk to
 * before finding a key or waiting for the right tide or hour.
 *
 *   contentReport(loadContentDir('content/vetrellis')).join('\n')
 */
import type { Content, Id } from './schema.ts';

const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Rooms reachable from `from` through exits; with `openOnly`, only through exits with neither a lock nor a clock. */
export function reachableRooms(content: Content, from: Id, openOnly = false): Set<Id> {
  const seen = new Set<Id>([from]);
  const queue = [from];
  while (queue.length > 0) {
    const here = content.locations.get(queue.shift()!);
    for (const x of here?.exits ?? []) {
      if (openOnly && (x.lock !== undefined || x.while !== undefined)) continue;
      if (!seen.has(x.to) && content.locations.has(x.to)) {
        seen.add(x.to);
        queue.push(x.to);
      }
    }
  }
  return seen;
}

export function contentReport(content: Content): string[] {
  const locations = [...content.locations.values()];
  const npcs = [...content.npcs.values()];
  const quests = [...content.quests.values()];
  const enemies = [...content.enemies.values()];
  const start = content.world.start;
  const reachable = reachableRooms(content, start);
  const open = reachableRooms(content, start, true);
  const perZone = [...content.zones.values()].map((z) => `${z.name} ${locations.filter((l) => l.zone === z.id).length}`);
  const exits = locations.reduce((n, l) => n + l.exits.length, 0);
  const locked = locations.reduce((n, l) => n + l.exits.filter((x) => x.lock !== undefined).length, 0);
  const timed = locations.reduce((n, l) => n + l.exits.filter((x) => x.while !== undefined).length, 0);
  const topics = npcs.reduce((n, p) => n + p.topics.length, 0);
  const together = quests.filter((q) => q.stages.some((s) => s.objectives.some((o) => o.together !== undefined))).length;
  const world = quests.filter((q) => q.scope === 'world').length;
  const levels = enemies.map((e) => e.exp);
  const boxes = locations.flatMap((l) => l.containers);
  const mechanisms = locations.reduce((n, l) => n + l.mechanisms.length, 0);
  return [
    `${content.world.name}: content version ${content.version.slice(0, 12)}`,
    `  ${count(content.zones.size, 'zone')}, ${count(locations.length, 'room')} (${perZone.join(', ')})`,
    `  ${count(exits, 'way')} between rooms: ${locked} locked, ${timed} open only at some times (tide, weather, hour)`,
    `  ${count(content.items.size, 'item')}, ${count(content.nodes.size, 'place')} to gather from, ${count(content.stations.size, 'station')}, ${count(content.recipes.size, 'recipe')}`,
    `  ${count(enemies.length, 'kind')} of enemy (EXP ${levels.length > 0 ? `${Math.min(...levels)}-${Math.max(...levels)}` : 'none'}), ${count(content.skills.size, 'skill')}, ${count(content.effects.size, 'effect')}`,
    `  ${count(npcs.length, 'islander')} with ${count(topics, 'topic')} to talk about; ${npcs.filter((n) => n.schedule.length > 0).length} keep hours, ${npcs.filter((n) => n.shop !== undefined).length} keep shop`,
    `  ${count(quests.length, 'quest')}: ${together} cooperative, ${world} shared by the whole world`,
    `  ${count(boxes.length, 'container')} (${boxes.filter((b) => b.lid).length} with a lid, ${boxes.filter((b) => b.lock !== undefined).length} locked), ${count(mechanisms, 'mechanism')} worked in order`,
    `  reachable from ${content.locations.get(start)?.name ?? start}: ${reachable.size} of ${locations.length} rooms (${open.size} without a key or the right time)`,
  ];
}
