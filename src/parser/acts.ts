/**
 * Acts: what a matched grammar line means. Each act resolves its noun phrases against the scope
 * and returns steps (intents with notes), a reply, a meta command, a question or a failure.
 * Implicit actions live here ("(first taking the copper pickaxe)").
 *
 *   runAct({ scope, b, verb: 'take', words, m }) // { kind: 'steps', steps: [{ action: take rope }] }
 */
import type { Direction } from '../content/schema.ts';
import type { Action } from '../engine/action.ts';
import type { Scope, ScopeEntity } from '../engine/scope.ts';
import type { Capture, LineMatch } from './grammar.ts';
import { resolveNouns, type Bindings, type NounHit, type Role } from './nouns.ts';
import { REPLIES } from './replies.ts';
import type { MetaCommand, ParseStep } from './types.ts';
import { ARTICLES, directionOf, theName } from './words.ts';

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
  | { readonly kind: 'ask'; readonly status: 'ambiguous' | 'incomplete'; readonly text: string; readonly template: string; readonly candidates: readonly string[] }
  | { readonly kind: 'fail'; readonly status: 'unknown-noun' | 'unknown-verb'; readonly text: string; readonly badWord?: string }
  | { readonly kind: 'again' }
  | { readonly kind: 'oops'; readonly words: readonly string[] };

type Resolved = { readonly ok: true; readonly hits: readonly NounHit[]; readonly notes: readonly string[] };

const isItem = (e: ScopeEntity) => e.kind === 'item';
const isPerson = (e: ScopeEntity) => e.kind === 'npc' || e.kind === 'player';
/** Whom a bare TALK or GIVE means when there is one NPC here (other players are never guessed). */
const isNpc = (e: ScopeEntity) => e.kind === 'npc';
const whom = (verb: string) => (['talk', 'speak', 'chat', 'converse'].includes(verb) ? 'Whom do you want to talk to?' : `Whom do you want to ${verb}?`);
const held = (e: ScopeEntity) => e.where === 'carried' || e.where === 'worn';
const role = (verb: string, prefer: (e: ScopeEntity) => boolean, multi = false): Role => ({ verb, prefer, multi });

const ANY: Role = { ...role('examine', (e) => e.where !== 'known'), knownFallback: true };
const HERE_ITEM: Role = { ...role('take', (e) => isItem(e) && e.where === 'here', true), second: (e) => e.kind === 'node' };
const HELD_ITEM: Role = { ...role('drop', (e) => isItem(e) && held(e), true), all: (e) => isItem(e) && e.where === 'carried' };
const WORN = role('unequip', (e) => isItem(e) && e.where === 'worn');
const EQUIPPABLE = role('equip', (e) => isItem(e) && e.slot !== undefined && e.where !== 'worn', true);
const USABLE = role('use', (e) => (isItem(e) && e.where !== 'known') || e.kind === 'skill');
const EDIBLE: Role = { ...role('eat', (e) => isItem(e) && held(e) && e.consumable !== undefined, true), second: (e) => isItem(e) && e.consumable !== undefined };
const NODE = role('gather', (e) => e.kind === 'node', true);
const RECIPE = role('craft', (e) => e.kind === 'recipe');
const ENEMY = role('attack', (e) => e.kind === 'enemy');
const SKILL = role('cast', (e) => e.kind === 'skill');
const PERSON = role('talk to', isPerson);
const WEAPON_OR_SKILL = role('attack with', (e) => e.kind === 'skill' || (isItem(e) && e.slot !== undefined));

const capText = (c: Capture | undefined) => (c ? c.words.join(' ') : '');
const the = (e: ScopeEntity) => theName(e.name);
const The = (e: ScopeEntity) => { const t = the(e); return t[0]!.toUpperCase() + t.slice(1); };
const steps = (s: ParseStep[], mentioned: readonly ScopeEntity[], guess = false): Outcome => ({ kind: 'steps', steps: s, mentioned, guess });
const reply = (text: string, mentioned?: readonly ScopeEntity[]): Outcome => ({ kind: 'reply', text, mentioned });

function replyFor(key: string, e?: ScopeEntity): Outcome {
  const r = REPLIES[key] ?? REPLIES['nothing']!;
  const text = e ? (r.obj ?? r.alone ?? '').replace('{the}', the(e)).replace('{The}', The(e)) : r.alone ?? '';
  return reply(text, e ? [e] : undefined);
}

/** The command text with a capture (or the end, when it is missing) replaced by `{}`. */
function template(cmd: Cmd, c: Capture | undefined): string {
  const start = c?.start ?? cmd.words.length;
  const end = c?.end ?? cmd.words.length;
  return [...cmd.words.slice(0, start), '{}', ...cmd.words.slice(end)].join(' ');
}

/** Resolves capture `i`; asks for it when missing, unless `infer` finds the only sensible one. */
function need(cmd: Cmd, i: number, r: Role, question: string, infer?: (e: ScopeEntity) => boolean): Resolved | Outcome {
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
  return { kind: 'fail', status: 'unknown-noun', text: out.text, badWord: out.badWord };
}
const isResolved = (x: Resolved | Outcome): x is Resolved => 'ok' in x;

function unique(es: readonly ScopeEntity[]): ScopeEntity[] {
  const seen = new Set<string>();
  return es.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
}

/** How many to move: the number typed; all of them for a plural or ALL; one from a stack. */
function qtyOf(h: NounHit): number | undefined {
  if (h.count !== undefined) return h.count;
  if (h.entity.qty > 1) return h.every ? h.entity.qty : 1;
  return undefined;
}
const withQty = <T extends object>(a: T, q: number | undefined) => (q === undefined ? a : { ...a, qty: q });

function firstTaking(e: ScopeEntity, qty?: number): ParseStep {
  return { action: withQty({ kind: 'take', target: e.id }, qty) as Action, note: `(first taking ${the(e)})` };
}

/** Verb words that say what kind of hit a reply is about, when the target is not an enemy. */
function attackOrReply(cmd: Cmd, h: NounHit, key: string): Outcome {
  if (h.entity.kind === 'enemy') return steps([{ action: { kind: 'attack', target: h.entity.id } }], [h.entity]);
  return replyFor(isPerson(h.entity) || key === 'attack' ? 'violence' : key, h.entity);
}

const SLOT_WORDS: Readonly<Record<string, string>> = {
  head: 'head', body: 'body', chest: 'body', torso: 'body', hands: 'hands', hand: 'mainHand', feet: 'feet',
  weapon: 'mainHand', mainhand: 'mainHand', 'main hand': 'mainHand', 'right hand': 'mainHand',
  offhand: 'offHand', 'off hand': 'offHand', 'left hand': 'offHand', shield: 'offHand',
};

function equipSteps(scope: Scope, e: ScopeEntity): ParseStep[] {
  const out: ParseStep[] = [];
  if (e.where === 'here') out.push(firstTaking(e));
  const other = e.slot && scope.entities.find((x) => x.where === 'worn' && x.slot === e.slot && x.id !== e.id);
  if (other) out.push({ action: { kind: 'unequip', target: other.id }, note: `(first unequipping ${the(other)})` });
  out.push({ action: { kind: 'equip', target: e.id } });
  return out;
}

const LOCK_NOUNS = new Set(['door', 'gate', 'hatch', 'lock', 'grate', 'grating', 'way', 'passage', 'entrance', 'exit', 'portcullis', 'it']);

function keysOf(scope: Scope): ScopeEntity[] {
  return unique(scope.entities.filter((e) => isItem(e) && held(e) && [e.name, ...e.aliases].some((n) => /\bkey\b/i.test(n))));
}

export function runAct(cmd: Cmd): Outcome {
  const [name, param] = cmd.m.act.split(':') as [string, string | undefined];
  const { scope } = cmd;
  const nps = cmd.m.nps;
  switch (name) {
    case 'look': return steps([{ action: { kind: 'look' } }], []);
    case 'inventory': return steps([{ action: { kind: 'inventory' } }], []);
    case 'status': return steps([{ action: { kind: 'status' } }], []);
    case 'rest': return steps([{ action: { kind: 'rest' } }], []);
    case 'wait': return steps([{ action: { kind: 'wait' } }], []);
    case 'meta': return { kind: 'meta', meta: param as MetaCommand };
    case 'again': return { kind: 'again' };
    case 'oops': return { kind: 'oops', words: nps[0]?.words ?? [] };
    case 'exits':
      return reply(scope.exits.length ? `Exits: ${scope.exits.join(', ')}.` : 'There are no obvious exits.');
    case 'move': {
      const dir = (cmd.m.dir ?? param) as Direction | undefined;
      if (!dir) return { kind: 'ask', status: 'incomplete', text: 'Which way do you want to go?', template: 'go {}', candidates: [] };
      return { kind: 'steps', steps: [{ action: { kind: 'move', dir } }], mentioned: [], moves: true };
    }
    case 'goto': case 'enter': case 'climb': {
      const words = nps[0]?.words ?? [];
      const dir = directionOf(words) ?? (name === 'goto' ? undefined : name === 'enter' ? (scope.exits.includes('in') ? 'in' : undefined)
        : scope.exits.includes('up') ? 'up' : cmd.words.includes('down') && scope.exits.includes('down') ? 'down' : undefined);
      if (dir) return { kind: 'steps', steps: [{ action: { kind: 'move', dir } }], mentioned: [], moves: true };
      if (words.length === 0) return replyFor(name);
      const r = need(cmd, 0, ANY, '');
      return isResolved(r) ? replyFor(name, r.hits[0]!.entity) : r;
    }
    case 'examine': case 'search': {
      const r = need(cmd, 0, { ...ANY, multi: true }, `What do you want to ${cmd.verb}?`);
      if (!isResolved(r)) return r;
      return steps(r.hits.map((h, i) => ({ action: { kind: 'examine', target: h.entity.id }, note: r.notes[i] })), r.hits.map((h) => h.entity));
    }
    case 'take': case 'pick': {
      const r = need(cmd, 0, HERE_ITEM, `What do you want to ${cmd.verb === 'pick' ? 'pick up' : cmd.verb}?`);
      if (!isResolved(r)) return r;
      const out: ParseStep[] = [];
      const note = (i: number) => (i === 0 ? r.notes[0] : undefined);
      for (const [i, h] of r.hits.entries()) {
        const e = h.entity;
        if (e.kind === 'node') out.push({ action: { kind: 'gather', target: e.id }, note: note(i) });
        else if (isItem(e) && e.where === 'here') out.push({ action: withQty({ kind: 'take', target: e.id }, qtyOf(h)) as Action, note: note(i) });
        else if (r.hits.length === 1) {
          if (isItem(e)) return reply(`You already have ${the(e)}.`, [e]);
          return replyFor(isPerson(e) || e.kind === 'enemy' ? 'takeperson' : 'take', e);
        }
      }
      return steps(out, r.hits.map((h) => h.entity), r.notes.length > 0);
    }
    case 'gather': {
      const r = need(cmd, 0, NODE, 'What do you want to gather?', (e) => e.kind === 'node');
      if (!isResolved(r)) return r;
      const out: ParseStep[] = [];
      for (const h of r.hits) {
        const e = h.entity;
        if (e.kind === 'node') out.push({ action: { kind: 'gather', target: e.id } });
        else if (isItem(e) && e.where === 'here') out.push({ action: withQty({ kind: 'take', target: e.id }, qtyOf(h)) as Action });
        else if (r.hits.length === 1) return replyFor('gather', e);
      }
      if (r.notes[0] && out[0]) out[0] = { ...out[0], note: r.notes[0] };
      return steps(out, r.hits.map((h) => h.entity), r.notes.length > 0);
    }
    case 'drop': {
      const r = need(cmd, 0, HELD_ITEM, `What do you want to ${cmd.verb}?`);
      if (!isResolved(r)) return r;
      const out: ParseStep[] = [];
      for (const h of r.hits) {
        const e = h.entity;
        if (!isItem(e) || !held(e)) {
          if (r.hits.length === 1) return reply(isItem(e) ? `You aren't carrying ${the(e)}.` : `You aren't carrying ${the(e)}.`, [e]);
          continue;
        }
        if (e.where === 'worn') out.push({ action: { kind: 'unequip', target: e.id }, note: `(first unequipping ${the(e)})` });
        out.push({ action: withQty({ kind: 'drop', target: e.id }, qtyOf(h)) as Action });
      }
      if (r.notes[0] && out[0]) out[0] = { ...out[0], note: r.notes[0] };
      return steps(out, r.hits.map((h) => h.entity), r.notes.length > 0);
    }
    case 'equip': {
      const r = need(cmd, 0, EQUIPPABLE, `What do you want to ${cmd.verb}?`);
      if (!isResolved(r)) return r;
      const out: ParseStep[] = [];
      for (const h of r.hits) {
        const e = h.entity;
        if (!isItem(e) || e.slot === undefined) return reply(`You can't ${cmd.verb} ${the(e)}.`, [e]);
        if (e.where === 'worn') { if (r.hits.length === 1) return reply(`You already have ${the(e)} on.`, [e]); continue; }
        out.push(...equipSteps(scope, e));
      }
      if (r.notes[0] && out[0] && !out[0].note) out[0] = { ...out[0], note: r.notes[0] };
      return steps(out, r.hits.map((h) => h.entity), r.notes.length > 0);
    }
    case 'unequip': {
      const words = (nps[0]?.words ?? []).filter((w) => !ARTICLES.has(w));
      const slotName = SLOT_WORDS[words.join(' ')];
      const inSlot = slotName && scope.entities.find((e) => e.where === 'worn' && e.slot === slotName);
      if (inSlot) return steps([{ action: { kind: 'unequip', target: inSlot.id } }], [inSlot]);
      const slot = slotName;
      const r = need(cmd, 0, WORN, `What do you want to ${cmd.verb}?`);
      if (!isResolved(r)) {
        if (slot) return steps([{ action: { kind: 'unequip', target: slot } }], []);
        return r;
      }
      const e = r.hits[0]!.entity;
      if (e.where !== 'worn') {
        if (slot) return steps([{ action: { kind: 'unequip', target: slot } }], []);
        return reply(`You aren't wearing or wielding ${the(e)}.`, [e]);
      }
      return steps([{ action: { kind: 'unequip', target: e.id }, note: r.notes[0] }], [e], r.notes.length > 0);
    }
    case 'eat': case 'drink': {
      const r = need(cmd, 0, { ...EDIBLE, verb: name }, `What do you want to ${cmd.verb}?`);
      if (!isResolved(r)) return r;
      const out: ParseStep[] = [];
      for (const h of r.hits) {
        const e = h.entity;
        if (!isItem(e) || e.consumable === undefined || (e.consumable !== 'use' && e.consumable !== name)) {
          if (r.hits.length === 1) return replyFor(name, e);
          continue;
        }
        if (e.where === 'here') out.push(firstTaking(e, e.qty > 1 ? 1 : undefined));
        out.push({ action: { kind: 'use', target: e.id } });
      }
      if (r.notes[0] && out[0]) out[0] = { ...out[0], note: r.notes[0] };
      return steps(out, r.hits.map((h) => h.entity), r.notes.length > 0);
    }
    case 'light': {
      const r = need(cmd, 0, USABLE, `What do you want to ${cmd.verb === 'switch' || cmd.verb === 'turn' ? 'turn on' : cmd.verb}?`);
      if (!isResolved(r)) return r;
      const e = r.hits[0]!.entity;
      if (!isItem(e)) return replyFor('turn', e);
      return steps([...(e.where === 'here' ? [firstTaking(e)] : []), { action: { kind: 'use', target: e.id } }], [e]);
    }
    case 'use': return useAct(cmd);
    case 'craft': {
      const r = need(cmd, 0, RECIPE, `What do you want to ${cmd.verb}?`);
      if (!isResolved(r)) {
        if ('kind' in r && r.kind === 'fail') return reply("You don't know how to make that.");
        return r;
      }
      const h = r.hits[0]!;
      if (h.entity.kind !== 'recipe') return replyFor('craft', h.entity);
      return steps([{ action: withQty({ kind: 'craft', target: h.entity.id }, h.count) as Action, note: r.notes[0] }], [], r.notes.length > 0);
    }
    case 'attack': {
      const r = need(cmd, 0, ENEMY, `What do you want to ${cmd.verb}?`, (e) => e.kind === 'enemy');
      if (!isResolved(r)) return r;
      const target = r.hits[0]!.entity;
      if (target.kind === 'scenery' && /^(slash|hack|chop|cut|slice)$/.test(cmd.verb)) return runAct({ ...cmd, m: { ...cmd.m, act: 'cut' } });
      if (target.kind !== 'enemy') return replyFor('violence', target);
      if (nps.length < 2) return steps([{ action: { kind: 'attack', target: target.id }, note: r.notes[0] }], [target], r.notes.length > 0);
      return attackWith(cmd, target, 1);
    }
    case 'attackrev': {
      const [a0, a1] = nps;
      return runAct({ ...cmd, m: { ...cmd.m, act: 'attack', nps: a1 && a0 ? [a1, a0] : nps } });
    }
    case 'hit': {
      if (!nps[0] || nps[0].words.length === 0) return runAct({ ...cmd, m: { ...cmd.m, act: 'attack' } });
      const r = need(cmd, 0, ENEMY, '');
      if (!isResolved(r)) return r;
      return attackOrReply(cmd, r.hits[0]!, param ?? 'violence');
    }
    case 'cut': {
      const r = need(cmd, 0, role('cut', (e) => e.kind === 'node' || e.kind === 'enemy'), `What do you want to ${cmd.verb}?`);
      if (!isResolved(r)) return r;
      const e = r.hits[0]!.entity;
      if (e.kind === 'node') return steps([{ action: { kind: 'gather', target: e.id } }], [e]);
      if (e.kind === 'scenery') return cutThrough(cmd, e);
      if (e.kind === 'enemy' && nps.length > 1) return attackWith(cmd, e, 1);
      return attackOrReply(cmd, r.hits[0]!, 'cut');
    }
    case 'dig': {
      if (!nps[0] || nps[0].words.length === 0) return replyFor('dig');
      const r = need(cmd, 0, NODE, '');
      if (!isResolved(r)) return r;
      const e = r.hits[0]!.entity;
      return e.kind === 'node' ? steps([{ action: { kind: 'gather', target: e.id } }], [e]) : replyFor('dig', e);
    }
    case 'cast': {
      const r = need(cmd, 0, SKILL, `What do you want to ${cmd.verb}?`);
      if (!isResolved(r)) {
        return r.kind === 'fail' && r.status === 'unknown-noun' ? { ...r, text: "You don't know a skill by that name. STATUS lists the ones you have." } : r;
      }
      const skill = r.hits[0]!.entity;
      if (skill.kind !== 'skill') return reply(`You don't know how to ${cmd.verb} ${the(skill)}.`);
      if (nps.length < 2) return steps([{ action: { kind: 'use', target: skill.id } }], [skill]);
      const t = need(cmd, 1, ENEMY, '');
      if (!isResolved(t)) return t;
      const target = t.hits[0]!.entity;
      if (target.kind !== 'enemy') return replyFor('violence', target);
      return steps([{ action: { kind: 'attack', target: target.id, with: skill.id } }], [target]);
    }
    case 'talk': case 'talkabout': return talkAct(cmd, name === 'talkabout');
    case 'hello': return steps([{ action: { kind: 'say', text: `${cmd.verb[0]!.toUpperCase()}${cmd.verb.slice(1)}!` } }], []);
    case 'give': return giveAct(cmd);
    case 'show': {
      const r = need(cmd, 0, role('show', (e) => e.where !== 'known'), `What do you want to ${cmd.verb}?`);
      if (!isResolved(r)) return r;
      const thing = r.hits[0]!.entity;
      if (nps.length < 2 && isPerson(thing)) {
        return { kind: 'ask', status: 'incomplete', text: `What do you want to show ${the(thing)}?`, template: `${cmd.verb} {} to #${thing.id}`, candidates: [] };
      }
      const p = nps.length > 1 ? need(cmd, 1, PERSON, '') : need({ ...cmd, m: { ...cmd.m, nps: [] } }, 0, PERSON, `Whom do you want to show ${the(thing)} to?`, isNpc);
      if (!isResolved(p)) return p.kind === 'ask' ? { ...p, template: `show #${thing.id} to {}` } : p;
      const who = p.hits[0]!.entity;
      if (!isPerson(who)) return replyFor('talk', who);
      return steps([{ action: { kind: 'talk', target: who.id, topic: thing.name.slice(0, 40) }, note: p.notes[0] }], [thing, who]);
    }
    case 'putin': {
      if (nps.length > 1) {
        const p = need(cmd, 1, PERSON, '');
        if (isResolved(p) && isPerson(p.hits[0]!.entity)) return giveAct({ ...cmd, m: { ...cmd.m, act: 'give' } });
      }
      const r = need(cmd, 0, HELD_ITEM, `What do you want to ${cmd.verb}?`);
      return isResolved(r) ? replyFor('putin', r.hits[0]!.entity) : r;
    }
    case 'throwat': {
      const r = need(cmd, 0, HELD_ITEM, `What do you want to ${cmd.verb}?`);
      return isResolved(r) ? replyFor('throw', r.hits[0]!.entity) : r;
    }
    case 'open': return openAct(cmd);
    case 'count': {
      if (!nps[0] || nps[0].words.length === 0) return reply('You count to ten. Nothing happens.');
      const r = need(cmd, 0, { ...ANY, multi: true }, '');
      if (!isResolved(r)) return r;
      const e = r.hits[0]!.entity;
      const ids = new Set(r.hits.map((h) => h.entity.id));
      const n = scope.entities.filter((x) => ids.has(x.id)).reduce((s, x) => s + x.qty, 0);
      return reply(`You count ${n} ${n === 1 ? e.name : e.plural}.`, [e]);
    }
    case 'emote': {
      const text = param ?? 'gestures';
      if (!nps[0] || nps[0].words.length === 0) return steps([{ action: { kind: 'emote', text } }], []);
      const r = need(cmd, 0, ANY, '');
      if (!isResolved(r)) return r;
      const e = r.hits[0]!.entity;
      return steps([{ action: { kind: 'emote', text: `${text} ${the(e)}` } }], [e]);
    }
    case 'reply': {
      const key = param ?? 'nothing';
      const r0 = REPLIES[key];
      if (!nps[0] || nps[0].words.length === 0) {
        if (r0?.alone) return reply(r0.alone);
        return { kind: 'ask', status: 'incomplete', text: `What do you want to ${cmd.verb}?`, template: template(cmd, nps[0]), candidates: [] };
      }
      // A reply that does not name its object needs no object resolved ("buy a sword").
      if (r0 && !/\{the\}/i.test(r0.obj ?? '')) return reply(r0.obj ?? r0.alone ?? '');
      const r = need(cmd, 0, ANY, '');
      return isResolved(r) ? replyFor(key, r.hits[0]!.entity) : r;
    }
    default:
      return { kind: 'fail', status: 'unknown-verb', text: `I don't know how to ${cmd.verb}.` };
  }
}

/** Tools for clearing a way, best first: a machete before a knife before a sword. */
const BLADES = [/\b(machete|axe|hatchet|cleaver|saw|sickle|scythe)\b/i, /\b(knife|dagger|blade|sword)\b/i];

/** "cut the brambles (with the machete)": a blade used on what blocks the way (a lock's key). */
function cutThrough(cmd: Cmd, what: ScopeEntity): Outcome {
  if (cmd.m.nps.length > 1) {
    const t = need(cmd, 1, role('cut with', (e) => isItem(e) && held(e)), '');
    if (!isResolved(t)) return t;
    return steps([{ action: { kind: 'use', target: t.hits[0]!.entity.id } }], [what]);
  }
  const blade = BLADES.map((re) => cmd.scope.entities.find((e) => isItem(e) && held(e) && [e.name, ...e.aliases].some((n) => re.test(n))))
    .find((e) => e !== undefined);
  if (!blade) return replyFor('cut', what);
  return steps([{ action: { kind: 'use', target: blade.id }, note: `(with ${the(blade)})` }], [what]);
}

function attackWith(cmd: Cmd, target: ScopeEntity, i: number): Outcome {
  const w = need(cmd, i, WEAPON_OR_SKILL, '');
  if (!isResolved(w)) return w;
  const tool = w.hits[0]!.entity;
  if (tool.kind === 'skill') return steps([{ action: { kind: 'attack', target: target.id, with: tool.id } }], [target]);
  if (!isItem(tool)) return reply(`You can't attack with ${the(tool)}.`);
  const pre = tool.where === 'worn' ? [] : equipSteps(cmd.scope, tool).map((s) =>
    s.action.kind === 'equip' ? { ...s, note: `(first ${tool.slot === 'mainHand' ? 'wielding' : 'equipping'} ${the(tool)})` } : s);
  return steps([...pre, { action: { kind: 'attack', target: target.id } }], [target]);
}

function useAct(cmd: Cmd): Outcome {
  const r = need(cmd, 0, USABLE, `What do you want to ${cmd.verb}?`);
  if (!isResolved(r)) return r;
  const e = r.hits[0]!.entity;
  const nps = cmd.m.nps;
  if (nps.length < 2) {
    if (e.kind === 'node') return steps([{ action: { kind: 'gather', target: e.id } }], [e]);
    if (e.kind === 'enemy') return steps([{ action: { kind: 'attack', target: e.id } }], [e]);
    if (isPerson(e)) return steps([{ action: { kind: 'talk', target: e.id } }], [e]);
    if (e.kind === 'station') return replyFor('station', e);
    if (!isItem(e) && e.kind !== 'skill') return replyFor('nothing', e);
    return steps([...(e.where === 'here' ? [firstTaking(e)] : []), { action: { kind: 'use', target: e.id }, note: r.notes[0] }], [e]);
  }
  const second = nps[1]!.words.filter((w) => !ARTICLES.has(w));
  const dir = directionOf(second.filter((w) => !LOCK_NOUNS.has(w)));
  if (dir) return steps([{ action: { kind: 'use', target: e.id, with: dir } }], [e]);
  if (second.every((w) => LOCK_NOUNS.has(w))) return steps([{ action: { kind: 'use', target: e.id } }], [e]);
  const t = need(cmd, 1, role('use', (x) => x.where !== 'known'), '');
  if (!isResolved(t)) return t;
  const other = t.hits[0]!.entity;
  if (other.kind === 'node') return steps([{ action: { kind: 'gather', target: other.id } }], [other]);
  if (other.kind === 'enemy') return attackWith({ ...cmd, m: { ...cmd.m, nps: [nps[1]!, nps[0]!] } }, other, 1);
  if (isPerson(other) && isItem(e)) return steps([{ action: { kind: 'give', target: e.id, to: other.id } }], [e, other]);
  return steps([{ action: { kind: 'use', target: e.id, with: other.id } }], [e, other]);
}

function openAct(cmd: Cmd): Outcome {
  const nps = cmd.m.nps;
  const words = (nps[0]?.words ?? []).filter((w) => !ARTICLES.has(w));
  const dir = directionOf(words.filter((w) => !LOCK_NOUNS.has(w)));
  let key: ScopeEntity | undefined;
  let note: string | undefined;
  if (nps.length > 1) {
    const k = need(cmd, 1, role('unlock with', (e) => isItem(e) && held(e)), '');
    if (!isResolved(k)) return k;
    key = k.hits[0]!.entity;
  } else {
    const keys = keysOf(cmd.scope);
    if (keys.length > 1) {
      const names = keys.map((k) => k.name);
      const last = names.pop();
      return { kind: 'ask', status: 'ambiguous', text: `Which key do you mean, ${names.map((x) => theName(x)).join(', ')} or ${theName(last!)}?`, template: `unlock ${words.join(' ') || 'it'} with {}`, candidates: keys.map((k) => k.id) };
    }
    key = keys[0];
    if (key) note = `(with ${the(key)})`;
  }
  if (!dir && words.length > 0 && !words.every((w) => LOCK_NOUNS.has(w))) {
    const r = need(cmd, 0, ANY, '');
    if (isResolved(r) && isItem(r.hits[0]!.entity)) return replyFor('open', r.hits[0]!.entity);
  }
  if (!key) return replyFor('nokey');
  const action: Action = dir ? { kind: 'use', target: key.id, with: dir } : { kind: 'use', target: key.id };
  return steps([{ action, note }], [key]);
}

function giveAct(cmd: Cmd): Outcome {
  const nps = cmd.m.nps;
  const GIVEABLE: Role = { ...role('give', (e) => isItem(e) && held(e), true), second: (e) => isItem(e) && e.where === 'here' };
  let items: Resolved | Outcome;
  let to: Resolved | Outcome;
  if (nps.length > 1) {
    items = need(cmd, 0, GIVEABLE, `What do you want to ${cmd.verb}?`);
    to = need(cmd, 1, PERSON, `Whom do you want to ${cmd.verb} it to?`);
  } else {
    const ws = nps[0]?.words ?? [];
    // "give archon the rope": the first words name a person, the rest the thing.
    for (let k = 1; k < ws.length; k++) {
      const p = resolveNouns(ws.slice(0, k), cmd.scope, PERSON, cmd.b);
      if (p.ok && p.hits.length === 1 && isPerson(p.hits[0]!.entity)) {
        const c0: Capture = { words: ws.slice(k), start: (nps[0]?.start ?? 0) + k, end: nps[0]?.end ?? 0 };
        return giveAct({ ...cmd, m: { ...cmd.m, nps: [c0, { words: ws.slice(0, k), start: nps[0]!.start, end: nps[0]!.start + k }] } });
      }
    }
    items = need(cmd, 0, GIVEABLE, `What do you want to ${cmd.verb}?`);
    if (!isResolved(items)) return items;
    const thing = items.hits[0]!.entity;
    to = need({ ...cmd, m: { ...cmd.m, nps: [] } }, 0, PERSON, `Whom do you want to ${cmd.verb} ${the(thing)} to?`, isNpc);
    if (!isResolved(to) && to.kind === 'ask') {
      return { ...to, template: `${cmd.verb} ${items.hits.map((h) => `#${h.entity.id}`).join(' and ')} to {}` };
    }
  }
  if (!isResolved(items)) return items;
  if (!isResolved(to)) return to;
  const who = to.hits[0]!.entity;
  if (!isPerson(who)) return replyFor(who.kind === 'enemy' ? 'talk' : 'nothing', who);
  const out: ParseStep[] = [];
  for (const h of items.hits) {
    const e = h.entity;
    if (!isItem(e)) return reply(`You can't give ${the(e)} away.`, [e]);
    if (e.where === 'here') out.push(firstTaking(e, qtyOf(h)));
    if (e.where === 'worn') out.push({ action: { kind: 'unequip', target: e.id }, note: `(first unequipping ${the(e)})` });
    out.push({ action: withQty({ kind: 'give', target: e.id, to: who.id }, qtyOf(h)) as Action });
  }
  const note = [items.notes[0], to.notes[0]].filter(Boolean).join(' ');
  if (note && out[0]) out[0] = { ...out[0], note: out[0].note ? `${note} ${out[0].note}` : note };
  return steps(out, [...items.hits.map((h) => h.entity), who], items.notes.length > 0);
}

function talkAct(cmd: Cmd, topicOnly: boolean): Outcome {
  const nps = cmd.m.nps;
  const topicCap = topicOnly ? nps[0] : nps[1];
  const who = topicOnly
    ? need({ ...cmd, m: { ...cmd.m, nps: [] } }, 0, PERSON, whom(cmd.verb), isNpc)
    : need(cmd, 0, PERSON, whom(cmd.verb), isNpc);
  if (!isResolved(who) && !topicOnly && nps.length === 1 && who.kind === 'fail') {
    const ws = nps[0]!.words;
    for (let k = 1; k < ws.length; k++) {
      const p = resolveNouns(ws.slice(0, k), cmd.scope, PERSON, cmd.b);
      if (p.ok && p.hits.length === 1 && isPerson(p.hits[0]!.entity)) {
        const base = nps[0]!.start;
        return talkAct({ ...cmd, m: { ...cmd.m, nps: [{ words: ws.slice(0, k), start: base, end: base + k }, { words: ws.slice(k), start: base + k, end: nps[0]!.end }] } }, false);
      }
    }
  }
  if (!isResolved(who)) {
    if (who.kind === 'ask' && topicOnly) return { ...who, template: `talk to {} about ${capText(topicCap)}` };
    return who;
  }
  const e = who.hits[0]!.entity;
  if (!isPerson(e)) return replyFor('talk', e);
  const topic = topicCap?.words.filter((w) => !ARTICLES.has(w)).join(' ').slice(0, 40);
  const action: Action = topic ? { kind: 'talk', target: e.id, topic } : { kind: 'talk', target: e.id };
  return steps([{ action, note: who.notes[0] }], [e]);
}
