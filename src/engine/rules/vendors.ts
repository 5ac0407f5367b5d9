/**
 * Vendors: NPCs with a `shop` in content sell wares for coin and buy what they want. A ware's
 * shelf holds `stock` when full; each purchase takes from it, and one comes back every
 * `restockMs` of game time afterwards, computed lazily from the shelf's record (`shelfLeft`, like a
 * node's respawn), so every replica sees the same shelf at the same game time. A vendor keeps what
 * they buy (it leaves the game, as a delivery does) and pays its price at once.
 *
 *   applyBuy(t, p, { kind: 'buy', target: 'sea-biscuit', qty: 2 })  // -2 x price coin, +2 biscuits
 *
 * Refusals (`trade/...`): no vendor here (`no-vendor`), not on their shelf (`not-sold`), fewer
 * left than asked (`sold-out`, with `have` and `readyAt`), not enough coin (`no-coin`), a thing
 * they do not buy (`not-wanted`), not carried (`not-carried`, `not-enough`), and the pack limits.
 */
import { withPlayer } from '../state.ts';
import type { Content, Id, Npc, Ware } from '../../content/schema.ts';
import type { ActionOf } from '../action.ts';
import { coinOf, withCoin } from '../coin.ts';
import { indexContent, listAt } from '../content-index.ts';
import { addToPack, countInPack, overLimits, removeFromPack } from '../inventory.ts';
import { entry } from '../records.ts';
import { npcLocationAt } from '../living.ts';
import type { GameState, PlayerState, VendorShelf } from '../state.ts';
import type { Refusal, Turn } from '../turn.ts';
import { emit, putPlayer, putVendorShelf, refuse, refuseOverLimit } from '../turn.ts';

/** The key of a vendor's shelf of one ware in `GameState.vendors`. */
export function shelfKey(npc: Id, item: Id): string {
  return `${npc}/${item}`;
}

/** How many of a ware are on the shelf at game time `at`. */
export function shelfLeft(ware: Ware, shelf: VendorShelf | undefined, at: number): number {
  if (shelf === undefined) return ware.stock;
  const back = Math.max(0, Math.floor((at - shelf.at) / ware.restockMs));
  return Math.min(ware.stock, shelf.left + back);
}

/** Game time the next one comes back to a shelf that is not full at `at`. */
export function shelfReadyAt(ware: Ware, shelf: VendorShelf, at: number): number {
  const back = Math.max(0, Math.floor((at - shelf.at) / ware.restockMs));
  return shelf.at + (back + 1) * ware.restockMs;
}

/** A vendor's wares as they stand at `at`: each with its price and how many are left. */
export function waresAt(state: GameState, npc: Npc, at: number): { ware: Ware; left: number }[] {
  return (npc.shop?.sells ?? []).map((ware) => ({ ware, left: shelfLeft(ware, entry(state.vendors, shelfKey(npc.id, ware.item)), at) }));
}

/**
 * Opening hours: a vendor trades where they keep shop (their home location), so while their
 * hours take them elsewhere (Bram at the Anchor Inn by night: living.ts) the shop is shut,
 * refused with where they are (`trade/away`).
 */
export function shopShut(content: Content, _state: GameState, npc: Npc, at: number): Refusal | undefined {
  const now = npcLocationAt(content, npc, at);
  return now === npc.location ? undefined : refuse('trade/away', { target: npc.id, place: now });
}

/** Vendors here (NPCs with a shop), in content order. */
function vendorsHere(t: Turn, location: Id): Npc[] {
  return listAt(indexContent(t.content).npcsAt, location).filter((n) => n.shop !== undefined);
}

/**
 * The vendor a trade is with: the one named (who must be a vendor here), else the first vendor
 * here for whom `fits` holds, else the first vendor here (whose refusal then says why not).
 */
function vendorFor(t: Turn, p: PlayerState, named: Id | undefined, fits: (n: Npc) => boolean): Npc | Refusal {
  const here = vendorsHere(t, p.location);
  if (named !== undefined) return here.find((n) => n.id === named) ?? refuse('trade/no-vendor', { target: named });
  return here.find(fits) ?? here[0] ?? refuse('trade/no-vendor', {});
}

const isRefusal = (x: Npc | Refusal): x is Refusal => 'reason' in x;

export function applyBuy(t: Turn, p: PlayerState, a: ActionOf<'buy'>): Refusal | undefined {
  const qty = a.qty ?? 1;
  const npc = vendorFor(t, p, a.from, (n) => n.shop!.sells.some((w) => w.item === a.target));
  if (isRefusal(npc)) return npc;
  const ware = npc.shop!.sells.find((w) => w.item === a.target);
  if (!ware) return refuse('trade/not-sold', { item: a.target, target: npc.id });
  const shut = shopShut(t.content, t.state, npc, t.now);
  if (shut) return shut;
  const key = shelfKey(npc.id, ware.item);
  const shelf = entry(t.state.vendors, key);
  const left = shelfLeft(ware, shelf, t.now);
  if (left < qty) {
    const readyAt = shelf === undefined ? t.now : shelfReadyAt(ware, shelf, t.now);
    return refuse('trade/sold-out', { item: ware.item, target: npc.id, need: qty, have: left, readyAt });
  }
  const price = ware.price * qty;
  if (coinOf(p) < price) return refuse('trade/no-coin', { item: ware.item, target: npc.id, coin: true, need: price, have: coinOf(p) });
  const inventory = addToPack(t.content, p.inventory, ware.item, qty);
  const over = overLimits(t.content, inventory, p.equipment);
  if (over) return refuseOverLimit('trade', over, { item: ware.item, target: npc.id });
  // A shelf that was full starts restocking now; one part-way keeps the time already counted.
  const from = shelf === undefined || left === ware.stock ? t.now : shelf.at + Math.floor((t.now - shelf.at) / ware.restockMs) * ware.restockMs;
  putVendorShelf(t, key, { left: left - qty, at: from });
  putPlayer(t, withCoin(withPlayer(p, { inventory }), coinOf(p) - price));
  emit(t, { type: 'bought', npc: npc.id, item: ware.item, qty, price, player: p.id, location: t.where });
  return undefined;
}

export function applySell(t: Turn, p: PlayerState, a: ActionOf<'sell'>): Refusal | undefined {
  const qty = a.qty ?? 1;
  const have = countInPack(p.inventory, a.target);
  if (have === 0) return refuse('trade/not-carried', { item: a.target });
  if (have < qty) return refuse('trade/not-enough', { item: a.target, need: qty, have });
  const npc = vendorFor(t, p, a.to, (n) => n.shop!.buys.some((w) => w.item === a.target));
  if (isRefusal(npc)) return npc;
  const wanted = npc.shop!.buys.find((w) => w.item === a.target);
  if (!wanted) return refuse('trade/not-wanted', { item: a.target, target: npc.id });
  const shut = shopShut(t.content, t.state, npc, t.now);
  if (shut) return shut;
  const price = wanted.price * qty;
  putPlayer(t, withCoin(withPlayer(p, { inventory: removeFromPack(p.inventory, a.target, qty) }), coinOf(p) + price));
  emit(t, { type: 'sold', npc: npc.id, item: a.target, qty, price, player: p.id, location: t.where });
  return undefined;
}

export function applyWares(t: Turn, p: PlayerState, a: ActionOf<'wares'>): Refusal | undefined {
  const npc = vendorFor(t, p, a.target, () => true);
  if (isRefusal(npc)) return npc;
  emit(t, { type: 'wares-shown', npc: npc.id, player: p.id, location: t.where });
  return undefined;
}
