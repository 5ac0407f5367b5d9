/**
 * Acts between people: GIVE (to the one NPC here when unsaid, "give archon the rope"), TALK / ASK /
 * TELL about a topic.
 *
 *   giveAct(cmd) // "give 2 ore to mira" -> give copper-ore qty 2 to p-mira
 */
import type { Action } from '../engine/action.ts';
import type { Capture } from './grammar.ts';
import { resolveNouns, type Role } from './nouns.ts';
import {
  awayNamed, capText, firstTaking, firstUnequipping, held, isItem, isNpc, isPerson, isResolved, need, PERSON, qtyOf, reply, replyFor, role, steps,
  the, whom, withQty, type Cmd, type Outcome, type Resolved,
} from './act-kit.ts';
import type { ParseStep } from './types.ts';
import type { ScopeEntity } from '../engine/scope.ts';
import { ARTICLES } from './words.ts';

export function giveAct(cmd: Cmd): Outcome {
  const nps = cmd.m.nps;
  const GIVEABLE: Role = { ...role('give', (e) => isItem(e) && held(e), true), second: (e) => isItem(e) && e.where === 'here', absent: 'have' };
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
      if ((p.ok && p.hits.length === 1 && isPerson(p.hits[0]!.entity)) || (!p.ok && p.away !== undefined)) {
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
  const away = awayNamed(to);
  if (away !== undefined) return giveSteps(items, away, [], true);
  if (!isResolved(to)) return to;
  const who = to.hits[0]!.entity;
  if (!isPerson(who)) return replyFor(who.kind === 'enemy' ? 'talk' : 'nothing', who);
  return giveSteps(items, who.id, [who], false, to.notes[0]);
}

/**
 * The steps of giving what `items` holds to `to` (taking or unequipping it first when needed).
 * `tryFirst`: `to` is an islander elsewhere at this hour, whom the rules refuse (`give/away`).
 */
function giveSteps(items: Resolved, to: string, mentioned: readonly ScopeEntity[], tryFirst: boolean, toNote?: string): Outcome {
  const out: ParseStep[] = [];
  for (const h of items.hits) {
    const e = h.entity;
    if (!isItem(e)) return reply(`You can't give ${the(e)} away.`, [e]);
    if (e.where === 'here') out.push(firstTaking(e, qtyOf(h)));
    if (e.where === 'worn') out.push(firstUnequipping(e));
    out.push({ action: withQty({ kind: 'give', target: e.id, to }, qtyOf(h)) as Action, ...(tryFirst ? { tryFirst } : {}) });
  }
  const note = [items.notes[0], toNote].filter(Boolean).join(' ');
  if (note && out[0]) out[0] = { ...out[0], note: out[0].note ? `${note} ${out[0].note}` : note };
  return steps(out, [...items.hits.map((h) => h.entity), ...mentioned], items.notes.length > 0);
}

export function talkAct(cmd: Cmd, topicOnly: boolean): Outcome {
  const nps = cmd.m.nps;
  const topicCap = topicOnly ? nps[0] : nps[1];
  const who = topicOnly
    ? need({ ...cmd, m: { ...cmd.m, nps: [] } }, 0, PERSON, whom(cmd.verb), isNpc)
    : need(cmd, 0, PERSON, whom(cmd.verb), isNpc);
  if (!isResolved(who) && !topicOnly && nps.length === 1 && who.kind === 'fail') {
    const ws = nps[0]!.words;
    for (let k = 1; k < ws.length; k++) {
      const p = resolveNouns(ws.slice(0, k), cmd.scope, PERSON, cmd.b);
      if ((p.ok && p.hits.length === 1 && isPerson(p.hits[0]!.entity)) || (!p.ok && p.away !== undefined)) {
        const base = nps[0]!.start;
        return talkAct({ ...cmd, m: { ...cmd.m, nps: [{ words: ws.slice(0, k), start: base, end: base + k }, { words: ws.slice(k), start: base + k, end: nps[0]!.end }] } }, false);
      }
    }
  }
  const topic = topicCap?.words.filter((w) => !ARTICLES.has(w)).join(' ').slice(0, 40);
  const talk = (target: string): Action => (topic ? { kind: 'talk', target, topic } : { kind: 'talk', target });
  // An islander elsewhere at this hour: the rules refuse it, as they refuse a view gone stale.
  const away = awayNamed(who);
  if (away !== undefined) return steps([{ action: talk(away), tryFirst: true }], []);
  if (!isResolved(who)) {
    if (who.kind === 'ask' && topicOnly) return { ...who, template: `talk to {} about ${capText(topicCap)}` };
    return who;
  }
  const e = who.hits[0]!.entity;
  if (!isPerson(e)) return replyFor('talk', e);
  return steps([{ action: talk(e.id), note: who.notes[0] }], [e]);
}

