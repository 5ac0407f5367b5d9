/**
 * What an intent may ask for: the engine's Action union plus the two zone-crossing kinds the
 * sync layer folds itself (replica/crossing.ts). The envelope's `{ kind, ...args }` must parse as
 * one of these.
 *
 *   SyncAction.parse({ kind: 'travel', dir: 'north', digest })   // leaving a zone
 *   SyncAction.parse({ kind: 'arrive', from: 'harbor', fromLocation: 'pier', dir: 'north', travel, state })
 *   SyncAction.parse({ kind: 'settle', arrive, state })   // the zone left folded the travel otherwise
 */
import { z } from 'zod/mini';
import { Direction, Id } from '../../content/id.ts';
import { Action } from '../../engine/action.ts';
import { PlayerState } from '../../engine/player-state.ts';

/** 64 lowercase hex digits (a sha256): shared with the envelope's hand-written fast check. */
export const HEX64_PATTERN = /^[0-9a-f]{64}$/;
export const Hex64 = z.string().check(z.regex(HEX64_PATTERN));

/** Leave this zone through the exit `dir`; `digest` = sha256 of the player state carried out. */
export const TravelAction = z.strictObject({ kind: z.literal('travel'), dir: Direction, digest: Hex64 });
/**
 * Enter this zone with the full player state, naming the `travel` intent id that left the other
 * zone; or, with `dir: null`, the intent whose defeat woke the player at a respawn point here.
 */
export const ArriveAction = z.strictObject({
  kind: z.literal('arrive'),
  from: Id,
  fromLocation: Id,
  dir: z.nullable(Direction),
  travel: Hex64,
  state: PlayerState,
});
/**
 * Correct one of the author's own `arrive` intents in this zone: the zone left folded the
 * `travel` into a different player state from the one carried (an earlier intent there landed
 * late), so the arrival counts as if it had carried `state` (null: the player never left).
 * The latest settle (by seq) of an arrive wins; the fold re-applies from the arrive.
 */
export const SettleAction = z.strictObject({ kind: z.literal('settle'), arrive: Hex64, state: z.nullable(PlayerState) });
export type TravelAction = z.infer<typeof TravelAction>;
export type ArriveAction = z.infer<typeof ArriveAction>;
export type SettleAction = z.infer<typeof SettleAction>;

/** Most players a seal may name (its heads list only players whose sealed seq moved since the seal before). */
export const SEAL_MAX_HEADS = 96;
/**
 * A seal (docs/finality.md "Seals"): signed by the world's owner, in the envelope's chain fields
 * `seq` = the seal's number n in its zone, `prev` = the seal before it (null for n = 1), `turn` =
 * its point as the owner placed it. `heads`: `[player, seq, id]` of each player whose sealed
 * chain prefix moved, sorted by player; `state`: the hash of the state after folding exactly the
 * sealed set. Seals live outside players' chains (replica/seals.ts).
 */
export const SealAction = z.strictObject({
  kind: z.literal('seal'),
  heads: z.array(z.tuple([Hex64, z.int().check(z.minimum(1), z.maximum(2 ** 31 - 1)), Hex64])).check(z.maxLength(SEAL_MAX_HEADS)),
  state: Hex64,
});
export type SealAction = z.infer<typeof SealAction>;

export const SyncAction = z.union([Action, TravelAction, ArriveAction, SettleAction, SealAction]);
export type SyncAction = z.infer<typeof SyncAction>;
export type CrossingAction = TravelAction | ArriveAction | SettleAction;

export function isCrossing(a: SyncAction): a is CrossingAction {
  return a.kind === 'travel' || a.kind === 'arrive' || a.kind === 'settle';
}

/** Kinds whose args hold a whole player state, or a seal's heads (and so get the larger size limit). */
export function carriesPlayerState(kind: string): boolean {
  return kind === 'arrive' || kind === 'settle' || kind === 'seal';
}
