/**
 * What a player can ask the world to do: the zod union of actions, one member per `kind`.
 * The parser produces these, the LLM's JSON schema is generated from them (toJSONSchema),
 * the sync layer wraps them in signed intents, and `apply` folds them.
 *
 *   const a: Action = Action.parse({ kind: 'take', target: 'rope', qty: 1 });
 *
 * `target` and `with` hold entity ids from content (items, nodes, enemies, npcs, recipes) or a
 * player id. Enemies are named by their kind id; a location holds at most one of each kind.
 */
import { z } from 'zod/mini';
import { Direction, Slot } from '../content/id.ts';
import { PlayerName } from './player-state.ts';
import { firstUnsafeChar, unsafeCharMessage } from './text-safety.ts';

/** Refuses what could act on a screen: narration may echo an id the player typed or sent. */
const safeText = z.refine<string>((s) => firstUnsafeChar(s, 'speech') === null, { error: (issue) => unsafeCharMessage(issue.input, 'speech') });
const EntityId = z.string().check(z.minLength(1), z.maxLength(80), safeText);
const Qty = z.int().check(z.minimum(1), z.maximum(999));
/**
 * Free text said or emoted; bounded so one intent cannot bloat every replica, and one line of
 * plain text (text-safety.ts) so it cannot clear a screen, retitle a window or forge a line.
 */
const Speech = z.string().check(z.trim(), z.minLength(1), z.maxLength(280), safeText);
const Topic = z.string().check(z.trim(), z.minLength(1), z.maxLength(40), safeText);

export const LookAction = z.strictObject({ kind: z.literal('look') });
export const ExamineAction = z.strictObject({ kind: z.literal('examine'), target: EntityId });
export const MoveAction = z.strictObject({ kind: z.literal('move'), dir: Direction });
/** Take an item from the floor, or (`from`) out of a container here. */
export const TakeAction = z.strictObject({ kind: z.literal('take'), target: EntityId, qty: z.optional(Qty), from: z.optional(EntityId) });
export const DropAction = z.strictObject({ kind: z.literal('drop'), target: EntityId, qty: z.optional(Qty) });
/** Give an item (`target`) to a player or NPC (`to`). */
export const GiveAction = z.strictObject({ kind: z.literal('give'), target: EntityId, to: EntityId, qty: z.optional(Qty) });
export const InventoryAction = z.strictObject({ kind: z.literal('inventory') });
export const StatusAction = z.strictObject({ kind: z.literal('status') });
export const EquipAction = z.strictObject({ kind: z.literal('equip'), target: EntityId });
/** Unequip by item id or by slot name. */
export const UnequipAction = z.strictObject({ kind: z.literal('unequip'), target: z.union([EntityId, Slot]) });
/**
 * Use an item: eat, drink, or use a key (on an exit `with` a direction, or the only lock here).
 * `qty`: eat or drink that many of a consumable (ALL: as many as carried), as long as each more
 * one still does some good; ignored for keys and skills.
 */
export const UseAction = z.strictObject({ kind: z.literal('use'), target: EntityId, with: z.optional(EntityId), qty: z.optional(Qty) });
/** Gather from a node: one batch (`perGather`), or `qty` units in as many batches as it takes. */
export const GatherAction = z.strictObject({ kind: z.literal('gather'), target: EntityId, qty: z.optional(Qty) });
/** Craft a recipe, by recipe id (the parser resolves "craft copper pickaxe" to it). */
export const CraftAction = z.strictObject({ kind: z.literal('craft'), target: EntityId, qty: z.optional(Qty) });
/** Attack an enemy here, with a skill id in `with` or the equipped weapon when absent. */
export const AttackAction = z.strictObject({ kind: z.literal('attack'), target: EntityId, with: z.optional(EntityId) });
/** `shout`: said loudly (heard as speech is; it only reads "You shout"). */
/**
 * `to`: said to one player only (TELL: heard by them wherever they are in this zone's world);
 * `whisper`: to one player here (others here see only that something was whispered).
 */
export const SayAction = z.strictObject({
  kind: z.literal('say'), text: Speech, shout: z.optional(z.literal(true)), to: z.optional(EntityId), whisper: z.optional(z.literal(true)),
});
export const EmoteAction = z.strictObject({ kind: z.literal('emote'), text: Speech });
/** Talk to an NPC, optionally about a topic word. */
export const TalkAction = z.strictObject({ kind: z.literal('talk'), target: EntityId, topic: z.optional(Topic) });
export const RestAction = z.strictObject({ kind: z.literal('rest') });
export const WaitAction = z.strictObject({ kind: z.literal('wait') });
/**
 * A player enters the world (or a zone, in single-player) under a display name. `companionOf`:
 * this player is a companion (an agent) keeping that player (their id) company; everyone is
 * shown so, and the rules hold it to a person's pace (rules/pace.ts).
 */
/**
 * The author is the next generation of `player` (a fresh start after that character's history
 * stopped: docs/finality.md "A way back"): `sig` is the old key's signature over the new player
 * id. The rules only read `player`; the sync layer refuses an intent whose proof does not verify.
 */
export const Succession = z.strictObject({
  player: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  key: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
  sig: z.string().check(z.regex(/^[A-Za-z0-9_-]{86}$/)),
});
export type Succession = z.infer<typeof Succession>;
/**
 * `member`: in a world with a watch link, the member key's signature over the joiner's player id
 * (docs/links.md); the rules never read it, the sync layer refuses a join whose proof does not verify.
 */
export const JoinAction = z.strictObject({
  kind: z.literal('join'), name: PlayerName, companionOf: z.optional(EntityId), succeeds: z.optional(Succession),
  member: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{86}$/))),
});
/**
 * The world owner's moderation of a player (by id), written by a moderator's device into every
 * zone (the sync layer refuses it without a valid appointment by the owner): BAN takes their character out of the world and
 * refuses their intents from here on, UNBAN lifts that, MUTE refuses their speech, UNMUTE lifts that.
 */
const PlayerId = z.string().check(z.regex(/^[0-9a-f]{64}$/));
/**
 * Who the author moderates for: `key` (a public key) signed the author's player id, and `sig` is
 * that signature (checked by the sync layer, which refuses the intent when it does not verify).
 * `by` absent: the key is the world owner's (the owner's own moderator key). `by` present: the
 * key is that player's (its player id is the hash of `key`, also checked by the sync layer), a
 * moderator the owner named; the rules accept their word only while `by` is a moderator in the
 * zone's state at that point of its order (rules/moderation.ts, docs/intent-format.md).
 */
export const Appointment = z.strictObject({
  key: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)), sig: z.string().check(z.regex(/^[A-Za-z0-9_-]{86}$/)), by: z.optional(PlayerId),
});
export type Appointment = z.infer<typeof Appointment>;
export const BanAction = z.strictObject({ kind: z.literal('ban'), target: PlayerId, appointed: Appointment });
export const UnbanAction = z.strictObject({ kind: z.literal('unban'), target: PlayerId, appointed: Appointment });
export const MuteAction = z.strictObject({ kind: z.literal('mute'), target: PlayerId, appointed: Appointment });
export const UnmuteAction = z.strictObject({ kind: z.literal('unmute'), target: PlayerId, appointed: Appointment });
/** The owner names `target` a moderator (MOD), or takes that back (UNMOD): the owner's word only. */
export const ModAction = z.strictObject({ kind: z.literal('mod'), target: PlayerId, appointed: Appointment });
export const UnmodAction = z.strictObject({ kind: z.literal('unmod'), target: PlayerId, appointed: Appointment });
/** The kinds of moderation: signed by the owner's moderator key, or a named moderator's (not mod/unmod). */
export const MODERATION_KINDS = ['ban', 'unban', 'mute', 'unmute', 'mod', 'unmod'] as const;
export type ModerationKind = (typeof MODERATION_KINDS)[number];
/** True for an action of one of MODERATION_KINDS. */
export function isModerationKind(kind: string): kind is ModerationKind {
  return (MODERATION_KINDS as readonly string[]).includes(kind);
}
/**
 * The owner has moved the world to a new link (issue 19, "Move the world"): from this point of
 * the zone's order on, every intent is refused (`moderation/moved`), identically on every
 * replica; reading still works. The owner's word only: the sync layer refuses it without the
 * owner's appointment (`by` is not allowed). Members find the new link in the root document,
 * sealed to them (sync/world/moved-pointers.ts); this intent carries no link.
 */
export const MovedAction = z.strictObject({ kind: z.literal('moved'), appointed: Appointment });
/** A successor's first word in a zone where the character they succeed may be: it leaves the isle. */
export const RetireAction = z.strictObject({ kind: z.literal('retire'), succeeds: Succession });
/** Change your display name. */
export const NameAction = z.strictObject({ kind: z.literal('name'), name: PlayerName });

// ---- Trade (rules/vendors.ts, rules/offers.ts) ----
/** Buy `qty` (default 1) of an item from a vendor here (`from`: the NPC; absent: whoever here sells it). */
export const BuyAction = z.strictObject({ kind: z.literal('buy'), target: EntityId, from: z.optional(EntityId), qty: z.optional(Qty) });
/** Sell `qty` (default 1) of a carried item to a vendor here (`to`: the NPC; absent: whoever here buys it). */
export const SellAction = z.strictObject({ kind: z.literal('sell'), target: EntityId, to: z.optional(EntityId), qty: z.optional(Qty) });
/** What a vendor here sells and buys, at what price and how many are left (reading: writes nothing). */
export const WaresAction = z.strictObject({ kind: z.literal('wares'), target: z.optional(EntityId) });
/** One side of a trade: items (at most 8 kinds) and coin. */
export const Goods = z.strictObject({
  items: z.optional(z.array(z.strictObject({ item: EntityId, qty: Qty })).check(z.maxLength(8))),
  coin: z.optional(z.int().check(z.minimum(0), z.maximum(1_000_000))),
});
export type Goods = z.infer<typeof Goods>;
/** Offer a player here `gives` for `wants`; it stands until accepted, declined, replaced, expired or either leaves. */
export const OfferAction = z.strictObject({ kind: z.literal('offer'), to: EntityId, gives: Goods, wants: Goods });
/** Accept the offer made to you (`from`: by that player; absent: the latest one). */
export const AcceptAction = z.strictObject({ kind: z.literal('accept'), from: z.optional(EntityId) });
/** Decline the offer made to you (`from`: by that player; absent: the latest), or with none, withdraw your own. */
export const DeclineAction = z.strictObject({ kind: z.literal('decline'), from: z.optional(EntityId) });

// ---- Company (rules/party.ts) ----
/**
 * A party: `invite` a player (`target`, their id) in this part of the isle, `join` the party you
 * were invited to (`target`: by that player; absent: the latest invitation), `leave` yours.
 */
export const PartyAction = z.strictObject({ kind: z.literal('party'), op: z.enum(['invite', 'join', 'leave']), target: z.optional(EntityId) });
/** Follow a player here (`target`, their id): your own client walks after them when they leave. */
export const FollowAction = z.strictObject({ kind: z.literal('follow'), target: EntityId });
/** Stop following whoever you follow. */
export const UnfollowAction = z.strictObject({ kind: z.literal('unfollow') });
// ---- Containers (rules/containers.ts) ----
/** Put a carried item (`target`) into a container here (`in`). */
export const PutAction = z.strictObject({ kind: z.literal('put'), target: EntityId, in: EntityId, qty: z.optional(Qty) });
/** Open a container's lid (unlocking it first with a carried key, when it is locked). */
export const OpenAction = z.strictObject({ kind: z.literal('open'), target: EntityId });
export const CloseAction = z.strictObject({ kind: z.literal('close'), target: EntityId });

export const Action = z.discriminatedUnion('kind', [
  LookAction, ExamineAction, MoveAction, TakeAction, DropAction, GiveAction, InventoryAction,
  StatusAction, EquipAction, UnequipAction, UseAction, GatherAction, CraftAction, AttackAction,
  SayAction, EmoteAction, TalkAction, RestAction, WaitAction, JoinAction, NameAction, RetireAction,
  BanAction, UnbanAction, MuteAction, UnmuteAction, ModAction, UnmodAction, MovedAction,
  BuyAction, SellAction, WaresAction, OfferAction, AcceptAction, DeclineAction,
  PartyAction, FollowAction, UnfollowAction,
  PutAction, OpenAction, CloseAction,
]);
export type Action = z.infer<typeof Action>;
export type ActionKind = Action['kind'];
export type ActionOf<K extends ActionKind> = Extract<Action, { kind: K }>;

/** Kinds a player types; `join` and `name` come from the session, not the parser. */
export const PLAYER_ACTION_KINDS = [
  'look', 'examine', 'move', 'take', 'drop', 'give', 'inventory', 'status', 'equip', 'unequip',
  'use', 'gather', 'craft', 'attack', 'say', 'emote', 'talk', 'rest', 'wait',
  'buy', 'sell', 'wares', 'offer', 'accept', 'decline',
  'party', 'follow', 'unfollow',
  'put', 'open', 'close',
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
  /**
   * In a world whose key names an owner: whether this intent may start the zone's clock while it
   * has not started (the owner's may; src/engine/game-time.ts). Absent: the zone's first accepted
   * intent starts it (worlds without an owner, worlds in memory, the engine's own tests).
   */
  readonly startsClock?: boolean;
}
