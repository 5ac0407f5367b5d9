/**
 * Acts about containers (chests, crates: engine/rules/containers.ts): PUT X IN Y, TAKE X FROM Y
 * (ALL and ALL EXCEPT name what is inside: `Scope.inside`), OPEN Y (with its key) and CLOSE Y.
 * Each returns null when the second noun is not a container here, so the caller goes on as before
 * ("put the rope on the table", "take the cord from Ana").
 *
 *   takeFromAct(cmd) // "take all except rope from chest" -> take biscuit from sea-chest, ...
 */
import type { Action } from '../engine/action.ts';
import type { ScopeEntity } from '../engine/scope.ts';
import { resolveNouns, type Role } from './nouns.ts';
import {
  firstUnequipping, held, HELD_ITEM, isItem, isResolved, need, qtyOf, reply, role, steps, The, the, withQty, type Cmd, type Outcome,
} from './act-kit.ts';
import type { ParseStep } from './types.ts';

const isContainer = (e: ScopeEntity) => e.kind === 'container';
const CONTAINER: Role = role('look in', isContainer);
const INSIDE: Role = role('take', isItem, true);

/** The container capture `i` names, or null when it names something else (or nothing here). */
function containerOf(cmd: Cmd, i: number): ScopeEntity | null {
  const c = cmd.m.nps[i];
  if (!c) return null;
  const words = c.words[0] === 'of' ? c.words.slice(1) : c.words;
  const r = resolveNouns(words, cmd.scope, CONTAINER, cmd.b);
  return r.ok && r.hits.length === 1 && isContainer(r.hits[0]!.entity) ? r.hits[0]!.entity : null;
}

export function takeFromAct(cmd: Cmd): Outcome | null {
  const box = containerOf(cmd, 1);
  if (!box) return null;
  if (!box.open) return reply(`${The(box)} is shut.`, [box]);
  const inside = cmd.scope.inside?.[box.id] ?? [];
  const words = cmd.m.nps[0]?.words ?? [];
  if (words.length === 0) return { kind: 'ask', status: 'incomplete', text: `What do you want to take from ${the(box)}?`, template: `take {} from #${box.id}`, candidates: [] };
  if (inside.length === 0) return reply(`${The(box)} is empty.`, [box]);
  const r = resolveNouns(words, { ...cmd.scope, entities: inside }, INSIDE, cmd.b);
  if (!r.ok) {
    if (r.status === 'ambiguous') return { kind: 'ask', status: 'ambiguous', text: r.text, template: `take {} from #${box.id}`, candidates: (r.candidates ?? []).map((e) => e.id) };
    return reply(`There is nothing like that in ${the(box)}.`, [box]);
  }
  const out: ParseStep[] = r.hits.map((h, i) => ({
    action: withQty({ kind: 'take', target: h.entity.id, from: box.id }, qtyOf(h)) as Action, note: i === 0 ? r.notes[0] : undefined,
  }));
  return steps(out, [box, ...r.hits.map((h) => h.entity)], r.notes.length > 0);
}

export function putInAct(cmd: Cmd): Outcome | null {
  const box = containerOf(cmd, 1);
  if (!box) return null;
  const r = need(cmd, 0, HELD_ITEM, `What do you want to put in ${the(box)}?`);
  if (!isResolved(r)) return r;
  const out: ParseStep[] = [];
  for (const h of r.hits) {
    const e = h.entity;
    if (!isItem(e) || !held(e)) {
      if (r.hits.length === 1) return reply(`You aren't carrying ${the(e)}.`, [e]);
      continue;
    }
    if (e.where === 'worn') out.push(firstUnequipping(e));
    out.push({ action: withQty({ kind: 'put', target: e.id, in: box.id }, qtyOf(h)) as Action });
  }
  if (out.length === 0) return reply("You aren't carrying any of those.");
  if (r.notes[0] && out[0]) out[0] = { ...out[0], note: r.notes[0] };
  return steps(out, [box, ...r.hits.map((h) => h.entity)], r.notes.length > 0);
}

/** OPEN, UNLOCK or CLOSE a container (the engine checks for the key). */
export function lidAct(cmd: Cmd, kind: 'open' | 'close'): Outcome | null {
  const box = containerOf(cmd, 0);
  if (!box) return null;
  return steps([{ action: { kind, target: box.id } }], [box]);
}
