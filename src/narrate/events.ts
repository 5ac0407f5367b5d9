/**
 * Events become prose for one viewer: second person for the viewer's own deeds ("You gather two
 * moonpetals."), third person for what the viewer saw others do ("Ana gathers two moonpetals."),
 * nothing for what happened out of sight.
 *
 *   const lines = narrateEvents(content, stateAfter, events, viewerId, at);
 *   narrateEvents(content, stateAfter, events, viewerId, at, awake); // a shared world: who is playing
 */
import type { Content } from '../content/schema.ts';
import { playerStats, type EventOf, type GameEvent, type GameState } from '../engine/index.ts';
import { companionLabel, effectName, enemyName, itemName, locationName, nodeName, npcName, playerName, skillName } from './names.ts';
import { line, type ProseLine } from './prose.ts';
import { defeatText, enemyHitText, enemyMissText } from './combat.ts';
import { mechanismLines, narrateQuestEvent, togetherLines, workedLines } from './quests.ts';
import { rewardLines } from './rewards.ts';
import { hearsOfParty, isPartyEvent } from './party-hears.ts';
import { laterProse } from './later-prose.ts';
import { describeRoom, type AwakePlayers } from './room.ts';
import { otherEmote, ownEmote } from './speech.ts';
import { capitalise, counted, countedThe, listing, placeName, slotName, thirdPerson, withThe } from './words.ts';

const OPPOSITE: Readonly<Record<string, string>> = {
  north: 'the south', south: 'the north', east: 'the west', west: 'the east',
  northeast: 'the southwest', southwest: 'the northeast', northwest: 'the southeast', southeast: 'the northwest',
  up: 'below', down: 'above', in: 'outside', out: 'inside',
};

/**
 * `nameOf`: names of players no longer in `state` (one who walked into another zone is gone from
 * this zone's state by the time others hear them leave), as the world's roster knows them.
 */
export function narrateEvents(
  content: Content, state: GameState, events: readonly GameEvent[], viewer: string, at: number, awake?: AwakePlayers,
  nameOf?: (player: string) => string | undefined,
): ProseLine[] {
  const out: ProseLine[] = [];
  for (const e of events) {
    if (e.player === viewer) out.push(...narrateOwn(content, state, e, viewer, at, awake));
    else if (sees(content, state, e, viewer)) out.push(...narrateOther(content, state, e, viewer, nameOf));
  }
  return out;
}

/**
 * Events as a spectator sees them (a world opened with its watch link, docs/links.md): everyone's
 * deeds and public speech in the zones their client holds, each told with the place it happened;
 * private speech and refusals are nobody's business but the players'.
 */
export function narrateWatched(content: Content, state: GameState, events: readonly GameEvent[], nameOf?: (player: string) => string | undefined): ProseLine[] {
  const out: ProseLine[] = [];
  for (const e of events) {
    if (e.type === 'refused' || (e.type === 'said' && e.to !== undefined)) continue;
    const told = narrateOther(content, state, e, '', nameOf);
    const where = content.locations.get(e.location)?.name;
    if (told.length > 0 && where !== undefined) told[0] = { ...told[0]!, text: `${where}: ${told[0]!.text}` };
    out.push(...told);
  }
  return out;
}

/** Whether a viewer witnessed another player's event. */
function sees(content: Content, state: GameState, e: GameEvent, viewer: string): boolean {
  // Moderation of the viewer reaches them wherever they are, a banished player (no character now) too.
  if (e.type === 'moderated' && e.target === viewer) return true;
  const me = state.players[viewer];
  if (!me) return false;
  if (e.type === 'gave' && e.to === viewer) return true;
  // Private speech: heard by the one spoken to; a whisper is seen (not heard) by those beside.
  if (e.type === 'said' && e.to !== undefined) return e.to === viewer || (e.whisper === true && me.location === e.location);
  if (e.type === 'said') return content.locations.get(me.location)?.zone === content.locations.get(e.location)?.zone;
  if (e.type === 'moved') return me.location === e.location || me.location === e.to;
  // A part of a together objective is heard across the zone: the partner may be at the other lever.
  if (e.type === 'together-part') return content.locations.get(me.location)?.zone === content.locations.get(e.location)?.zone;
  if (isPartyEvent(e) && hearsOfParty(state, e, viewer)) return true;
  return me.location === e.location;
}

/** An answer whose prose has not loaded (later-prose.ts: only if its code could not be fetched). */
const STILL_LOADING: ProseLine = line('system', 'That answer has not reached this device yet; try again in a moment.');

function narrateOwn(content: Content, state: GameState, e: GameEvent, viewer: string, at: number, awake: AwakePlayers | undefined): ProseLine[] {
  const item = (id: string, qty: number) => { const n = itemName(content, id); return counted(qty, n.name, n.plural); };
  const itemThe = (id: string, qty: number) => { const n = itemName(content, id); return countedThe(qty, n.name, n.plural); };
  switch (e.type) {
    case 'refused': return [line('refusal', laterProse()?.refusals.refusalText(content, state, e) ?? STILL_LOADING.text)];
    case 'joined': return [
      ...(e.asked !== undefined ? [line('system', `The name ${e.asked} is taken on this isle, so you are known here as ${e.name}. (NAME changes it.)`)] : []),
      line('body', `You step onto Vetrellis Isle as ${e.name}.`), ...describeRoom(content, state, viewer, at, awake, true),
    ];
    case 'renamed': return [line('system', `You are now known as ${e.to}.`)];
    case 'retired': return [line('system', `The ${e.name} you were fades from the isle, and everything that ${e.name} carried goes with them.`)];
    case 'moderated': return [line('system', laterProse()?.moderation.moderatedText(e.what, e.name ?? 'That player') ?? STILL_LOADING.text)];
    case 'looked': return describeRoom(content, state, viewer, at, awake);
    case 'examined': return laterProse()?.details.describeThing(content, state, viewer, e.target, at, e.what) ?? [STILL_LOADING];
    case 'moved': return [line('note', `You go ${e.dir}.`), ...describeRoom(content, state, viewer, at, awake, true)];
    case 'unlocked': return [line('body', unlockText(content, e.location, e.dir))];
    case 'took': return [line('body', `You take ${itemThe(e.item, e.qty)}${e.from !== undefined ? ` from ${laterProse()?.containers.containerThe(content, e.from) ?? 'it'}` : ''}.`)];
    case 'put': case 'container-opened': case 'container-closed':
      return laterProse()?.containers.containerOwnLines(content, state, e) ?? [STILL_LOADING];
    case 'dropped': return [line('body', `You drop ${itemThe(e.item, e.qty)}.`)];
    case 'gave': return [line('body', `You give ${itemThe(e.item, e.qty)} to ${recipientName(content, state, e.to)}.`)];
    case 'inventory-shown': return laterProse()?.details.describeInventory(content, state, viewer) ?? [STILL_LOADING];
    case 'status-shown': return laterProse()?.details.describeStatus(content, state, viewer) ?? [STILL_LOADING];
    case 'equipped': {
      const replaced = e.replaced ? ` You put ${withThe(itemName(content, e.replaced).name)} in your pack.` : '';
      return [line('body', `You ${e.slot === 'mainHand' || e.slot === 'offHand' ? 'ready' : 'put on'} ${withThe(itemName(content, e.item).name)} (${slotName(e.slot)}).${replaced}`)];
    }
    case 'unequipped': return [line('body', `You take off ${withThe(itemName(content, e.item).name)} and stow it.`)];
    case 'consumed': return [line('body', consumedText(content, state, e, viewer))];
    case 'effect-started': {
      const effect = content.effects.get(e.effect);
      const name = effectName(content, e.effect).toLowerCase();
      if (e.enemy) return [line('combat', `${capitalise(withThe(enemyName(content, e.enemy).name))} is ${e.renewed ? 'still ' : ''}${name} (${e.turns} turns).`)];
      // An affliction is told when it starts; a blow that renews it adds nothing the player needs
      // each turn (STATUS shows the turns left). A buff the player renews is their own doing.
      if (effect?.kind === 'debuff') return e.renewed ? [] : [line('combat', `You are afflicted: ${name} (${e.turns} turns).`)];
      return [line('reward', `You feel ${name}${e.renewed ? ' again' : ''} (${e.turns} turns).`)];
    }
    case 'effect-ended': return [line('note', `${capitalise(effectName(content, e.effect))} wears off${e.enemy ? ` ${withThe(enemyName(content, e.enemy).name)}` : ''}.`)];
    case 'effect-ticked': {
      const text = gains(e).trim();
      const on = e.enemy ? ` (${enemyName(content, e.enemy).name})` : '';
      return text ? [line(e.hp < 0 ? 'combat' : 'note', `${capitalise(effectName(content, e.effect))}${on}: ${text.slice(1, -1)}.`)] : [];
    }
    case 'gathered': return [line('body', gatheredText(content, e))];
    case 'crafted': return [line('reward', `You craft ${item(e.item, e.qty)}.`)];
    case 'attacked': {
      const foe = withThe(enemyName(content, e.enemy).name);
      const how = e.skill ? `You use ${skillName(content, e.skill)} on ${foe}` : `You strike ${foe}`;
      return [line('combat', `${how} for ${e.damage} damage${e.enemyHp > 0 ? ` (${e.enemyHp} HP left)` : ''}.`)];
    }
    case 'healed-self': return [line('reward', `${capitalise(skillName(content, e.skill))} restores ${e.hp} HP.`)];
    case 'enemy-attacked': {
      const me = state.players[viewer];
      const max = me ? `/${playerStats(content, me).maxHp}` : '';
      return [line('combat', enemyHitText(content, e.enemy, e.damage, e.hp, max))];
    }
    case 'ambushed': {
      const foe = content.enemies.get(e.enemy);
      return [line('combat', `${capitalise(withThe(enemyName(content, e.enemy).name))} ${foe?.ambushes ?? 'comes at you before you can draw breath'}!`)];
    }
    case 'enemy-missed': return [line('combat', enemyMissText(content, e.enemy, (state.players[viewer]?.hp ?? 0) + Math.floor(at / 1000)))];
    case 'enemy-defeated': {
      return [line('combat', defeatText(content, e.enemy)), ...rewardLines(content, state, e, viewer)];
    }
    case 'loot-dropped': return [line('note', `Your pack is full: ${item(e.item, e.qty)} ${e.qty === 1 ? 'falls' : 'fall'} to the ground.`)];
    case 'level-up': return [line('reward', `You reach level ${e.level}! You feel stronger.`)];
    case 'player-defeated': return [
      line('combat', `${capitalise(withThe(enemyName(content, e.by).name))} knocks you down. Everything goes dark.`),
      line('body', `You wake in ${placeName(locationName(content, e.respawn))}, bruised${e.expLost > 0 ? ` and ${e.expLost} EXP poorer` : ''}.`),
      ...describeRoom(content, state, viewer, at, awake, true),
    ];
    // Told with the defeat ("You wake in ..."); the arrival in the respawn's zone adds nothing.
    case 'revived': return [];
    case 'said': return [line('speech', e.to !== undefined ? privateOwn(state, e) : `You ${e.shout ? 'shout' : 'say'}, "${e.text}"`)];
    case 'emoted': return [line('speech', ownEmote(e.text, playerName(state, e.player)))];
    case 'talked': {
      const who = capitalise(npcName(content, e.npc));
      const gift = e.gave ? [line('reward', `${who} gives you ${item(e.gave.item, e.gave.qty)}.`)] : [];
      return [line('speech', `${who} says, "${e.text}"`), ...gift];
    }
    case 'rested': return [line('body', `You rest a while.${gains(e)}`)];
    case 'waited': return [line('note', 'Time passes.')];
    case 'worked': return workedLines(content, state, e, viewer);
    case 'mechanism': return mechanismLines(content, state, e, viewer);
    case 'together-part': return togetherLines(content, state, e, viewer);
    case 'delivered': case 'quest-started': case 'quest-progress': case 'quest-stage-done': case 'quest-done':
      return narrateQuestEvent(content, state, e, viewer);
    case 'bought': case 'sold': case 'wares-shown': case 'offered': case 'traded': case 'declined':
      return laterProse()?.trade.tradeOwnLines(content, state, e, viewer, at) ?? [line('system', 'Trade done.')];
    case 'party-invited': case 'party-joined': case 'party-left': case 'following': case 'unfollowed':
      return laterProse()?.party.partyOwnLines(state, e) ?? [line('system', 'Done.')];
    default: {
      const unknown: never = e;
      return [line('system', `(Something happened: ${(unknown as GameEvent).type}.)`)];
    }
  }
}

function narrateOther(content: Content, state: GameState, e: GameEvent, viewer: string, nameOf?: (player: string) => string | undefined): ProseLine[] {
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
    case 'moderated': return laterProse()?.moderation.moderatedOtherLines(e, viewer) ?? (e.target === viewer ? [line('system', 'You were moderated on this isle (MEMBERS shows how).')] : []);
    case 'moved': {
      const me = state.players[viewer];
      if (me?.location === e.to) return [line('other', `${who} arrives from ${OPPOSITE[e.dir] ?? 'somewhere'}.`)];
      return [line('other', `${who} goes ${e.dir}.`)];
    }
    case 'unlocked': return [line('other', `${who} opens the way ${e.dir}.`)];
    case 'took': return e.from === undefined ? did('take', item(e.item, e.qty)) : laterProse()?.containers.containerOtherLines(content, e, who) ?? [];
    case 'put': case 'container-opened': case 'container-closed': return laterProse()?.containers.containerOtherLines(content, e, who) ?? [];
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
      return laterProse()?.trade.tradeOtherLines(content, state, e, viewer, who) ?? [line('other', `${who} trades.`)];
    case 'party-invited': case 'party-joined': case 'party-left': case 'following': case 'unfollowed':
      return laterProse()?.party.partyOtherLines(state, e, viewer, who) ?? [line('other', `${who} keeps company.`)];
    default: return [];
  }
}

/** "You whisper to Ana, "..."" / "You tell Ana, "..."". */
function privateOwn(state: GameState, e: Extract<GameEvent, { type: 'said' }>): string {
  const to = playerName(state, e.to!);
  return e.whisper ? `You whisper to ${to}, "${e.text}"` : `You tell ${to}, "${e.text}"`;
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

/**
 * "You eat the sea biscuit. (+3 SP)" / "You eat three sea biscuits (+9 SP)." and, when fewer than
 * asked: "...; no more would do you any good, so you keep the rest." or "...; that was all you had."
 */
function consumedText(content: Content, state: GameState, e: EventOf<'consumed'>, viewer: string): string {
  const verb = content.items.get(e.item)?.consumable?.verb ?? 'use';
  const n = itemName(content, e.item);
  const qty = e.qty ?? 1;
  if (qty === 1 && e.asked === undefined) return `You ${verb} ${withThe(n.name)}.${gains(e)}`;
  const left = state.players[viewer]?.inventory.filter((s) => s.item === e.item).reduce((k, s) => k + s.qty, 0) ?? 0;
  const note = e.asked === undefined ? '' : left > 0 ? '; no more would do you any good, so you keep the rest' : '; that was all you had';
  return `You ${verb} ${qty === 1 ? withThe(n.name) : counted(qty, n.name, n.plural)}${gains(e)}${note}.`;
}

/** "You gather two driftwood from the driftwood pile." and why it was fewer than asked, if it was. */
function gatheredText(content: Content, e: EventOf<'gathered'>): string {
  const n = itemName(content, e.item);
  const base = `You gather ${counted(e.qty, n.name, n.plural)} from ${withThe(nodeName(content, e.node).name)}`;
  if (e.stopped === 'depleted') return `${base}; it is picked clean, so that is all there was.`;
  if (e.stopped === 'no-sp') return `${base}; you are too tired to gather more (SP ran out).`;
  if (e.stopped === 'full') return `${base}; your pack can hold no more.`;
  return `${base}.${e.remaining === 0 ? ' It is picked clean.' : ''}`;
}

function unlockText(content: Content, location: string, dir: string): string {
  const exit = content.locations.get(location)?.exits.find((x) => x.dir === dir);
  return exit?.lock?.opened ?? `You open the way ${dir}.`;
}

function recipientName(content: Content, state: GameState, id: string): string {
  return state.players[id]?.name ?? (content.npcs.has(id) ? npcName(content, id) : 'someone');
}

/** " (+5 HP, +2 SP)" or "" when nothing changed. */
function gains(d: { hp: number; mp: number; sp: number }): string {
  const parts: string[] = [];
  for (const [k, v] of [['HP', d.hp], ['MP', d.mp], ['SP', d.sp]] as const) {
    if (v !== 0) parts.push(`${v > 0 ? '+' : ''}${v} ${k}`);
  }
  return parts.length ? ` (${parts.join(', ')})` : '';
}

