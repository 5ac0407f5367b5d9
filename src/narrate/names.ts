/**
 * Names of things for prose, looked up by id in content or state. Unknown ids fall back to a
 * readable form of the id, so a narrator never throws on data from the network.
 */
import type { Content } from '../content/schema.ts';
import type { GameState } from '../engine/index.ts';
import { pluralOf } from './words.ts';

export interface Named {
  readonly name: string;
  readonly plural: string;
}

function fallback(id: string): Named {
  const name = id.replace(/-/g, ' ');
  return { name, plural: pluralOf(name) };
}

function named(thing: { name: string; plural?: string | undefined } | undefined, id: string): Named {
  return thing ? { name: thing.name, plural: thing.plural ?? pluralOf(thing.name) } : fallback(id);
}

export function itemName(content: Content, id: string): Named {
  return named(content.items.get(id), id);
}

export function enemyName(content: Content, id: string): Named {
  return named(content.enemies.get(id), id);
}

export function nodeName(content: Content, id: string): Named {
  return named(content.nodes.get(id), id);
}

export function npcName(content: Content, id: string): string {
  return content.npcs.get(id)?.name ?? fallback(id).name;
}

export function skillName(content: Content, id: string): string {
  return content.skills.get(id)?.name ?? fallback(id).name;
}

export function effectName(content: Content, id: string): string {
  return content.effects.get(id)?.name ?? fallback(id).name;
}

export function locationName(content: Content, id: string): string {
  return content.locations.get(id)?.name ?? fallback(id).name;
}

export function playerName(state: GameState, id: string): string {
  return state.players[id]?.name ?? 'someone';
}

/**
 * Who a companion keeps company, for prose: "Ana's companion" ("your companion" to Ana; "a
 * companion" when the friend is not known here). Null for a person. `nameOf` names a friend who
 * is not in this state (a shared world's roster).
 */
export function companionLabel(state: GameState, id: string, viewer: string, nameOf?: (player: string) => string | undefined): string | null {
  const friend = state.players[id]?.companionOf;
  if (friend === undefined) return null;
  if (friend === viewer) return 'your companion';
  const name = state.players[friend]?.name ?? nameOf?.(friend);
  return name === undefined ? 'a companion' : `${name}'s companion`;
}

/** "Pip, Ana's companion," for a companion (to stand before a verb); the bare name for a person. */
export function nameWithCompanion(state: GameState, id: string, viewer: string, nameOf?: (player: string) => string | undefined): string {
  const name = state.players[id]?.name ?? 'someone';
  const label = companionLabel(state, id, viewer, nameOf);
  return label === null ? name : `${name}, ${label},`;
}

/** Who received a gift: a player by name, an islander, or "someone" no longer here. */
export function recipientName(content: Content, state: GameState, id: string): string {
  return state.players[id]?.name ?? (content.npcs.has(id) ? npcName(content, id) : 'someone');
}
