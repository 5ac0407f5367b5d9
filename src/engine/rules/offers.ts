/**
 * Trade between players: an offer, then an acceptance that settles both sides in one intent.
 * `offer` records what the offerer gives and wants (one standing offer per player; a new one
 * replaces it); `accept` re-checks, at its own place in the fold, that both still hold their side
 * and both packs can take what comes, and then moves everything at once, or refuses and moves
 * nothing. So whatever order intents arrive in, each replica folds them in one order and every
 * item and coin ends up in exactly one place.
 *
 * An offer lapses `OFFER_TTL_MS` of game time after it was made, and as soon as either player
 * leaves the room it was made in (`dropOffersOfMover`, run by `apply` after any move).
 *
 *   applyOffer(t, p, { kind: 'offer', to: 'bo', gives: { items: [{ item: 'flint-knife', qty: 1 }] }, wants: { coin: 5 } })
 *   applyAccept(t, bo, { kind: 'accept' })  // Bo pays 5 coin and has the knife, or nothing happens
 */
import { withPlayer } from '../state.ts';
import type { Content } from '../../content/schema.ts';
import { compareCodeUnits } from '../../content/canonical.ts';
import type { ActionOf, Goods } from '../action.ts';
import { coinOf, withCoin } from '../coin.ts';
import type { GameEvent, TradedGoods } from '../events.ts';
import { addToPack, countInPack, overLimits, removeFromPack } from '../inventory.ts';
import { entry, setEntry } from '../records.ts';
import type { PlayerState, TradeOffer } from '../state.ts';
import type { Refusal, Turn } from '../turn.ts';
import { actor, emit, putOffers, putPlayer, refuse, refuseOverLimit } from '../turn.ts';

/** Game time an offer stands unanswered before it lapses: two minutes. */
export const OFFER_TTL_MS = 120_000;

/** One side's goods with each item once, sorted by id, and coin (0 when none). */
export function normalGoods(g: Goods): TradedGoods {
  const qty = new Map<string, number>();
  for (const s of g.items ?? []) qty.set(s.item, (qty.get(s.item) ?? 0) + s.qty);
  const items = [...qty.keys()].sort(compareCodeUnits).map((item) => ({ item, qty: qty.get(item)! }));
  return { items, coin: g.coin ?? 0 };
}

/** The first thing of `goods` that `p` does not hold enough of, as refusal detail; null when they hold it all. */
function lacking(content: Content, p: PlayerState, goods: TradedGoods): { item?: string; coin?: true; need: number; have: number } | null {
  for (const s of goods.items) {
    const have = countInPack(p.inventory, s.item);
    if (!content.items.has(s.item) || have < s.qty) return { item: s.item, need: s.qty, have };
  }
  if (coinOf(p) < goods.coin) return { coin: true, need: goods.coin, have: coinOf(p) };
  return null;
}

/** `p` after handing over `out` and receiving `into` (the caller has checked they hold `out`). */
function exchanged(p: PlayerState, content: Content, out: TradedGoods, into: TradedGoods): PlayerState {
  let inventory = p.inventory;
  for (const s of out.items) inventory = removeFromPack(inventory, s.item, s.qty);
  for (const s of into.items) inventory = addToPack(content, inventory, s.item, s.qty);
  return withCoin(withPlayer(p, { inventory }), coinOf(p) - out.coin + into.coin);
}

function live(t: Turn, o: TradeOffer): boolean {
  return t.now <= o.at + OFFER_TTL_MS;
}

/** The standing offers that have not lapsed, without those `drop` says to remove, sorted by offerer. */
function keptOffers(t: Turn, drop: (from: string, o: TradeOffer) => boolean): Record<string, TradeOffer> {
  const out: Record<string, TradeOffer> = {};
  const all = t.state.offers ?? {};
  for (const from of Object.keys(all).sort(compareCodeUnits)) {
    const o = all[from]!;
    if (live(t, o) && !drop(from, o)) setEntry(out, from, o);
  }
  return out;
}

function isEmpty(g: TradedGoods): boolean {
  return g.items.length === 0 && g.coin === 0;
}

export function applyOffer(t: Turn, p: PlayerState, a: ActionOf<'offer'>): Refusal | undefined {
  if (a.to === p.id) return refuse('trade/self', {});
  const other = entry(t.state.players, a.to);
  if (!other || other.location !== p.location) return refuse('trade/no-player', { target: a.to });
  const gives = normalGoods(a.gives);
  const wants = normalGoods(a.wants);
  if (isEmpty(gives) && isEmpty(wants)) return refuse('trade/empty-offer', { target: a.to });
  const short = lacking(t.content, p, gives);
  if (short) return refuse(short.coin ? 'trade/no-coin' : 'trade/not-carried', { ...short, target: a.to });
  const offers = keptOffers(t, (from) => from === p.id);
  setEntry(offers, p.id, { to: a.to, gives, wants, location: p.location, at: t.now });
  putOffers(t, sortedOffers(offers));
  emit(t, { type: 'offered', to: a.to, gives, wants, player: p.id, location: t.where });
  return undefined;
}

function sortedOffers(offers: Record<string, TradeOffer>): Record<string, TradeOffer> {
  const out: Record<string, TradeOffer> = {};
  for (const k of Object.keys(offers).sort(compareCodeUnits)) setEntry(out, k, offers[k]!);
  return out;
}

/** The offer to `p` this answer means: from `from`, else the latest made to them (ties: offerer id). */
function offerTo(t: Turn, p: PlayerState, from: string | undefined): [string, TradeOffer] | undefined {
  let best: [string, TradeOffer] | undefined;
  const all = t.state.offers ?? {};
  for (const id of Object.keys(all).sort(compareCodeUnits)) {
    const o = all[id]!;
    if (o.to !== p.id || !live(t, o) || (from !== undefined && id !== from)) continue;
    if (!best || o.at > best[1].at) best = [id, o];
  }
  return best;
}

export function applyAccept(t: Turn, p: PlayerState, a: ActionOf<'accept'>): Refusal | undefined {
  const found = offerTo(t, p, a.from);
  if (!found) return refuse('trade/no-offer', a.from === undefined ? {} : { target: a.from });
  const [from, offer] = found;
  const them = entry(t.state.players, from);
  if (!them || them.location !== offer.location || p.location !== offer.location) return refuse('trade/no-offer', { target: from });
  const theyLack = lacking(t.content, them, offer.gives);
  if (theyLack) return refuse('trade/they-lack', { ...theyLack, target: from });
  const youLack = lacking(t.content, p, offer.wants);
  if (youLack) return refuse('trade/you-lack', { ...youLack, target: from });
  const mine = exchanged(p, t.content, offer.wants, offer.gives);
  const theirs = exchanged(them, t.content, offer.gives, offer.wants);
  const overMine = overLimits(t.content, mine.inventory, mine.equipment);
  if (overMine) return refuseOverLimit('trade', overMine, { target: p.id });
  const overTheirs = overLimits(t.content, theirs.inventory, theirs.equipment);
  if (overTheirs) return refuseOverLimit('trade', overTheirs, { target: from });
  putPlayer(t, mine);
  putPlayer(t, theirs);
  putOffers(t, keptOffers(t, (id) => id === from));
  emit(t, { type: 'traded', with: from, gave: offer.wants, got: offer.gives, player: p.id, location: t.where });
  return undefined;
}

export function applyDecline(t: Turn, p: PlayerState, a: ActionOf<'decline'>): Refusal | undefined {
  const found = offerTo(t, p, a.from);
  if (found) {
    putOffers(t, keptOffers(t, (id) => id === found[0]));
    emit(t, { type: 'declined', from: found[0], to: p.id, player: p.id, location: t.where });
    return undefined;
  }
  const own = entry(t.state.offers, p.id);
  if (a.from === undefined && own && live(t, own)) {
    putOffers(t, keptOffers(t, (id) => id === p.id));
    emit(t, { type: 'declined', from: p.id, to: own.to, withdrawn: true, player: p.id, location: t.where });
    return undefined;
  }
  return refuse('trade/no-offer', a.from === undefined ? {} : { target: a.from });
}

/**
 * After an accepted intent: when the actor now stands somewhere else than before it (a move, a
 * defeat that woke them at the respawn), every offer they made or were made lapses.
 */
export function dropOffersOfMover(t: Turn): void {
  if (t.state.offers === undefined) return;
  const me = actor(t);
  if (me === undefined || me.location === t.where) return;
  const all = t.state.offers;
  if (!Object.keys(all).some((from) => from === me.id || all[from]!.to === me.id)) return;
  putOffers(t, keptOffers(t, (from, o) => from === me.id || o.to === me.id));
}

/**
 * True for another player's deed that answered an offer of `offerer`'s: the offer taken
 * (`traded` with them) or declined. The offerer may not have seen it happen (away, or gone on to
 * another zone before the answer was folded); the session tells them when their client folds it.
 */
export function answersOfferOf(e: GameEvent, offerer: string): boolean {
  if (e.type === 'traded') return e.with === offerer && e.player !== offerer;
  return e.type === 'declined' && e.from === offerer && e.withdrawn !== true && e.player !== offerer;
}
