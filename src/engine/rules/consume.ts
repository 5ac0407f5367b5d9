/**
 * `use`: eat or drink a consumable, or `qty` of them (used up: HP/MP/SP change within the maxima,
 * effects start or are cured), open a lock here with a key, or cast a skill on yourself (a heal, a buff)
 * by its skill id, or work a thing of the room that works (a lever: scenery with `works`, by its
 * scenery id; `worked`). Anything else: `use/nothing-happens`.
 */
import { withPlayer } from '../state.ts';
import type { ActionOf } from '../action.ts';
import { workMechanisms } from './mechanisms.ts';
import type { PlayerState } from '../state.ts';
import { countInPack, hasItem, removeFromPack } from '../inventory.ts';
import { maximaAt } from '../stats.ts';
import type { Refusal, Turn } from '../turn.ts';
import { emit, putPlayer, refuse } from '../turn.ts';
import { checkSkill, useSkillOnSelf } from './battle.ts';
import { cureEffects, startEffect } from './progress.ts';
import { applyUseKey } from './traverse.ts';
import { sceneryAt } from '../describe-location.ts';
import { sceneryId } from '../scope-of.ts';

/** A thing here that works, named by its scenery id (never an item's or a skill's id). */
function worksHere(t: Turn, p: PlayerState, target: string): boolean {
  if (t.content.items.has(target) || t.content.skills.has(target)) return false;
  return sceneryAt(t.content, t.state, p.location, t.now, p.id).some((s) => s.works !== undefined && sceneryId(s.name) === target);
}

/**
 * Eats or drinks `asked` of a consumable (at most as many as carried). The first is used in any
 * case, as a single one always is; each more one only while it still restores some HP, MP or SP
 * (its effects and cures are the first one's work), so ALL never wastes food at full health.
 */
function consume(t: Turn, p: PlayerState, itemId: string, asked: number): Refusal | undefined {
  const c = t.content.items.get(itemId)?.consumable;
  if (!c) return refuse('use/nothing-happens', { item: itemId });
  const m = maximaAt(t.content, p.level);
  const carried = countInPack(p.inventory, itemId);
  let { hp, mp, sp } = p;
  let qty = 0;
  while (qty < Math.min(asked, carried)) {
    const nh = Math.max(0, Math.min(m.maxHp, hp + c.hp));
    const nm = Math.max(0, Math.min(m.maxMp, mp + c.mp));
    const ns = Math.max(0, Math.min(m.maxSp, sp + c.sp));
    if (qty > 0 && nh === hp && nm === mp && ns === sp) break;
    hp = nh;
    mp = nm;
    sp = ns;
    qty += 1;
  }
  const gains = { hp: hp - p.hp, mp: mp - p.mp, sp: sp - p.sp };
  const more = qty > 1 ? { qty } : {};
  const fewer = asked > 1 && qty < asked ? { asked } : {};
  emit(t, { type: 'consumed', item: itemId, ...gains, ...more, ...fewer, player: t.intent.player, location: t.where });
  let me: PlayerState = withPlayer(p, { inventory: removeFromPack(p.inventory, itemId, qty), hp, mp, sp });
  me = cureEffects(t, me, c.cures);
  for (const effect of c.applies) me = startEffect(t, me, effect);
  putPlayer(t, me);
  return undefined;
}

export function applyUse(t: Turn, p: PlayerState, a: ActionOf<'use'>): Refusal | undefined {
  if (worksHere(t, p, a.target)) {
    emit(t, { type: 'worked', target: a.target, player: t.intent.player, location: t.where });
    workMechanisms(t, a.target);
    return undefined;
  }
  const skill = t.content.skills.get(a.target);
  if (skill && !t.content.items.has(a.target)) {
    const no = checkSkill(p, skill, 'use');
    if (no) return no;
    const buffs = skill.applies !== undefined && t.content.effects.get(skill.applies)?.kind === 'buff';
    if (skill.heal === 0 && !buffs) return refuse('use/nothing-happens', { target: a.target });
    // A heal with nothing to heal (and no buff to give) costs nothing and says so.
    if (!buffs && p.hp >= maximaAt(t.content, p.level).maxHp) return refuse('use/full-health', { target: a.target });
    putPlayer(t, useSkillOnSelf(t, p, skill));
    return undefined;
  }
  if (!hasItem(p.inventory, p.equipment, a.target)) return refuse('use/not-carried', { item: a.target });
  const item = t.content.items.get(a.target);
  if (item?.consumable && countInPack(p.inventory, a.target) > 0) return consume(t, p, a.target, a.qty ?? 1);
  const here = t.content.locations.get(p.location);
  if (here?.exits.some((e) => e.lock?.key === a.target)) return applyUseKey(t, p, a.target, a.with);
  if (item?.kind === 'key') return refuse('use/no-lock', { item: a.target });
  return refuse('use/nothing-happens', { item: a.target });
}
