/**
 * The player's own deeds told in the second person ("You gather two moonpetals."), for every deed
 * but those the web app's first screen tells (joining, the room, a quest begun, a move: events.ts). Loaded
 * after the first paint with the rest of later-prose.ts: a typed command waits for it
 * (Session.#run), and news that needs it waits for it too (Session.pollNews), so a player never
 * reads a line in its place.
 *
 *   await loadLaterProse();
 *   laterProse()!.own.narrateOwnDeed(content, state, e, viewer, at, awake)
 */
import type { Content } from '../content/schema.ts';
import { playerStats, type EventOf, type GameEvent, type GameState } from '../engine/index.ts';
import { effectName, enemyName, itemName, locationName, nodeName, npcName, playerName, recipientName, skillName } from './names.ts';
import { line, type ProseLine } from './prose.ts';
import { defeatText, enemyHitText, enemyMissText } from './combat.ts';
import { rewardLines } from './rewards.ts';
import { mechanismLines, narrateQuestEvent, togetherLines, workedLines } from './quests.ts';
import { describeRoom, type AwakePlayers } from './room.ts';
import { ownEmote } from './speech.ts';
import { refusalText } from './refusals.ts';
import { describeInventory, describeStatus, describeThing } from './details.ts';
import { containerOwnLines, containerThe } from './containers.ts';
import { tradeOwnLines } from './trade.ts';
import { partyOwnLines } from './party.ts';
import { moderatedText, WORLD_MOVED_TEXT } from './moderation.ts';
import { capitalise, counted, countedThe, placeName, slotName, withThe } from './words.ts';

/** The deeds events.ts tells itself, synchronously: what the first screen and a move show. */
export type FirstScreenDeed = EventOf<'joined' | 'renamed' | 'retired' | 'looked' | 'moved' | 'revived' | 'quest-started'>;

export type LaterDeed = Exclude<GameEvent, FirstScreenDeed>;

export function narrateOwnDeed(content: Content, state: GameState, e: LaterDeed, viewer: string, at: number, awake: AwakePlayers | undefined): ProseLine[] {
  const item = (id: string, qty: number) => { const n = itemName(content, id); return counted(qty, n.name, n.plural); };
  const itemThe = (id: string, qty: number) => { const n = itemName(content, id); return countedThe(qty, n.name, n.plural); };
  switch (e.type) {
    case 'refused': return [line('refusal', refusalText(content, state, e))];
    case 'moderated': return [line('system', moderatedText(e.what, e.name ?? 'That player'))];
    case 'world-moved': return [line('system', WORLD_MOVED_TEXT)];
    case 'examined': return describeThing(content, state, viewer, e.target, at, e.what);
    case 'unlocked': return [line('body', unlockText(content, e.location, e.dir))];
    case 'took': return [line('body', `You take ${itemThe(e.item, e.qty)}${e.from !== undefined ? ` from ${containerThe(content, e.from)}` : ''}.`)];
    case 'put': case 'container-opened': case 'container-closed': return containerOwnLines(content, state, e);
    case 'dropped': return [line('body', `You drop ${itemThe(e.item, e.qty)}.`)];
    case 'gave': return [line('body', `You give ${itemThe(e.item, e.qty)} to ${recipientName(content, state, e.to)}.`)];
    case 'inventory-shown': return describeInventory(content, state, viewer);
    case 'status-shown': return describeStatus(content, state, viewer);
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
    case 'delivered': case 'quest-progress': case 'quest-stage-done': case 'quest-done':
      return narrateQuestEvent(content, state, e, viewer);
    case 'bought': case 'sold': case 'wares-shown': case 'offered': case 'traded': case 'declined':
      return tradeOwnLines(content, state, e, viewer, at);
    case 'party-invited': case 'party-joined': case 'party-left': case 'following': case 'unfollowed':
      return partyOwnLines(state, e);
    default: {
      const unknown: never = e;
      return [line('system', `(Something happened: ${(unknown as GameEvent).type}.)`)];
    }
  }
}

/** "You whisper to Ana, "..."" / "You tell Ana, "..."". */
function privateOwn(state: GameState, e: EventOf<'said'>): string {
  const to = playerName(state, e.to!);
  return e.whisper ? `You whisper to ${to}, "${e.text}"` : `You tell ${to}, "${e.text}"`;
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

/** " (+5 HP, +2 SP)" or "" when nothing changed. */
function gains(d: { hp: number; mp: number; sp: number }): string {
  const parts: string[] = [];
  for (const [k, v] of [['HP', d.hp], ['MP', d.mp], ['SP', d.sp]] as const) {
    if (v !== 0) parts.push(`${v > 0 ? '+' : ''}${v} ${k}`);
  }
  return parts.length ? ` (${parts.join(', ')})` : '';
}
