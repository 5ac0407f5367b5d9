/**
 * Moderation in words (issue 19): what the owner or a moderator reads after BAN, UNBAN, MUTE,
 * UNMUTE, MOD, UNMOD, and what the player moderated and those beside them read. Loaded after the
 * first screen (later-prose.ts): nobody is moderated before the page has opened.
 */
import type { EventOf, ModerationKind } from '../engine/index.ts';
import { line, type ProseLine } from './prose.ts';
export { WORLD_MOVED_TEXT } from './moved-lines.ts';

/** What the owner (or a moderator) reads after moderating someone. */
export function moderatedText(what: ModerationKind, name: string): string {
  switch (what) {
    case 'mod': return `${name} is now a moderator of this isle: they may ban, unban, mute and unmute players. (UNMOD takes it back.)`;
    case 'unmod': return `${name} is no longer a moderator of this isle.`;
    case 'ban': return `${name} is banished from this isle: their character leaves the world, and nothing they do reaches it any more. (UNBAN lifts it.)`;
    case 'unban': return `${name} may come back to this isle.`;
    case 'mute': return `${name} is silenced on this isle: nobody hears what they say. (UNMUTE lifts it.)`;
    case 'unmute': return `${name} may speak again on this isle.`;
  }
}

/** What a moderated player reads (`byModerator`: one of the moderators did it, not the maker). */
export function moderatedYou(what: ModerationKind, byModerator: boolean): string {
  const who = byModerator ? "One of the isle's moderators" : "The isle's maker";
  switch (what) {
    case 'ban': return `${who} has banished you from this world.`;
    case 'unban': return `${who} lets you come back to this world.`;
    case 'mute': return `${who} has silenced you here: nobody hears what you say.`;
    case 'unmute': return `${who} lets you speak again.`;
    case 'mod': return "The isle's maker names you a moderator: you may ban, unban, mute and unmute players (MEMBERS lists them).";
    case 'unmod': return "The isle's maker takes back your moderator's role.";
  }
}

/** The `moderated` event as someone other than its author reads it. */
export function moderatedOtherLines(e: EventOf<'moderated'>, viewer: string): ProseLine[] {
  if (e.target === viewer) return [line('system', moderatedYou(e.what, e.by !== undefined))];
  if (e.what !== 'ban' || e.name === undefined) return [];
  return [line('other', `${e.name} is banished from the isle by ${e.by === undefined ? 'its maker' : 'one of its moderators'}, and is gone.`)];
}
