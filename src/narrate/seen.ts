/**
 * What the viewer saw others do, in the third person ("Ana gathers two moonpetals."), and what a
 * spectator sees (narrateWatched), and a TELL heard from afar. Loaded after the web app's first
 * paint with the rest of later-prose.ts: the first screen tells only the player's own arrival, and
 * news waits for this prose (Session.pollNews), so nobody reads a line in its place.
 */
import type { Content } from '../content/schema.ts';
import type { GameEvent, GameState } from '../engine/index.ts';
import { companionLabel, enemyName, itemName, locationName, nodeName, npcName, playerName, recipientName, skillName } from './names.ts';
import { line, type ProseLine } from './prose.ts';
import { defeatText } from './combat.ts';
import { mechanismLines, narrateQuestEvent, togetherLines, workedLines } from './quests.ts';
import { rewardLines } from './rewards.ts';
import { otherEmote } from './speech.ts';
import { containerOtherLines } from './containers.ts';
import { tradeOtherLines } from './trade.ts';
import { partyOtherLines } from './party.ts';
import { moderatedOtherLines, WORLD_MOVED_TEXT } from './moderation.ts';
import { capitalise, counted, placeName, thirdPerson, withThe } from './words.ts';

const OPPOSITE: Readonly<Record<string, string>> = {
  north: 'the south', south: 'the north', east: 'the west', west: 'the east',
  northeast: 'the southwest', southwest: 'the northeast', northwest: 'the southeast', southeast: 'the northwest',
  up: 'below', down: 'above', in: 'outside', out: 'inside',
};

/**
 * Events as a spectator sees them (a world opened with its watch link, docs/links.md): everyone's
 * deeds and public speech in the zones their client holds, each told with the place it happened;
 * private speech and refusals are nobody's business but the players'.
 */
export function narrateWatched(content: Content, state: GameState, events: readonly GameEvent[], nameOf?: (player: string) => string | undefined): ProseLine[] {
  const out: ProseLine[] = [];
  for (const e of events) {
    if (e.type === 'refused' || (e.type === 'said' && e.to !== undefined)) continue;
    const told = narrateSeen(content, state, e, '', nameOf);
    const where = content.locations.get(e.location)?.name;
    if (told.length > 0 && where !== undefined) told[0] = { ...told[0]!, text: `${where}: ${told[0]!.text}` };
    out.push(...told);
  }
  return out;
}

/** Another player's event as `viewer` saw it (events.ts has checked that they did). */
export function narrateSeen(content: Content, state: GameState, e: GameEvent, viewer: string, nameOf?: (player: string) => string | undefined): ProseLine[] {
  const who = state.players[e.player] ? playerName(state, e.player) : (nameOf?.(e.player) ?? playerName(state, e.player));
  const did = (verb: string, rest: string) => [line('other', `${who} ${thirdPerson(verb)} ${rest}.`)];
  const item = (id: string, qty: number) => { const n = itemName(content, id); return counted(qty, n.name, n.plural); };
  switch (e.type) {
    case 'joined': {
      const companion = companionLabel(state, e.player, viewer, nameOf);
      return [line('other', `${e.name}${companion === null ? '' : `, ${companion},`} arrives on the isle.`)];
    }
    case 'renamed': return [line('other', `${e.from} is now known as ${e.to}.`)];
    case 'retired': return [line('other', `${e.name} fades from the isle like a figure in sea mist, and is gone.`)];
    case 'moderated': return moderatedOtherLines(e, viewer);
    case 'world-moved': return [line('system', WORLD_MOVED_TEXT)];
    case 'moved': {
      const me = state.players[viewer];
      if (me?.location === e.to) return [line('other', `${who} arrives from ${OPPOSITE[e.dir] ?? 'somewhere'}.`)];
      return [line('other', `${who} goes ${e.dir}.`)];
    }
    case 'unlocked': return [line('other', `${who} opens the way ${e.dir}.`)];
    case 'took': return e.from === undefined ? did('take', item(e.item, e.qty)) : containerOtherLines(content, e, who);
    case 'put': case 'container-opened': case 'container-closed': return containerOtherLines(content, e, who);
    case 'dropped': return did('drop', item(e.item, e.qty));
    case 'gave': return e.to === viewer
      ? [line('other', `${who} gives you ${item(e.item, e.qty)}.`)]
      : did('give', `${item(e.item, e.qty)} to ${recipientName(content, state, e.to)}`);
    case 'equipped': return did('equip', withThe(itemName(content, e.item).name));
    case 'consumed': return did(content.items.get(e.item)?.consumable?.verb ?? 'use', (e.qty ?? 1) > 1 ? item(e.item, e.qty!) : withThe(itemName(content, e.item).name));
    case 'gathered': return did('gather', `${item(e.item, e.qty)} from ${withThe(nodeName(content, e.node).name)}`);
    case 'crafted': return did('craft', item(e.item, e.qty));
    case 'attacked': return did('attack', `${withThe(enemyName(content, e.enemy).name)}${e.skill ? ` with ${skillName(content, e.skill)}` : ''}`);
    case 'enemy-defeated': return [...did('defeat', withThe(enemyName(content, e.enemy).name)), line('other', defeatText(content, e.enemy)), ...rewardLines(content, state, e, viewer)];
    case 'level-up': return [line('other', `${who} looks more seasoned (level ${e.level}).`)];
    case 'ambushed': return [line('other', `${capitalise(withThe(enemyName(content, e.enemy).name))} falls on ${who}!`)];
    case 'player-defeated': return [line('other', `${who} falls to ${withThe(enemyName(content, e.by).name)}.`)];
    case 'revived': return [line('other', `${who} is carried in, bruised from a lost fight, and comes round.`)];
    case 'said': {
      if (e.to !== undefined) return [line('speech', privateHeard(content, state, e, viewer))];
      const me = state.players[viewer];
      const from = me && me.location !== e.location ? ` from ${placeName(locationName(content, e.location))}` : '';
      return [line('speech', `${who} ${e.shout ? 'shouts' : 'says'}${from}, "${e.text}"`)];
    }
    case 'emoted': return [line('speech', otherEmote(e.text, who))];
    case 'talked': return did('talk', `with ${npcName(content, e.npc)}`);
    case 'rested': return did('rest', 'a while');
    case 'delivered': case 'quest-progress': case 'quest-stage-done': return narrateQuestEvent(content, state, e, viewer);
    case 'worked': return workedLines(content, state, e, viewer);
    case 'mechanism': return mechanismLines(content, state, e, viewer);
    case 'together-part': return togetherLines(content, state, e, viewer);
    case 'bought': case 'sold': case 'wares-shown': case 'offered': case 'traded': case 'declined':
      return tradeOtherLines(content, state, e, viewer, who);
    case 'party-invited': case 'party-joined': case 'party-left': case 'following': case 'unfollowed':
      return partyOtherLines(state, e, viewer, who);
    default: return [];
  }
}

/** What the one spoken to reads, or (a whisper) what those beside see without hearing it. */
function privateHeard(content: Content, state: GameState, e: Extract<GameEvent, { type: 'said' }>, viewer: string): string {
  const who = playerName(state, e.player);
  if (e.to !== viewer) return `${who} whispers something to ${playerName(state, e.to!)}.`;
  if (e.whisper) return `${who} whispers to you, "${e.text}"`;
  const me = state.players[viewer];
  const from = me && me.location !== e.location ? ` from ${placeName(locationName(content, e.location))}` : '';
  return `${who} tells you${from}, "${e.text}"`;
}

/** A TELL from a player in another part of the isle: "Bo tells you from the Village, "..."". */
export function heardFromAfar(content: Content, name: string, zone: string | null, text: string): ProseLine {
  const where = zone === null ? undefined : content.zones.get(zone)?.name;
  return line('speech', `${name} tells you ${where ? `from the ${where}` : 'from afar'}, "${text}"`);
}
