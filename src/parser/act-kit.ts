/**
 * What every act shares: the command an act gets (`Cmd`), what it returns (`Outcome`), the noun
 * roles of the verbs, and helpers to resolve a noun phrase or ask for it, count, and phrase replies.
 *
 *   const r = need(cmd, 0, HERE_ITEM, 'What do you want to take?');
 *   if (!isResolved(r)) return r; // a question, a failure or a reply
 */
import type { Action } from '../engine/action.ts';
import type { Scope, ScopeEntity } from '../engine/scope.ts';
import type { Capture, LineMatch } from './grammar.ts';
import { resolveNouns, type Bindings, type NounHit, type Role } from './nouns.ts';
import { agree } from '../content/english.ts';
import { REPLIES } from './replies.ts';
import type { MetaCommand, ParseStep, SessionRequest } from './types.ts';
import { ARTICLES, theName } from './words.ts';

export interface Cmd {
  readonly scope: Scope;
  readonly b: Bindings;
  /** The verb word as typed (after synonyms were looked up, before canonical forms). */
  readonly verb: string;
  /** The command's words, verb first. */
  readonly words: readonly string[];
  readonly m: LineMatch;
}

export type Outcome =
  | { readonly kind: 'steps'; readonly steps: ParseStep[]; readonly mentioned: readonly ScopeEntity[]; readonly guess?: boolean; readonly moves?: boolean; readonly confidence?: number }
  | { readonly kind: 'reply'; readonly text: string; readonly mentioned?: readonly ScopeEntity[]; readonly confidence?: number }
  | { readonly kind: 'meta'; readonly meta: MetaCommand }
  | { readonly kind: 'request'; readonly request: SessionRequest }
  | { readonly kind: 'ask'; readonly status: 'ambiguous' | 'incomplete'; readonly text: string; readonly template: string; readonly candidates: readonly string[] }
  /** `away`: the islander named keeps hours and is elsewhere now (nouns.ts), for TALK and GIVE to name anyway. */
  | { readonly kind: 'fail'; readonly status: 'unknown-noun' | 'unknown-verb'; readonly text: string; readonly badWord?: string; readonly away?: string }
  | { readonly kind: 'again' }
  | { readonly kind: 'oops'; readonly words: readonly string[] };

export type Resolved = { readonly ok: true; readonly hits: readonly NounHit[]; readonly notes: readonly string[] };

export const isItem = (e: ScopeEntity) => e.kind === 'item';
export const isPerson = (e: ScopeEntity) => e.kind === 'npc' || e.kind === 'player';
/** Whom a bare TALK or GIVE means when there is one NPC here (other players are never guessed). */
export const isNpc = (e: ScopeEntity) => e.kind === 'npc';
export const whom = (verb: string) => (['talk', 'speak', 'chat', 'converse'].includes(verb) ? 'Whom do you want to talk to?' : `Whom do you want to ${verb}?`);
export const held = (e: ScopeEntity) => e.where === 'carried' || e.where === 'worn';
export const role = (verb: string, prefer: (e: ScopeEntity) => boolean, multi = false): Role => ({ verb, prefer, multi });

export const ANY: Role = { ...role('examine', (e) => e.where !== 'known'), knownFallback: true };
export const HERE_ITEM: Role = { ...role('take', (e) => isItem(e) && e.where === 'here', true), second: (e) => e.kind === 'node', partialNodes: true, kinds: ['item', 'node'] };
export const HELD_ITEM: Role = { ...role('drop', (e) => isItem(e) && held(e), true), all: (e) => isItem(e) && e.where === 'carried', absent: 'have' };
export const WORN = role('unequip', (e) => isItem(e) && e.where === 'worn');
export const EQUIPPABLE = role('equip', (e) => isItem(e) && e.slot !== undefined && e.where !== 'worn', true);
export const USABLE = role('use', (e) => (isItem(e) && e.where !== 'known') || e.kind === 'skill');
export const EDIBLE: Role = { ...role('eat', (e) => isItem(e) && held(e) && e.consumable !== undefined, true), second: (e) => isItem(e) && e.consumable !== undefined };
export const NODE: Role = { ...role('gather', (e) => e.kind === 'node', true), partialNodes: true };
export const RECIPE = role('craft', (e) => e.kind === 'recipe');
export const ENEMY = role('attack', (e) => e.kind === 'enemy');
export const SKILL = role('cast', (e) => e.kind === 'skill');
export const PERSON = role('talk to', isPerson);
export const WEAPON_OR_SKILL = role('attack with', (e) => e.kind === 'skill' || (isItem(e) && e.slot !== undefined));

export const capText = (c: Capture | undefined) => (c ? c.words.join(' ') : '');
export const the = (e: ScopeEntity) => theName(e.name);
export const The = (e: ScopeEntity) => { const t = the(e); return t[0]!.toUpperCase() + t.slice(1); };
export const steps = (s: ParseStep[], mentioned: readonly ScopeEntity[], guess = false): Outcome => ({ kind: 'steps', steps: s, mentioned, guess });
export const reply = (text: string, mentioned?: readonly ScopeEntity[]): Outcome => ({ kind: 'reply', text, mentioned });

export function replyFor(key: string, e?: ScopeEntity): Outcome {
  const r = REPLIES[key] ?? REPLIES['nothing']!;
  // The verb after {The} agrees with the name: "The jars are hardly portable."
  const text = e ? (r.obj ?? r.alone ?? '').replace('{the}', the(e)).replace(/\{The\} (\S+)/, (_, verb: string) => `${The(e)} ${agree(e, verb)}`).replace('{The}', The(e)) : r.alone ?? '';
  return reply(text, e ? [e] : undefined);
}

/** The command text with a capture (or the end, when it is missing) replaced by `{}`. */
export function template(cmd: Cmd, c: Capture | undefined): string {
  const start = c?.start ?? cmd.words.length;
  const end = c?.end ?? cmd.words.length;
  return [...cmd.words.slice(0, start), '{}', ...cmd.words.slice(end)].join(' ');
}

/** Resolves capture `i`; asks for it when missing, unless `infer` finds the only sensible one. */
export function need(cmd: Cmd, i: number, r: Role, question: string, infer?: (e: ScopeEntity) => boolean): Resolved | Outcome {
  const c = cmd.m.nps[i];
  const words = c?.words.filter((w) => !ARTICLES.has(w)) ?? [];
  if (words.length === 0) {
    if (infer) {
      const only = unique(cmd.scope.entities.filter(infer));
      if (only.length === 1) return { ok: true, hits: [{ entity: only[0]!, every: false }], notes: [`(${the(only[0]!)})`] };
    }
    return { kind: 'ask', status: 'incomplete', text: question, template: template(cmd, c), candidates: [] };
  }
  const out = resolveNouns(c!.words, cmd.scope, r, cmd.b);
  if (out.ok) return out;
  if (out.status === 'ambiguous') {
    return { kind: 'ask', status: 'ambiguous', text: out.text, template: template(cmd, c), candidates: (out.candidates ?? []).map((e) => e.id) };
  }
  if (out.status === 'ok') return reply(out.text);
  return { kind: 'fail', status: 'unknown-noun', text: out.text, badWord: out.badWord, ...(out.away !== undefined ? { away: out.away } : {}) };
}

/** The islander a failed person lookup named, who keeps hours and is elsewhere now (see `Outcome`'s `away`). */
export const awayNamed = (x: Resolved | Outcome): string | undefined => (!isResolved(x) && x.kind === 'fail' ? x.away : undefined);
export const isResolved = (x: Resolved | Outcome): x is Resolved => 'ok' in x;

export function unique(es: readonly ScopeEntity[]): ScopeEntity[] {
  const seen = new Set<string>();
  return es.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
}

/** How many to move: the number typed; all of them for a plural or ALL; one from a stack. */
export function qtyOf(h: NounHit): number | undefined {
  if (h.count !== undefined) return h.count;
  if (h.entity.qty > 1) return h.every ? h.entity.qty : 1;
  return undefined;
}
export const withQty = <T extends object>(a: T, q: number | undefined) => (q === undefined ? a : { ...a, qty: q });

const ALL = new Set(['all', 'every', 'everything', 'each']);

/**
 * How many to eat, drink or gather: the number typed, or with ALL every one there is (a node's
 * scope qty is what it has left); else none, one (a plural alone is how a resource is named:
 * "gather moonpetals" is one batch, "eat biscuits" one biscuit).
 */
export function countOf(cmd: Cmd, h: NounHit): number | undefined {
  if (h.count !== undefined) return h.count;
  return h.every && h.entity.qty > 1 && cmd.words.some((w) => ALL.has(w)) ? h.entity.qty : undefined;
}

/** Gathering from a node: "gather 3 driftwood" asks for three units, ALL for all it holds, else one batch. */
export function gatherOf(cmd: Cmd, h: NounHit): Action {
  return withQty({ kind: 'gather', target: h.entity.id }, countOf(cmd, h)) as Action;
}

export function firstTaking(e: ScopeEntity, qty?: number): ParseStep {
  return { action: withQty({ kind: 'take', target: e.id }, qty) as Action, note: `(first taking ${the(e)})`, implicit: true };
}

export function firstUnequipping(e: ScopeEntity): ParseStep {
  return { action: { kind: 'unequip', target: e.id }, note: `(first unequipping ${the(e)})`, implicit: true };
}

/** An enemy is attacked; anything else gets the reply `key` names ("Kicking the rope would achieve nothing."). */
export function attackOrReply(h: NounHit, key: string): Outcome {
  if (h.entity.kind === 'enemy') return steps([{ action: { kind: 'attack', target: h.entity.id } }], [h.entity]);
  return replyFor(isPerson(h.entity) || key === 'attack' ? 'violence' : key, h.entity);
}

export const SLOT_WORDS: Readonly<Record<string, string>> = {
  head: 'head', body: 'body', chest: 'body', torso: 'body', hands: 'hands', hand: 'mainHand', feet: 'feet',
  weapon: 'mainHand', mainhand: 'mainHand', 'main hand': 'mainHand', 'right hand': 'mainHand',
  offhand: 'offHand', 'off hand': 'offHand', 'left hand': 'offHand', shield: 'offHand',
};

export function equipSteps(scope: Scope, e: ScopeEntity): ParseStep[] {
  const out: ParseStep[] = [];
  if (e.where === 'here') out.push(firstTaking(e));
  const other = e.slot && scope.entities.find((x) => x.where === 'worn' && x.slot === e.slot && x.id !== e.id);
  if (other) out.push(firstUnequipping(other));
  out.push({ action: { kind: 'equip', target: e.id } });
  return out;
}

export const LOCK_NOUNS = new Set(['door', 'gate', 'hatch', 'lock', 'grate', 'grating', 'way', 'passage', 'entrance', 'exit', 'portcullis', 'it']);

export function keysOf(scope: Scope): ScopeEntity[] {
  return unique(scope.entities.filter((e) => isItem(e) && held(e) && [e.name, ...e.aliases].some((n) => /\bkey\b/i.test(n))));
}

