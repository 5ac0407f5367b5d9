/**
 * Who hears of a party deed (read for every event, before any prose is loaded): the prose itself
 * is in ./party.ts, which loads after the first screen with the rest of ./later-prose.ts.
 */
import type { GameEvent, GameState, PartyEvent } from '../engine/index.ts';

/** Whether a viewer not in the room hears of it: the one invited or followed, or a fellow member. */
export function hearsOfParty(state: GameState, e: PartyEvent, viewer: string): boolean {
  const party = state.players[viewer]?.party;
  switch (e.type) {
    case 'party-invited': return e.to === viewer;
    case 'party-joined': case 'party-left': return party === e.party;
    case 'following': case 'unfollowed': return false;
  }
}

export function isPartyEvent(e: GameEvent): e is PartyEvent {
  return e.type === 'party-invited' || e.type === 'party-joined' || e.type === 'party-left' || e.type === 'following' || e.type === 'unfollowed';
}
