/**
 * Events become prose for one viewer: second person for the viewer's own deeds ("You gather two
 * moonpetals."), third person for what the viewer saw others do ("Ana gathers two moonpetals."),
 * nothing for what happened out of sight.
 *
 * Only what the web app's first screen tells (joining, the room, a quest begun) and a move are told by this
 * file; the rest is prose loaded right after the first paint (later-prose.ts: own-deeds.ts and
 * seen.ts), which a typed command waits for (Session.#run) and news waits for (Session.pollNews).
 *
 *   await loadLaterProse();                                   // Node does it as it opens a world
 *   const lines = narrateEvents(content, stateAfter, events, viewerId, at);
 *   narrateEvents(content, stateAfter, events, viewerId, at, awake); // a shared world: who is playing
 */
import type { Content } from '../content/schema.ts';
import type { GameEvent, GameState } from '../engine/index.ts';
import { line, type ProseLine } from './prose.ts';
import { hearsOfParty, isPartyEvent } from './party-hears.ts';
import { laterProse } from './later-prose.ts';
import { describeRoom, type AwakePlayers } from './room.ts';
import { questBegunLines } from './quest-begun.ts';

/**
 * `nameOf`: names of players no longer in `state` (one who walked into another zone is gone from
 * this zone's state by the time others hear them leave), as the world's roster knows them.
 */
export function narrateEvents(
  content: Content, state: GameState, events: readonly GameEvent[], viewer: string, at: number, awake?: AwakePlayers,
  nameOf?: (player: string) => string | undefined,
): ProseLine[] {
  const out: ProseLine[] = [];
  for (const e of events) {
    if (e.player === viewer) out.push(...narrateOwn(content, state, e, viewer, at, awake));
    else if (sees(content, state, e, viewer)) out.push(...(laterProse()?.seen.narrateSeen(content, state, e, viewer, nameOf) ?? [STILL_LOADING]));
  }
  return out;
}

/** Whether a viewer witnessed another player's event. */
function sees(content: Content, state: GameState, e: GameEvent, viewer: string): boolean {
  // Moderation of the viewer reaches them wherever they are, a banished player (no character now) too.
  if (e.type === 'moderated' && e.target === viewer) return true;
  // The world moving is news to everyone in it, wherever they stand.
  if (e.type === 'world-moved') return true;
  const me = state.players[viewer];
  if (!me) return false;
  if (e.type === 'gave' && e.to === viewer) return true;
  // Private speech: heard by the one spoken to; a whisper is seen (not heard) by those beside.
  if (e.type === 'said' && e.to !== undefined) return e.to === viewer || (e.whisper === true && me.location === e.location);
  if (e.type === 'said') return content.locations.get(me.location)?.zone === content.locations.get(e.location)?.zone;
  if (e.type === 'moved') return me.location === e.location || me.location === e.to;
  // A part of a together objective is heard across the zone: the partner may be at the other lever.
  if (e.type === 'together-part') return content.locations.get(me.location)?.zone === content.locations.get(e.location)?.zone;
  if (isPartyEvent(e) && hearsOfParty(state, e, viewer)) return true;
  return me.location === e.location;
}

/** An answer whose prose has not loaded (later-prose.ts: only if its code could not be fetched). */
const STILL_LOADING: ProseLine = line('system', 'That answer has not reached this device yet; try again in a moment.');

/** The viewer's own deeds: what the first screen shows (joining, the room, a quest begun) and a move here, the rest by own-deeds.ts. */
function narrateOwn(content: Content, state: GameState, e: GameEvent, viewer: string, at: number, awake: AwakePlayers | undefined): ProseLine[] {
  switch (e.type) {
    case 'joined': return [
      ...(e.asked !== undefined ? [line('system', `The name ${e.asked} is taken on this isle, so you are known here as ${e.name}. (NAME changes it.)`)] : []),
      line('body', `You step onto Vetrellis Isle as ${e.name}.`), ...describeRoom(content, state, viewer, at, awake, true),
    ];
    case 'renamed': return [line('system', `You are now known as ${e.to}.`)];
    case 'retired': return [line('system', `The ${e.name} you were fades from the isle, and everything that ${e.name} carried goes with them.`)];
    case 'looked': return describeRoom(content, state, viewer, at, awake);
    case 'moved': return [line('note', `You go ${e.dir}.`), ...describeRoom(content, state, viewer, at, awake, true)];
    // Told with the defeat ("You wake in ..."); the arrival in the respawn's zone adds nothing.
    case 'revived': return [];
    // A quest that begins as the player arrives is told on the first screen.
    case 'quest-started': return questBegunLines(content, e);
    default: return laterProse()?.own.narrateOwnDeed(content, state, e, viewer, at, awake) ?? [STILL_LOADING];
  }
}

/** True when telling `e` to `viewer` needs the prose loaded after the first paint (later-prose.ts). */
export function needsLaterProse(e: GameEvent, viewer: string): boolean {
  if (e.player !== viewer) return true;
  switch (e.type) {
    case 'joined': case 'renamed': case 'retired': case 'looked': case 'moved': case 'revived': case 'quest-started': return false;
    default: return true;
  }
}
