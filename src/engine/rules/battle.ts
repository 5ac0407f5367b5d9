/**
 * Turn-based battle. `attack <enemy>` strikes with the equipped weapon, or with a skill
 * (`with` = skill id: SP or MP cost, added power, a heal for the user, a buff); the enemy answers
 * in the same apply, and keeps answering every turn of a player who stays in the fight.
 *
 * Damage (integers): max(1, attack - defence + d), d in {-1, 0, +1} from the dice. Player attack =
 * base + level + gear + effects (+ skill power); enemies miss 10% of their blows, and a blow that
 * lands may inflict the enemy's effect. A defeated enemy's EXP is shared by the players there who
 * wounded it, by the HP each took off it (largest remainder, ties in player id order); its rolled
 * loot goes to the top one (ties: player id order) into the pack, and what does not fit falls to
 * the floor. It ends everyone's fight with it there, and respawns at full HP `respawnMs` later.
 * Enemies keep their wounds between fights, and recover when left alone (timers.ts).
 * A skill whose `applies` is a debuff puts it on the enemy (see enemy-effects.ts).
 */
import { withPlayer } from '../state.ts';
import type { Enemy, Id, Skill } from '../../content/schema.ts';
import type { ActionOf } from '../action.ts';
import type { EnemyDamage, PlayerState } from '../state.ts';
import { addToPack } from '../inventory.ts';
import { rngChance, rngInt } from '../prng.ts';
import { attackDefenceOf, maximaAt } from '../stats.ts';
import { enemyAlive } from '../timers.ts';
import { coinOf, withCoin } from '../coin.ts';
import type { Refusal, Turn } from '../turn.ts';
import { changeFloor, dice, emit, putEnemy, putPlayer, refuse } from '../turn.ts';
import { compareCodeUnits } from '../../content/canonical.ts';
import { defeatPlayer, grantExp, roomFor, startEffect } from './progress.ts';
import { afflictEnemy, enemyStatsOf, tickEnemy, woundEnemy } from './enemy-effects.ts';
import { lootTakers, shareWithParties } from './party.ts';
import type { LootPortion } from '../events.ts';

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
    if (foe.hp === 0) return defeatEnemy(t, p, enemy, foe.dealt ?? []);
    putEnemy(t, p.location, enemyId, foe);
  }
  // A wounded enemy in a fight does not recover: the blow it strikes keeps the fight going.
  if (foe.hp < enemy.hp && foe.foughtAt !== t.now) {
    foe = woundEnemy(foe, foe.hp, p.id, t.now);
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
  const hurt = withPlayer(p, { hp });
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
  let me: PlayerState = withPlayer(p, { sp: p.sp - skill.cost.sp, mp: p.mp - skill.cost.mp });
  if (skill.heal > 0) {
    const healed = Math.min(skill.heal, maximaAt(t.content, me.level).maxHp - me.hp);
    me = withPlayer(me, { hp: me.hp + healed });
    if (healed > 0) emit(t, { type: 'healed-self', skill: skill.id, hp: healed, player: me.id, location: me.location });
  }
  const effect = skill.applies === undefined ? undefined : t.content.effects.get(skill.applies);
  if (effect && effect.kind === 'buff') me = startEffect(t, me, effect.id);
  return me;
}

/**
 * `exp` shared by damage dealt: each gets floor(exp * hp / total), and the EXP left over goes one
 * each to the largest remainders, ties in player id (code-unit) order. Sorted by player id.
 */
export function shareExp(exp: number, dealt: readonly EnemyDamage[]): readonly { player: string; exp: number }[] {
  const total = dealt.reduce((n, d) => n + d.hp, 0);
  const byId = [...dealt].sort((a, b) => compareCodeUnits(a.player, b.player));
  if (total <= 0) return byId.length > 0 ? [{ player: byId[0]!.player, exp }] : [];
  const shares = byId.map((d) => ({ player: d.player, exp: Math.floor((exp * d.hp) / total), rem: (exp * d.hp) % total }));
  let left = exp - shares.reduce((n, x) => n + x.exp, 0);
  const order = [...shares].sort((a, b) => b.rem - a.rem || compareCodeUnits(a.player, b.player));
  for (const x of order) {
    if (left === 0) break;
    x.exp += 1;
    left -= 1;
  }
  return shares.map((x) => ({ player: x.player, exp: x.exp }));
}

/**
 * The enemy falls to `p` (the player whose blow or turn finished it). The players here who
 * wounded it share its EXP by damage dealt (`p` counts even when a debuff did the work); its
 * loot goes to the one who dealt the most (ties: player id order), what does not fit falling to
 * the floor, told once in the event (`dropped`). Everyone here stops fighting it.
 */
function defeatEnemy(t: Turn, p: PlayerState, enemy: Enemy, dealt: readonly EnemyDamage[]): PlayerState {
  const where = p.location;
  putEnemy(t, where, enemy.id, { hp: 0, defeatedAt: t.now });
  const r = dice(t);
  const loot: { item: Id; qty: number }[] = [];
  for (const entry of enemy.loot) {
    if (rngChance(r, entry.chance)) loot.push({ item: entry.item, qty: entry.qty });
  }
  const playerOf = (id: string): PlayerState | undefined => (id === p.id ? p : t.state.players[id]);
  let here = dealt.filter((d) => d.hp > 0 && playerOf(d.player)?.location === where);
  if (!here.some((d) => d.player === p.id)) here = [...here, { player: p.id, hp: here.length === 0 ? 1 : 0 }];
  const shares = shareWithParties(t.state, where, here, shareExp(enemy.exp, here), playerOf);
  let looter = here[0]!;
  for (const d of here) if (d.hp > looter.hp || (d.hp === looter.hp && compareCodeUnits(d.player, looter.player) < 0)) looter = d;
  const takers = lootTakers(t.state, where, looter.player, here, playerOf);
  const { got, dropped, portions } = takers.length === 1 ? lootOne(t, playerOf(looter.player)!, loot, enemy.coin) : lootShared(t, takers, playerOf, loot, enemy.coin);
  emit(t, {
    type: 'enemy-defeated', enemy: enemy.id, exp: enemy.exp, shares: shares.filter((x) => x.exp > 0), looter: looter.player,
    loot, dropped, ...(enemy.coin !== undefined ? { coin: enemy.coin } : {}), ...(portions ? { portions } : {}), player: p.id, location: where,
  });
  for (const d of dropped) changeFloor(t, where, d.item, d.qty);
  let me: PlayerState = { ...(got.get(p.id) ?? p), fighting: null };
  me = grantExp(t, me, shares.find((x) => x.player === p.id)?.exp ?? 0);
  for (const id of Object.keys(t.state.players).sort(compareCodeUnits)) {
    if (id === p.id) continue;
    let other = got.get(id) ?? t.state.players[id]!;
    const share = shares.find((x) => x.player === id)?.exp ?? 0;
    if (share > 0) other = grantExp(t, other, share);
    if (other.location === where && other.fighting === enemy.id) other = { ...other, fighting: null };
    if (other !== t.state.players[id]) putPlayer(t, other);
  }
  return me;
}

type Things = { item: Id; qty: number }[];
interface Looted {
  /** Players who took something, as they are after it. */
  readonly got: Map<string, PlayerState>;
  readonly dropped: Things;
  readonly portions?: LootPortion[];
}

/** The whole loot to one player: what does not fit falls. */
function lootOne(t: Turn, looter: PlayerState, loot: Things, coin: number | undefined): Looted {
  let holder = looter;
  const dropped: Things = [];
  for (const l of loot) {
    const fits = Math.min(l.qty, roomFor(t, holder, l.item));
    if (fits > 0) holder = { ...holder, inventory: addToPack(t.content, holder.inventory, l.item, fits) };
    if (fits < l.qty) dropped.push({ item: l.item, qty: l.qty - fits });
  }
  if (coin !== undefined) holder = withCoin(holder, coinOf(holder) + coin);
  return { got: new Map([[holder.id, holder]]), dropped };
}

/**
 * The loot dealt out among a party's members here (rules/party.ts): unit by unit in turn from the
 * first of `takers`, each into that member's pack (what does not fit there falls); the coin split
 * evenly, the remainder one each from the first.
 */
function lootShared(t: Turn, takers: readonly string[], playerOf: (id: string) => PlayerState | undefined, loot: Things, coin: number | undefined): Looted {
  const got = new Map<string, PlayerState>();
  const took = new Map<string, { items: Things; coin: number }>(takers.map((id) => [id, { items: [], coin: 0 }]));
  const dropped: Things = [];
  const add = (list: Things, item: Id) => {
    const last = list.find((x) => x.item === item);
    if (last) last.qty += 1;
    else list.push({ item, qty: 1 });
  };
  let turn = 0;
  for (const l of loot) {
    for (let u = 0; u < l.qty; u++) {
      const id = takers[turn++ % takers.length]!;
      const holder = got.get(id) ?? playerOf(id)!;
      if (roomFor(t, holder, l.item) < 1) {
        add(dropped, l.item);
        continue;
      }
      got.set(id, { ...holder, inventory: addToPack(t.content, holder.inventory, l.item, 1) });
      add(took.get(id)!.items, l.item);
    }
  }
  if (coin !== undefined) {
    const each = Math.floor(coin / takers.length);
    takers.forEach((id, i) => {
      const part = each + (i < coin - each * takers.length ? 1 : 0);
      if (part === 0) return;
      const holder = got.get(id) ?? playerOf(id)!;
      got.set(id, withCoin(holder, coinOf(holder) + part));
      took.get(id)!.coin = part;
    });
  }
  const portions: LootPortion[] = [...took.keys()].sort(compareCodeUnits)
    .map((player) => { const x = took.get(player)!; return x.coin > 0 ? { player, items: x.items, coin: x.coin } : { player, items: x.items }; })
    .filter((x) => x.items.length > 0 || x.coin !== undefined);
  return { got, dropped, portions };
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
    foe = woundEnemy(foe, enemyHp, me.id, t.now);
    if (enemyHp === 0) {
      putPlayer(t, defeatEnemy(t, me, enemy, foe.dealt ?? []));
      return undefined;
    }
  }
  const debuff = skill?.applies !== undefined && t.content.effects.get(skill.applies)?.kind === 'debuff' ? skill.applies : null;
  // A debuff renewed (already on the enemy) keeps ticking; only a new one waits a turn.
  const fresh = debuff !== null && !(foe.effects ?? []).some((e) => e.id === debuff) ? debuff : null;
  if (debuff !== null) foe = afflictEnemy(t, me.location, enemy, foe, debuff);
  if (foe !== alive) putEnemy(t, me.location, enemy.id, foe);
  me = enemyStrike(t, withPlayer(me, { fighting: enemy.id }), enemy.id, fresh);
  t.answered = true;
  putPlayer(t, me);
  return undefined;
}
