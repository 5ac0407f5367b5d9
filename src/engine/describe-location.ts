/**
 * A location's description text as a player sees it at a game time: the base text, replaced by
 * the first variant whose conditions all hold (firstVisit: the player is arriving, and this is their
 * first visit; night: `isNight(at)`; flag / notFlag: world flags). A first-visit text is told on
 * that arrival only: a later look, or the room shown again when the player comes back to the
 * game, gives the text a returning visitor sees. Then each of the location's `parts` whose `while`
 * holds (its item still lies here, its enemy here is alive) is told after it.
 *
 * Scenery follows the same conditions: a thing with `when`/`while` is there only while they hold,
 * and its text is the first of its `variants` whose `when` holds.
 *
 *   locationDescription(content, state, playerId, state.time, { arriving: true })
 *   sceneryAt(content, state, 'anchor-inn', at)     // the scenery there now (the fishers only at night)
 *   sceneryText(content, state, fountain, at)       // its description, or the variant that holds
 */
import { entry } from './records.ts';
import type { Condition, Content, Location, PartCondition, Scenery } from '../content/schema.ts';
import type { GameState, PlayerState } from './state.ts';
import { enemyAlive } from './timers.ts';
import { clockAt, clockHolds, type WorldClock } from './clock.ts';
import { carriedFlags } from './quest-index.ts';

/** The clock at one game time, computed on first need (most conditions name no hour, tide or weather). */
function lazyClock(content: Content, seed: number, at: number): () => WorldClock {
  let clock: WorldClock | undefined;
  return () => (clock ??= clockAt(content, seed, at));
}

function timed(c: Condition): boolean {
  return c.night !== undefined || c.phase !== undefined || c.weather !== undefined || c.tide !== undefined;
}

function holds(c: Condition, firstVisit: boolean, clock: () => WorldClock, flags: readonly string[]): boolean {
  if (c.firstVisit !== undefined && c.firstVisit !== firstVisit) return false;
  if (timed(c) && !clockHolds(clock(), c)) return false;
  if (c.flag !== undefined && !flags.includes(c.flag)) return false;
  if (c.notFlag !== undefined && flags.includes(c.notFlag)) return false;
  return true;
}

/** The world flags as this player knows them: set here, or set by a quest they finished (quest-index.ts). */
function knownFlags(content: Content, state: GameState, p: PlayerState | undefined): readonly string[] {
  const carried = p?.quests ? carriedFlags(content, p.quests) : [];
  return carried.length === 0 ? state.flags : [...state.flags, ...carried];
}

export function locationDescription(content: Content, state: GameState, player: string, at: number, how: { arriving?: boolean } = {}): string {
  const p = entry(state.players, player);
  const loc = p ? content.locations.get(p.location) : content.locations.get(content.world.start);
  if (!loc) return '';
  const clock = lazyClock(content, state.seed, at);
  const variant = loc.variants.find((v) => holds(v.when, how.arriving === true && p?.firstVisit === true, clock, knownFlags(content, state, p)));
  const parts = loc.parts.filter((part) => partHolds(content, state, loc, part.while, at)).map((part) => part.text);
  return [variant ? variant.text : loc.description, ...parts].join(' ');
}

/** A part is told while its item still lies here and its enemy here is alive. */
function partHolds(content: Content, state: GameState, loc: Location, c: PartCondition, at: number): boolean {
  if (c.item !== undefined && (entry(entry(state.floors, loc.id), c.item) ?? 0) <= 0) return false;
  if (c.enemy !== undefined && !enemyAlive(content, state, loc.id, c.enemy, at)) return false;
  return true;
}

/**
 * The scenery of a location that is there at game time `at` (its `when` and `while` hold); with
 * `viewer`, a `flag` is tested against the flags that player knows, as room variants are (Pell on
 * the quay, for whoever gave the drowned their names).
 */
export function sceneryAt(content: Content, state: GameState, location: string, at: number, viewer?: string): readonly Scenery[] {
  const loc = content.locations.get(location);
  if (!loc) return [];
  const shown = sceneryShown(content, state, loc, at, viewer);
  return loc.scenery.filter(shown);
}

/** Whether one piece of a location's scenery is there now: the test `sceneryAt` makes of each, flags and clock worked out on first need. */
export function sceneryShown(content: Content, state: GameState, loc: Location, at: number, viewer?: string): (s: Scenery) => boolean {
  const clock = lazyClock(content, state.seed, at);
  let flags: readonly string[] | undefined;
  const known = (): readonly string[] => (flags ??= viewer === undefined ? state.flags : knownFlags(content, state, entry(state.players, viewer)));
  return (s) => (!s.when || holds(s.when, false, clock, known())) && (!s.while || partHolds(content, state, loc, s.while, at));
}

/** What a close look at a piece of scenery shows now: the first variant that holds, or its description. */
export function sceneryText(content: Content, state: GameState, scenery: Scenery, at: number, viewer?: string): string {
  const clock = lazyClock(content, state.seed, at);
  const flags = viewer === undefined ? state.flags : knownFlags(content, state, entry(state.players, viewer));
  return scenery.variants.find((v) => holds(v.when, false, clock, flags))?.text ?? scenery.description;
}
