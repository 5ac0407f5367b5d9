/**
 * The game rules' public face. Everything here is pure and deterministic: no clock, no
 * Math.random, no I/O. Same content + same intents in the same order = same state hash.
 *
 *   let state = createWorld(content, seed);
 *   const r = apply(content, state, { id, player, at, action: { kind: 'join', name: 'Ana' } });
 *   state = r.state; // r.events -> narrate
 */
export type { Action, ActionKind, ActionOf, EngineIntent } from './action.ts';
export { Action as ActionSchema, PLAYER_ACTION_KINDS } from './action.ts';
export type { GameEvent, GameEventType, EventOf, RefusalReason, RefusalDetail } from './events.ts';
export type { GameState, PlayerState, Stack, ActiveEffect, NodeState, EnemyState } from './state.ts';
export { enemyKey } from './state.ts';
export type { Scope, ScopeEntity, ScopeKind } from './scope.ts';
