/**
 * Where a returning player's character is, when the zone their roster entry names does not hold
 * it: found in another zone (the roster was not updated), halfway through a crossing that never
 * completed (a `travel` out of one zone with no `arrive` in the next: what a client that failed
 * between the two left behind), never made (a new player), or not found on this device.
 *
 *   const w = await locateCharacter(player, ['village', 'harbor'], (zone) => foldedReplica(zone));
 *   if (w.kind === 'unfinished-crossing') signArrive(w.to, w.travel, w.departure.state);
 *
 * Only reads folds; what to write is the caller's choice. Every zone a departure leads into is
 * looked at too, so a chain of crossings is followed to its end.
 */
import type { Departure } from './crossing.ts';
import type { ZoneReplica } from './zone-replica.ts';

/** A travel that carried the player out of its zone. */
export type CompletedDeparture = Departure & { readonly state: NonNullable<Departure['state']>; readonly fromLocation: string };

export type Whereabouts =
  /** The character stands in `zone`'s state. */
  | { readonly kind: 'found'; readonly zone: string }
  /** The latest crossing left `from` and never arrived in `to`; `departure.state` is what it carried. */
  | { readonly kind: 'unfinished-crossing'; readonly from: string; readonly to: string; readonly travel: string; readonly departure: CompletedDeparture }
  /** The player has intents here but no character and no crossing to complete (history missing on this device). */
  | { readonly kind: 'not-found' }
  /** No intent of this player in any zone looked at. */
  | { readonly kind: 'new' };

/** `fold(zone)`: that zone's replica, loaded and folded (null: it cannot be opened). */
export async function locateCharacter(player: string, zones: readonly string[], fold: (zone: string) => Promise<ZoneReplica | null>): Promise<Whereabouts> {
  const queue = [...new Set(zones)];
  const replicas = new Map<string, ZoneReplica>();
  let history = false;
  const departures: { from: string; travel: string; departure: Departure }[] = [];
  for (let i = 0; i < queue.length; i++) {
    const zone = queue[i]!;
    const replica = await fold(zone);
    if (!replica) continue;
    replicas.set(zone, replica);
    if (replica.state.players[player]) return { kind: 'found', zone };
    history ||= replica.highestSeq(player) > 0;
    for (const [travel, d] of replica.fold.departuresOf(player)) {
      if (d.zone === null || d.state === null || d.fromLocation === null) continue;
      departures.push({ from: zone, travel, departure: d });
      if (!queue.includes(d.zone)) queue.push(d.zone);
    }
  }
  let latest: Extract<Whereabouts, { kind: 'unfinished-crossing' }> | null = null;
  for (const { from, travel, departure } of departures) {
    const to = departure.zone!;
    const state = departure.state!;
    const fromLocation = departure.fromLocation!;
    const target = replicas.get(to);
    if (!target || target.fold.arrivalOf(player, travel)) continue;
    // Game time orders one player's intents across zones (their clock, clamped non-decreasing).
    if (latest === null || departure.at > latest.departure.at) latest = { kind: 'unfinished-crossing', from, to, travel, departure: { ...departure, state, fromLocation } };
  }
  if (latest) return latest;
  return history ? { kind: 'not-found' } : { kind: 'new' };
}
