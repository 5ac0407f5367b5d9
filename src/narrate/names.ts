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
