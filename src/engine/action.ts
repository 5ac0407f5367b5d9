/**
 * What a player can ask the world to do: the zod union of actions, one member per `kind`.
 * The parser produces these, the LLM's JSON schema is generated from them (z.toJSONSchema),
 * the sync layer wraps them in signed intents, and `apply` folds them.
 *
 *   const a: Action = Action.parse({ kind: 'take', target: 'rope', qty: 1 });
 *
 * `target` and `with` hold entity ids from content (items, nodes, enemies, npcs, recipes) or a
 * player id. Enemies are named by their kind id; a location holds at most one of each kind.
 */
import { z } from 'zod';
import { Direction, Slot } from '../content/schema.ts';
import { PlayerName } from './player-state.ts';
import { firstUnsafeChar, unsafeCharMessage } from './text-safety.ts';

/** Refuses what could act on a screen: narration may echo an id the player typed or sent. */
const safeText = (s: string) => firstUnsafeChar(s, 'speech') === null;
const safeTextError = { error: (issue: { input: unknown }) => unsafeCharMessage(issue.input, 'speech') };
const EntityId = z.string().min(1).max(80).refine(safeText, safeTextError);
const Qty = z.number().int().min(1).max(999);
/**
 * Free text said or emoted; bounded so one intent cannot bloat every replica, and one line of
 * plain text (text-safety.ts) so it cannot clear a screen, retitle a window or forge a line.
 */
const Speech = z.string().trim().min(1).max(280).refine(safeText, safeTextError);

export const LookAction = z.object({ kind: z.literal('look') }).strict();
export const ExamineAction = z.object({ kind: z.literal('examine'), target: EntityId }).strict();
export const MoveAction = z.object({ kind: z.literal('move'), dir: Direction }).strict();
export const TakeAction = z.object({ kind: z.literal('take'), target: EntityId, qty: Qty.optional() }).strict();
export const DropAction = z.object({ kind: z.literal('drop'), target: EntityId, qty: Qty.optional() }).strict();
/** Give an item (`target`) to a player or NPC (`to`). */
export const GiveAction = z
  .object({ kind: z.literal('give'), target: EntityId, to: EntityId, qty: Qty.optional() })
  .strict();
export const InventoryAction = z.object({ kind: z.literal('inventory') }).strict();
export const StatusAction = z.object({ kind: z.literal('status') }).strict();
export const EquipAction = z.object({ kind: z.literal('equip'), target: EntityId }).strict();
/** Unequip by item id or by slot name. */
export const UnequipAction = z.object({ kind: z.literal('unequip'), target: z.union([EntityId, Slot]) }).strict();
/** Use an item: eat, drink, or use a key (on an exit `with` a direction, or the only lock here). */
export const UseAction = z
  .object({ kind: z.literal('use'), target: EntityId, with: EntityId.optional() })
  .strict();
export const GatherAction = z.object({ kind: z.literal('gather'), target: EntityId }).strict();
/** Craft a recipe, by recipe id (the parser resolves "craft copper pickaxe" to it). */
export const CraftAction = z.object({ kind: z.literal('craft'), target: EntityId, qty: Qty.optional() }).strict();
/** Attack an enemy here, with a skill id in `with` or the equipped weapon when absent. */
export const AttackAction = z
  .object({ kind: z.literal('attack'), target: EntityId, with: EntityId.optional() })
  .strict();
export const SayAction = z.object({ kind: z.literal('say'), text: Speech }).strict();
export const EmoteAction = z.object({ kind: z.literal('emote'), text: Speech }).strict();
/** Talk to an NPC, optionally about a topic word. */
export const TalkAction = z
  .object({ kind: z.literal('talk'), target: EntityId, topic: z.string().trim().min(1).max(40).refine(safeText, safeTextError).optional() })
  .strict();
export const RestAction = z.object({ kind: z.literal('rest') }).strict();
export const WaitAction = z.object({ kind: z.literal('wait') }).strict();
/** A player enters the world (or a zone, in single-player) under a display name. */
export const JoinAction = z.object({ kind: z.literal('join'), name: PlayerName }).strict();
/** Change your display name. */
export const NameAction = z.object({ kind: z.literal('name'), name: PlayerName }).strict();

export const Action = z.discriminatedUnion('kind', [
  LookAction, ExamineAction, MoveAction, TakeAction, DropAction, GiveAction, InventoryAction,
  StatusAction, EquipAction, UnequipAction, UseAction, GatherAction, CraftAction, AttackAction,
  SayAction, EmoteAction, TalkAction, RestAction, WaitAction, JoinAction, NameAction,
]);
export type Action = z.infer<typeof Action>;
export type ActionKind = Action['kind'];
export type ActionOf<K extends ActionKind> = Extract<Action, { kind: K }>;

/** Kinds a player types; `join` and `name` come from the session, not the parser. */
export const PLAYER_ACTION_KINDS = [
  'look', 'examine', 'move', 'take', 'drop', 'give', 'inventory', 'status', 'equip', 'unequip',
  'use', 'gather', 'craft', 'attack', 'say', 'emote', 'talk', 'rest', 'wait',
] as const satisfies readonly ActionKind[];

/**
 * What `apply` folds: an action by a player at a game time. `id` seeds the dice (with the world
 * seed); in a shared world it is the signed intent's content hash, in tests any unique string.
 */
export interface EngineIntent {
  readonly id: string;
  readonly player: string;
  /** Game time in ms (the author's clock, clamped non-decreasing per player by sync). */
  readonly at: number;
  readonly action: Action;
}
