/**
 * Acts about tools: USE X (ON Y), UNLOCK / OPEN with a key, CUT through with a blade, and
 * ATTACK WITH a weapon (wielding it first) or a skill.
 *
 *   useAct(cmd) // "use pickaxe on vein" -> gather; "use key on north door" -> use key with north
 */
import type { Action } from '../engine/action.ts';
import type { ScopeEntity } from '../engine/scope.ts';
import {
  ANY, equipSteps, firstTaking, held, isItem, isPerson, isResolved, keysOf, LOCK_NOUNS, need, reply, replyFor, role,
  steps, the, USABLE, WEAPON_OR_SKILL, type Cmd, type Outcome,
} from './act-kit.ts';
import { ARTICLES, directionOf, theName } from './words.ts';

/** Tools for clearing a way, best first: a machete before a knife before a sword. */
const BLADES = [/\b(machete|axe|hatchet|cleaver|saw|sickle|scythe)\b/i, /\b(knife|dagger|blade|sword)\b/i];

/** "cut the brambles (with the machete)": a blade used on what blocks the way (a lock's key). */
export function cutThrough(cmd: Cmd, what: ScopeEntity): Outcome {
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

export function attackWith(cmd: Cmd, target: ScopeEntity, i: number): Outcome {
  const w = need(cmd, i, WEAPON_OR_SKILL, '');
  if (!isResolved(w)) return w;
  const tool = w.hits[0]!.entity;
  if (tool.kind === 'skill') return steps([{ action: { kind: 'attack', target: target.id, with: tool.id } }], [target]);
  if (!isItem(tool)) return reply(`You can't attack with ${the(tool)}.`);
  const pre = tool.where === 'worn' ? [] : equipSteps(cmd.scope, tool).map((s) =>
    s.action.kind === 'equip' ? { ...s, note: `(first ${tool.slot === 'mainHand' ? 'wielding' : 'equipping'} ${the(tool)})` } : s);
  return steps([...pre, { action: { kind: 'attack', target: target.id } }], [target]);
}

export function useAct(cmd: Cmd): Outcome {
  const r = need(cmd, 0, USABLE, `What do you want to ${cmd.verb}?`);
  if (!isResolved(r)) return r;
  const e = r.hits[0]!.entity;
  const nps = cmd.m.nps;
  if (nps.length < 2) {
    if (e.kind === 'node') return steps([{ action: { kind: 'gather', target: e.id } }], [e]);
    if (e.kind === 'enemy') return steps([{ action: { kind: 'attack', target: e.id } }], [e]);
    if (isPerson(e)) return steps([{ action: { kind: 'talk', target: e.id } }], [e]);
    if (e.kind === 'station') return replyFor('station', e);
    if (e.works) return steps([{ action: { kind: 'use', target: e.id }, note: r.notes[0] }], [e]);
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

export function openAct(cmd: Cmd): Outcome {
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
  let through = dir;
  if (!dir && words.length > 0 && !words.every((w) => LOCK_NOUNS.has(w))) {
    const r = need(cmd, 0, ANY, '');
    if (isResolved(r) && isItem(r.hits[0]!.entity)) return replyFor('open', r.hits[0]!.entity);
    // A door that is the way through an exit: with no key to try, OPEN it is going through.
    const leads = isResolved(r) ? r.hits[0]!.entity.leads : undefined;
    if (leads && !key) return { kind: 'steps', steps: [{ action: { kind: 'move', dir: leads } }], mentioned: [], moves: true };
    through = leads;
  }
  if (!key) return replyFor('nokey');
  const action: Action = through ? { kind: 'use', target: key.id, with: through } : { kind: 'use', target: key.id };
  return steps([{ action, note }], [key]);
}

