/**
 * Joining the world and changing one's name. A new player starts at `world.start` with the base
 * stats of level 1, full HP/MP/SP, an empty pack and no gear; that start counts as a first visit.
 */
import type { ActionOf } from '../action.ts';
import type { PlayerState } from '../state.ts';
import { copyPlayer } from '../state.ts';
import { maximaAt } from '../stats.ts';
import type { Refusal, Turn } from '../turn.ts';
import { emit, putPlayer } from '../turn.ts';

export function newPlayer(t: Turn, id: string, name: string): PlayerState {
  const m = maximaAt(t.content, 1);
  const start = t.content.world.start;
  return {
    id, name, location: start,
    hp: m.maxHp, mp: m.maxMp, sp: m.maxSp, level: 1, exp: 0,
    inventory: [], equipment: {}, effects: [],
    visited: [start], firstVisit: true, gifts: [], fighting: null, turns: 0,
  };
}

export function applyJoin(t: Turn, a: ActionOf<'join'>): Refusal | undefined {
  const p = newPlayer(t, t.intent.player, a.name);
  putPlayer(t, p);
  emit(t, { type: 'joined', name: a.name, player: t.intent.player, location: p.location });
  return undefined;
}

export function applyName(t: Turn, p: PlayerState, a: ActionOf<'name'>): Refusal | undefined {
  const me = copyPlayer(p);
  me.name = a.name;
  putPlayer(t, me);
  emit(t, { type: 'renamed', from: p.name, to: a.name, player: t.intent.player, location: t.where });
  return undefined;
}
