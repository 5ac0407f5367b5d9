/**
 * A player's state, as one zod schema: the engine's `PlayerState` type is inferred from it, and
 * the sync layer validates the player state an `arrive` or `settle` carries across a zone border
 * with the very same schema. One definition, so a state the engine can make is a state that can
 * cross (a second, hand-written copy once refused NPC gift keys and wiped characters).
 *
 *   const p: PlayerState = PlayerState.parse(JSON.parse(text));   // a crossing's carried state
 *
 * The bounds keep a hostile arrival from bloating a replica; each is far above what play reaches.
 */
import { z } from 'zod/mini';
import { Id, Slot } from '../content/id.ts';
import { firstUnsafeChar, unsafeCharMessage } from './text-safety.ts';

/**
 * A display name as `join` and `name` accept it, and as a player state keeps it: no control,
 * bidirectional or invisible characters (text-safety.ts), so it shows as what it is everywhere.
 */
export const PlayerName = z.string().check(
  z.trim(),
  z.minLength(1, { error: 'a name may not be empty' }),
  z.maxLength(32, { error: 'a name may have at most 32 characters' }),
  z.refine((s: string) => firstUnsafeChar(s, 'name') === null, { error: (issue) => unsafeCharMessage(issue.input, 'name') }),
);

/** The key a received NPC gift is remembered by: `<npc id>/<topic id>` (topic ids are unique per NPC only). */
export const GiftKey = z.string().check(
  z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: (issue) => `must be a gift key like "ysolde/ysolde-gift", not ${JSON.stringify(issue.input)}`,
  }),
);

export { giftKeyOf } from './gift-key.ts';

const Count = z.int().check(z.minimum(0), z.maximum(1_000_000_000));
const list = <T extends z.core.SomeType>(of: T, max: number) => z.readonly(z.array(of).check(z.maxLength(max)));

export const Stack = z.readonly(z.strictObject({ item: Id, qty: z.int().check(z.minimum(1), z.maximum(1_000_000)) }));
export type Stack = z.infer<typeof Stack>;

export const ActiveEffect = z.readonly(z.strictObject({ id: Id, turnsLeft: z.int().check(z.minimum(0), z.maximum(1_000_000)) }));
export type ActiveEffect = z.infer<typeof ActiveEffect>;

/**
 * A player's place in one quest: the current stage (its index in content), what each of that
 * stage's objectives has counted so far, and whether the quest is done. Sorted by quest id.
 */
export const QuestProgress = z.readonly(z.strictObject({
  id: Id,
  stage: z.int().check(z.minimum(0), z.maximum(1_000)),
  have: list(Count, 50),
  done: z.boolean(),
}));
export type QuestProgress = z.infer<typeof QuestProgress>;

/** How much an NPC thinks of this player (quest rewards raise it). Sorted by NPC id. */
export const NpcRegard = z.readonly(z.strictObject({ npc: Id, n: z.int().check(z.minimum(-1_000_000), z.maximum(1_000_000)) }));
export type NpcRegard = z.infer<typeof NpcRegard>;

const PlayerId = z.string().check(z.minLength(1), z.maxLength(80));
/** A party's id: the id of the intent that formed it (an invitation by someone in no party). */
export const PartyId = z.string().check(z.minLength(1), z.maxLength(80));

export const Pace = z.readonly(z.strictObject({
  minute: z.int().check(z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER)),
  count: z.int().check(z.minimum(1), z.maximum(1_000_000)),
  at: z.int().check(z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER)),
}));
export type Pace = z.infer<typeof Pace>;

export const PlayerState = z.readonly(
  z.strictObject({
    /** The player's id: the hash of their public key (any string in tests of the engine alone). */
    id: PlayerId,
    name: PlayerName,
    location: Id,
    hp: Count,
    mp: Count,
    sp: Count,
    level: z.int().check(z.minimum(1), z.maximum(10_000)),
    /** EXP toward the next level (resets on level-up). */
    exp: Count,
    /** Ordered stacks; one stack is one slot. */
    inventory: list(Stack, 200),
    equipment: z.readonly(z.partialRecord(Slot, Id)),
    effects: list(ActiveEffect, 50),
    /** Location ids visited, sorted (first-visit descriptions, the explored map). */
    visited: list(Id, 2_000),
    /**
     * True when the player's latest arrival (join, move, respawn) was their first visit to
     * `location`: the `firstVisit` description variants apply. Absent counts as false.
     */
    firstVisit: z.optional(z.boolean()),
    /** Gifts this player has received, as `<npc>/<topic>` keys, sorted. */
    gifts: list(GiftKey, 2_000),
    /** The enemy kind this player is fighting in its location, if any. */
    fighting: z.nullable(Id),
    /** The player's turns so far: accepted intents that cost a turn (not FREE_ACTIONS); effects tick on these. */
    turns: Count,
    /**
     * Game time of the player's last rest away from a restful place (observe.ts: another is
     * refused until `REST_COOLDOWN_MS` later). Absent until their first such rest.
     */
    restedAt: z.optional(z.int().check(z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER))),
    /**
     * The player's quests (rules/quests.ts), carried across zones with the rest of them. Absent
     * in states made before quests existed: such a player's quests begin at their next turn.
     */
    quests: z.optional(list(QuestProgress, 500)),
    /** NPCs' regard for this player. Absent until one changes. */
    regard: z.optional(list(NpcRegard, 500)),
    /**
     * How fast the player has acted (rules/pace.ts): accepted intents in the game minute
     * `minute` (`floor(at / 60 s)`), and the game time of the last one. Absent until their first.
     */
    pace: z.optional(Pace),
    /**
     * The player is a companion (an agent playing beside a friend): the friend's player id, as its
     * signed join named it. Companions keep to a person's pace (rules/pace.ts). Absent for people.
     */
    companionOf: z.optional(PlayerId),
    /** Coin carried (weightless, takes no slot): from loot, quest rewards and selling. Absent: none. */
    coin: z.optional(Count),
    /**
     * The party the player is in (rules/party.ts): its id, shared by every member, carried across
     * zones with the rest of the state and changed only by the player's own intents. Absent: none.
     */
    party: z.optional(PartyId),
    /** The player this one follows (their id): the follower's own client walks after them. Absent: nobody. */
    following: z.optional(PlayerId),
  }),
);
export type PlayerState = z.infer<typeof PlayerState>;
