/**
 * The world content. It is validated at build time by the same loader the terminal uses (see
 * vite.config.ts, `virtual:vetrellis-content`) and arrives here as plain JSON; this rebuilds the
 * frozen `Content` shape (maps by id, in content order), so the browser and Node play identical
 * content with the same `version` hash.
 *
 *   const content = loadContent();
 */
import data from 'virtual:vetrellis-content';
import type { Content } from '../content/index.ts';

type Lists = { readonly [K in Exclude<keyof Content, 'world' | 'version'>]: readonly (Content[K] extends ReadonlyMap<string, infer V> ? V : never)[] };

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function byId<T extends { readonly id: string }>(entries: readonly T[]): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const entry of entries) map.set(entry.id, deepFreeze(entry));
  return map;
}

export function loadContent(): Content {
  const lists = data.lists as unknown as Lists;
  return Object.freeze({
    world: deepFreeze(data.world as Content['world']),
    version: data.version,
    zones: byId(lists.zones),
    locations: byId(lists.locations),
    items: byId(lists.items),
    nodes: byId(lists.nodes),
    stations: byId(lists.stations),
    recipes: byId(lists.recipes),
    enemies: byId(lists.enemies),
    effects: byId(lists.effects),
    skills: byId(lists.skills),
    npcs: byId(lists.npcs),
  });
}
