// An answer to one's own offer that one did not see given (issue 17): which deeds count (the
// other players' answers after one's own last deed in the zone), and how each is told.
import { describe, expect, it } from 'vitest';
import type { GameEvent } from '../../src/engine/index.ts';
import { loadLaterProse, laterProse } from '../../src/narrate/later-prose.ts';
import { answersSinceLastDeed } from '../../src/session/offer-answers.ts';
import { vetrellis } from '../golden/transcript.ts';

const content = vetrellis();
const traded: GameEvent = {
  type: 'traded', player: 'bo', with: 'ana', location: 'harbor-quay',
  gave: { items: [{ item: 'healing-draught', qty: 1 }], coin: 0 }, got: { items: [{ item: 'oilskin-coat', qty: 1 }], coin: 0 },
};
const declined: GameEvent = { type: 'declined', player: 'bo', from: 'ana', to: 'bo', location: 'harbor-quay' };
const withdrawn: GameEvent = { type: 'declined', player: 'ana', from: 'ana', to: 'bo', withdrawn: true, location: 'harbor-quay' };

/** A zone's fold as the session reads it: entries by player, each with its events. */
function folded(...entries: [string, GameEvent[]][]) {
  return { entries: entries.map(([player]) => ({ player })), eventsAt: (i: number) => entries[i]![1] };
}

describe('answers to an offer the offerer did not see', () => {
  it('counts the others\' answers after her own last deed, not before it, and not her own withdrawal', () => {
    expect(answersSinceLastDeed(folded(['ana', []], ['bo', [traded]]), 'ana')).toEqual([traded]);
    // She acted after Bo answered: she saw it then.
    expect(answersSinceLastDeed(folded(['ana', []], ['bo', [traded]], ['ana', []]), 'ana')).toEqual([]);
    expect(answersSinceLastDeed(folded(['ana', [withdrawn]], ['bo', [declined]]), 'ana')).toEqual([declined]);
    // Someone who never acted here had nothing answered here.
    expect(answersSinceLastDeed(folded(['bo', [traded]]), 'ana')).toEqual([]);
    // Bo's own view of his acceptance is no news to him.
    expect(answersSinceLastDeed(folded(['bo', []], ['bo', [traded]]), 'bo')).toEqual([]);
  });

  it('tells a taken offer and a declined one, away or from a place left', async () => {
    await loadLaterProse();
    const told = (e: GameEvent, when: 'away' | 'elsewhere') => laterProse()!.trade.offerAnsweredLines(content, e, when, 'Bo').map((l) => l.text);
    expect(told(traded, 'away')).toEqual(['Bo accepted your offer while you were away: you handed over an oilskin coat and received a healing draught.']);
    expect(told(traded, 'elsewhere')).toEqual(['Bo accepted your offer at the Harbor of Vetrellis before you left: you handed over an oilskin coat and received a healing draught.']);
    expect(told(declined, 'away')).toEqual(['Bo declined your offer while you were away.']);
    expect(told(declined, 'elsewhere')).toEqual(['Bo declined your offer at the Harbor of Vetrellis before you left.']);
  });
});
