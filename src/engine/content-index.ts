/**
 * Lookups the rules need per location (nodes, stations, NPCs, enemies, key -> locks), built once
 * per Content object and memoised, so hot rule code never scans whole content maps.
 *
 *   const ix = indexContent(content); ix.nodesAt.get(locationId) // Node[]
 *
 * Lists are sorted by id with a code-unit comparator, so iteration never depends on file order.
 */
import { compareCodeUnits } from '../content/canonical.ts';
import type { Container, Content, Enemy, Id, Node, Npc, Station } from '../content/schema.ts';

export interface ContentIndex {
  readonly nodesAt: ReadonlyMap<Id, readonly Node[]>;
  readonly stationsAt: ReadonlyMap<Id, readonly Station[]>;
  readonly npcsAt: ReadonlyMap<Id, readonly Npc[]>;
  readonly enemiesAt: ReadonlyMap<Id, readonly Enemy[]>;
  /** Recipes producing an item, by output item id. */
  readonly recipesFor: ReadonlyMap<Id, readonly Id[]>;
  /** Containers by id, with the location each stands in (rules/containers.ts). */
  readonly containers: ReadonlyMap<Id, { readonly container: Container; readonly location: Id }>;
}

const cache = new WeakMap<Content, ContentIndex>();
let last: { readonly content: Content; readonly index: ContentIndex } | undefined;

function group<T extends { id: Id }>(values: Iterable<T>, keys: (v: T) => readonly Id[]): Map<Id, T[]> {
  const out = new Map<Id, T[]>();
  for (const v of values) {
    for (const k of keys(v)) {
      const list = out.get(k);
      if (list) list.push(v);
      else out.set(k, [v]);
    }
  }
  for (const list of out.values()) list.sort((a, b) => compareCodeUnits(a.id, b.id));
  return out;
}

export function indexContent(content: Content): ContentIndex {
  // The rules ask on every intent, nearly always for the same content: one comparison then.
  if (content === last?.content) return last.index;
  const hit = cache.get(content);
  if (hit) {
    last = { content, index: hit };
    return hit;
  }
  const recipesFor = new Map<Id, Id[]>();
  for (const r of content.recipes.values()) {
    const list = recipesFor.get(r.output.item);
    if (list) list.push(r.id);
    else recipesFor.set(r.output.item, [r.id]);
  }
  for (const list of recipesFor.values()) list.sort(compareCodeUnits);
  const ix: ContentIndex = {
    nodesAt: group(content.nodes.values(), (n) => [n.location]),
    stationsAt: group(content.stations.values(), (s) => [s.location]),
    npcsAt: group(content.npcs.values(), (n) => [n.location]),
    enemiesAt: group(content.enemies.values(), (e) => e.locations),
    recipesFor,
    containers: new Map([...content.locations.values()].flatMap((l) => (l.containers ?? []).map((c) => [c.id, { container: c, location: l.id }] as const))),
  };
  cache.set(content, ix);
  last = { content, index: ix };
  return ix;
}

const EMPTY: readonly never[] = [];
export function listAt<T>(map: ReadonlyMap<Id, readonly T[]>, location: Id): readonly T[] {
  return map.get(location) ?? EMPTY;
}
