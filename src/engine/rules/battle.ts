/**
 * Turn-based battle. `attack <enemy>` strikes with the equipped weapon, or with a skill
 * (`with` = skill id: SP or MP cost, added power, a heal for the user, a buff); the enemy answers
 * in the same apply, and keeps answering every turn of a player who stays in the fight.
 *
 * Damage (integers): max(1, attack - defence + d), d in {-1, 0, +1} from the dice. Player attack =
 * base + level + gear + effects (+ skill power); enemies miss 10% of their blows, and a blow that
 * lands may inflict the enemy's effect. A defeated enemy gives its EXP and rolled loot to the
 * player who struck last (into the pack; the rest falls to the floor), ends everyone's fight with
 * it there, and respawns at full HP `respawnMs` later. Enemies keep their wounds between fights.
 * A skill whose `applies` is a debuff puts it on the enemy (see enemy-effects.ts).
 */
import type { Enemy, Id, Skill } from '../../content/schema.ts';
import type { ActionOf } from '../action.ts';
import type { PlayerState } from '../state.ts';
import { rngChance, rngInt } from '../prng.ts';
import { attackDefenceOf, maximaAt } from '../stats.ts';
import { enemyAlive } from '../timers.ts';
import type { Refusal, Turn } from '../turn.ts';
import { dice, emit, putEnemy, putPlayer, refuse } from '../turn.ts';
import { compareCodeUnits } from '../../content/canonical.ts';
import { defeatPlayer, deliverItems, grantExp, startEffect } from './progress.ts';
import { afflictEnemy, enemyStatsOf, tickEnemy, withEffects } from './enemy-effects.ts';

/** Percent of enemy blows that miss. */
export const ENEMY_MISS_PERCENT = 10;

export function rollDamage(t: Turn, attack: number, defence: number): number {
  const variance = rngInt(dice(t), 3) - 1;
  return Math.max(1, attack - defence + variance);
}

/**
 * The enemy's turn against the player: its effects tick (a debuff may finish it: the player
 * gets the credit), then its blow, which may inflict its effect and may defeat the player.
 * `fresh` is an effect put on it this intent, which starts ticking on its next turn.
 */
export function enemyStrike(t: Turn, p: PlayerState, enemyId: Id, fresh: Id | null = null): PlayerState {
  const enemy = t.content.enemies.get(enemyId);
  let foe = enemy ? enemyAlive(t.content, t.state, p.location, enemyId, t.now) : null;
  if (!enemy || !foe) return p;
  if (foe.effects) {
    foe = tickEnemy(t, p.location, enemy, foe, fresh);
    if (foe.hp === 0) return defeatEnemy(t, p, enemy);
    putEnemy(t, p.location, enemyId, foe);
  }
  const r = dice(t);
  if (rngChance(r, ENEMY_MISS_PERCENT)) {
    emit(t, { type: 'enemy-missed', enemy: enemyId, player: p.id, location: p.location });
    return p;
  }
  const damage = rollDamage(t, enemyStatsOf(t, enemy, foe).attack, attackDefenceOf(t.content, p).defence);
  const hp = Math.max(0, p.hp - damage);
  emit(t, { type: 'enemy-attacked', enemy: enemyId, damage, hp, player: p.id, location: p.location });
  const hurt = { ...p, hp };
  if (hp === 0) return defeatPlayer(t, hurt, enemyId);
  if (enemy.inflicts && rngChance(r, enemy.inflicts.chance)) return startEffect(t, hurt, enemy.inflicts.effect);
  return hurt;
}

/** Checks a skill can be used now; the `kind` of refusal follows the action (attack or use). */
export function checkSkill(p: PlayerState, skill: Skill, ns: 'attack' | 'use'): Refusal | undefined {
  if (p.level < skill.learnedAt) return refuse(`${ns}/not-learned`, { target: skill.id, need: skill.learnedAt, have: p.level });
  if (p.sp < skill.cost.sp) return refuse(`${ns}/no-sp`, { target: skill.id, need: skill.cost.sp, have: p.sp });
  if (p.mp < skill.cost.mp) return refuse(`${ns}/no-mp`, { target: skill.id, need: skill.cost.mp, have: p.mp });
  return undefined;
}

/** Pays a skill's cost and applies its heal and buff to the user. */
export function useSkillOnSelf(t: Turn, p: PlayerState, skill: Skill): PlayerState {
  let me: PlayerState = { ...p, sp: p.sp - skill.cost.sp, mp: p.mp - skill.cost.mp };
  if (skill.heal > 0) {
    const healed = Math.min(skill.heal, maximaAt(t.content, me.level).maxHp - me.hp);
    me = { ...me, hp: me.hp + healed };
    if (healed > 0) emit(t, { type: 'healed-self', skill: skill.id, hp: healed, player: me.id, location: me.location });
  }
  const effect = skill.applies === undefined ? undefined : t.content.effects.get(skill.applies);
  if (effect && effect.kind === 'buff') me = startEffect(t, me, effect.id);
  return me;
}

function defeatEnemy(t: Turn, p: PlayerState, enemy: Enemy): PlayerState {
  putEnemy(t, p.location, enemy.id, { hp: 0, defeatedAt: t.now });
  const r = dice(t);
  const loot: { item: Id; qty: number }[] = [];
  for (const entry of enemy.loot) {
    if (rngChance(r, entry.chance)) loot.push({ item: entry.item, qty: entry.qty });
  }
  emit(t, { type: 'enemy-defeated', enemy: enemy.id, exp: enemy.exp, loot, player: p.id, location: p.location });
  let me = grantExp(t, { ...p, fighting: null }, enemy.exp);
  for (const l of loot) me = deliverItems(t, me, l.item, l.qty);
  for (const id of Object.keys(t.state.players).sort(compareCodeUnits)) {
    const other = t.state.players[id]!;
    if (id !== p.id && other.location === p.location && other.fighting === enemy.id) {
      putPlayer(t, { ...other, fighting: null });
    }
  }
  return me;
}

export function applyAttack(t: Turn, p: PlayerState, a: ActionOf<'attack'>): Refusal | undefined {
  const enemy = t.content.enemies.get(a.target);
  const alive = enemy ? enemyAlive(t.content, t.state, p.location, enemy.id, t.now) : null;
  if (!enemy || !alive) return refuse('attack/no-enemy', { target: a.target });
  let skill: Skill | undefined;
  const withWeapon = a.with !== undefined && Object.values(p.equipment).includes(a.with);
  if (a.with !== undefined && !withWeapon) {
    skill = t.content.skills.get(a.with);
    if (!skill) return refuse('attack/unknown-skill', { target: a.with });
    const no = checkSkill(p, skill, 'attack');
    if (no) return no;
  }
  let me = skill ? useSkillOnSelf(t, p, skill) : p;
  let foe = alive;
  if (!skill || skill.heal === 0 || skill.power > 0) {
    const attack = attackDefenceOf(t.content, me).attack + (skill?.power ?? 0);
    const damage = rollDamage(t, attack, enemyStatsOf(t, enemy, foe).defence);
    const enemyHp = Math.max(0, foe.hp - damage);
    emit(t, { type: 'attacked', enemy: enemy.id, skill: skill?.id ?? null, damage, enemyHp, player: t.intent.player, location: t.where });
    if (enemyHp === 0) {
      putPlayer(t, defeatEnemy(t, me, enemy));
      return undefined;
    }
    foe = withEffects({ hp: enemyHp, defeatedAt: null }, foe.effects ?? []);
  }
  const debuff = skill?.applies !== undefined && t.content.effects.get(skill.applies)?.kind === 'debuff' ? skill.applies : null;
  // A debuff renewed (already on the enemy) keeps ticking; only a new one waits a turn.
  const fresh = debuff !== null && !(foe.effects ?? []).some((e) => e.id === debuff) ? debuff : null;
  if (debuff !== null) foe = afflictEnemy(t, me.location, enemy, foe, debuff);
  if (foe !== alive) putEnemy(t, me.location, enemy.id, foe);
  me = enemyStrike(t, { ...me, fighting: enemy.id }, enemy.id, fresh);
  t.answered = true;
  putPlayer(t, me);
  return undefined;
}
