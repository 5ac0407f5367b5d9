/**
 * What a refusal says to the player who was refused: which rule, which limit, by how much.
 */
import type { Content } from '../content/schema.ts';
import { topicOffered, type EventOf, type GameState } from '../engine/index.ts';
import { itemName, locationName, playerName } from './names.ts';
import { capitalise, counted, kilograms, listing, numberWord, placeName, pronounOf, waitText, withArticle, withThe, type Pronoun } from './words.ts';
import { laterProse } from './later-prose.ts';
import { partyRefusalText } from './party.ts';
import { LEFT_BEHIND_TEXT } from './moved-lines.ts';

type Refused = EventOf<'refused'>;

export function refusalText(content: Content, state: GameState, e: Refused): string {
  const d = e.detail;
  const item = d.item ? itemName(content, d.item) : undefined;
  const it = item ? withThe(item.name) : 'that';
  const tool = d.tool ? withArticle(itemName(content, d.tool).name) : 'the right tool';
  switch (e.reason) {
    case 'player/not-joined': return 'You are not in this world yet.';
    case 'player/already-joined': return 'You are already here.';
    case 'player/defeated-cooldown': return 'You are still catching your breath.';
    case 'name/taken': return 'That name is taken on this isle.';
    case 'examine/not-here': return "You can't see any such thing.";
    case 'move/no-exit': return `You can't go ${d.dir ?? 'that way'} from here.`;
    case 'move/locked': {
      const where = content.locations.get(e.location);
      const exit = where?.exits.find((x) => x.dir === d.dir);
      return `${exit?.lock?.locked ?? 'The way is locked.'} (You need ${tool}.)`;
    }
    case 'move/tide': case 'move/weather': case 'move/hour': {
      const exit = content.locations.get(e.location)?.exits.find((x) => x.dir === d.dir);
      return exit?.closed ?? `The way ${d.dir ?? 'there'} is closed ${e.reason === 'move/tide' ? 'by the tide' : e.reason === 'move/weather' ? 'by the weather' : 'at this hour'}.`;
    }
    case 'move/in-combat': return "You can't slip away in the middle of a fight. Finish it first.";
    case 'take/not-here': return item ? `There is no ${item.name} here (any more).` : "You can't see any such thing.";
    case 'take/not-portable': return "That's fixed in place.";
    case 'take/too-heavy': return `${capital(it)} would put you ${kilogramsOver(d.overBy)} over your carrying limit of ${kilograms(d.limit ?? 0)}.`;
    case 'take/no-slots': return `Your pack has no free slot for ${it} (${d.limit ?? '?'} slots, all in use).`;
    case 'take/not-enough': return `There ${d.have === 1 ? 'is' : 'are'} only ${d.have ?? 0} here.`;
    case 'drop/not-carried': return `You aren't carrying ${item ? withArticle(item.name) : 'that'}.`;
    case 'drop/not-enough': return `You only have ${d.have ?? 0}.`;
    case 'give/not-carried': return `You aren't carrying ${item ? withArticle(item.name) : 'that'}.`;
    case 'give/not-enough': return `You only have ${d.have ?? 0}.`;
    case 'give/no-recipient': return "There's nobody here by that name.";
    case 'give/too-heavy': return `${recipient(state, d.target)} can't carry that: ${kilogramsOver(d.overBy)} over their limit.`;
    case 'give/no-slots': return `${recipient(state, d.target)} has no free slot for it.`;
    case 'give/npc-declines': return `${capitalise(npcPronoun(content, d.target).subject)} politely ${npcPronoun(content, d.target).verb('decline')}.`;
    case 'equip/not-carried': return `You aren't carrying ${item ? withArticle(item.name) : 'that'}.`;
    case 'equip/not-equippable': return `You can't wear or wield ${it}.`;
    case 'equip/no-slots': return `Your pack has no free slot for what you would take off to wear ${it}.`;
    case 'equip/too-heavy': return `Swapping would put you ${kilogramsOver(d.overBy)} over your carrying limit.`;
    case 'unequip/too-heavy': return `Carrying ${it} in your pack would put you ${kilogramsOver(d.overBy)} over your limit.`;
    case 'unequip/not-equipped': return "You aren't wearing that.";
    case 'unequip/no-slots': return `Your pack has no free slot to put ${it} in.`;
    case 'use/not-carried': return `You aren't carrying ${item ? withArticle(item.name) : 'that'}.`;
    case 'use/nothing-happens': return `Nothing obvious happens.`;
    case 'use/no-lock': return `There is nothing here that ${it} would open.`;
    case 'use/not-learned': return `You haven't learned that yet (level ${d.need ?? '?'}).`;
    case 'use/no-sp': return `Not enough SP (${d.have ?? 0}, need ${d.need ?? '?'}).`;
    case 'use/no-mp': return `Not enough MP (${d.have ?? 0}, need ${d.need ?? '?'}).`;
    case 'use/full-health': return 'You are already at full health; nothing to mend.';
    case 'gather/tide': case 'gather/weather': case 'gather/hour':
      return (d.target !== undefined ? content.nodes.get(d.target)?.closed : undefined) ?? 'It cannot be gathered now; try again later.';
    case 'talk/away': case 'give/away': case 'trade/away': return awayText(content, d.target, d.place);
    case 'gather/no-node': return 'There is nothing like that to gather here.';
    case 'gather/no-tool': return `You need ${tool} to gather that.`;
    case 'gather/depleted': return `It has been picked clean; it will recover${d.readyAt !== undefined ? ` in ${waitText(d.readyAt - state.time)}` : ' in time'}.`;
    case 'gather/no-sp': return `You are too tired (${d.have ?? 0} SP, need ${d.need ?? '?'}). Rest a while.`;
    case 'gather/too-heavy': return `You couldn't carry it: ${kilogramsOver(d.overBy)} over your limit.`;
    case 'gather/no-slots': return 'Your pack has no free slot for it.';
    case 'craft/unknown-recipe': return "You don't know how to make that.";
    case 'craft/missing': return `You can't make that yet: you need ${missingText(content, d)}.`;
    case 'craft/no-sp': return `You are too tired to work (${d.have ?? 0} SP, need ${d.need ?? '?'}).`;
    case 'craft/too-heavy': return `You couldn't carry the result: ${kilogramsOver(d.overBy)} over your limit.`;
    case 'craft/no-slots': return 'Your pack has no free slot for the result.';
    case 'attack/no-enemy': return 'There is nothing here to fight.';
    case 'attack/unknown-skill': return "You don't know that skill.";
    case 'attack/not-learned': return `You haven't learned that yet (level ${d.need ?? '?'}).`;
    case 'attack/no-sp': return `Not enough SP (${d.have ?? 0}, need ${d.need ?? '?'}).`;
    case 'attack/no-mp': return `Not enough MP (${d.have ?? 0}, need ${d.need ?? '?'}).`;
    case 'talk/no-npc': return "There's nobody here by that name.";
    case 'talk/unknown-topic': {
      const they = npcPronoun(content, d.target);
      return `${capitalise(they.subject)} ${they.verb('have')} nothing to say about that. ${askAbout(content, state, d.target, e.player)}, or just talk to ${they.object}.`;
    }
    case 'rest/in-combat': return "You can't rest with an enemy at your throat.";
    case 'rest/too-soon': {
      const bed = [...content.locations.values()].find((l) => l.restful);
      const inn = bed ? ` A bed in ${placeName(locationName(content, bed.id))} would restore you fully.` : '';
      return `You rested out here not long ago, and you are too restless to rest again yet; try again in ${d.readyAt !== undefined ? waitText(d.readyAt - state.time) : 'a while'}.${inn}`;
    }
    case 'say/no-listener': return 'There is nobody on this part of the isle by that name to hear you.';
    case 'say/not-here': return `${recipient(state, d.target)} is not here to whisper to.`;
    case 'rate/too-fast': return `That is more than ${d.limit ?? 'a hundred'} things in one minute, faster than anyone can act on this isle; nothing happened. Catch your breath and try again in a moment.`;
    case 'moderation/moved': return LEFT_BEHIND_TEXT;
    case 'moderation/banned': return 'You are banished from this world: nothing you do here reaches it any more.';
    case 'moderation/muted': return 'You are silenced here: nobody hears what you say.';
    case 'moderation/already': return e.kind === 'mute' ? 'They are already silenced here.' : e.kind === 'mod' ? 'They are already a moderator here.' : 'They are already banished from this isle.';
    case 'moderation/not-so': return e.kind === 'unmute' ? 'They are not silenced here.' : e.kind === 'unmod' ? 'They are not a moderator here.' : 'They are not banished from this isle.';
    case 'moderation/not-moderator': return 'You are not a moderator of this isle (any more): nothing changes.';
    case 'moderation/owner-only': return "Only the isle's maker names moderators.";
    case 'moderation/protected': return "A moderator cannot ban or mute the isle's maker or another moderator.";
    case 'moderation/target-banned': return 'They are banished from this isle: UNBAN them first.';
    case 'retire/not-here': return 'There is nobody here from your old life to leave behind.';
    case 'rate/companion-too-fast': return 'A companion keeps to the pace of the people it plays beside; nothing happened. It can act again in a moment.';
    case 'trade/no-vendor': case 'trade/not-sold': case 'trade/sold-out': case 'trade/no-coin': case 'trade/not-wanted':
    case 'trade/not-carried': case 'trade/not-enough': case 'trade/too-heavy': case 'trade/no-slots': case 'trade/no-player':
    case 'trade/self': case 'trade/empty-offer': case 'trade/no-offer': case 'trade/they-lack': case 'trade/you-lack':
      return laterProse()?.trade.tradeRefusalText(content, state, e) ?? 'No trade: nothing changes hands.';
    case 'party/no-player': case 'party/self': case 'party/already-member': case 'party/already-joined': case 'party/in-another':
    case 'party/full': case 'party/no-invite': case 'party/not-in-party':
    case 'follow/not-here': case 'follow/self': case 'follow/already': case 'follow/not-following':
      return partyRefusalText(state, e) ?? "You can't do that.";
    case 'put/not-carried': case 'put/not-enough': case 'put/no-container': case 'put/closed': case 'put/full':
    case 'take/no-container': case 'take/closed': case 'take/not-in':
    case 'open/no-container': case 'open/no-lid': case 'open/already': case 'open/locked':
    case 'close/no-container': case 'close/no-lid': case 'close/already':
      return laterProse()?.containers.containerRefusalText(content, e) ?? 'Nothing moves.';
    default: {
      const unknown: never = e.reason;
      return `You can't do that (${String(unknown)}).`;
    }
  }
}

/** "Bram is at the Anchor Inn at this hour." */
export function awayText(content: Content, npc: string | undefined, place: string | undefined): string {
  const who = npc !== undefined ? content.npcs.get(npc)?.name ?? npc : 'They';
  return `${capitalise(who)} is ${place !== undefined ? `at ${placeName(locationName(content, place))}` : 'elsewhere'} at this hour.`;
}

export function missingText(content: Content, d: Refused['detail']): string {
  const m = d.missing;
  if (!m) return 'more than you have';
  const parts = m.inputs.map((i) => {
    const n = itemName(content, i.item);
    const short = i.need - i.have;
    // "two kelp fronds" when there are none to add to; "one more kelp frond (you have one)" else.
    if (i.have === 0) return counted(short, n.name, n.plural);
    return `${numberWord(short)} more ${short === 1 ? n.name : n.plural} (you have ${numberWord(i.have)})`;
  });
  for (const t of m.tools) parts.push(`${withArticle(itemName(content, t).name)} at hand`);
  if (m.station) {
    const station = content.stations.get(m.station);
    const where = station ? ` (in ${placeName(locationName(content, station.location))})` : '';
    parts.push(`to be at ${withThe(station?.name ?? m.station)}${where}`);
  }
  return listing(parts);
}

/** "Ask about lamp, tidekeeper, stone or copper": the first keyword of a few topics the NPC offers now. */
export function askAbout(content: Content, state: GameState, id: string | undefined, player?: string): string {
  const npc = id === undefined ? undefined : content.npcs.get(id);
  const offered = (npc?.topics ?? []).filter((tp) => topicOffered(content, state, player === undefined ? undefined : state.players[player], tp));
  const words = [...new Set(offered.map((tp) => tp.keywords[0] ?? '').filter(Boolean))].slice(0, 4);
  if (words.length === 0) return 'Try asking about something else';
  const list = words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
  return `Ask about ${list}`;
}

function recipient(state: GameState, id: string | undefined): string {
  return id ? playerName(state, id) : 'They';
}

function kilogramsOver(grams: number | undefined): string {
  return kilograms(grams ?? 0);
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}


/** The pronoun content gives an NPC; "they" for anyone else. */
function npcPronoun(content: Content, id: string | undefined): Pronoun {
  return pronounOf(id === undefined ? undefined : content.npcs.get(id)?.pronouns);
}
