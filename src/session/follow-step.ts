/**
 * The next move a follower's own client makes after the one they follow (company.ts): loaded
 * when a follow starts, with the GO TO planner (./route.ts) it walks by, so neither is part of
 * the first screen.
 *
 *   followStep(content, state, me, last, at)   // the next move after them: { dir } | 'with' | 'wait' | 'lost'
 */
import type { Content, Direction } from '../content/schema.ts';
import type { GameState } from '../engine/index.ts';
import type { LeaderMove } from './company.ts';
import { findRouteAnywhere } from './route.ts';

/**
 * The next move of a follower after the one they follow, however far ahead they got: the way
 * the leader last went, from the room the follower stands in; else toward the room this zone
 * holds the leader in; else (they went on over a zone border) toward the room they left the zone
 * from. The way is the GO TO planner's (./route.ts), through rooms the follower has not seen too.
 * `with`: beside the leader; `wait`: the leader is in a part of the isle this replica does not
 * hold yet (just over a border); `lost`: no way after them is known.
 */
export function followStep(content: Content, state: GameState, viewer: string, last: LeaderMove | null, at: number): { dir: Direction } | 'with' | 'wait' | 'lost' {
  const me = state.players[viewer];
  const leader = me?.following;
  if (me === undefined || leader === undefined) return 'lost';
  const there = state.players[leader];
  if (there?.location === me.location) return 'with';
  const trail = last?.leader === leader ? last : null;
  if (trail?.from === me.location) return { dir: trail.dir };
  const to = there?.location ?? (trail && content.locations.get(trail.from)?.zone === content.locations.get(me.location)?.zone ? trail.from : undefined);
  if (to === undefined) return there === undefined ? 'wait' : 'lost';
  const route = findRouteAnywhere(content, state, viewer, to, at);
  return route?.[0] ? { dir: route[0].dir } : 'lost';
}
