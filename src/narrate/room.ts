/**
 * A room as a player sees it: its name, its description (with variants for first visit, night
 * and flags), then what is here and the ways out, in sentences rather than lists of ids.
 */
import { compareCodeUnits } from '../content/canonical.ts';
import type { Content } from '../content/schema.ts';
import {
  clockAt, enemyAlive, locationDescription, nodeRemaining, npcsAt, type GameState,
} from '../engine/index.ts';
import { closedBy } from '../engine/index.ts';
import { itemName, nameWithCompanion } from './names.ts';
import { line, type ProseLine } from './prose.ts';
import { capitalise, counted, listing, placeName, withArticle, withThe } from './words.ts';

/**
 * Who is playing right now, for a shared world (its presence): another player's character stays
 * in the world when they leave, and is described asleep. Left out where nobody's presence is
 * known (a single-player world), and everyone present is described as awake.
 */
export interface AwakePlayers {
  has(player: string): boolean;
}

/** `arriving`: the player has just come in (joined, moved, woke here), so a first visit's text may be told. */
export function describeRoom(content: Content, state: GameState, viewer: string, at: number, awake?: AwakePlayers, arriving = false): ProseLine[] {
  const player = state.players[viewer];
  if (!player) return [line('system', 'You are not in the world yet.')];
  const where = content.locations.get(player.location);
  if (!where) return [line('system', 'You are nowhere anyone has written down.')];

  const out: ProseLine[] = [line('title', where.name), line('body', locationDescription(content, state, viewer, at, { arriving }))];

  const floor = state.floors[where.id] ?? {};
  const items = Object.keys(floor)
    .sort()
    .filter((id) => (floor[id] ?? 0) > 0)
    .map((id) => {
      const n = itemName(content, id);
      return counted(floor[id]!, n.name, n.plural);
    });
  if (items.length > 0) out.push(line('here', `You see ${listing(items)} here.`));

  for (const node of sortedById(content.nodes.values())) {
    if (node.location !== where.id) continue;
    const left = nodeRemaining(content, state, node.id, at);
    const resource = itemName(content, node.resource);
    const amount = left > 0 ? `${left} left` : 'picked clean for now';
    const tool = node.tool ? `, with ${withArticle(itemName(content, node.tool).name)}` : '';
    out.push(line('here', `You could gather ${resource.plural} from ${withArticle(node.name)}${tool} (${amount}).`));
  }

  for (const station of sortedById(content.stations.values())) {
    if (station.location === where.id) out.push(line('here', `${capitalise(withThe(station.name))} is here, ready for work.`));
  }

  for (const enemy of sortedById(content.enemies.values())) {
    if (!enemy.locations.includes(where.id)) continue;
    const alive = enemyAlive(content, state, where.id, enemy.id, at);
    if (!alive) continue;
    const fighting = player.fighting === enemy.id ? ', locked in a fight with you' : '';
    out.push(line('here', `${capitalise(withArticle(enemy.name))} is here (${alive.hp}/${enemy.hp} HP)${fighting}.`));
  }

  const npcs = npcsAt(content, where.id, at).map((n) => withArticle(n.name));
  if (npcs.length > 0) out.push(line('here', `${capitalise(listing(npcs))} ${npcs.length === 1 ? 'is' : 'are'} here.`));

  out.push(...describePlayersHere(state, viewer, where.id, awake));

  out.push(line('exits', describeExits(content, state, viewer, at)));
  return out;
}

/**
 * "Mira is here." for those playing, "Tam and Bo are here, fast asleep." for those who left;
 * a companion is named with its friend: "Pip, Ana's companion, is here."
 */
function describePlayersHere(state: GameState, viewer: string, location: string, awake: AwakePlayers | undefined): ProseLine[] {
  const others = Object.values(state.players)
    .filter((p) => p.id !== viewer && p.location === location)
    .sort((a, b) => compareCodeUnits(a.name, b.name) || compareCodeUnits(a.id, b.id));
  const named = (p: { id: string }) => nameWithCompanion(state, p.id, viewer);
  const up = others.filter((p) => !awake || awake.has(p.id)).map(named);
  const asleep = others.filter((p) => awake && !awake.has(p.id)).map(named);
  const are = (names: readonly string[]) => `${listing(names)} ${names.length === 1 ? 'is' : 'are'} here`;
  return [
    ...(up.length > 0 ? [line('here', `${are(up)}.`)] : []),
    ...(asleep.length > 0 ? [line('here', `${are(asleep)}, fast asleep.`)] : []),
  ];
}

const SHUT: Readonly<Record<'tide' | 'weather' | 'hour', string>> = { tide: 'under the tide', weather: 'closed in this weather', hour: 'shut at this hour' };

/** The ways out; one open only at some times says so while it is shut ("south (under the tide)"). */
export function describeExits(content: Content, state: GameState, viewer: string, at = state.time): string {
  const player = state.players[viewer];
  const where = player ? content.locations.get(player.location) : undefined;
  if (!player || !where || where.exits.length === 0) return 'There is no obvious way out.';
  const ways = where.exits.map((exit) => {
    const locked = exit.lock !== undefined && !state.flags.includes(exit.lock.id);
    const known = player.visited.includes(exit.to);
    const target = known ? ` to ${placeName(content.locations.get(exit.to)?.name ?? exit.to)}` : '';
    const shut = exit.while !== undefined ? closedBy(clockAt(content, state.seed, at), exit.while) : null;
    return `${exit.dir}${target}${locked ? ' (locked)' : ''}${shut !== null ? ` (${SHUT[shut]})` : ''}`;
  });
  return `You can go ${listing(ways, 'or')}.`;
}

function sortedById<T extends { id: string }>(things: Iterable<T>): T[] {
  return [...things].sort((a, b) => compareCodeUnits(a.id, b.id));
}

