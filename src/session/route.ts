/**
 * The way between places a player knows: pure functions of content and state, used by GO TO (the
 * session walks the route one move per room) and by the web app's map (a click types
 * `go to <room name>`). A player knows the rooms they have visited; a route only passes through
 * those, by exits that are open or that a key they carry opens.
 *
 *   const route = findRoute(content, state, player, 'village-square'); // [{ dir: 'north', to: 'village-square' }] or null
 *   placeNamed(content, state, player, 'the village')                  // { kind: 'room', id: 'village-square', ... }
 *
 * Ties are broken the same way everywhere: exits are tried in the order content lists them, so
 * of two routes of equal length the one whose first differing exit comes first is taken.
 */
import { compareCodeUnits } from '../content/canonical.ts';
import type { Content, Direction, Exit, Id } from '../content/schema.ts';
import { clockAt, closedBy, npcLocationAt, type GameState, type PlayerState } from '../engine/index.ts';

export interface RouteStep {
  readonly dir: Direction;
  readonly to: Id;
}

/** Whether the isle's clock shuts this exit at game time `at` (the tide is in, a storm, the night). */
export function shutByClock(content: Content, state: GameState, exit: Exit, at: number): boolean {
  return exit.while !== undefined && closedBy(clockAt(content, state.seed, at), exit.while) !== null;
}

/** Whether a player may take this exit on a walk: it is open, or they carry what opens it. */
function passable(state: GameState, p: PlayerState, exit: Exit): boolean {
  if (!exit.lock || state.flags.includes(exit.lock.id)) return true;
  const key = exit.lock.key;
  return p.inventory.some((s) => s.item === key) || Object.values(p.equipment).includes(key);
}

/**
 * Shortest route (fewest moves) from where the player stands to `to` through rooms they have
 * visited; [] when already there; null when they know no way. With `at`, an exit the isle's clock
 * shuts at that game time (the tide path at high water) is no way at all, so the walk goes round.
 */
export function findRoute(content: Content, state: GameState, player: string, to: Id, at?: number): RouteStep[] | null {
  const p = state.players[player];
  if (!p) return null;
  return searchRoute(content, state, p, to, new Set(p.visited), at);
}

/**
 * The same, through any room of the isle, visited or not: the way after someone the player
 * follows, who may have led them somewhere new (a follower more than a room behind catches up).
 */
export function findRouteAnywhere(content: Content, state: GameState, player: string, to: Id, at?: number): RouteStep[] | null {
  const p = state.players[player];
  if (!p) return null;
  return searchRoute(content, state, p, to, null, at);
}

/** The shortest way into a zone (to its nearest room), through any room: after someone who went on into it. */
export function findRouteIntoZone(content: Content, state: GameState, player: string, zone: Id, at?: number): RouteStep[] | null {
  const p = state.players[player];
  if (!p) return null;
  return searchRoute(content, state, p, (id) => content.locations.get(id)?.zone === zone, null, at);
}

/** Breadth first from where `p` stands; `known` (null: every room) bounds the rooms passed through. */
function searchRoute(content: Content, state: GameState, p: PlayerState, to: Id | ((id: Id) => boolean), known: ReadonlySet<Id> | null, at: number | undefined): RouteStep[] | null {
  const goal = typeof to === 'function' ? to : (id: Id) => id === to;
  if (goal(p.location)) return [];
  if (typeof to === 'string' && known !== null && !known.has(to)) return null;
  const came = new Map<Id, { from: Id; step: RouteStep }>();
  const queue: Id[] = [p.location];
  const seen = new Set<Id>([p.location]);
  for (let i = 0; i < queue.length; i++) {
    const here = queue[i]!;
    for (const exit of content.locations.get(here)?.exits ?? []) {
      if (seen.has(exit.to) || (known !== null && !known.has(exit.to)) || !content.locations.has(exit.to) || !passable(state, p, exit)) continue;
      if (at !== undefined && shutByClock(content, state, exit, at)) continue;
      seen.add(exit.to);
      came.set(exit.to, { from: here, step: { dir: exit.dir, to: exit.to } });
      if (goal(exit.to)) return unwind(came, p.location, exit.to);
      queue.push(exit.to);
    }
  }
  return null;
}

function unwind(came: ReadonlyMap<Id, { from: Id; step: RouteStep }>, start: Id, to: Id): RouteStep[] {
  const steps: RouteStep[] = [];
  for (let at = to; at !== start;) {
    const c = came.get(at)!;
    steps.push(c.step);
    at = c.from;
  }
  return steps.reverse();
}

export type Place =
  /** A room the player has visited (named by its name, its zone's, or someone who lives there). */
  | { readonly kind: 'room'; readonly id: Id; readonly via: 'room' | 'zone' | 'npc' }
  /** Something by that name exists, but the player has not been there. */
  | { readonly kind: 'unvisited' }
  | { readonly kind: 'unknown' };

const FILLER = new Set(['the', 'a', 'an', 'of', 'to', 'my', 'old']);
/** The words of a name or a question, lower case, without articles or possessives. */
export const wordsOf = (s: string): string[] => s.toLowerCase().replace(/['’]s\b/g, '').split(/[^a-z0-9]+/).filter((w) => w !== '' && !FILLER.has(w));
/** Every word asked for is a word of the name ("beach" -> "Driftwood Beach"); the whole name scores higher. */
export function nameScore(asked: readonly string[], name: string): number {
  const have = wordsOf(name);
  if (asked.length === 0 || !asked.every((w) => have.includes(w) || have.includes(w.replace(/s$/, '')))) return 0;
  return asked.length === have.length ? 2 : 1;
}

/**
 * The room the words name, for GO TO and WHERE IS: a room's name (whole or some of its words),
 * then a zone's name (its room nearest to the player), then a person who lives in a room. Of
 * several, the visited ones nearest the player, then content order.
 */
export function placeNamed(content: Content, state: GameState, player: string, text: string): Place {
  const p = state.players[player];
  const asked = wordsOf(text);
  if (!p || asked.length === 0) return { kind: 'unknown' };
  const visited = new Set(p.visited);
  const distance = (id: Id) => (id === p.location ? 0 : findRoute(content, state, player, id)?.length ?? Number.MAX_SAFE_INTEGER);
  const best = (ids: readonly Id[], via: 'room' | 'zone' | 'npc'): Place | undefined => {
    if (ids.length === 0) return undefined;
    const known = ids.filter((id) => visited.has(id));
    if (known.length === 0) return { kind: 'unvisited' };
    const sorted = [...known].sort((a, b) => distance(a) - distance(b) || compareCodeUnits(a, b));
    return { kind: 'room', id: sorted[0]!, via };
  };
  const rooms = [...content.locations.values()];
  for (const want of [2, 1]) {
    const hit = best(rooms.filter((l) => nameScore(asked, l.name) === want || (want === 2 && l.id === asked.join('-'))).map((l) => l.id), 'room');
    if (hit) return hit;
  }
  const zones = [...content.zones.values()].filter((z) => nameScore(asked, z.name) > 0).map((z) => z.id);
  const inZone = best(rooms.filter((l) => zones.includes(l.zone)).map((l) => l.id), 'zone');
  if (inZone) return inZone;
  const npcs = [...content.npcs.values()].filter((n) => [n.name, ...n.aliases].some((name) => nameScore(asked, name) > 0));
  return best(npcs.map((n) => npcLocationAt(content, n, state.time)), 'npc') ?? { kind: 'unknown' };
}
