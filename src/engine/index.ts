/**
 * The game rules' public face. Everything here is pure and deterministic: no clock, no
 * Math.random, no I/O. Same content + same intents in the same order = same state hash.
 *
 *   let state = createWorld(content, seed);
 *   const r = apply(content, state, { id, player, at, action: { kind: 'join', name: 'Ana' } });
 *   state = r.state; // r.events -> narrate
 */
export type { Action, ActionKind, ActionOf, EngineIntent, ModerationKind } from './action.ts';
export { Action as ActionSchema, PLAYER_ACTION_KINDS, MODERATION_KINDS, isModerationKind } from './action.ts';
export type { GameEvent, GameEventType, EventOf, RefusalReason, RefusalDetail, TradeEvent, TradedGoods, PartyEvent, LootPortion } from './events.ts';
export { INVITE_TTL_MS, MAX_PARTY, partyMembers } from './rules/party.ts';
export { answersOfferOf } from './rules/offers.ts';
export type { GameState, PlayerState, Stack, ActiveEffect, NodeState, EnemyState, ContainerState } from './state.ts';
export { enemyKey } from './state.ts';
export type { Scope, ScopeEntity, ScopeKind } from './scope.ts';

export { apply } from './apply.ts';
export type { ApplyResult } from './apply.ts';
export { createWorld } from './create-world.ts';
export { hashState } from './canonical-hash.ts';
export { canonicalJson, compareCodeUnits } from '../content/canonical.ts';
export { scopeOf, sceneryId } from './scope-of.ts';
export { playerStats } from './stats.ts';
export type { PlayerStats } from './stats.ts';
export { nodeRemaining, enemyAlive, isNight } from './timers.ts';
export { clockAt, closedBy, type WorldClock } from './clock.ts';
export { npcsAt, npcLocationAt, ambientAt, roamerLocationAt } from './living.ts';
export { locationDescription, sceneryAt, sceneryText } from './describe-location.ts';
export { createRng, rngNext, rngInt, rngChance, fnv1a32, mix32, seedForIntent } from './prng.ts';
export type { Rng } from './prng.ts';
export { FREE_ACTIONS, SP_REGEN_PER_TURN } from './end-turn.ts';
export { recipeMissing } from './rules/craft.ts';
export { journalOf } from './journal.ts';
export type { JournalEntry, JournalObjective } from './journal.ts';
export { topicOffered } from './quest-index.ts';
export type { CraftMissing } from './rules/craft.ts';
export { CAP_PER_MINUTE, COMPANION_GAP_MS, GAME_MINUTE_MS, paceRefusal } from './rules/pace.ts';
export { MAX_TIME_STEP_MS, gameTimeAfter } from './game-time.ts';
export { coinOf } from './coin.ts';
export { shelfLeft, shelfReadyAt, waresAt } from './rules/vendors.ts';
export { OFFER_TTL_MS } from './rules/offers.ts';
export { containerNow } from './rules/containers.ts';
export { indexContent } from './content-index.ts';
