/**
 * What a player can name right now (see scope.ts): items on the floor, carried and worn; nodes,
 * stations, live enemies, NPCs, scenery and other players here; every recipe and the skills their
 * level has taught them (`known`); the exits of the location. Read-only, in a fixed order.
 *
 * Scenery has no id in content; its scope id is its name in kebab case ("old-anchor").
 */
import { entry } from './records.ts';
import type { Content, Id, Item } from '../content/schema.ts';
import { SLOTS } from '../content/vocabulary.ts';
import type { Scope, ScopeEntity } from './scope.ts';
import type { GameState } from './state.ts';
import { indexContent, listAt } from './content-index.ts';
import { compareCodeUnits } from '../content/canonical.ts';
import { pluralOf } from '../content/english.ts';
import { enemyAlive, nodeRemaining } from './timers.ts';
import { sceneryAt, sceneryShown } from './describe-location.ts';
import { recipeMissing } from './rules/craft.ts';
import { npcIsAt, npcLocationAt, npcsAt } from './living.ts';
import { waresAt } from './rules/vendors.ts';
import { containerNow } from './rules/containers.ts';

export { sceneryId } from '../content/id.ts';
import { sceneryId } from '../content/vocabulary.ts';

interface Named {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly adjectives: readonly string[];
  readonly plural?: string | undefined;
  readonly number?: 'singular' | 'plural' | undefined;
}

function entity(id: string, kind: ScopeEntity['kind'], n: Named, where: ScopeEntity['where'], qty: number): ScopeEntity {
  const plural = n.number === 'plural' ? n.name : pluralOf(n.name, n.plural);
  return {
    id, kind, name: n.name, plural, aliases: n.aliases, adjectives: n.adjectives, where, qty,
    ...(n.number === 'plural' ? { number: 'plural' as const } : {}),
  };
}

function itemEntity(item: Item, where: ScopeEntity['where'], qty: number): ScopeEntity {
  const e = entity(item.id, 'item', item, where, qty);
  return {
    ...e,
    ...(item.slot ? { slot: item.slot } : {}),
    ...(item.consumable ? { consumable: item.consumable.verb } : {}),
  };
}

const worldNamesCache = new WeakMap<Content, readonly string[]>();
const goodsCache = new WeakMap<Content, readonly ScopeEntity[]>();

/** Every item of the world as a `known` scope entity, sorted by id (see `Scope.goods`). */
function goodsOf(content: Content): readonly ScopeEntity[] {
  let hit = goodsCache.get(content);
  if (!hit) {
    hit = [...content.items.keys()].sort(compareCodeUnits).map((id) => itemEntity(content.items.get(id)!, 'known', 1));
    goodsCache.set(content, hit);
  }
  return hit;
}

/** The names a player may type for anything in the world (see `Scope.worldNames`). */
export function worldNamesOf(content: Content): readonly string[] {
  const hit = worldNamesCache.get(content);
  if (hit) return hit;
  const out = new Set<string>();
  const add = (n: { readonly name: string; readonly aliases: readonly string[]; readonly plural?: string | undefined }) => {
    for (const s of [n.name, ...n.aliases, n.plural ?? `${n.name}s`]) out.add(s);
  };
  for (const xs of [content.items, content.nodes, content.enemies, content.npcs, content.stations]) for (const x of xs.values()) add(x);
  for (const loc of content.locations.values()) for (const s of [...loc.scenery ?? [], ...loc.containers ?? []]) add(s);
  const names = [...out].sort(compareCodeUnits);
  worldNamesCache.set(content, names);
  return names;
}

/**
 * `at` is the game time to judge respawns by: a client should pass its clock (the next intent's
 * `at`), so an enemy that is back by then can be named; it defaults to the last intent's time.
 */
export function scopeOf(content: Content, state: GameState, player: string, at: number = state.time): Scope {
  const p = entry(state.players, player);
  if (!p) return { player, location: content.world.start, exits: [], entities: [] };
  const ix = indexContent(content);
  const loc = content.locations.get(p.location);
  const out: ScopeEntity[] = [];
  const floor = entry(state.floors, p.location) ?? {};
  for (const id of Object.keys(floor).sort(compareCodeUnits)) {
    const item = content.items.get(id);
    if (item) out.push(itemEntity(item, 'here', floor[id]!));
  }
  for (const n of listAt(ix.nodesAt, p.location)) {
    out.push({ ...entity(n.id, 'node', n, 'here', nodeRemaining(content, state, n.id, at)), yields: n.resource });
  }
  for (const s of listAt(ix.stationsAt, p.location)) out.push(entity(s.id, 'station', s, 'here', 1));
  for (const e of listAt(ix.enemiesAt, p.location)) {
    if (enemyAlive(content, state, p.location, e.id, at)) out.push(entity(e.id, 'enemy', e, 'here', 1));
  }
  for (const n of npcsAt(content, p.location, at)) out.push(entity(n.id, 'npc', n, 'here', 1));
  for (const s of sceneryAt(content, state, p.location, at, player)) {
    const e = entity(sceneryId(s.name), 'scenery', s, 'here', 1);
    out.push(s.leads || s.works ? { ...e, ...(s.leads ? { leads: s.leads } : {}), ...(s.works ? { works: true as const } : {}) } : e);
  }
  const inside: Record<string, ScopeEntity[]> = {};
  for (const c of loc?.containers ?? []) {
    const now = containerNow(content, state, c.id)!;
    out.push({ ...entity(c.id, 'container', c, 'here', 1), open: now.open });
    if (!now.open) continue;
    inside[c.id] = Object.keys(now.items).sort(compareCodeUnits).flatMap((id) => {
      const item = content.items.get(id);
      return item ? [itemEntity(item, 'here', now.items[id]!)] : [];
    });
  }
  for (const id of Object.keys(state.players).sort(compareCodeUnits)) {
    const other = state.players[id]!;
    if (id !== player && other.location === p.location) {
      out.push(entity(id, 'player', { name: other.name, plural: other.name, aliases: [], adjectives: [] }, 'here', 1));
    }
  }
  const carried = new Map<Id, number>();
  for (const s of p.inventory) carried.set(s.item, (carried.get(s.item) ?? 0) + s.qty);
  for (const [id, qty] of carried) {
    const item = content.items.get(id);
    if (item) out.push(itemEntity(item, 'carried', qty));
  }
  for (const slot of SLOTS) {
    const id = p.equipment[slot];
    const item = id === undefined ? undefined : content.items.get(id);
    if (item) out.push(itemEntity(item, 'worn', 1));
  }
  for (const id of [...content.recipes.keys()].sort(compareCodeUnits)) {
    const r = content.recipes.get(id)!;
    const made = content.items.get(r.output.item);
    const naming = made ?? { name: id, aliases: [], adjectives: [] };
    const missing = recipeMissing(content, p, r);
    const craft = missing === null ? 'ready' : missing.station === null ? 'here' : 'elsewhere';
    out.push({ ...entity(id, 'recipe', naming, 'known', 1), output: r.output.item, craft });
  }
  for (const id of [...content.skills.keys()].sort(compareCodeUnits)) {
    const s = content.skills.get(id)!;
    if (p.level < s.learnedAt) continue;
    const ill = s.applies !== undefined && content.effects.get(s.applies)?.kind !== 'buff';
    out.push(s.power > 0 || (s.heal === 0 && ill) ? { ...entity(id, 'skill', s, 'known', 1), strikes: true } : entity(id, 'skill', s, 'known', 1));
  }
  const away = awayAt(content, p.location, at);
  const wares: ScopeEntity[] = [];
  for (const npc of npcsAt(content, p.location, at)) {
    for (const { ware, left } of waresAt(state, npc, at)) {
      const item = content.items.get(ware.item);
      if (item && !wares.some((w) => w.id === item.id)) wares.push(itemEntity(item, 'here', left));
    }
  }
  return {
    player, location: p.location, exits: (loc?.exits ?? []).map((e) => e.dir), entities: out, worldNames: worldNamesOf(content),
    ...(p.fighting && out.some((e) => e.kind === 'enemy' && e.id === p.fighting) ? { fighting: p.fighting } : {}),
    ...(away.length > 0 ? { away } : {}), ...(wares.length > 0 ? { wares } : {}), goods: goodsOf(content),
    ...(Object.keys(inside).length > 0 ? { inside } : {}),
  };
}

/** NPCs who keep hours and are elsewhere now, with where (the parser's "Bram is at the Anchor Inn at this hour."). */
function awayAt(content: Content, location: Id, at: number): NonNullable<Scope['away']> {
  const out: { id: Id; name: string; aliases: readonly string[]; place: string }[] = [];
  for (const n of content.npcs.values()) {
    if (n.schedule.length === 0) continue;
    const place = npcLocationAt(content, n, at);
    if (place !== location) out.push({ id: n.id, name: n.name, aliases: n.aliases, place: content.locations.get(place)?.name ?? place });
  }
  return out;
}

/**
 * The kind of the first scope entity with this id (the order of `scopeOf`), or null: the same
 * answer as searching `scopeOf(...).entities`, without building the list.
 */
const sceneryIds = new WeakMap<Content, Map<string, readonly string[]>>();
const sceneryIdCache = new WeakMap<object, string>();

/** A piece of scenery's id (sceneryId of its name), worked out once per piece of content. */
function idOfScenery(s: { readonly name: string }): string {
  let id = sceneryIdCache.get(s);
  if (id === undefined) sceneryIdCache.set(s, (id = sceneryId(s.name)));
  return id;
}

/** The id of each piece of scenery a room has, shown now or not, in content order (built once per room and content). */
function sceneryIdsOf(content: Content, location: string): readonly string[] {
  let rooms = sceneryIds.get(content);
  if (!rooms) sceneryIds.set(content, (rooms = new Map()));
  let ids = rooms.get(location);
  if (!ids) rooms.set(location, (ids = (content.locations.get(location)?.scenery ?? []).map(idOfScenery)));
  return ids;
}

export function scopeKindOf(content: Content, state: GameState, player: string, target: string, at: number = state.time): ScopeEntity['kind'] | null {
  const p = entry(state.players, player);
  if (!p) return null;
  const ix = indexContent(content);
  if ((entry(entry(state.floors, p.location), target) ?? 0) > 0 && content.items.has(target)) return 'item';
  if (listAt(ix.nodesAt, p.location).some((n) => n.id === target)) return 'node';
  if (listAt(ix.stationsAt, p.location).some((s) => s.id === target)) return 'station';
  if (listAt(ix.enemiesAt, p.location).some((e) => e.id === target) && enemyAlive(content, state, p.location, target, at)) return 'enemy';
  if (npcIsAt(content, target, p.location, at)) return 'npc';
  // Which scenery shows now depends on flags, hour and tide; whether any could be this one does not.
  const loc = content.locations.get(p.location);
  const ids = loc ? sceneryIdsOf(content, p.location) : [];
  if (loc && ids.includes(target)) {
    const shown = sceneryShown(content, state, loc, at, player);
    if (loc.scenery.some((s, i) => ids[i] === target && shown(s))) return 'scenery';
  }
  if (loc?.containers?.some((c) => c.id === target)) return 'container';
  const other = entry(state.players, target);
  if (other && target !== player && other.location === p.location) return 'player';
  if (content.items.has(target) && (p.inventory.some((s) => s.item === target) || Object.values(p.equipment).includes(target))) return 'item';
  if (content.recipes.has(target)) return 'recipe';
  const skill = content.skills.get(target);
  if (skill && p.level >= skill.learnedAt) return 'skill';
  return null;
}
