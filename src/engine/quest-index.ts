/**
 * What the quest rules look up on every intent, built once per Content object: which quests a
 * deed starts, which begin on their own (at joining, or when the quests they require are done),
 * which wait for a flag, and the world quests. Also the small pure reads of quest state that the
 * rules, the narrator and the journal share (no zod here: the engine imports only content types).
 *
 *   const ix = questIndex(content); ix.byTrigger.get('talk:archon/archon-lamp') // Quest[]
 */
import { compareCodeUnits } from '../content/canonical.ts';
import type { Content, Id, Npc, Objective, ObjectiveKind, Quest, Trigger } from '../content/schema.ts';
import type { PlayerState, QuestProgress } from './player-state.ts';
import type { GameState, WorldQuestState } from './state.ts';
import { entry } from './records.ts';

export interface QuestIndex {
  /** Player quests that begin on their own: no trigger, no quest required. */
  readonly auto: readonly Quest[];
  /** Player quests without a trigger, by each quest they require. */
  readonly dependents: ReadonlyMap<Id, readonly Quest[]>;
  /** Player quests by trigger: `visit:<location>`, `talk:<npc>`, `talk:<npc>/<topic>`. */
  readonly byTrigger: ReadonlyMap<string, readonly Quest[]>;
  /** Player quests started by a flag. */
  readonly byFlag: readonly Quest[];
  readonly world: readonly Quest[];
  /** By quest, the indices of its stages with a flag objective (looked at on every intent). */
  readonly flagStagesOf: ReadonlyMap<Id, ReadonlySet<number>>;
  /**
   * The `together` objectives a deed can do a part of, by deed key (`visit:<location>`,
   * `talk:<npc>`, `talk:<npc>/<topic>`, `work:<scenery>`), in quest id order.
   */
  readonly togetherBy: ReadonlyMap<string, readonly TogetherObjective[]>;
}

/** A `together` objective of a quest's stage, as the rules find it from a deed. */
export interface TogetherObjective {
  readonly quest: Quest;
  readonly stage: number;
  readonly objective: number;
  /** `<quest>/<stage id>/<objective index>`: its marks' key in `GameState.together`. */
  readonly key: string;
}

/** The deed key a together part (or a plain visit, talk or work) is found by. */
export function partKey(o: { visit?: string; talk?: string; topic?: string; work?: string }): string {
  if (o.visit !== undefined) return `visit:${o.visit}`;
  if (o.work !== undefined) return `work:${o.work}`;
  return o.topic === undefined ? `talk:${o.talk ?? ''}` : `talk:${o.talk ?? ''}/${o.topic}`;
}

const cache = new WeakMap<Content, QuestIndex>();
let last: { readonly content: Content; readonly index: QuestIndex } | undefined;

const KINDS: readonly ObjectiveKind[] = ['visit', 'talk', 'gather', 'craft', 'defeat', 'deliver', 'flag', 'work', 'together'];

export function deedKind(o: Objective | Trigger): ObjectiveKind {
  for (const kind of KINDS) if ((o as Record<string, unknown>)[kind] !== undefined) return kind;
  return 'flag';
}

export function triggerKey(o: Trigger): string {
  if (o.visit !== undefined) return `visit:${o.visit}`;
  if (o.talk !== undefined) return o.topic === undefined ? `talk:${o.talk}` : `talk:${o.talk}/${o.topic}`;
  return `flag:${o.flag ?? ''}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function questIndex(content: Content): QuestIndex {
  // The rules ask on every intent, nearly always for the same content: one comparison then.
  if (content === last?.content) return last.index;
  const hit = cache.get(content);
  if (hit) {
    last = { content, index: hit };
    return hit;
  }
  const quests = [...content.quests.values()].sort((a, b) => compareCodeUnits(a.id, b.id));
  const auto: Quest[] = [];
  const dependents = new Map<Id, Quest[]>();
  const byTrigger = new Map<string, Quest[]>();
  const byFlag: Quest[] = [];
  const world: Quest[] = [];
  for (const q of quests) {
    if (q.scope === 'world') world.push(q);
    else if (q.starts?.flag !== undefined) byFlag.push(q);
    else if (q.starts) push(byTrigger, triggerKey(q.starts), q);
    else if (q.requires.quests.length === 0) auto.push(q);
    else for (const r of q.requires.quests) push(dependents, r, q);
  }
  const togetherBy = new Map<string, TogetherObjective[]>();
  for (const q of quests) q.stages.forEach((s, i) => s.objectives.forEach((o, k) => {
    if (!o.together) return;
    const found: TogetherObjective = { quest: q, stage: i, objective: k, key: `${q.id}/${s.id}/${k}` };
    for (const key of new Set(o.together.map(partKey))) push(togetherBy, key, found);
  }));
  const flagStagesOf = new Map<Id, Set<number>>();
  for (const q of quests) q.stages.forEach((s, i) => {
    if (!s.objectives.some((o) => o.flag !== undefined)) return;
    const stages = flagStagesOf.get(q.id);
    if (stages) stages.add(i);
    else flagStagesOf.set(q.id, new Set([i]));
  });
  const ix: QuestIndex = { auto, dependents, byTrigger, byFlag, world, flagStagesOf, togetherBy };
  cache.set(content, ix);
  last = { content, index: ix };
  return ix;
}

/** The kinds of deed an objective can be credited with one at a time (flags and together parts are not). */
export type CountedKind = 'visit' | 'talk' | 'gather' | 'craft' | 'defeat' | 'deliver' | 'work';
const COUNTED_KINDS: readonly CountedKind[] = ['visit', 'talk', 'gather', 'craft', 'defeat', 'deliver', 'work'];
const watches = new WeakMap<Quest['stages'][number], ReadonlySet<CountedKind>>();

/** The kinds of deed a stage's objectives watch (an objective naming a place to visit watches visits ...), once per stage. */
export function stageWatches(stage: Quest['stages'][number]): ReadonlySet<CountedKind> {
  let kinds = watches.get(stage);
  if (kinds === undefined) {
    kinds = new Set(COUNTED_KINDS.filter((k) => stage.objectives.some((o) => o[k] !== undefined)));
    watches.set(stage, kinds);
  }
  return kinds;
}

export function progressOf(p: PlayerState, quest: Id): QuestProgress | undefined {
  return p.quests?.find((q) => q.id === quest);
}

/** A flag is known to a player when it is set here, or set by a quest they finished (news they carry). */
export function knowsFlag(content: Content, state: GameState, p: PlayerState | undefined, flag: Id): boolean {
  if (state.flags.includes(flag)) return true;
  if (!p?.quests) return false;
  return carriedFlags(content, p.quests).includes(flag);
}

const carried = new WeakMap<readonly QuestProgress[], { readonly content: Content; readonly flags: readonly Id[] }>();

/**
 * The flags a player's finished quests set (the news they carry), in quest order, worked out once
 * per quest list (lists are replaced, never changed, so each is looked at once).
 */
export function carriedFlags(content: Content, quests: readonly QuestProgress[]): readonly Id[] {
  const hit = carried.get(quests);
  if (hit !== undefined && hit.content === content) return hit.flags;
  const flags: Id[] = [];
  for (const q of quests) if (q.done) for (const f of content.quests.get(q.id)?.rewards.flags ?? []) flags.push(f);
  carried.set(quests, { content, flags });
  return flags;
}

/** Whether an NPC's topic is offered to this player now (its flags and quest conditions). */
export function topicOffered(content: Content, state: GameState, p: PlayerState | undefined, topic: Npc['topics'][number]): boolean {
  if (topic.requires !== undefined && !knowsFlag(content, state, p, topic.requires)) return false;
  if (topic.unless !== undefined && knowsFlag(content, state, p, topic.unless)) return false;
  if (topic.after !== undefined && !(p && progressOf(p, topic.after)?.done)) return false;
  if (topic.during !== undefined) {
    const q = p ? progressOf(p, topic.during.quest) : undefined;
    const quest = content.quests.get(topic.during.quest);
    if (!q || q.done || !quest) return false;
    if (topic.during.stage !== undefined && quest.stages[q.stage]?.id !== topic.during.stage) return false;
  }
  return true;
}

/** A world quest's shared tally in this zone's state; absent means nothing delivered yet. */
export function worldQuestOf(state: GameState, quest: Id): WorldQuestState | undefined {
  return entry(state.quests, quest);
}
