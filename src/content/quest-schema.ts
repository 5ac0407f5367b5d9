/**
 * The zod schema of quests (content/<world>/quests.yaml): stages of objectives, what must be done
 * before a quest is offered, what finishing it gives, and whose it is: one player's (`player`) or
 * everyone's together (`world`: every player's deliveries count toward one shared tally).
 *
 *   const q: Quest = Quest.parse(yamlObject);
 *   objectiveKind(q.stages[0].objectives[0]) // 'visit' | 'talk' | ... 
 *
 * An objective names exactly one deed (`visit: anchor-inn`, `talk: hesk`, `gather: mussel`,
 * `craft: copper-ingot`, `defeat: tide-crab`, `deliver: driftwood` with `to: <npc>`, `flag:
 * lamp-lit`, `work: sluice-wheel`, or `together: [...]` parts for two or more players at once) and
 * says in `text` how the journal puts it ("Ask Mother Hesk where everyone is").
 */
import { z } from 'zod';
import { ID_PATTERN, idError } from './id.ts';

const Id = z.string().regex(ID_PATTERN, { error: idError });
const Text = z.string().trim().min(1, 'must not be empty');
const PositiveCount = z.number().int('must be a whole number').min(1, 'must be at least 1');

export const OBJECTIVE_KINDS = ['visit', 'talk', 'gather', 'craft', 'defeat', 'deliver', 'flag', 'work', 'together'] as const;
export type ObjectiveKind = (typeof OBJECTIVE_KINDS)[number];

/** The deed fields of an objective or a trigger; exactly one of them is given. */
const deeds = {
  /** A location id: standing there counts. */
  visit: Id.optional(),
  /** An NPC id: talking to them counts (about `topic`, when given). */
  talk: Id.optional(),
  /** With `talk`: the topic id that must be heard. */
  topic: Id.optional(),
  /** An item id: units of it gathered from nodes count. */
  gather: Id.optional(),
  /** An item id: units of it crafted count. */
  craft: Id.optional(),
  /** An enemy id: each one beaten with this player's help counts. */
  defeat: Id.optional(),
  /** An item id given to the NPC `to`: each unit handed over counts (and is kept by them). */
  deliver: Id.optional(),
  /** With `deliver`: the NPC who takes the items. */
  to: Id.optional(),
  /** A world flag: done once it is set. */
  flag: Id.optional(),
  /** A thing of a room that works (a scenery with `works`: a lever, a wheel), by its id: working it counts. */
  work: Id.optional(),
};

type Deed = { [K in keyof typeof deeds]?: string } & { together?: readonly unknown[] };

/** Which deed an objective or trigger names (the schema ensures exactly one). */
export function objectiveKind(o: Deed): ObjectiveKind {
  for (const kind of OBJECTIVE_KINDS) if (o[kind] !== undefined) return kind;
  throw new Error(`objective names no deed: ${JSON.stringify(o)}`);
}

/** The id an objective names in its own field (`visit: anchor-inn` -> "anchor-inn"); "" for `together`. */
export function objectiveTarget(o: Deed): string {
  const kind = objectiveKind(o);
  return kind === 'together' ? '' : o[kind]!;
}

const COUNTED: readonly ObjectiveKind[] = ['gather', 'craft', 'defeat', 'deliver'];

function checkDeed(allowed: readonly ObjectiveKind[], role = 'start a quest') {
  return (o: Deed & { qty?: number; within?: number }, ctx: z.RefinementCtx): void => {
    const named = OBJECTIVE_KINDS.filter((k) => o[k] !== undefined);
    if (named.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: named.length === 0
          ? `names no deed; give exactly one of ${allowed.join(', ')}`
          : `names ${named.join(' and ')}; give exactly one deed (split it into two objectives)`,
      });
      return;
    }
    const kind = named[0]!;
    if (!allowed.includes(kind)) ctx.addIssue({ code: 'custom', path: [kind], message: `"${kind}" cannot ${role}; use one of ${allowed.join(', ')}` });
    if (o.topic !== undefined && kind !== 'talk') ctx.addIssue({ code: 'custom', path: ['topic'], message: 'goes with "talk" only' });
    if (kind === 'deliver' && o.to === undefined) ctx.addIssue({ code: 'custom', path: ['to'], message: 'is required with "deliver": the NPC who takes the items' });
    if (o.to !== undefined && kind !== 'deliver') ctx.addIssue({ code: 'custom', path: ['to'], message: 'goes with "deliver" only' });
    if (o.within !== undefined && kind !== 'together') ctx.addIssue({ code: 'custom', path: ['within'], message: 'goes with "together" only' });
    if (o.qty !== undefined && o.qty > 1 && !COUNTED.includes(kind)) {
      ctx.addIssue({ code: 'custom', path: ['qty'], message: `a "${kind}" objective is done once; qty is for ${COUNTED.join(', ')}` });
    }
  };
}

/** The deeds a `together` objective may ask of its players: each is one player's part. */
export const TOGETHER_KINDS: readonly ObjectiveKind[] = ['visit', 'talk', 'work'];

/** One player's part of a `together` objective: a visit, a talk or a thing worked. */
export const TogetherPart = z
  .object(deeds)
  .strict()
  .superRefine(checkDeed(TOGETHER_KINDS, 'be one player\'s part of "together"'));
export type TogetherPart = z.infer<typeof TogetherPart>;

export const Objective = z
  .object({
    /** How the journal puts it: "Ask Mother Hesk where everyone is". */
    text: Text,
    ...deeds,
    /**
     * A cooperative deed: each part done by a different player, all within `within` turns of this
     * zone (intents applied here) of one another. Done for every player who did a part.
     */
    together: z.array(TogetherPart).min(2, 'needs at least two parts, one for each player').max(8, 'may have at most 8 parts').optional(),
    /** With `together`: how many turns of the zone may pass between the first part and the last. */
    within: z.number().int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').optional(),
    /** How many (gather, craft, defeat, deliver). */
    qty: PositiveCount.default(1),
  })
  .strict()
  .superRefine(checkDeed(OBJECTIVE_KINDS));
export type Objective = z.infer<typeof Objective>;

export { TOGETHER_WITHIN } from './quest-defaults.ts';

/** What starts a quest: hearing a topic, arriving somewhere, or a flag being set. */
export const Trigger = z
  .object({ talk: deeds.talk, topic: deeds.topic, visit: deeds.visit, flag: deeds.flag })
  .strict()
  .superRefine(checkDeed(['talk', 'visit', 'flag']));
export type Trigger = z.infer<typeof Trigger>;

export const QuestStage = z
  .object({
    id: Id,
    /** The journal's entry while this stage is the current one. */
    text: Text,
    /** All of them done finishes the stage. */
    objectives: z.array(Objective).min(1, 'needs at least one objective'),
    /** Told to the player when the stage is done (before the next one's text). */
    done: Text.optional(),
  })
  .strict();
export type QuestStage = z.infer<typeof QuestStage>;

export const Regard = z.object({ npc: Id, by: z.number().int('must be a whole number') }).strict();
export type Regard = z.infer<typeof Regard>;

export const QuestRewards = z
  .object({
    exp: z.number().int('must be a whole number').min(0, 'must not be negative').default(0),
    items: z.array(z.object({ item: Id, qty: PositiveCount.default(1) }).strict()).default([]),
    /** World flags set when the quest is done (and known wherever its finisher goes). */
    flags: z.array(Id).default([]),
    /** How much more (or less) NPCs think of the player. */
    regard: z.array(Regard).default([]),
    /** Coin paid to the player (absent: none). */
    coin: z.number().int('must be a whole number').min(1, 'must be at least 1').optional(),
  })
  .strict();
export type QuestRewards = z.infer<typeof QuestRewards>;

export const Quest = z
  .object({
    id: Id,
    name: Text,
    /** `player`: each player's own; `world`: one shared tally that every player's deliveries advance. */
    scope: z.enum(['player', 'world']).default('player'),
    /**
     * Offered only to a player who has finished these quests (a player quest) and while these
     * flags are set. Without `starts`, a player quest begins as soon as they hold: at joining,
     * or when the last of them is finished.
     */
    requires: z.object({ quests: z.array(Id).default([]), flags: z.array(Id).default([]) }).strict().default({ quests: [], flags: [] }),
    /** Never offered once this flag is known: a quest the world has moved past (the lamp already lit). */
    unless: Id.optional(),
    starts: Trigger.optional(),
    /** Told when the quest begins (the first stage's text follows in the journal). */
    intro: Text.optional(),
    stages: z.array(QuestStage).min(1, 'needs at least one stage'),
    /** Told when the last stage is done, before the rewards. */
    finished: Text,
    rewards: QuestRewards.default({ exp: 0, items: [], flags: [], regard: [] }),
  })
  .strict();
export type Quest = z.infer<typeof Quest>;
