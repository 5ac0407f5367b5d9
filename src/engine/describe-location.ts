/**
 * A location's description text as a player sees it at a game time: the base text, replaced by
 * the first variant whose conditions all hold (firstVisit: the player is arriving, and this is their
 * first visit; night: `isNight(at)`; flag / notFlag: world flags). A first-visit text is told on
 * that arrival only: a later look, or the room shown again when the player comes back to the
 * game, gives the text a returning visitor sees. Then each of the location's `parts` whose `while`
 * holds (its item still lies here, its enemy here is alive) is told after it.
 *
 *   locationDescription(content, state, playerId, state.time, { arriving: true })
 */
import { entry } from './records.ts';
import type { Condition, Content, Location, PartCondition } from '../content/schema.ts';
import type { GameState } from './state.ts';
import { enemyAlive, isNight } from './timers.ts';

function holds(c: Condition, firstVisit: boolean, night: boolean, flags: readonly string[]): boolean {
  if (c.firstVisit !== undefined && c.firstVisit !== firstVisit) return false;
  if (c.night !== undefined && c.night !== night) return false;
  if (c.flag !== undefined && !flags.includes(c.flag)) return false;
  if (c.notFlag !== undefined && flags.includes(c.notFlag)) return false;
  return true;
}

export function locationDescription(content: Content, state: GameState, player: string, at: number, how: { arriving?: boolean } = {}): string {
  const p = entry(state.players, player);
  const loc = p ? content.locations.get(p.location) : content.locations.get(content.world.start);
  if (!loc) return '';
  const night = isNight(content, at);
  const variant = loc.variants.find((v) => holds(v.when, how.arriving === true && p?.firstVisit === true, night, state.flags));
  const parts = loc.parts.filter((part) => partHolds(content, state, loc, part.while, at)).map((part) => part.text);
  return [variant ? variant.text : loc.description, ...parts].join(' ');
}

/** A part is told while its item still lies here and its enemy here is alive. */
function partHolds(content: Content, state: GameState, loc: Location, c: PartCondition, at: number): boolean {
  if (c.item !== undefined && (entry(entry(state.floors, loc.id), c.item) ?? 0) <= 0) return false;
  if (c.enemy !== undefined && !enemyAlive(content, state, loc.id, c.enemy, at)) return false;
  return true;
}
