/**
 * Effects on enemies: a player's skill can put a debuff (an effect of kind `debuff`) on the enemy
 * it strikes. While active it changes the enemy's attack and defence, and on each of the enemy's
 * own turns (every blow it strikes) its per-turn HP change applies and it has one turn less.
 * The events carry `enemy`, so narration can tell them from the player's own effects.
 */
import type { Enemy, Id } from '../../content/schema.ts';
import { compareCodeUnits } from '../../content/canonical.ts';
import type { ActiveEffect, EnemyDamage, EnemyState } from '../state.ts';
import type { Turn } from '../turn.ts';
import { emit } from '../turn.ts';

/** The enemy state with `effects` left out when there are none (one canonical form). */
export function withEffects(s: EnemyState, effects: readonly ActiveEffect[]): EnemyState {
  const { effects: _old, ...rest } = s;
  return effects.length > 0 ? { ...rest, effects } : rest;
}

/**
 * The enemy at `hp` after a blow at game time `at`: `by` is credited with the HP it lost
 * (`dealt`, kept sorted by player id), and `foughtAt` is now, so it does not recover mid-fight.
 */
export function woundEnemy(s: EnemyState, hp: number, by: string, at: number): EnemyState {
  const lost = s.hp - hp;
  let dealt = s.dealt ?? [];
  if (lost > 0) {
    const i = dealt.findIndex((d) => d.player === by);
    dealt = i >= 0
      ? dealt.map((d, j) => (j === i ? { player: by, hp: d.hp + lost } : d))
      : [...dealt, { player: by, hp: lost }].sort((a, b) => compareCodeUnits(a.player, b.player));
  }
  const next: { -readonly [K in keyof EnemyState]: EnemyState[K] } = { hp, defeatedAt: s.defeatedAt };
  if (s.effects && s.effects.length > 0) next.effects = s.effects;
  if (dealt.length > 0) next.dealt = dealt as readonly EnemyDamage[];
  next.foughtAt = at;
  return next;
}

export function enemyStatsOf(t: Turn, enemy: Enemy, s: EnemyState): { attack: number; defence: number } {
  let { attack, defence } = enemy;
  for (const e of s.effects ?? []) {
    const effect = t.content.effects.get(e.id);
    if (effect) {
      attack += effect.attack;
      defence += effect.defence;
    }
  }
  return { attack: Math.max(0, attack), defence: Math.max(0, defence) };
}

/**
 * Starts a debuff on the enemy, or renews one already active (as on players: back to its full
 * duration, never stacked, and it keeps ticking; see `startEffect`).
 */
export function afflictEnemy(t: Turn, location: Id, enemy: Enemy, s: EnemyState, effectId: Id): EnemyState {
  const effect = t.content.effects.get(effectId);
  if (!effect) return s;
  const effects = s.effects ?? [];
  const at = effects.findIndex((e) => e.id === effectId);
  const turnsLeft = Math.max(effect.turns, at >= 0 ? effects[at]!.turnsLeft : 0);
  const player = t.intent.player;
  if (at >= 0) {
    emit(t, { type: 'effect-started', effect: effectId, turns: turnsLeft, enemy: enemy.id, renewed: true, player, location });
    return withEffects(s, effects.map((e, i) => (i === at ? { id: effectId, turnsLeft } : e)));
  }
  emit(t, { type: 'effect-started', effect: effectId, turns: turnsLeft, enemy: enemy.id, player, location });
  return withEffects(s, [...effects, { id: effectId, turnsLeft }]);
}

/** The enemy's own turn for its effects; `fresh` (started this intent) does not tick yet. */
export function tickEnemy(t: Turn, location: Id, enemy: Enemy, s: EnemyState, fresh: Id | null): EnemyState {
  if (!s.effects || s.effects.length === 0) return s;
  let hp = s.hp;
  const kept: ActiveEffect[] = [];
  for (const e of s.effects) {
    if (e.id === fresh) {
      kept.push(e);
      continue;
    }
    const per = t.content.effects.get(e.id)?.perTurn.hp ?? 0;
    if (per !== 0 && hp > 0) {
      const d = Math.max(0, Math.min(enemy.hp, hp + per)) - hp;
      hp += d;
      emit(t, { type: 'effect-ticked', effect: e.id, hp: d, mp: 0, sp: 0, enemy: enemy.id, player: t.intent.player, location: location });
    }
    if (e.turnsLeft > 1) kept.push({ id: e.id, turnsLeft: e.turnsLeft - 1 });
    else emit(t, { type: 'effect-ended', effect: e.id, enemy: enemy.id, player: t.intent.player, location: location });
  }
  return withEffects(hp === s.hp ? s : woundEnemy(s, hp, t.intent.player, t.now), kept);
}
