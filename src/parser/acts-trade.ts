/**
 * Acts of trade: BUY from a vendor here (what their shelves hold: `Scope.wares`), SELL to one,
 * WARES / WHAT DO YOU SELL, and offers between players: OFFER BO MY KNIFE FOR 5 COINS, then
 * ACCEPT or DECLINE (WITHDRAW takes back your own).
 *
 *   offerAct(cmd) // "offer bo my knife for 5 coin" -> offer to bo, gives flint-knife, wants 5 coin
 */
import type { Action, Goods } from '../engine/action.ts';
import type { Scope, ScopeEntity } from '../engine/scope.ts';
import type { Capture } from './grammar.ts';
import { resolveNouns, type Role } from './nouns.ts';
import {
  held, HELD_ITEM, isItem, isNpc, isPerson, isResolved, need, PERSON, qtyOf, reply, role, steps, the, withQty, type Cmd, type Outcome,
} from './act-kit.ts';
import { ARTICLES, numberOf } from './words.ts';
import { QUESTION_ACTS } from './acts-questions.ts';

const COIN_WORDS = new Set(['coin', 'coins', 'money', 'gold', 'cash', 'silver', 'copper-coins']);
const NOTHING = new Set(['nothing', 'free', 'gift', 'naught', 'nought']);

/** The same scope with other entities to name: a vendor's wares, or every item of the world. */
function among(scope: Scope, entities: readonly ScopeEntity[] | undefined): Scope {
  return { ...scope, entities: entities ?? [] };
}

const WARE: Role = role('buy', (e) => isItem(e));
const VENDOR: Role = role('trade with', isNpc);

/** The vendor named by capture `i`, when there is one: an NPC here. */
function vendorOf(cmd: Cmd, i: number): { id?: string } | Outcome {
  if (cmd.m.nps.length <= i) return {};
  const r = need(cmd, i, VENDOR, '');
  if (!isResolved(r)) return r;
  const e = r.hits[0]!.entity;
  if (!isNpc(e)) return reply(isPerson(e) ? `${e.name} keeps no shop. To trade with another traveller, OFFER them something FOR something.` : `You can't trade with ${the(e)}.`, [e]);
  return { id: e.id };
}
const isOutcome = (x: object): x is Outcome => 'kind' in x;

/** Words that name no ware in particular. */
const ANYTHING = new Set(['something', 'anything', 'stuff', 'things', 'goods', 'wares', 'some']);

export function buyAct(cmd: Cmd): Outcome {
  const words = cmd.m.nps[0]?.words ?? [];
  // "buy something", "buy stuff": what is there to buy is the shelf.
  const named = words.filter((w) => !ARTICLES.has(w));
  if (named.length === 0 || (named.length === 1 && ANYTHING.has(named[0]!))) return waresAct({ ...cmd, m: { ...cmd.m, nps: cmd.m.nps.slice(1) } });
  // A meal or a bed is asked of whoever keeps the place (ORDER), unless a shelf here holds it.
  const order = () => QUESTION_ACTS.get('order')!({ ...cmd, m: { ...cmd.m, nps: cmd.m.nps.slice(0, 1) } }, 'buy');
  if (!cmd.scope.wares || cmd.scope.wares.length === 0) return order();
  const from = vendorOf(cmd, 1);
  if (isOutcome(from)) return from;
  const r = resolveNouns(words, among(cmd.scope, cmd.scope.wares), WARE, cmd.b);
  if (!r.ok) {
    if (r.status === 'ambiguous') return { kind: 'ask', status: 'ambiguous', text: r.text, template: `buy {}`, candidates: (r.candidates ?? []).map((e) => e.id) };
    return order();
  }
  const h = r.hits[0]!;
  const qty = h.count ?? (h.every && cmd.words.includes('all') ? h.entity.qty : undefined);
  const action = withQty({ kind: 'buy', target: h.entity.id, ...(from.id ? { from: from.id } : {}) }, qty) as Action;
  return steps([{ action, note: r.notes[0] }], [h.entity]);
}

export function sellAct(cmd: Cmd): Outcome {
  if ((cmd.m.nps[0]?.words ?? []).length === 0) return waresAct(cmd);
  const r = need(cmd, 0, HELD_ITEM, `What do you want to ${cmd.verb}?`);
  if (!isResolved(r)) return r;
  const to = vendorOf(cmd, 1);
  if (isOutcome(to)) return to;
  const out = [];
  for (const h of r.hits) {
    const e = h.entity;
    if (!isItem(e) || e.where !== 'carried') {
      if (r.hits.length === 1) return reply(e.where === 'worn' ? `Take ${the(e)} off first.` : `You aren't carrying ${the(e)}.`, [e]);
      continue;
    }
    out.push({ action: withQty({ kind: 'sell', target: e.id, ...(to.id ? { to: to.id } : {}) }, qtyOf(h)) as Action });
  }
  if (out.length === 0) return reply("You aren't carrying any of those.");
  return steps(out, r.hits.map((h) => h.entity), r.notes.length > 0);
}

export function waresAct(cmd: Cmd): Outcome {
  const words = (cmd.m.nps[0]?.words ?? []).filter((w) => !ARTICLES.has(w) && !['you', 'they', 'here', 'for', 'sale'].includes(w));
  if (words.length > 0) {
    const who = vendorOf({ ...cmd, m: { ...cmd.m, nps: [{ words, start: 0, end: words.length }] } }, 0);
    if (isOutcome(who)) return who;
    return steps([{ action: { kind: 'wares', target: who.id! } }], []);
  }
  return steps([{ action: { kind: 'wares' } }], []);
}

/** "5 coins", "a coin", "coin": how many coins a list part names, or undefined when it names none. */
function coinsIn(part: readonly string[]): number | undefined {
  const ws = part.filter((w) => !ARTICLES.has(w) || w === 'a' || w === 'an');
  const last = ws[ws.length - 1];
  if (last === undefined || !COIN_WORDS.has(last)) return undefined;
  if (ws.length === 1) return 1;
  if (ws.length === 2 && (ws[0] === 'a' || ws[0] === 'an' || ws[0] === 'one')) return 1;
  return ws.length === 2 ? numberOf(ws[0]!) : undefined;
}

function splitAnd(words: readonly string[]): string[][] {
  const out: string[][] = [[]];
  for (const w of words) {
    if (w === 'and' || w === ',' || w === '&' || w === 'plus') out.push([]);
    else out[out.length - 1]!.push(w);
  }
  return out.filter((p) => p.length > 0);
}

/**
 * One side of an offer from its words: coins, items (`mine`: from the pack; else any item of the
 * world, what the other player is asked for), or NOTHING.
 */
function goodsOf(cmd: Cmd, words: readonly string[], mine: boolean): Goods | Outcome {
  const items: { item: string; qty: number }[] = [];
  let coin = 0;
  for (const part of splitAnd(words)) {
    if (part.every((w) => NOTHING.has(w) || ARTICLES.has(w))) continue;
    const n = coinsIn(part);
    if (n !== undefined) { coin += n; continue; }
    const scope = mine ? cmd.scope : among(cmd.scope, cmd.scope.goods);
    const r = resolveNouns(part, scope, mine ? HELD_ITEM : WARE, cmd.b);
    if (!r.ok) {
      if (r.status === 'ambiguous') return reply(r.text);
      return reply(mine ? `You have no ${part.filter((w) => !ARTICLES.has(w)).join(' ')} to offer.` : `There is no such thing on the isle as ${part.join(' ')}.`);
    }
    const h = r.hits[0]!;
    if (!isItem(h.entity)) return reply(mine ? `You have no ${part.filter((w) => !ARTICLES.has(w)).join(' ')} to offer.` : `You can't ask for ${the(h.entity)}.`);
    if (mine && !held(h.entity)) return reply(`You aren't carrying ${the(h.entity)}.`, [h.entity]);
    if (mine && h.entity.where === 'worn') return reply(`Take ${the(h.entity)} off before you offer it.`, [h.entity]);
    items.push({ item: h.entity.id, qty: h.count ?? 1 });
  }
  return { ...(items.length > 0 ? { items } : {}), ...(coin > 0 ? { coin } : {}) };
}

/**
 * OFFER BO MY KNIFE FOR 5 COINS / OFFER MY KNIFE TO BO FOR 5 COINS / OFFER 3 COINS TO BO FOR
 * HER ROPE. `to`: the grammar line that names the player after TO (captures: gives, whom, wants).
 */
export function offerAct(cmd: Cmd, param: string | undefined): Outcome {
  const nps = cmd.m.nps;
  let whom: Capture | undefined;
  let gives: readonly string[];
  const wants = nps[nps.length - 1]?.words ?? [];
  if (param === 'to') {
    whom = nps[1];
    gives = nps[0]?.words ?? [];
  } else {
    const ws = nps[0]?.words ?? [];
    const k = [...ws.keys()].slice(1).find((i) => {
      const p = resolveNouns(ws.slice(0, i), cmd.scope, PERSON, cmd.b);
      return p.ok && p.hits.length === 1 && p.hits[0]!.entity.kind === 'player';
    });
    if (k === undefined) return reply('Whom do you want to trade with? Say it like this: OFFER BO MY KNIFE FOR 5 COINS.');
    whom = { words: ws.slice(0, k), start: nps[0]!.start, end: nps[0]!.start + k };
    gives = ws.slice(k);
  }
  const p = resolveNouns(whom?.words ?? [], cmd.scope, PERSON, cmd.b);
  if (!p.ok) return reply("There's nobody here by that name to trade with.");
  const other = p.hits[0]!.entity;
  if (other.kind === 'npc') return reply(`${other.name} does not haggle. BUY from a vendor or SELL to one; WARES shows what is on offer.`, [other]);
  if (other.kind !== 'player') return reply(`You can't trade with ${the(other)}.`, [other]);
  const give = goodsOf(cmd, gives, true);
  if (isOutcome(give)) return give;
  const want = goodsOf(cmd, wants, false);
  if (isOutcome(want)) return want;
  return steps([{ action: { kind: 'offer', to: other.id, gives: give, wants: want } }], [other]);
}

/** ACCEPT / ACCEPT BO'S OFFER / DECLINE / WITHDRAW MY OFFER: `kind` is accept or decline. */
export function answerAct(cmd: Cmd, kind: 'accept' | 'decline'): Outcome {
  const words = (cmd.m.nps[0]?.words ?? []).map((w) => w.replace(/'s$/, '')).filter((w) => !ARTICLES.has(w) && !['offer', 'trade', 'deal', 'from', 'it', 'that', 'this'].includes(w));
  if (words.length === 0) return steps([{ action: { kind } }], []);
  const p = resolveNouns(words, cmd.scope, PERSON, cmd.b);
  if (!p.ok || p.hits[0]!.entity.kind !== 'player') return reply("There's nobody here by that name who has offered you anything.");
  return steps([{ action: { kind, from: p.hits[0]!.entity.id } }], [p.hits[0]!.entity]);
}

/** TRADE WITH HESK shows her wares; TRADE WITH BO explains an offer. */
export function tradeWithAct(cmd: Cmd): Outcome {
  const p = need(cmd, 0, PERSON, 'With whom?');
  if (!isResolved(p)) return p;
  const e = p.hits[0]!.entity;
  if (e.kind === 'player') return reply(`Make ${e.name} an offer: OFFER ${e.name.toUpperCase()} <what you give> FOR <what you want>, for instance OFFER ${e.name.toUpperCase()} 2 DRIFTWOOD FOR 3 COINS.`, [e]);
  if (e.kind === 'npc') return steps([{ action: { kind: 'wares', target: e.id } }], [e]);
  return reply(`You can't trade with ${the(e)}.`, [e]);
}

export const TRADE_ACTS: ReadonlyMap<string, (cmd: Cmd, param: string | undefined) => Outcome> = new Map<string, (cmd: Cmd, param: string | undefined) => Outcome>([
  ['buy', buyAct],
  ['sell', sellAct],
  ['wares', waresAct],
  ['offer', offerAct],
  ['accept', (cmd) => answerAct(cmd, 'accept')],
  ['decline', (cmd) => answerAct(cmd, 'decline')],
  ['tradewith', tradeWithAct],
]);
