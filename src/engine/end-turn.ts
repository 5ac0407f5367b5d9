/**
 * The end of a player's turn (every accepted intent except the free ones: look, examine,
 * inventory, status, say, emote, name, wares). In order: an enemy the player is still fighting strikes
 * (unless it already answered this turn); effects started before this turn tick (per-turn HP/MP/SP,
 * one turn less, `effect-ended` at zero; poison can defeat); SP regenerates by
 * `SP_REGEN_PER_TURN`, so gathering is never a dead end; the player's turn count goes up.
 */
import type { ActionKind } from './action.ts';
import type { Mutable, PlayerState } from './state.ts';
import { copyPlayer } from './state.ts';
import { maximaAt } from './stats.ts';
import { enemyAlive } from './timers.ts';
import type { Turn } from './turn.ts';
import { actor, emit, putPlayer } from './turn.ts';
import { enemyStrike } from './rules/battle.ts';
import { defeatPlayer } from './rules/progress.ts';

export const SP_REGEN_PER_TURN = 1;

export const FREE_ACTIONS: ReadonlySet<ActionKind> = new Set<ActionKind>([
  'look', 'examine', 'inventory', 'status', 'say', 'emote', 'name', 'wares',
  'party', 'follow', 'unfollow',
]);

function tickEffects(t: Turn, p: PlayerState): PlayerState {
  if (p.effects.length === 0) return p;
  const m = maximaAt(t.content, p.level);
  let { hp, mp, sp } = p;
  const effects = [];
  for (const e of p.effects) {
    if (t.started.includes(e.id)) {
      effects.push(e);
      continue;
    }
    const per = t.content.effects.get(e.id)?.perTurn;
    if (per && (per.hp !== 0 || per.mp !== 0 || per.sp !== 0)) {
      const dHp = Math.max(0, Math.min(m.maxHp, hp + per.hp)) - hp;
      const dMp = Math.max(0, Math.min(m.maxMp, mp + per.mp)) - mp;
      const dSp = Math.max(0, Math.min(m.maxSp, sp + per.sp)) - sp;
      hp += dHp;
      mp += dMp;
      sp += dSp;
      emit(t, { type: 'effect-ticked', effect: e.id, hp: dHp, mp: dMp, sp: dSp, player: p.id, location: p.location });
    }
    if (e.turnsLeft > 1) effects.push({ id: e.id, turnsLeft: e.turnsLeft - 1 });
    else emit(t, { type: 'effect-ended', effect: e.id, player: p.id, location: p.location });
    if (hp === 0) {
      const down = copyPlayer(p);
      down.hp = hp;
      down.mp = mp;
      down.sp = sp;
      return defeatPlayer(t, down, e.id);
    }
  }
  const me = copyPlayer(p);
  me.hp = hp;
  me.mp = mp;
  me.sp = sp;
  me.effects = effects;
  return me;
}

export function endTurn(t: Turn): void {
  let p = actor(t);
  if (!t.defeated && p.fighting !== null && !t.answered) {
    if (enemyAlive(t.content, t.state, p.location, p.fighting, t.now)) p = enemyStrike(t, p, p.fighting);
    else {
      const me = copyPlayer(p);
      me.fighting = null;
      p = me;
    }
  }
  if (!t.defeated) p = tickEffects(t, p);
  const base = t.content.world.player;
  const maxSp = base.sp + (p.level - 1) * base.perLevel.sp;
  const sp = t.defeated ? p.sp : Math.min(maxSp, p.sp + SP_REGEN_PER_TURN);
  // A record that is not the input's is this intent's own copy, written in place (turn.ts).
  const me = p !== t.input.players[p.id] ? (p as Mutable<PlayerState>) : copyPlayer(p);
  me.sp = sp;
  me.turns = p.turns + 1;
  putPlayer(t, me);
}
