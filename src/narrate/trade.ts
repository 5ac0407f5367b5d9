/**
 * Trade in prose: buying and selling with the isle's vendors, a vendor's wares, and offers between
 * players ("Ana offers you a flint knife for five coins."), for the one who did it, the one it was
 * with, and anyone else in the room. Also what a trade refusal says. Loaded apart from the web
 * app's first screen (later-prose.ts).
 *
 *   tradeOwnLines(content, state, event, viewer, at)   // "You buy two sea biscuits from Mother Hesk for 6 coins."
 */
import type { Content } from '../content/schema.ts';
import type { EventOf, GameEvent, GameState, TradeEvent, TradedGoods } from '../engine/index.ts';
import { coinOf, shelfReadyAt, waresAt } from '../engine/index.ts';
import { itemName, npcName, playerName } from './names.ts';
import { line, type ProseLine } from './prose.ts';
import { capitalise, counted, kilograms, listing, placeName, pronounOf, waitText, withArticle } from './words.ts';

import { coins } from './coins.ts';

export { coins };

function goodsText(content: Content, g: TradedGoods): string {
  const parts = g.items.map((s) => { const n = itemName(content, s.item); return counted(s.qty, n.name, n.plural); });
  if (g.coin > 0) parts.push(coins(g.coin));
  return parts.length > 0 ? listing(parts) : 'nothing';
}

function thing(content: Content, item: string, qty: number): string {
  const n = itemName(content, item);
  return counted(qty, n.name, n.plural);
}

function vendor(content: Content, npc: string): string {
  return capitalise(npcName(content, npc));
}

/** A vendor's shelves and what they buy, with the viewer's purse. */
function waresLines(content: Content, state: GameState, e: EventOf<'wares-shown'>, viewer: string, at: number): ProseLine[] {
  const npc = content.npcs.get(e.npc);
  if (!npc?.shop) return [];
  const they = pronounOf(npc.pronouns);
  const sells = waresAt(state, npc, at).map(({ ware, left }) => {
    const n = itemName(content, ware.item);
    const shelf = state.vendors?.[`${npc.id}/${ware.item}`];
    const stock = left > 0 ? `${left} left` : `sold out; more in ${waitText(shelf ? shelfReadyAt(ware, shelf, at) - at : 0)}`;
    return `${withArticle(n.name)} for ${coins(ware.price)} (${stock})`;
  });
  const buys = npc.shop.buys.map((w) => `${itemName(content, w.item).plural} at ${coins(w.price)} each`);
  const out: ProseLine[] = [];
  if (sells.length > 0) out.push(line('body', `${vendor(content, npc.id)} has for sale: ${listing(sells)}.`));
  if (buys.length > 0) out.push(line('body', `${capitalise(they.subject)} ${they.verb('buy')} ${listing(buys)}.`));
  const me = state.players[viewer];
  out.push(line('system', `You have ${coins(me ? coinOf(me) : 0)}. (BUY something, or SELL what ${they.subject} ${they.verb('want')}.)`));
  return out;
}

export function tradeOwnLines(content: Content, state: GameState, e: TradeEvent, viewer: string, at: number): ProseLine[] {
  switch (e.type) {
    case 'bought': return [line('body', `You buy ${thing(content, e.item, e.qty)} from ${npcName(content, e.npc)} for ${coins(e.price)}.`)];
    case 'sold': return [line('body', `You sell ${thing(content, e.item, e.qty)} to ${npcName(content, e.npc)} for ${coins(e.price)}.`)];
    case 'wares-shown': return waresLines(content, state, e, viewer, at);
    case 'offered': {
      const who = playerName(state, e.to);
      return [
        line('body', `You offer ${who} ${goodsText(content, e.gives)} for ${goodsText(content, e.wants)}.`),
        line('note', `(${who} can ACCEPT or DECLINE. The offer stands for two minutes, while you both stay here.)`),
      ];
    }
    case 'traded': return [line('reward', `You shake on it with ${playerName(state, e.with)}: you hand over ${goodsText(content, e.gave)} and receive ${goodsText(content, e.got)}.`)];
    case 'declined': return [line('body', e.withdrawn ? `You withdraw your offer to ${playerName(state, e.to)}.` : `You decline ${playerName(state, e.from)}'s offer.`)];
    default: {
      const never: never = e;
      return [line('system', `(Something happened: ${(never as TradeEvent).type}.)`)];
    }
  }
}

/** What the other party to an offer, and anyone else in the room, sees of it. */
export function tradeOtherLines(content: Content, state: GameState, e: TradeEvent, viewer: string, who: string): ProseLine[] {
  switch (e.type) {
    case 'bought': return [line('other', `${who} buys ${thing(content, e.item, e.qty)} from ${npcName(content, e.npc)}.`)];
    case 'sold': return [line('other', `${who} sells ${thing(content, e.item, e.qty)} to ${npcName(content, e.npc)}.`)];
    case 'wares-shown': return [];
    case 'offered':
      if (e.to !== viewer) return [line('other', `${who} offers ${playerName(state, e.to)} a trade.`)];
      return [
        line('other', `${who} offers you ${goodsText(content, e.gives)} for ${goodsText(content, e.wants)}.`),
        line('note', '(ACCEPT or DECLINE. The offer stands for two minutes, while you both stay here.)'),
      ];
    case 'traded':
      if (e.with !== viewer) return [line('other', `${who} and ${playerName(state, e.with)} shake on a trade.`)];
      return [line('reward', `${who} accepts your offer: you hand over ${goodsText(content, e.got)} and receive ${goodsText(content, e.gave)}.`)];
    case 'declined':
      if (e.withdrawn) return e.to === viewer ? [line('other', `${who} withdraws the offer to you.`)] : [];
      return e.from === viewer ? [line('other', `${who} declines your offer.`)] : [];
    default: return [];
  }
}

/**
 * An answer to the viewer's offer that they did not see given: taken or declined while they were
 * away (their world closed), or folded in a place they had left by then. No lines for any other event.
 */
export function offerAnsweredLines(content: Content, e: GameEvent, when: 'away' | 'elsewhere', who: string): ProseLine[] {
  const where = when === 'away' ? 'while you were away' : `${placeAt(content, e.location)} before you left`;
  if (e.type === 'traded') {
    return [line('reward', `${who} accepted your offer ${where}: you handed over ${goodsText(content, e.got)} and received ${goodsText(content, e.gave)}.`)];
  }
  if (e.type === 'declined') return [line('other', `${who} declined your offer ${where}.`)];
  return [];
}

function placeAt(content: Content, location: string): string {
  return `at ${placeName(content.locations.get(location)?.name ?? location)}`;
}

type Refused = EventOf<'refused'>;

/** What a `trade/...` refusal says to the player refused. */
export function tradeRefusalText(content: Content, state: GameState, e: Refused): string {
  const d = e.detail;
  const it = d.item ? itemName(content, d.item) : undefined;
  const seller = d.target !== undefined && content.npcs.has(d.target) ? npcName(content, d.target) : undefined;
  const they = pronounOf(d.target === undefined ? undefined : content.npcs.get(d.target)?.pronouns);
  const other = d.target !== undefined ? playerName(state, d.target) : 'They';
  const short = d.coin ? coins(d.have ?? 0) : it ? counted(d.have ?? 0, it.name, it.plural) : 'not enough';
  switch (e.reason as Extract<Refused['reason'], `trade/${string}`>) {
    case 'trade/no-vendor': return d.target !== undefined
      ? `${capitalise(content.npcs.has(d.target) ? npcName(content, d.target) : 'that')} is not trading here.`
      : 'Nobody here is buying or selling. Vendors keep shop in the village; WARES shows what one has.';
    case 'trade/not-sold': return `${capitalise(seller ?? 'They')} ${they.verb('do')} not sell ${it ? it.plural : 'that'}. (WARES shows what ${they.subject} ${they.verb('have')}.)`;
    case 'trade/sold-out': return d.have === 0
      ? `${capitalise(seller ?? 'They')} ${they.verb('have')} none left; more ${d.readyAt !== undefined ? `in ${waitText(d.readyAt - state.time)}` : 'in time'}.`
      : `${capitalise(seller ?? 'They')} ${they.verb('have')} only ${short} left.`;
    case 'trade/no-coin': return `That costs ${coins(d.need ?? 0)}, and you have ${coins(d.have ?? 0)}.`;
    case 'trade/not-wanted': return `${capitalise(seller ?? 'They')} ${they.verb('have')} no use for ${it ? it.plural : 'that'}.`;
    case 'trade/not-carried': return `You aren't carrying ${it ? withArticle(it.name) : 'that'}.`;
    case 'trade/not-enough': return `You only have ${short}.`;
    case 'trade/too-heavy': return d.target !== undefined && d.target !== e.player && !seller
      ? `${other} couldn't carry it all: ${kilograms(d.overBy ?? 0)} over their limit. Nothing changes hands.`
      : `You couldn't carry it: ${kilograms(d.overBy ?? 0)} over your limit of ${kilograms(d.limit ?? 0)}.${seller ? '' : ' Nothing changes hands.'}`;
    case 'trade/no-slots': return d.target !== undefined && d.target !== e.player && !seller
      ? `${other} has no free slot for it. Nothing changes hands.`
      : `Your pack has no free slot for it (${d.limit ?? '?'} slots, all in use).${seller ? '' : ' Nothing changes hands.'}`;
    case 'trade/no-player': return "There's nobody here by that name to trade with.";
    case 'trade/self': return 'You drive a hard bargain with yourself, and lose.';
    case 'trade/empty-offer': return 'Nothing for nothing is no trade at all. Say what you give and what you want.';
    case 'trade/no-offer': return d.target !== undefined
      ? `There is no offer from ${other} waiting for you (an offer lapses after two minutes, or when either of you leaves).`
      : 'Nobody has offered you anything (an offer lapses after two minutes, or when either of you leaves).';
    case 'trade/they-lack': return `${other} no longer has ${d.coin ? coins(d.need ?? 0) : it ? counted(d.need ?? 1, it.name, it.plural) : 'what was offered'}, so the trade is off. Nothing changes hands.`;
    case 'trade/you-lack': return `You don't have ${d.coin ? coins(d.need ?? 0) : it ? counted(d.need ?? 1, it.name, it.plural) : 'what was asked'} to give. Nothing changes hands.`;
    case 'trade/away': return `${capitalise(seller ?? 'They')} ${they.verb('keep')} shop elsewhere at this hour.`;
  }
}
