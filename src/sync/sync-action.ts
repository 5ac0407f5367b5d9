/**
 * What an intent may ask for: the engine's Action union plus the two zone-crossing kinds the
 * sync layer folds itself (zone-crossing.ts). The envelope's `{ kind, ...args }` must parse as
 * one of these.
 *
 *   SyncAction.parse({ kind: 'travel', dir: 'north', digest })   // leaving a zone
 *   SyncAction.parse({ kind: 'arrive', from: 'harbor', fromLocation: 'pier', dir: 'north', travel, state })
 */
import { z } from 'zod';
import { Direction, Id } from '../content/schema.ts';
import { Action } from '../engine/action.ts';
import { PlayerStateSchema } from './player-state-schema.ts';

/** 64 lowercase hex digits (a sha256): shared with the envelope's hand-written fast check. */
export const HEX64_PATTERN = /^[0-9a-f]{64}$/;
export const Hex64 = z.string().regex(HEX64_PATTERN);

/** Leave this zone through the exit `dir`; `digest` = sha256 of the player state carried out. */
export const TravelAction = z.object({ kind: z.literal('travel'), dir: Direction, digest: Hex64 }).strict();
/** Enter this zone with the full player state, naming the `travel` intent id that left the other zone. */
export const ArriveAction = z
  .object({
    kind: z.literal('arrive'),
    from: Id,
    fromLocation: Id,
    dir: Direction,
    travel: Hex64,
    state: PlayerStateSchema,
  })
  .strict();
export type TravelAction = z.infer<typeof TravelAction>;
export type ArriveAction = z.infer<typeof ArriveAction>;

export const SyncAction = z.union([Action, TravelAction, ArriveAction]);
export type SyncAction = z.infer<typeof SyncAction>;
export type CrossingAction = TravelAction | ArriveAction;

export function isCrossing(a: SyncAction): a is CrossingAction {
  return a.kind === 'travel' || a.kind === 'arrive';
}
