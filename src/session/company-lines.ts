/**
 * The answer to PARTY (an errand: loaded after the first screen, with ./errands.ts): who is in the
 * party and where, whom the player follows and who follows them, an invitation waiting.
 *
 *   partyLines(content, state, me, at)   // ProseLine[]
 */
import type { Content } from '../content/schema.ts';
import type { GameState } from '../engine/index.ts';
import { line, type ProseLine } from '../narrate/index.ts';
import { locationName } from '../narrate/names.ts';
import { listing, placeName } from '../narrate/words.ts';
import { partyOf } from './company.ts';

/** PARTY: who is in it and where, whom you follow and who follows you, an invitation waiting. */
export function partyLines(content: Content, state: GameState, viewer: string, at: number): ProseLine[] {
  const p = partyOf(state, viewer, at);
  const out: ProseLine[] = [];
  if (p.id === null) {
    out.push(line('body', 'You are not in a party. PARTY INVITE someone here to form one: members who stand together when an enemy falls share its EXP and spoils.'));
  } else {
    const others = p.members.filter((m) => m.id !== viewer);
    const where = others.map((m) => `${m.name} (${m.here ? 'here' : placeName(locationName(content, m.location))})`);
    out.push(line('body', others.length === 0
      ? 'Your party is just you so far. PARTY INVITE someone here to join it.'
      : `In your party: you, ${listing(where)}. Members elsewhere on the isle are not seen from here.`));
  }
  if (p.invitation) out.push(line('note', `${p.invitation.name ?? 'Someone'} has asked you to join a party: PARTY JOIN to accept.`));
  if (p.following) out.push(line('note', `You are following ${p.following.name ?? 'someone who is elsewhere on the isle'}. (STOP FOLLOWING to walk your own way.)`));
  if (p.followers.length > 0) out.push(line('note', `${listing(p.followers.map((f) => f.name))} ${p.followers.length === 1 ? 'follows' : 'follow'} you.`));
  return out;
}
