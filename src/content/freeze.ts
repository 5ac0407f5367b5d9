/**
 * Validated content as the game holds it: maps by id, in content order, deep-frozen, with maps
 * that refuse `set`/`delete`/`clear`. Free of zod and yaml, so the browser can rebuild content
 * that was validated at build time without shipping the validator.
 *
 *   const content = freezeContent(world, lists, version);
 */
import type { Content, World } from './schema.ts';

/** One list per kind, as the YAML files hold them (entries that failed validation are undefined). */
export type ContentLists = {
  readonly [K in Exclude<keyof Content, 'world' | 'version'>]: readonly ((Content[K] extends ReadonlyMap<string, infer V> ? V : never) | undefined)[];
};

export function freezeContent(world: World, lists: ContentLists, version: string): Content {
  return Object.freeze({
    world: deepFreeze(world),
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
    quests: byId(lists.quests),
    version,
  });
}

function byId<T extends { readonly id: string }>(entries: readonly (T | undefined)[]): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const entry of entries) if (entry) map.set(entry.id, deepFreeze(entry));
  return freezeMap(map);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function freezeMap<K, V>(map: Map<K, V>): ReadonlyMap<K, V> {
  const refuse = (): never => {
    throw new TypeError('content is frozen');
  };
  for (const method of ['set', 'delete', 'clear'] as const) {
    Object.defineProperty(map, method, { value: refuse });
  }
  return Object.freeze(map);
}
