/**
 * `apply(content, state, intent) -> { state, events }`: the one entry point of the rules.
 * Dispatches the action to its rule, turns a refusal into a `refused` event that changes nothing
 * (the returned state is the input object), ends the player's turn for actions that cost one, and
 * advances quests by the events it produced (rules/quests.ts), and records the tick, the game
 * time and the dice state. Never throws for a schema-valid action.
 *
 * Game time is `max(state.time, intent.at)`, one step at most `MAX_TIME_STEP_MS` (./game-time.ts):
 * timers never run backwards when intents from players with different clocks interleave, and
 * nobody's far-future clock stops them. Pace (rules/pace.ts) is counted on the author's own
 * `at`, so nobody's clock can use up anyone else's minute.
 */
import { entry } from './records.ts';
import type { Content } from '../content/schema.ts';
import { isModerationKind, type Action, type ActionOf, type EngineIntent, type ModerationKind } from './action.ts';
import type { GameEvent } from './events.ts';
import type { GameState, PlayerState } from './state.ts';
import type { Refusal, Turn } from './turn.ts';
import { emit, finishState, newTurn, refuse } from './turn.ts';
import { endTurn, FREE_ACTIONS } from './end-turn.ts';
import { gameTimeAfter } from './game-time.ts';
import { applyAttack } from './rules/battle.ts';
import { applyDrop, applyGive, applyTake } from './rules/carry.ts';
import { applyUse } from './rules/consume.ts';
import { applyCraft } from './rules/craft.ts';
import { applyEquip, applyUnequip } from './rules/equip.ts';
import { applyGather } from './rules/gather.ts';
import { applyJoin, applyName, applyRetire } from './rules/join.ts';
import { applyModeration, applyMoved, isBanned, isMoved, isMuted } from './rules/moderation.ts';
import { applyExamine, applyRest, applySpeech } from './rules/observe.ts';
import { applyTalk } from './rules/talk.ts';
import { applyMove } from './rules/traverse.ts';
import { advanceQuests } from './rules/quests.ts';
import { applyBuy, applySell, applyWares } from './rules/vendors.ts';
import { applyAccept, applyDecline, applyOffer, dropOffersOfMover } from './rules/offers.ts';
import { notePace, paceRefusal, paceTime } from './rules/pace.ts';
import { applyFollow, applyParty, applyUnfollow } from './rules/party.ts';
import { applyLid, applyPut, applyTakeFrom } from './rules/containers.ts';

export interface ApplyResult {
  readonly state: GameState;
  readonly events: GameEvent[];
}

function dispatch(t: Turn, p: PlayerState, a: Action): Refusal | undefined {
  switch (a.kind) {
    case 'look': emit(t, { type: 'looked', player: t.intent.player, location: t.where }); return undefined;
    case 'inventory': emit(t, { type: 'inventory-shown', player: t.intent.player, location: t.where }); return undefined;
    case 'status': emit(t, { type: 'status-shown', player: t.intent.player, location: t.where }); return undefined;
    case 'wait': emit(t, { type: 'waited', player: t.intent.player, location: t.where }); return undefined;
    case 'say': case 'emote': return applySpeech(t, a);
    case 'examine': return applyExamine(t, p, a);
    case 'move': return applyMove(t, p, a);
    case 'take': return a.from !== undefined ? applyTakeFrom(t, p, { ...a, from: a.from }) : applyTake(t, p, a);
    case 'drop': return applyDrop(t, p, a);
    case 'give': return applyGive(t, p, a);
    case 'equip': return applyEquip(t, p, a);
    case 'unequip': return applyUnequip(t, p, a);
    case 'use': return applyUse(t, p, a);
    case 'gather': return applyGather(t, p, a);
    case 'craft': return applyCraft(t, p, a);
    case 'attack': return applyAttack(t, p, a);
    case 'talk': return applyTalk(t, p, a);
    case 'rest': return applyRest(t, p);
    case 'name': return applyName(t, p, a);
    case 'join': return refuse('player/already-joined', {});
    case 'retire': return applyRetire(t, a);
    case 'ban': case 'unban': case 'mute': case 'unmute': case 'mod': case 'unmod': return applyModeration(t, a);
    case 'moved': return applyMoved(t);
    case 'buy': return applyBuy(t, p, a);
    case 'sell': return applySell(t, p, a);
    case 'wares': return applyWares(t, p, a);
    case 'offer': return applyOffer(t, p, a);
    case 'accept': return applyAccept(t, p, a);
    case 'decline': return applyDecline(t, p, a);
    case 'party': return applyParty(t, p, a);
    case 'follow': return applyFollow(t, p, a);
    case 'unfollow': return applyUnfollow(t, p);
    case 'put': return applyPut(t, p, a);
    case 'open': case 'close': return applyLid(t, p, a);
    default: {
      const never: never = a;
      throw new Error(`apply: unknown action ${JSON.stringify(never)}`);
    }
  }
}

function refused(state: GameState, intent: EngineIntent, location: string, no: Refusal): ApplyResult {
  const event: GameEvent = {
    type: 'refused', kind: intent.action.kind, reason: no.reason, detail: no.detail, player: intent.player, location,
  };
  return { state, events: [event] };
}

export function apply(content: Content, state: GameState, intent: EngineIntent): ApplyResult {
  const p = entry(state.players, intent.player);
  const a = intent.action;
  // A moved world is a frozen copy: nothing after the owner's MOVED changes it (issue 19).
  if (isMoved(state.moderation)) return refused(state, intent, p ? p.location : content.world.start, refuse('moderation/moved'));
  const moderating = isModerationKind(a.kind) || a.kind === 'moved';
  // A moderator key plays no character: whose word it is (and whether they are banned) is the moderation rules' to judge.
  if (!moderating && isBanned(state.moderation, intent.player)) return refused(state, intent, p ? p.location : content.world.start, refuse('moderation/banned'));
  if (!p && a.kind !== 'join' && a.kind !== 'retire' && !moderating) return refused(state, intent, content.world.start, refuse('player/not-joined'));
  if ((a.kind === 'say' || a.kind === 'emote') && isMuted(state.moderation, intent.player)) return refused(state, intent, p ? p.location : content.world.start, refuse('moderation/muted'));
  const now = gameTimeAfter(state, intent.at, intent.startsClock);
  const t = newTurn(content, intent, now, p ? p.location : content.world.start, state);
  const at = paceTime(intent.at);
  const no = p ? paceRefusal(p, at) ?? dispatch(t, p, a) : a.kind === 'join' ? applyJoin(t, a) : a.kind === 'retire' ? applyRetire(t, a) : a.kind === 'moved' ? applyMoved(t) : isModerationKind(a.kind) ? applyModeration(t, a as ActionOf<ModerationKind>) : undefined;
  if (no) return refused(state, intent, t.where, no);
  if (p && !FREE_ACTIONS.has(a.kind)) endTurn(t);
  if (p) dropOffersOfMover(t);
  advanceQuests(t);
  notePace(t, at);
  return { state: finishState(t, now), events: t.events };
}
