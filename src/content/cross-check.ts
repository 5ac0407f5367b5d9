/**
 * Checks between content entries that no single schema can see: every referenced id exists, ids
 * are unique, names are tellable apart by the parser, flags that descriptions test can be set by
 * play, and every place can be reached from the start and left again.
 *
 *   crossCheck(world, lists, declaredIds, report);  // calls report(kind, path, message) per problem
 *
 * `lists` keeps each file's entries at their index (undefined where the schema rejected one), so a
 * problem is reported at the line of the very field that holds the bad reference.
 */
import type { z } from 'zod';
import type { CONTENT_FILES, World } from './schema.ts';
import type { Path } from './yaml-source.ts';
import { checkQuests, questFlags } from './quest-check.ts';
import { checkLiving } from './living-check.ts';
import { sceneryId } from './vocabulary.ts';

export type ListKind = keyof typeof CONTENT_FILES;
export type Lists = { [K in ListKind]: (z.infer<(typeof CONTENT_FILES)[K]> | undefined)[] };
/**
 * `key` set: the problem is the field named `key` inside the mapping at `path`; `word` set: the
 * problem is that word inside the text at `path` (its own line of a long description).
 */
export type Reporter = (kind: string, path: Path, message: string, key?: string, word?: string) => void;
/** Ids written in each file (valid entries or not); null when the file could not be read. */
export type Declared = Readonly<Record<ListKind, ReadonlySet<string> | null>>;

const NOUN: Record<ListKind, string> = {
  zones: 'zone', locations: 'location', items: 'item', nodes: 'gathering node', stations: 'station',
  recipes: 'recipe', enemies: 'enemy', effects: 'effect', skills: 'skill', npcs: 'NPC', quests: 'quest',
};

export function crossCheck(world: World | undefined, lists: Lists, declared: Declared, report: Reporter): void {
  const ref = (kind: string, path: Path, target: ListKind, id: string | undefined): void => {
    const ids = declared[target];
    if (id !== undefined && ids && !ids.has(id)) {
      report(kind, path, `unknown ${NOUN[target]} "${id}"${suggest(id, ids)}`);
    }
  };

  for (const kind of Object.keys(lists) as ListKind[]) checkUniqueIds(kind, lists[kind], report);
  checkItems(lists, ref, report);
  checkLocations(lists, ref, report);
  const settable = checkFlags(lists, report);
  checkQuests(lists, ref, report, settable);
  checkNamesPerLocation(lists, report);
  checkLiving(lists, ref, report);

  lists.nodes.forEach((node, i) => {
    if (!node) return;
    ref('nodes', [i, 'location'], 'locations', node.location);
    ref('nodes', [i, 'resource'], 'items', node.resource);
    ref('nodes', [i, 'tool'], 'items', node.tool);
  });
  lists.stations.forEach((station, i) => station && ref('stations', [i, 'location'], 'locations', station.location));
  lists.recipes.forEach((recipe, i) => {
    if (!recipe) return;
    ref('recipes', [i, 'output', 'item'], 'items', recipe.output.item);
    const seen = new Set<string>();
    recipe.inputs.forEach((input, j) => {
      ref('recipes', [i, 'inputs', j, 'item'], 'items', input.item);
      if (seen.has(input.item)) report('recipes', [i, 'inputs', j, 'item'], `"${input.item}" is listed twice; add up the qty instead`);
      seen.add(input.item);
    });
    recipe.tools.forEach((tool, j) => ref('recipes', [i, 'tools', j], 'items', tool));
    ref('recipes', [i, 'station'], 'stations', recipe.station);
  });
  lists.enemies.forEach((enemy, i) => {
    if (!enemy) return;
    enemy.loot.forEach((loot, j) => ref('enemies', [i, 'loot', j, 'item'], 'items', loot.item));
    const seen = new Set<string>();
    enemy.locations.forEach((location, j) => {
      ref('enemies', [i, 'locations', j], 'locations', location);
      if (seen.has(location)) report('enemies', [i, 'locations', j], `"${location}" is listed twice; a location holds at most one of each enemy kind`);
      seen.add(location);
    });
    ref('enemies', [i, 'inflicts', 'effect'], 'effects', enemy.inflicts?.effect);
  });
  lists.skills.forEach((skill, i) => skill && ref('skills', [i, 'applies'], 'effects', skill.applies));
  const topicOwners = new Map<string, number>();
  lists.npcs.forEach((npc, i) => {
    if (!npc) return;
    ref('npcs', [i, 'location'], 'locations', npc.location);
    npc.topics.forEach((topic, j) => {
      ref('npcs', [i, 'topics', j, 'gives', 'item'], 'items', topic.gives?.item);
      const owner = topicOwners.get(topic.id);
      if (owner !== undefined) {
        report('npcs', [i, 'topics', j, 'id'], `topic id "${topic.id}" is also used in npcs[${owner}]; topic ids must be unique (gifts are remembered by them)`);
      } else {
        topicOwners.set(topic.id, i);
      }
    });
    npc.shop?.sells.forEach((ware, j) => ref('npcs', [i, 'shop', 'sells', j, 'item'], 'items', ware.item));
    npc.shop?.buys.forEach((wanted, j) => ref('npcs', [i, 'shop', 'buys', j, 'item'], 'items', wanted.item));
  });

  if (world) {
    ref('world', ['start'], 'locations', world.start);
    ref('world', ['respawn'], 'locations', world.respawn);
    world.player.levels.forEach((exp, i) => {
      const before = world.player.levels[i - 1];
      if (before !== undefined && exp <= before) report('world', ['player', 'levels', i], `must be more than the level before it (${before})`);
    });
    checkReachability(world, lists, report);
  }
}

type Ref = (kind: string, path: Path, target: ListKind, id: string | undefined) => void;

function checkUniqueIds(kind: ListKind, entries: readonly ({ id: string } | undefined)[], report: Reporter): void {
  const first = new Map<string, number>();
  entries.forEach((entry, i) => {
    if (!entry) return;
    const earlier = first.get(entry.id);
    if (earlier !== undefined) report(kind, [i, 'id'], `duplicate id "${entry.id}" (also ${kind}[${earlier}])`);
    else first.set(entry.id, i);
  });
}

function checkItems(lists: Lists, ref: Ref, report: Reporter): void {
  const names = new Map<string, number>();
  lists.items.forEach((item, i) => {
    if (!item) return;
    const name = item.name.toLowerCase();
    const earlier = names.get(name);
    if (earlier !== undefined) report('items', [i, 'name'], `"${item.name}" is also the name of items[${earlier}]; the parser could not tell them apart`);
    else names.set(name, i);
    if ((item.kind === 'potion' || item.kind === 'food') && !item.consumable) {
      report('items', [i, 'kind'], `a ${item.kind} needs a "consumable" section saying what it does`);
    }
    if ((item.kind === 'weapon' || item.kind === 'armour') && !item.slot) {
      report('items', [i, 'kind'], `a ${item.kind} needs a "slot" to be worn or wielded in`);
    }
    if (item.slot && item.consumable) report('items', [i, 'consumable'], 'an item is either worn or consumed, not both');
    item.consumable?.applies.forEach((effect, j) => ref('items', [i, 'consumable', 'applies', j], 'effects', effect));
    item.consumable?.cures.forEach((effect, j) => ref('items', [i, 'consumable', 'cures', j], 'effects', effect));
  });
  lists.items.forEach((item, i) => {
    item?.aliases.forEach((alias, j) => {
      const other = names.get(alias.toLowerCase());
      if (other !== undefined && other !== i) report('items', [i, 'aliases', j], `"${alias}" is the name of items[${other}]; the parser could not tell them apart`);
    });
  });
}

function checkLocations(lists: Lists, ref: Ref, report: Reporter): void {
  const lockKeys = new Map<string, string>();
  const boxIds = new Map<string, string>();
  lists.locations.forEach((location, i) => {
    if (!location) return;
    ref('locations', [i, 'zone'], 'zones', location.zone);
    const dirs = new Set<string>();
    location.exits.forEach((exit, j) => {
      ref('locations', [i, 'exits', j, 'to'], 'locations', exit.to);
      if (exit.to === location.id) report('locations', [i, 'exits', j, 'to'], 'an exit must not lead back to the location it leaves');
      if (dirs.has(exit.dir)) report('locations', [i, 'exits', j, 'dir'], `a second exit "${exit.dir}"; each direction leads one way only`);
      dirs.add(exit.dir);
      if (exit.lock) {
        ref('locations', [i, 'exits', j, 'lock', 'key'], 'items', exit.lock.key);
        const key = lockKeys.get(exit.lock.id);
        if (key !== undefined && key !== exit.lock.key) {
          report('locations', [i, 'exits', j, 'lock', 'key'], `lock "${exit.lock.id}" is opened by "${key}" elsewhere; one lock has one key`);
        }
        lockKeys.set(exit.lock.id, exit.lock.key);
      }
    });
    location.scenery.forEach((thing, j) => {
      if (thing.leads !== undefined && !dirs.has(thing.leads)) report('locations', [i, 'scenery', j, 'leads'], `${location.id} has no exit ${thing.leads} for the ${thing.name} to lead to`);
    });
    location.items.forEach((stack, j) => ref('locations', [i, 'items', j, 'item'], 'items', stack.item));
    checkContainers(location, i, ref, report, boxIds);
    location.mechanisms.forEach((m, j) => m.order.forEach((part, k) => {
      const thing = location.scenery.find((s) => sceneryId(s.name) === part);
      if (!thing?.works) report('locations', [i, 'mechanisms', j, 'order', k], `"${part}" is no scenery here that works (give a scenery named so a "works:")`);
    }));
    location.variants.forEach((variant, j) => {
      if (Object.values(variant.when).every((v) => v === undefined)) {
        report('locations', [i, 'variants', j, 'when'], 'names no condition, so it would always replace the description');
      }
    });
    location.parts.forEach((part, j) => {
      const at: Path = [i, 'parts', j, 'while'];
      const { item, enemy } = part.while;
      if (item === undefined && enemy === undefined) report('locations', at, 'names no item or enemy, so the part would always be told; write it into the description');
      ref('locations', [...at, 'item'], 'items', item);
      ref('locations', [...at, 'enemy'], 'enemies', enemy);
      if (item !== undefined && lists.items.some((x) => x?.id === item) && !location.items.some((stack) => stack.item === item)) {
        report('locations', [...at, 'item'], `"${item}" does not lie here when the world begins (add it to items), so the part would never be told`);
      }
      const foe = enemy === undefined ? undefined : lists.enemies.find((x) => x?.id === enemy);
      if (foe && !foe.locations.includes(location.id)) {
        report('locations', [...at, 'enemy'], `"${enemy}" does not live here (its locations do not list "${location.id}"), so the part would never be told`);
      }
    });
  });
}

/** Flags are set by opening a lock (its id), hearing an NPC topic (its `sets`) or finishing a quest. */
function checkFlags(lists: Lists, report: Reporter): ReadonlySet<string> | null {
  if (lists.locations.includes(undefined) || lists.npcs.includes(undefined) || lists.quests.includes(undefined)) return null;
  const settable = new Set<string>(questFlags(lists));
  for (const location of lists.locations) for (const exit of location?.exits ?? []) if (exit.lock) settable.add(exit.lock.id);
  for (const npc of lists.npcs) for (const topic of npc?.topics ?? []) if (topic.sets) settable.add(topic.sets);
  for (const location of lists.locations) for (const m of location?.mechanisms ?? []) settable.add(m.sets);
  const check = (kind: string, path: Path, flag: string | undefined): void => {
    if (flag !== undefined && !settable.has(flag)) {
      report(kind, path, `no lock or NPC topic sets the flag "${flag}"${suggest(flag, settable)}`);
    }
  };
  lists.locations.forEach((location, i) => location?.variants.forEach((variant, j) => {
    check('locations', [i, 'variants', j, 'when', 'flag'], variant.when.flag);
    check('locations', [i, 'variants', j, 'when', 'notFlag'], variant.when.notFlag);
  }));
  lists.locations.forEach((location, i) => location?.scenery.forEach((thing, j) => {
    const whens = [[[i, 'scenery', j, 'when'], thing.when] as const, ...thing.variants.map((v, k) => [[i, 'scenery', j, 'variants', k, 'when'], v.when] as const)];
    for (const [at, when] of whens) {
      check('locations', [...at, 'flag'], when?.flag);
      check('locations', [...at, 'notFlag'], when?.notFlag);
    }
  }));
  lists.npcs.forEach((npc, i) => npc?.topics.forEach((topic, j) => {
    check('npcs', [i, 'topics', j, 'requires'], topic.requires);
    check('npcs', [i, 'topics', j, 'unless'], topic.unless);
  }));
  return settable;
}

/** A location's containers: ids unique in the world, what they hold and their keys are items. */
function checkContainers(location: NonNullable<Lists['locations'][number]>, i: number, ref: Ref, report: Reporter, ids: Map<string, string>): void {
  location.containers.forEach((box, j) => {
    const earlier = ids.get(box.id);
    if (earlier !== undefined) report('locations', [i, 'containers', j, 'id'], `container "${box.id}" is also in "${earlier}"; each container needs its own id`);
    ids.set(box.id, location.id);
    ref('locations', [i, 'containers', j, 'lock', 'key'], 'items', box.lock?.key);
    box.items.forEach((stack, k) => ref('locations', [i, 'containers', j, 'items', k, 'item'], 'items', stack.item));
  });
}

/** Nodes, stations, NPCs, enemies and scenery in one place need distinct names. */
function checkNamesPerLocation(lists: Lists, report: Reporter): void {
  const seen = new Map<string, string>();
  const claim = (location: string, name: string, kind: string, path: Path, label: string): void => {
    const key = `${location}\u0000${name.toLowerCase()}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) report(kind, path, `"${name}" is also the name of ${earlier} in "${location}"; the parser could not tell them apart`);
    else seen.set(key, label);
  };
  lists.locations.forEach((location, i) => location?.scenery.forEach((thing, j) => claim(location.id, thing.name, 'locations', [i, 'scenery', j, 'name'], `locations[${i}].scenery[${j}]`)));
  lists.locations.forEach((location, i) => location?.containers.forEach((box, j) => claim(location.id, box.name, 'locations', [i, 'containers', j, 'name'], `locations[${i}].containers[${j}]`)));
  lists.nodes.forEach((node, i) => node && claim(node.location, node.name, 'nodes', [i, 'name'], `nodes[${i}]`));
  lists.stations.forEach((station, i) => station && claim(station.location, station.name, 'stations', [i, 'name'], `stations[${i}]`));
  lists.npcs.forEach((npc, i) => npc && claim(npc.location, npc.name, 'npcs', [i, 'name'], `npcs[${i}]`));
  lists.enemies.forEach((enemy, i) => enemy?.locations.forEach((location, j) => {
    if (enemy.locations.indexOf(location) === j) claim(location, enemy.name, 'enemies', [i, 'locations', j], `enemies[${i}]`);
  }));
}

/** Every place is reachable from the start, and the harbor is reachable again from every place. */
function checkReachability(world: World, lists: Lists, report: Reporter): void {
  // A broken entry or exit is reported already; the places it cuts off would only repeat it.
  const ids = new Set(lists.locations.map((location) => location?.id));
  if (ids.has(undefined) || !ids.has(world.start) || !ids.has(world.respawn)) return;
  if (lists.locations.some((location) => location?.exits.some((exit) => !ids.has(exit.to)))) return;
  const forward = new Map<string, string[]>();
  const backward = new Map<string, string[]>();
  for (const location of lists.locations) {
    if (!location) continue;
    for (const exit of location.exits) {
      forward.set(location.id, [...(forward.get(location.id) ?? []), exit.to]);
      backward.set(exit.to, [...(backward.get(exit.to) ?? []), location.id]);
    }
  }
  const from = walk(world.start, forward);
  const back = walk(world.respawn, backward);
  lists.locations.forEach((location, i) => {
    if (!location) return;
    if (!from.has(location.id)) report('locations', [i, 'id'], `cannot be reached from the start ("${world.start}")`);
    else if (!back.has(location.id)) report('locations', [i, 'id'], `has no way back to the respawn point ("${world.respawn}")`);
  });
}

function walk(start: string, edges: ReadonlyMap<string, readonly string[]>): Set<string> {
  const seen = new Set([start]);
  const queue = [start];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const to of edges.get(next) ?? []) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}

/** ` (did you mean "copper-ore"?)` when a known id is one or two edits away. */
function suggest(id: string, known: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = editDistance(id, candidate);
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length] ?? 0;
}
