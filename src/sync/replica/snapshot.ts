/**
 * A zone's snapshot (docs/finality.md "Snapshots and compaction"): everything a replica needs to
 * go on folding the zone's log from its final seal, without the history below it. A replica
 * that folded the history makes one (`ZoneReplica.snapshot()`); a replica started from one
 * (`new ZoneReplica({ ..., snapshot })`) and fed the same log reaches the same state, hash and
 * chains as the replica that folded everything.
 *
 *   const snap = replica.snapshot();                  // at the final seal; null without one
 *   snapshotHash(snap);                                // what a cut names (and a joiner checks)
 *   checkSnapshot(snap, rules, { world, zone });       // null, or what is wrong with it
 *   const joiner = new ZoneReplica({ ...options, snapshot: snap });
 *
 * What it holds, and why that is enough:
 * - the state after the seal's set (its hash is the hash the owner signed in the seal);
 * - the seal: number, id, point (every entry outside the set is placed after the point);
 * - each sealed player's head: seq, id, signed and placed turn, game time. The chain goes on from
 *   it; a candidate for a seq at or below it is history and is ignored;
 * - the departure of a player's head when that head took them out of the zone. A journey is one
 *   line through the zones, and a seal holding an arrive is final only once its travel is: at a
 *   world cut, every departure but a player's last has its arrive sealed where it went, and only
 *   an unsealed arrive reads a departure. So a snapshot is bounded by the state and the number
 *   of players, never by history.
 */
import { canonicalJson, compareCodeUnits } from '../../content/canonical.ts';
import type { GameState } from '../../engine/state.ts';
import { sha256Hex } from '../intent/bytes.ts';
import type { Departure } from './crossing.ts';
import type { Rules } from './rules.ts';

export const SNAPSHOT_VERSION = 1;

/** A player's sealed head: where their chain goes on. */
export interface SnapshotHead {
  readonly player: string;
  readonly seq: number;
  readonly id: string;
  /** The turn as signed (the next intent's signed turn must exceed it). */
  readonly signedTurn: number;
  /** The turn it was placed at (what the next one is placed after). */
  readonly turn: number;
  /** Its game time, as the chain clamped it. */
  readonly at: number;
  /** Its action's kind (the journey rule reads whether it was a travel). */
  readonly kind: string;
}

export interface SnapshotDeparture {
  readonly player: string;
  /** The id of the entry that took them out (their sealed head). */
  readonly id: string;
  readonly departure: Departure;
}

export interface ZoneSnapshot {
  readonly v: typeof SNAPSHOT_VERSION;
  readonly world: string;
  readonly zone: string;
  readonly seal: { readonly id: string; readonly n: number; readonly point: number; readonly state: string };
  /** Sorted by player. */
  readonly heads: readonly SnapshotHead[];
  /** Sorted by player. */
  readonly departures: readonly SnapshotDeparture[];
  readonly state: GameState;
}

/** The hash a world cut names for this snapshot (sha256 of its canonical JSON). */
export function snapshotHash(s: ZoneSnapshot): string {
  return sha256Hex(canonicalJson(s));
}

/**
 * What is wrong with a snapshot for this world and zone, or null: its state must hash to the
 * hash its seal names (the seal is the owner's, checked by whoever hands the snapshot over:
 * a world cut signed by the owner names the snapshot's hash), and its heads must be well formed.
 */
export function checkSnapshot(s: ZoneSnapshot, rules: Rules, expect: { world: string; zone: string }): string | null {
  if (s.v !== SNAPSHOT_VERSION) return `snapshot version ${String(s.v)} is not ${SNAPSHOT_VERSION}`;
  if (s.world !== expect.world || s.zone !== expect.zone) return 'the snapshot is of another world or zone';
  let last = '';
  for (const h of s.heads) {
    if (compareCodeUnits(h.player, last) <= 0 || !Number.isSafeInteger(h.seq) || h.seq < 1 || h.turn < h.signedTurn || h.turn > s.seal.point) return `the snapshot's head of ${h.player} is ill-formed`;
    last = h.player;
  }
  if (rules.hashState(s.state) !== s.seal.state) return "the snapshot's state is not the state its seal names";
  return null;
}
