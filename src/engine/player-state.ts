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
import { z } from 'zod';
import { Id, Slot } from '../content/schema.ts';
import { firstUnsafeChar, unsafeCharMessage } from './text-safety.ts';

/**
 * A display name as `join` and `name` accept it, and as a player state keeps it: no control,
 * bidirectional or invisible characters (text-safety.ts), so it shows as what it is everywhere.
 */
export const PlayerName = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .refine((s) => firstUnsafeChar(s, 'name') === null, { error: (issue) => unsafeCharMessage(issue.input, 'name') });

/** The key a received NPC gift is remembered by: `<npc id>/<topic id>` (topic ids are unique per NPC only). */
export const GiftKey = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/, {
  error: (issue) => `must be a gift key like "ysolde/ysolde-gift", not ${JSON.stringify(issue.input)}`,
});

export { giftKeyOf } from './gift-key.ts';

const Count = z.number().int().min(0).max(1_000_000_000);

export const Stack = z.object({ item: Id, qty: z.number().int().min(1).max(1_000_000) }).strict().readonly();
export type Stack = z.infer<typeof Stack>;

export const ActiveEffect = z.object({ id: Id, turnsLeft: z.number().int().min(0).max(1_000_000) }).strict().readonly();
export type ActiveEffect = z.infer<typeof ActiveEffect>;

export const PlayerState = z
  .object({
    /** The player's id: the hash of their public key (any string in tests of the engine alone). */
    id: z.string().min(1).max(80),
    name: PlayerName,
    location: Id,
    hp: Count,
    mp: Count,
    sp: Count,
    level: z.number().int().min(1).max(10_000),
    /** EXP toward the next level (resets on level-up). */
    exp: Count,
    /** Ordered stacks; one stack is one slot. */
    inventory: z.array(Stack).max(200).readonly(),
    equipment: z.partialRecord(Slot, Id).readonly(),
    effects: z.array(ActiveEffect).max(50).readonly(),
    /** Location ids visited, sorted (first-visit descriptions, the explored map). */
    visited: z.array(Id).max(2_000).readonly(),
    /**
     * True when the player's latest arrival (join, move, respawn) was their first visit to
     * `location`: the `firstVisit` description variants apply. Absent counts as false.
     */
    firstVisit: z.boolean().optional(),
    /** Gifts this player has received, as `<npc>/<topic>` keys, sorted. */
    gifts: z.array(GiftKey).max(2_000).readonly(),
    /** The enemy kind this player is fighting in its location, if any. */
    fighting: Id.nullable(),
    /** The player's turns so far: accepted intents that cost a turn (not FREE_ACTIONS); effects tick on these. */
    turns: Count,
  })
  .strict()
  .readonly();
export type PlayerState = z.infer<typeof PlayerState>;
