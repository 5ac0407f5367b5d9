/**
 * Answers to a player's offers that they did not see given: in a zone's fold, the other players'
 * deeds after this player's own last one that took or declined an offer of theirs. A world opened
 * again after a while tells the player these ("Bo accepted your offer while you were away ...").
 * Pure; reads the fold, writes nothing. Each answer is told once per device: the caller keeps
 * the ids of the answering entries it told (sync/world/device-marks.ts).
 *
 *   answersSinceLastDeed(shared.replica.fold, player) // [{ type: 'traded', player: bo, with: ana, ... }]
 */
import { answersOfferOf, type GameEvent } from '../engine/index.ts';

/** What of a zone's fold this reads: its entries in fold order and each one's events. */
export interface FoldedLog {
  readonly entries: readonly { readonly player: string; readonly id?: string }[];
  eventsAt(index: number): readonly GameEvent[];
}

/** An entry after the player's last deed that answered their offers, and those answers. */
export interface AnsweringEntry {
  readonly id: string | undefined;
  readonly answers: readonly GameEvent[];
}

/** The entries after the player's own last one whose events answer an offer of theirs, in fold order. */
export function answeringSinceLastDeed(fold: FoldedLog, player: string): AnsweringEntry[] {
  const entries = fold.entries;
  let last = entries.length - 1;
  while (last >= 0 && entries[last]!.player !== player) last--;
  // Never here, or nothing after: nothing was answered behind the player's back.
  if (last < 0) return [];
  const out: AnsweringEntry[] = [];
  for (let i = last + 1; i < entries.length; i++) {
    const answers = fold.eventsAt(i).filter((e) => answersOfferOf(e, player));
    if (answers.length > 0) out.push({ id: entries[i]!.id, answers });
  }
  return out;
}

export function answersSinceLastDeed(fold: FoldedLog, player: string): GameEvent[] {
  return answeringSinceLastDeed(fold, player).flatMap((a) => a.answers);
}
