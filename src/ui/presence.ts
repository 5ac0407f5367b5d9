/**
 * Who is around, from one reading: the players panel, the Here panel and the count in the
 * players heading all come from the same `WorldStatus` (one presence snapshot) and the same
 * observation (who stands in your room by the rules), so they never disagree about a person.
 *
 *   const people = presence(status, content, observation);
 *   people.rows;            // the players panel, you first
 *   people.of(id);          // 'here' | 'asleep' | ... for the Here panel
 *   people.othersOnline;    // for "just you" / "3 online nearby"
 */
import type { Content, Observation, WorldStatus } from '../session/index.ts';

export type PresenceState = 'you' | 'here' | 'online' | 'asleep' | 'away';

export interface PresenceRow {
  readonly player: string;
  readonly name: string;
  readonly state: PresenceState;
  /** Where they are (a room or a zone); empty when that is here. */
  readonly where: string;
  /** In your party (as far as this part of the isle knows its members). */
  readonly party: boolean;
  /** You follow them, or they follow you. */
  readonly follow: 'leads' | 'follows' | null;
}

export interface Presence {
  readonly rows: readonly PresenceRow[];
  /** Others connected in this part of the isle now (0: you are alone). */
  readonly othersOnline: number;
  /** Whether presence is known at all: a shared world synced with its relay. */
  readonly known: boolean;
  of(player: string): PresenceState;
}

const ORDER: Readonly<Record<PresenceState, number>> = { you: 0, here: 1, online: 2, asleep: 3, away: 4 };

/**
 * A character standing in your room is `here` while their client is connected and `asleep` while
 * it is not (as the story says); without a connection to the relay nobody's presence is known,
 * so a character here counts as here (the story too treats them as awake). Others are `online`
 * (connected, elsewhere in this zone), `asleep` (in this zone, not connected) or `away`.
 */
export function presence(status: WorldStatus | null, content: Content, observation: Observation): Presence {
  const me = observation.player?.id ?? '';
  const room = observation.location?.id ?? null;
  const standing = new Map(observation.here.players.map((p) => [p.id, p]));
  const known = status?.connection === 'synced';
  const live = new Map((known ? status.online : []).map((p) => [p.player, p]));
  const myZone = room ? content.locations.get(room)?.zone ?? null : null;
  const zoneName = (zone: string) => content.zones.get(zone)?.name ?? zone;
  const placeName = (location: string, zone: string) => content.locations.get(location)?.name ?? zoneName(zone);

  const stateOf = (player: string, zone: string | null): PresenceState => {
    if (player === me) return 'you';
    const standsHere = standing.has(player);
    if (!status) return standsHere ? 'here' : 'away';
    if (standsHere) return !known || live.has(player) ? 'here' : 'asleep';
    if (live.has(player)) return 'online';
    return known && zone !== null && zone === myZone ? 'asleep' : 'away';
  };

  // Company (observation.party): members known here, whom you follow, who follows you.
  const members = new Set((observation.party?.members ?? []).map((m) => m.id));
  const leader = observation.party?.following?.id ?? null;
  const followers = new Set((observation.party?.followers ?? []).map((f) => f.id));
  const company = (player: string) => ({
    party: player !== me && members.has(player),
    follow: player === leader ? 'leads' as const : followers.has(player) ? 'follows' as const : null,
  });

  const rows: PresenceRow[] = [];
  const listed = new Set<string>();
  for (const r of status?.roster ?? []) {
    if (status?.banned?.includes(r.player)) continue;
    const state = stateOf(r.player, r.zone);
    const on = live.get(r.player);
    const where = state === 'you' || state === 'here' ? '' : on ? placeName(on.location, r.zone) : zoneName(r.zone);
    rows.push({ player: r.player, name: on?.name ?? standing.get(r.player)?.name ?? r.name, state, where, ...company(r.player) });
    listed.add(r.player);
  }
  // Connected, or standing here, before their roster entry reached us.
  for (const p of live.values()) {
    if (listed.has(p.player)) continue;
    listed.add(p.player);
    const state = stateOf(p.player, null);
    rows.push({ player: p.player, name: p.name, state, where: state === 'here' ? '' : content.locations.get(p.location)?.name ?? '', ...company(p.player) });
  }
  if (status) {
    for (const p of standing.values()) {
      if (!listed.has(p.id)) rows.push({ player: p.id, name: p.name, state: stateOf(p.id, myZone), where: '', ...company(p.id) });
    }
  }
  rows.sort((a, b) => ORDER[a.state] - ORDER[b.state] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const byPlayer = new Map(rows.map((r) => [r.player, r.state]));
  return {
    rows,
    othersOnline: [...live.keys()].filter((p) => p !== me).length,
    known,
    of: (player) => byPlayer.get(player) ?? stateOf(player, null),
  };
}
