/**
 * Answers to a player's offers that they did not see given: in a zone's fold, the other players'
 * deeds after this player's own last one that took or declined an offer of theirs. A world opened
 * again after a while tells the player these ("Bo accepted your offer while you were away ...").
 * Pure; reads the fold, writes nothing.
 *
 *   answersSinceLastDeed(shared.replica.fold, player) // [{ type: 'traded', player: bo, with: ana, ... }]
 */
import { answersOfferOf, type GameEvent } from '../engine/index.ts';

/** What of a zone's fold this reads: its entries in fold order and each one's events. */
export interface FoldedLog {
  readonly entries: readonly { readonly player: string }[];
  eventsAt(index: number): readonly GameEvent[];
}

export function answersSinceLastDeed(fold: FoldedLog, player: string): GameEvent[] {
  const entries = fold.entries;
  let last = entries.length - 1;
  while (last >= 0 && entries[last]!.player !== player) last--;
  // Never here, or nothing after: nothing was answered behind the player's back.
  if (last < 0) return [];
  const out: GameEvent[] = [];
  for (let i = last + 1; i < entries.length; i++) out.push(...fold.eventsAt(i).filter((e) => answersOfferOf(e, player)));
  return out;
}
