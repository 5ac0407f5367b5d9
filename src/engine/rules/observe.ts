/**
 * Actions that only look or speak (look, examine, inventory, status, say, emote) and the ones
 * that pass time (rest, wait). Looking and speaking are free: they cost no turn (see apply.ts).
 *
 * Rest: refused in a fight. At a restful location (the inn) it restores everything and starts
 * the `rested` effect when the content defines one. Anywhere else it restores a quarter of each
 * maximum (rounded up), once per `REST_COOLDOWN_MS` of game time (`PlayerState.restedAt`); a rest
 * sooner is refused at no cost (`rest/too-soon`, `readyAt`), so healing out in the wild costs
 * food, potions, MP or a walk to the inn.
 */
import type { ActionOf } from '../action.ts';
import type { PlayerState } from '../state.ts';
import { copyPlayer } from '../state.ts';
import type { EventOf } from '../events.ts';
import { scopeKindOf } from '../scope-of.ts';
import { maximaAt } from '../stats.ts';
import { enemyAlive } from '../timers.ts';
import type { Refusal, Turn } from '../turn.ts';
import { emit, putPlayer, refuse } from '../turn.ts';
import { startEffect } from './progress.ts';

export const RESTED_EFFECT = 'rested';
/** Game time between two rests away from a restful place: two minutes, a tenth of a day on the isle. */
export const REST_COOLDOWN_MS = 120_000;

export function applyExamine(t: Turn, p: PlayerState, a: ActionOf<'examine'>): Refusal | undefined {
  const kind = scopeKindOf(t.content, t.state, p.id, a.target, t.now);
  if (kind === null) return refuse('examine/not-here', { target: a.target });
  emit(t, { type: 'examined', target: a.target, what: kind as EventOf<'examined'>['what'], player: t.intent.player, location: t.where });
  return undefined;
}

export function applyRest(t: Turn, p: PlayerState): Refusal | undefined {
  if (p.fighting !== null && enemyAlive(t.content, t.state, p.location, p.fighting, t.now)) {
    return refuse('rest/in-combat', { target: p.fighting });
  }
  const m = maximaAt(t.content, p.level);
  const restful = t.content.locations.get(p.location)?.restful ?? false;
  if (!restful && p.restedAt !== undefined && t.now < p.restedAt + REST_COOLDOWN_MS) {
    return refuse('rest/too-soon', { readyAt: p.restedAt + REST_COOLDOWN_MS });
  }
  const gain = (have: number, max: number): number =>
    Math.max(0, Math.min(max, have + (restful ? max : Math.ceil(max / 4))) - have);
  const hp = gain(p.hp, m.maxHp);
  const mp = gain(p.mp, m.maxMp);
  const sp = gain(p.sp, m.maxSp);
  emit(t, { type: 'rested', hp, mp, sp, player: t.intent.player, location: t.where });
  const rested = copyPlayer(p);
  rested.hp = p.hp + hp;
  rested.mp = p.mp + mp;
  rested.sp = p.sp + sp;
  rested.fighting = null;
  if (!restful) rested.restedAt = t.now;
  putPlayer(t, restful && t.content.effects.has(RESTED_EFFECT) ? startEffect(t, rested, RESTED_EFFECT) : rested);
  return undefined;
}

export function applySpeech(t: Turn, a: ActionOf<'say'> | ActionOf<'emote'>): Refusal | undefined {
  const player = t.intent.player;
  if (a.kind === 'emote') {
    emit(t, { type: 'emoted', text: a.text, player, location: t.where });
    return undefined;
  }
  // Private speech (TELL, WHISPER): to another player in this world; a whisper only to one here.
  if (a.to !== undefined) {
    const listener = t.state.players[a.to];
    if (!listener || a.to === player) return refuse('say/no-listener', { target: a.to });
    if (a.whisper && listener.location !== t.where) return refuse('say/not-here', { target: a.to });
  }
  emit(t, {
    type: 'said', text: a.text, ...(a.shout ? { shout: true as const } : {}),
    ...(a.to !== undefined ? { to: a.to } : {}), ...(a.whisper ? { whisper: true as const } : {}), player, location: t.where,
  });
  return undefined;
}
