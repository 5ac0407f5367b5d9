/**
 * Finding the player's character when the zone a world opened in does not hold it: it is looked
 * for in the zones the player wrote in (and where their crossings lead). Found elsewhere, they
 * play there; halfway through a crossing that never completed (a client failed between its
 * `travel` and its `arrive`), the crossing is completed with the state the zone left computed.
 *
 *   const where = await findCharacter(search, ['harbor', 'village'], 3000);
 *   // 'found' | 'completed' (the arrive was signed now) | 'not-found' | 'new' (never played here)
 */
import { locateCharacter, type Whereabouts } from '../replica/whereabouts.ts';
import type { PlayerPlace } from './player-place.ts';
import { completingArrive } from './traveller.ts';
import type { ZoneHandle } from './zone-handle.ts';
import type { ZoneSet } from './zone-set.ts';
import type { ZoneWriter } from './zone-writer.ts';

export interface CharacterSearch {
  readonly player: string;
  readonly zones: ZoneSet;
  readonly place: PlayerPlace;
  readonly writer: ZoneWriter;
  /** The game time to sign at. */
  readonly at: () => number;
  /** This tab may sign in `h`'s zone now. */
  mayWrite(h: ZoneHandle): boolean;
  /** The player now stands in `h`'s zone (having left `left`, if set). */
  settleIn(h: ZoneHandle, left: string | null): void;
}

export type SearchResult = 'found' | 'completed' | 'not-found' | 'new';

export async function findCharacter(s: CharacterSearch, zones: readonly string[], timeout: number): Promise<SearchResult> {
  const deadline = Date.now() + timeout;
  const open = async (zone: string) => s.writer.activate(await s.zones.openSynced(zone, Math.max(0, deadline - Date.now())));
  const where = await locateCharacter(s.player, [s.place.zone, ...zones], open);
  switch (where.kind) {
    case 'found':
      if (where.zone !== s.place.zone) s.settleIn(s.zones.get(where.zone)!, null);
      return 'found';
    case 'unfinished-crossing':
      return completeCrossing(s, where) ? 'completed' : 'not-found';
    case 'not-found':
    case 'new':
      return where.kind;
  }
}

/** Signs the `arrive` a crossing never got; true when the character now stands in the zone entered. */
function completeCrossing(s: CharacterSearch, w: Extract<Whereabouts, { kind: 'unfinished-crossing' }>): boolean {
  const to = s.zones.get(w.to)!;
  const replica = s.writer.activate(to);
  if (!s.mayWrite(to)) return false;
  s.writer.put(to, s.writer.sign(replica, completingArrive(w.from, w.travel, w.departure), s.at()));
  if (!replica.state.players[s.player]) return false;
  s.settleIn(to, w.from);
  return true;
}
