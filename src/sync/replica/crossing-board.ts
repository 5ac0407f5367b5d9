/**
 * Verified crossings between the zones of one world (docs/finality.md "Verified crossings"):
 * the zone replicas of a world join one board, through which an `arrive` in one zone reads its
 * travel in the zone left, as that zone's chains placed it and its fold computed it.
 *
 *   const board = new CrossingBoard();
 *   const harbor = new ZoneReplica({ ..., zone: 'harbor', crossings: board });
 *   const village = new ZoneReplica({ ..., zone: 'village', crossings: board });
 *   village.onCrossingChange = (change) => narrate(change);   // re-folds the board caused
 *   harbor.ingest(entries);   // then every replica whose arrives read harbor catches up
 *
 * The board holds no state of its own besides the replicas: each replica keeps what its arrives
 * last read (so a zone left that closes does not change what was folded), and the board only
 * tells the replicas to catch up (`settle`) after one of them changed. Catching up only ever
 * moves forward in placed turns (an arrive is placed after its travel), so it ends.
 */
import type { Departure } from './crossing.ts';

/** What a replica on the board offers the others (a ZoneReplica). */
export interface BoardMember {
  readonly zone: string;
  /** Placed turn of `player`'s accepted entry `id` here, if it is one. */
  placedTurnOf(player: string, id: string): number | undefined;
  /** True while `player`'s chain here waits for a travel in another zone (what follows is not known yet). */
  waitsForTravel(player: string): boolean;
  /** How that entry took `player` out of this zone, if it did. */
  departureOf(player: string, id: string): Departure | undefined;
  /** Changes whenever a departure out of this zone appears, changes or goes. */
  readonly departureEpoch: number;
  /** Catch up with the other zones (place waiting arrives, read changed departures); true when something changed. */
  catchUp(): boolean;
  /** The zones that arrives here wait for (their travels are not placed here yet). */
  travelsAwaited(): ReadonlySet<string>;
  /** True when `player`'s entry `id` here is in the final seal's set (its place can no longer change). */
  sealedEntry(player: string, id: string): boolean;
}

/** A travel as the zone left knows it: where it was placed and what it took out (null: nobody). */
export interface TravelFact {
  readonly turn: number;
  readonly departure: Departure | null;
}

export class CrossingBoard {
  readonly #members = new Map<string, BoardMember>();
  #settling = false;
  #again = false;

  join(member: BoardMember): () => void {
    if (this.#members.has(member.zone)) throw new Error(`CrossingBoard: zone ${member.zone} already has a replica`);
    this.#members.set(member.zone, member);
    return () => {
      if (this.#members.get(member.zone) === member) this.#members.delete(member.zone);
    };
  }

  /** True while `zone` has a replica on this board (its facts can be read). */
  holds(zone: string): boolean {
    return this.#members.has(zone);
  }

  /**
   * `player`'s intent `id` in zone `from`, as seen from zone `asking`: undefined when `from` is
   * held and has no such accepted entry (not arrived, never made, or dropped), 'unknown' when
   * `from` is not held here (or is the asking zone itself: a crossing leaves its zone), and also
   * while `player`'s chain in `from` waits for a travel of its own elsewhere: what comes after
   * that point is not known yet there. (A zone just opened, whose chain for the traveller waits
   * for a zone still loading, must not make a traveller who already arrived vanish meanwhile.)
   */
  travel(from: string, player: string, id: string, asking: string): TravelFact | 'unknown' | undefined {
    if (from === asking) return undefined;
    const m = this.#members.get(from);
    if (!m) return 'unknown';
    const turn = m.placedTurnOf(player, id);
    if (turn === undefined) return m.waitsForTravel(player) ? 'unknown' : undefined;
    return { turn, departure: m.departureOf(player, id) ?? null };
  }

  /**
   * True when `player`'s travel `id` in zone `from` is sealed there (docs/finality.md "Seals": a
   * seal that holds an arrive is final only once the travel it names is, so what a final seal
   * fixed never moves when another zone is sealed). False while `from` is not held.
   */
  travelSealed(from: string, player: string, id: string): boolean {
    return this.#members.get(from)?.sealedEntry(player, id) ?? false;
  }

  /** Zones that arrives on this board wait for and that no replica on it holds. */
  awaited(): Set<string> {
    const out = new Set<string>();
    for (const m of this.#members.values()) for (const z of m.travelsAwaited()) if (!this.#members.has(z)) out.add(z);
    return out;
  }

  /** The zones held. */
  zones(): IterableIterator<string> {
    return this.#members.keys();
  }

  /** The departure epoch of a zone held (-1: not held); a member compares them to skip work. */
  epochOf(zone: string): number {
    return this.#members.get(zone)?.departureEpoch ?? -1;
  }

  /** After a member changed: let every member catch up until none changes. */
  settle(): void {
    if (this.#settling) {
      this.#again = true;
      return;
    }
    this.#settling = true;
    try {
      do {
        this.#again = false;
        for (const m of [...this.#members.values()]) if (m.catchUp()) this.#again = true;
      } while (this.#again);
    } finally {
      this.#settling = false;
    }
  }
}
