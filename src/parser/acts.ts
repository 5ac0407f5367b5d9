/**
 * Acts: what a matched grammar line means. Each act resolves its noun phrases against the scope
 * and returns steps (intents with notes), a reply, a meta command, a question or a failure.
 * Implicit actions live here ("(first taking the copper pickaxe)").
 *
 *   runAct({ scope, b, verb: 'take', words, m }) // { kind: 'steps', steps: [{ action: take rope }] }
 */
import type { Direction } from '../content/schema.ts';
import type { Action } from '../engine/action.ts';
import type { ScopeEntity } from '../engine/scope.ts';
import {
  ANY, attackOrReply, EDIBLE, ENEMY, EQUIPPABLE, equipSteps, firstTaking, firstUnequipping, held, HELD_ITEM, HERE_ITEM, isItem, isNpc,
  countOf, gatherOf, isPerson, isResolved, need, NODE, qtyOf, RECIPE, reply, replyFor, role, SKILL, SLOT_WORDS, steps, template, the,
  USABLE, withQty, WORN, PERSON, type Cmd, type Outcome,
} from './act-kit.ts';
import { narrowCraft } from './craft-choice.ts';
import { giveAct, talkAct } from './acts-social.ts';
import { attackWith, cutThrough, openAct, useAct } from './acts-tools.ts';
import { QUESTION_ACTS } from './acts-questions.ts';
import { TRAVEL_ACTS } from './acts-travel.ts';
import { TRADE_ACTS } from './acts-trade.ts';
import { COMPANY_ACTS } from './acts-company.ts';
import { lidAct, putInAct, takeFromAct } from './acts-containers.ts';
import { numberWord } from '../content/english.ts';
import { REPLIES } from './replies.ts';
import type { MetaCommand, ParseStep } from './types.ts';
import { ARTICLES, directionOf } from './words.ts';

export type { Cmd, Outcome } from './act-kit.ts';

/** Words between SIT and the thing sat by (SIT DOWN BY THE FIRE, LIE ON THE BENCH). */
const REST_PLACES: ReadonlySet<string> = new Set(['by', 'beside', 'near', 'next', 'to', 'at', 'on', 'in', 'before', 'against', 'under', 'down']);

/** Replies whose verbs work a thing that works (a lever, a wheel, a fallen prop) instead of doing nothing. */
const WORKING = new Set(['push', 'pull', 'turn', 'lift', 'pry', 'shake']);

export function runAct(cmd: Cmd): Outcome {
  const [name, param] = cmd.m.act.split(':') as [string, string | undefined];
  const { scope } = cmd;
  const nps = cmd.m.nps;
  switch (name) {
    case 'look': return steps([{ action: { kind: 'look' } }], []);
    case 'inventory': return steps([{ action: { kind: 'inventory' } }], []);
    case 'status': return steps([{ action: { kind: 'status' } }], []);
    case 'rest': return steps([{ action: { kind: 'rest' } }], []);
    case 'restby': {
      // SIT BY THE FIRE, LIE ON THE BENCH: a rest beside a thing that is here, or word that it is not.
      const words = (nps[0]?.words ?? []).filter((w) => !ARTICLES.has(w) && !REST_PLACES.has(w));
      if (words.length === 0) return steps([{ action: { kind: 'rest' } }], []);
      const r = need({ ...cmd, m: { ...cmd.m, nps: [{ ...nps[0]!, words }, ...nps.slice(1)] } }, 0, ANY, '');
      if (isResolved(r)) return steps([{ action: { kind: 'rest' } }], r.hits.map((h) => h.entity));
      return r.kind === 'fail' ? reply(`There is no ${words.join(' ')} here.`) : r;
    }
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
      const usual = name === 'goto' ? undefined : name === 'enter' ? (scope.exits.includes('in') ? 'in' : undefined)
        : scope.exits.includes('up') ? 'up' : cmd.words.includes('down') && scope.exits.includes('down') ? 'down' : undefined;
      const go = (dir: Direction): Outcome => ({ kind: 'steps', steps: [{ action: { kind: 'move', dir } }], mentioned: [], moves: true });
      const named = directionOf(words);
      if (named) return go(named);
      if (words.length === 0) return usual ? go(usual) : replyFor(name);
      const r = need(cmd, 0, ANY, '');
      // GET IN A BOAT is not the way in to the office: the thing named decides; a name nothing
      // here answers to ("enter the inn" at its door) still goes the usual way.
      if (!isResolved(r)) return r.kind === 'fail' && usual ? go(usual) : r;
      // Steps, a door, a gate: the way through an exit here (content's `leads`).
      const leads = r.hits[0]!.entity.leads;
      if (leads) return { kind: 'steps', steps: [{ action: { kind: 'move', dir: leads } }], mentioned: [], moves: true };
      return replyFor(name, r.hits[0]!.entity);
    }
    case 'recipes': {
      const names = scope.entities.filter((e) => e.kind === 'recipe').map((e) => e.name);
      if (names.length === 0) return reply("You don't know how to make anything yet.");
      return reply(`You know how to make: ${names.join(', ')}. EXAMINE one to see what it needs, then CRAFT it.`);
    }
    case 'examine': case 'search': {
      const r = need(cmd, 0, param === 'recipe' ? RECIPE : { ...ANY, multi: true }, `What do you want to ${cmd.verb === 'look' ? 'look at' : cmd.verb}?`);
      if (!isResolved(r)) return r;
      return steps(r.hits.map((h, i) => ({ action: { kind: 'examine', target: h.entity.id }, note: r.notes[i] })), r.hits.map((h) => h.entity));
    }
    case 'take': case 'pick': {
      const fromBox = nps.length > 1 ? takeFromAct(cmd) : null;
      if (fromBox) return fromBox;
      const r = need(cmd, 0, HERE_ITEM, `What do you want to ${cmd.verb === 'pick' ? 'pick up' : cmd.verb}?`);
      if (!isResolved(r)) return r;
      const out: ParseStep[] = [];
      const note = (i: number) => (i === 0 ? r.notes[0] : undefined);
      for (const [i, h] of r.hits.entries()) {
        const e = h.entity;
        if (e.kind === 'node') out.push({ action: gatherOf(cmd, h), note: note(i) });
        else if (isItem(e) && e.where === 'here') out.push({ action: withQty({ kind: 'take', target: e.id }, qtyOf(h)) as Action, note: note(i) });
        else if (r.hits.length === 1) {
          if (isItem(e)) return reply(`You already have ${the(e)}.`, [e]);
          return replyFor(isPerson(e) || e.kind === 'enemy' ? 'takeperson' : 'take', e);
        }
      }
      if (out.length === 0) return reply(r.hits.every((h) => isItem(h.entity) && held(h.entity)) ? 'You already have them.' : "There's nothing like that here to take.");
      return steps(out, r.hits.map((h) => h.entity), r.notes.length > 0);
    }
    case 'gather': {
      const r = need(cmd, 0, NODE, 'What do you want to gather?', (e) => e.kind === 'node');
      if (!isResolved(r)) return r;
      const out: ParseStep[] = [];
      for (const h of r.hits) {
        const e = h.entity;
        // "gather driftwood sticks" with sticks in the pack: the pile here that yields them.
        const source = isItem(e) && e.where !== 'here' ? scope.entities.find((n) => n.kind === 'node' && n.yields === e.id) : undefined;
        if (e.kind === 'node') out.push({ action: gatherOf(cmd, h) });
        else if (source) out.push({ action: gatherOf(cmd, { ...h, entity: source }) });
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
        if (e.where === 'worn') out.push(firstUnequipping(e));
        out.push({ action: withQty({ kind: 'drop', target: e.id }, qtyOf(h)) as Action });
      }
      if (out.length === 0) return reply("You aren't carrying any of those.");
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
        // "eat 2 biscuits", "eat all biscuits": one action with a count (the rules stop when no more would help).
        const n = countOf(cmd, h);
        const many = n !== undefined && n > 1 ? n : undefined;
        if (e.where === 'here') out.push(firstTaking(e, many ?? (e.qty > 1 ? 1 : undefined)));
        out.push({ action: withQty({ kind: 'use', target: e.id }, many) as Action });
      }
      if (r.notes[0] && out[0]) out[0] = { ...out[0], note: r.notes[0] };
      return steps(out, r.hits.map((h) => h.entity), r.notes.length > 0);
    }
    case 'light': {
      const r = need(cmd, 0, USABLE, `What do you want to ${cmd.verb === 'switch' || cmd.verb === 'turn' ? 'turn on' : cmd.verb}?`);
      if (!isResolved(r)) return r;
      const e = r.hits[0]!.entity;
      if (!isItem(e)) return replyFor(cmd.verb === 'switch' || cmd.verb === 'turn' ? 'turn' : 'light', e);
      return steps([...(e.where === 'here' ? [firstTaking(e)] : []), { action: { kind: 'use', target: e.id } }], [e]);
    }
    case 'use': return useAct(cmd);
    case 'craft': {
      const r = need(cmd, 0, RECIPE, `What do you want to ${cmd.verb}?`);
      if (!isResolved(r)) {
        if ('kind' in r && r.kind === 'fail') return reply("You don't know how to make that.");
        return narrowCraft(cmd, r) ?? r;
      }
      const h = r.hits[0]!;
      if (h.entity.kind !== 'recipe') return replyFor('craft', h.entity);
      return steps([{ action: withQty({ kind: 'craft', target: h.entity.id }, h.count) as Action, note: r.notes[0] }], [], r.notes.length > 0);
    }
    case 'attack': {
      // A bare ATTACK in a fight goes on with the enemy already fought, whoever else is here.
      const foe = (nps[0]?.words ?? []).every((w) => ARTICLES.has(w)) ? foughtHere(scope) : undefined;
      if (foe) return nps.length < 2 ? steps([{ action: { kind: 'attack', target: foe.id } }], [foe]) : attackWith(cmd, foe, 1);
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
      return attackOrReply(r.hits[0]!, param ?? 'violence');
    }
    case 'cut': {
      const r = need(cmd, 0, role('cut', (e) => e.kind === 'node' || e.kind === 'enemy'), `What do you want to ${cmd.verb}?`);
      if (!isResolved(r)) return r;
      const e = r.hits[0]!.entity;
      if (e.kind === 'node') return steps([{ action: { kind: 'gather', target: e.id } }], [e]);
      if (e.kind === 'scenery') return cutThrough(cmd, e);
      if (e.kind === 'enemy' && nps.length > 1) return attackWith(cmd, e, 1);
      return attackOrReply(r.hits[0]!, 'cut');
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
      if (nps.length < 2 && skill.strikes) {
        // CAST TIDE BOLT: at the enemy fought, or the only one here; asked for among several.
        const enemies = scope.entities.filter((e) => e.kind === 'enemy');
        const foe = foughtHere(scope) ?? (enemies.length === 1 ? enemies[0] : undefined);
        if (foe) return steps([{ action: { kind: 'attack', target: foe.id, with: skill.id } }], [foe, skill]);
        if (enemies.length === 0) return reply(`There is nothing here to ${cmd.verb} ${the(skill)} at.`, [skill]);
        return { kind: 'ask', status: 'incomplete', text: `What do you want to ${cmd.verb} ${the(skill)} at?`, template: `${cmd.verb} #${skill.id} at {}`, candidates: [] };
      }
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
      const inBox = nps.length > 1 ? putInAct(cmd) : null;
      if (inBox) return inBox;
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
    case 'open': return lidAct(cmd, 'open') ?? openAct(cmd);
    case 'close': return lidAct(cmd, 'close') ?? runAct({ ...cmd, m: { ...cmd.m, act: 'reply:close' } });
    case 'count': {
      if (!nps[0] || nps[0].words.length === 0) return reply('You count to ten. Nothing happens.');
      const r = need(cmd, 0, { ...ANY, multi: true }, '');
      if (!isResolved(r)) return r;
      const e = r.hits[0]!.entity;
      const ids = new Set(r.hits.map((h) => h.entity.id));
      const n = scope.entities.filter((x) => ids.has(x.id)).reduce((s, x) => s + x.qty, 0);
      // A name that is itself plural (scenery such as "standing stones") has no count to give.
      if (e.number === 'plural') return reply(`There are more ${e.name} than you can count.`, [e]);
      return reply(`You count ${numberWord(n)} ${n === 1 ? e.name : e.plural}.`, [e]);
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
      if (!isResolved(r)) return r;
      const e = r.hits[0]!.entity;
      // PULL the lever, TURN the wheel, LIFT the prop: a thing that works is worked.
      if (e.works && WORKING.has(key)) return steps([{ action: { kind: 'use', target: e.id }, note: r.notes[0] }], [e]);
      return replyFor(key, e);
    }
    default: {
      const act = TRAVEL_ACTS.get(name) ?? QUESTION_ACTS.get(name) ?? TRADE_ACTS.get(name) ?? COMPANY_ACTS.get(name);
      if (act) return act(cmd, param);
      return { kind: 'fail', status: 'unknown-verb', text: `I don't know how to ${cmd.verb}.` };
    }
  }
}

/** The enemy the player is fighting, when it is here (the scope's `fighting`). */
function foughtHere(scope: Cmd['scope']): ScopeEntity | undefined {
  return scope.fighting === undefined ? undefined : scope.entities.find((e) => e.kind === 'enemy' && e.id === scope.fighting);
}
