/**
 * Company in prose: parties and following, for the one who did it, the one it was done with,
 * fellow members and anyone else in the room ("Ana invites you into her party. PARTY JOIN to
 * accept."; "You fall in behind Bo."), and what a `party/...` or `follow/...` refusal says.
 *
 *   partyOwnLines(state, event)           // "You join Ana's party. ..."
 *   partyOtherLines(state, event, viewer) // "Bo joins your party."
 */
import type { EventOf, GameEvent, GameState, PartyEvent } from '../engine/index.ts';
import { playerName } from './names.ts';
import { line, type ProseLine } from './prose.ts';

export function partyOwnLines(state: GameState, e: PartyEvent): ProseLine[] {
  switch (e.type) {
    case 'party-invited': {
      const who = playerName(state, e.to);
      return [
        line('body', e.formed ? `You gather a party of your own and ask ${who} to join it.` : `You ask ${who} to join your party.`),
        line('note', `(${who} can PARTY JOIN within five minutes. Members who stand together when an enemy falls share its EXP and spoils.)`),
      ];
    }
    case 'party-joined': return [
      line('body', `You join ${playerName(state, e.from)}'s party.`),
      line('note', '(Members who stand together when an enemy falls share its EXP and spoils. PARTY shows who is in it; PARTY LEAVE leaves it.)'),
    ];
    case 'party-left': return [line('body', 'You leave the party and go your own way.')];
    case 'following': return [line('body', `${e.instead !== undefined ? `You stop following ${playerName(state, e.instead)} and` : 'You'} fall in behind ${playerName(state, e.target)}: where ${playerName(state, e.target)} goes, you go. (STOP FOLLOWING to walk your own way.)`)];
    case 'unfollowed': return [line('body', `You stop following ${playerName(state, e.target)}.`)];
  }
}

export function partyOtherLines(state: GameState, e: PartyEvent, viewer: string, who: string): ProseLine[] {
  switch (e.type) {
    case 'party-invited':
      if (e.to !== viewer) return [line('other', `${who} asks ${playerName(state, e.to)} to join a party.`)];
      return [line('other', `${who} asks you to join ${e.formed ? 'a new' : 'their'} party.`), line('note', '(PARTY JOIN to accept, within five minutes; or let it lapse.)')];
    case 'party-joined':
      if (state.players[viewer]?.party === e.party) return [line('other', `${who} joins your party.`)];
      return [line('other', `${who} joins ${playerName(state, e.from)}'s party.`)];
    case 'party-left':
      if (state.players[viewer]?.party === e.party) return [line('other', `${who} leaves your party.`)];
      return [];
    case 'following': return [line('other', e.target === viewer ? `${who} falls in behind you.` : `${who} falls in behind ${playerName(state, e.target)}.`)];
    case 'unfollowed': return e.target === viewer ? [line('other', `${who} stops following you.`)] : [];
  }
}

/** What a `party/...` or `follow/...` refusal says to the player refused. */
export function partyRefusalText(state: GameState, e: EventOf<'refused'>): string | undefined {
  const target = e.detail.target;
  const them = target !== undefined && state.players[target] ? playerName(state, target) : undefined;
  switch (e.reason) {
    case 'party/no-player': return e.detail.target === undefined ? 'Whom do you want in your party? PARTY INVITE and a name.' : 'There is nobody on this part of the isle by that name to invite.';
    case 'party/self': return 'You are always in your own company.';
    case 'party/already-member': return `${them ?? 'They'} ${them ? 'is' : 'are'} already in your party.`;
    case 'party/already-joined': return 'You are already in that party.';
    case 'party/in-another': return `You are already in a party. PARTY LEAVE first, then join ${them ?? 'the new one'}.`;
    case 'party/full': return `That party is full: ${e.detail.limit ?? 6} is as many as can share a fight.`;
    case 'party/no-invite': return them !== undefined
      ? `${them} has not asked you into a party (an invitation lapses after five minutes).`
      : 'Nobody has asked you into a party (an invitation lapses after five minutes). PARTY INVITE someone to form your own.';
    case 'party/not-in-party': return 'You are not in a party. PARTY INVITE someone to form one.';
    case 'follow/not-here': return them !== undefined ? `${them} is not here to follow.` : 'There is nobody here by that name to follow.';
    case 'follow/self': return 'You turn round once, and find yourself right behind you.';
    case 'follow/already': return `You are already following ${them ?? 'them'}.`;
    case 'follow/not-following': return 'You are not following anyone.';
    default: return undefined;
  }
}
