/**
 * What happens to a player over time and through fights: effects starting, curing and ticking,
 * EXP and level-ups, defeat (and waking at the respawn point), and receiving created items
 * (loot, gifts) with whatever does not fit falling to the floor, so nothing is lost or doubled.
 *
 * Death penalty: a defeated player wakes at `world.respawn` with half their max HP (rounded up),
 * loses `defeatExpPenalty`% of the EXP toward the next level and every active effect, stops
 * fighting, and keeps every item (pack and gear): nothing is dropped or duplicated.
 */
import { withPlayer } from '../state.ts';
import type { Id } from '../../content/schema.ts';
import type { PlayerState } from '../state.ts';
import { expForLevel, maximaAt, stacksWeight, wornWeight, capacityOf } from '../stats.ts';
import { addToPack, stackLimit } from '../inventory.ts';
import type { Turn } from '../turn.ts';
import { changeFloor, emit, insertSorted } from '../turn.ts';

export function clampVitals(t: Turn, p: PlayerState): PlayerState {
  const m = maximaAt(t.content, p.level);
  const hp = Math.max(0, Math.min(p.hp, m.maxHp));
  const mp = Math.max(0, Math.min(p.mp, m.maxMp));
  const sp = Math.max(0, Math.min(p.sp, m.maxSp));
  return hp === p.hp && mp === p.mp && sp === p.sp ? p : withPlayer(p, { hp, mp, sp });
}

/**
 * Starts an effect on the player. An effect already active is renewed, not stacked: its duration
 * goes back to the effect's full `turns` (never longer), its strength stays one, and it keeps its
 * place in the ticking order, so it ticks this very turn (only a newly started effect waits for
 * the next turn). The event says `renewed`.
 */
export function startEffect(t: Turn, p: PlayerState, effectId: Id): PlayerState {
  const effect = t.content.effects.get(effectId);
  if (!effect) return p;
  const at = p.effects.findIndex((e) => e.id === effectId);
  const turnsLeft = Math.max(effect.turns, at >= 0 ? p.effects[at]!.turnsLeft : 0);
  const renewed = at >= 0;
  emit(t, renewed
    ? { type: 'effect-started', effect: effectId, turns: turnsLeft, renewed: true, player: p.id, location: p.location }
    : { type: 'effect-started', effect: effectId, turns: turnsLeft, player: p.id, location: p.location });
  if (!renewed) {
    if (p.id === t.intent.player) t.started = [...t.started, effectId];
    return withPlayer(p, { effects: [...p.effects, { id: effectId, turnsLeft }] });
  }
  return withPlayer(p, { effects: p.effects.map((e, i) => (i === at ? { id: effectId, turnsLeft } : e)) });
}

export function cureEffects(t: Turn, p: PlayerState, ids: readonly Id[]): PlayerState {
  if (ids.length === 0) return p;
  const kept = p.effects.filter((e) => !ids.includes(e.id));
  if (kept.length === p.effects.length) return p;
  for (const e of p.effects) {
    if (ids.includes(e.id)) emit(t, { type: 'effect-ended', effect: e.id, player: p.id, location: p.location });
  }
  return withPlayer(p, { effects: kept });
}

/** Adds EXP; each level reached raises the maxima and refills HP, MP and SP. */
export function grantExp(t: Turn, p: PlayerState, amount: number): PlayerState {
  let { level, exp } = p;
  exp += amount;
  let levelled = false;
  for (let need = expForLevel(t.content, level); exp >= need; need = expForLevel(t.content, level)) {
    exp -= need;
    level += 1;
    levelled = true;
    emit(t, { type: 'level-up', level, player: p.id, location: p.location });
  }
  if (!levelled) return withPlayer(p, { exp });
  const m = maximaAt(t.content, level);
  return withPlayer(p, { level, exp, hp: m.maxHp, mp: m.maxMp, sp: m.maxSp });
}

export function defeatPlayer(t: Turn, p: PlayerState, by: Id): PlayerState {
  const world = t.content.world;
  const expLost = Math.floor((p.exp * world.player.defeatExpPenalty) / 100);
  const m = maximaAt(t.content, p.level);
  const respawn = world.respawn;
  emit(t, { type: 'player-defeated', by, respawn, expLost, player: p.id, location: p.location });
  if (p.id === t.intent.player) t.defeated = true;
  return {
    ...p,
    location: respawn,
    hp: Math.max(1, Math.ceil(m.maxHp / 2)),
    mp: Math.min(p.mp, m.maxMp),
    sp: Math.min(p.sp, m.maxSp),
    exp: p.exp - expLost,
    effects: [],
    fighting: null,
    visited: insertSorted(p.visited, respawn),
    firstVisit: !p.visited.includes(respawn),
  };
}

/** How many of `item` fit in the pack on top of what is carried. */
export function roomFor(t: Turn, p: PlayerState, item: Id): number {
  const content = t.content;
  const { maxWeight, maxSlots } = capacityOf(content, p.equipment);
  const grams = content.items.get(item)?.weight ?? 0;
  const weight = stacksWeight(content, p.inventory) + wornWeight(content, p.equipment);
  const byWeight = grams === 0 ? Number.MAX_SAFE_INTEGER : Math.floor(Math.max(0, maxWeight - weight) / grams);
  const limit = stackLimit(content, item);
  let bySlots = Math.max(0, maxSlots - p.inventory.length) * limit;
  for (const s of p.inventory) if (s.item === item && s.qty < limit) bySlots += limit - s.qty;
  return Math.min(byWeight, bySlots);
}

/** Created items (loot, a gift) go into the pack; what does not fit falls to the floor. */
export function deliverItems(t: Turn, p: PlayerState, item: Id, qty: number): PlayerState {
  const fits = Math.min(qty, roomFor(t, p, item));
  const rest = qty - fits;
  if (rest > 0) {
    changeFloor(t, p.location, item, rest);
    emit(t, { type: 'loot-dropped', item, qty: rest, player: p.id, location: p.location });
  }
  return fits > 0 ? withPlayer(p, { inventory: addToPack(t.content, p.inventory, item, fits) }) : p;
}
