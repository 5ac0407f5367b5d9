/**
 * The journal: a player's quests as they stand, read from the state without changing it (JOURNAL,
 * the web app's Journal panel and `observation.quests` all show this). Quests come in content
 * order; a world quest is listed once the player has been where its NPCs take deliveries.
 *
 *   journalOf(content, state, playerId) // [{ id, name, status, stage, text, objectives }]
 */
import type { Content, Objective, Quest } from '../content/schema.ts';
import type { QuestProgress } from './player-state.ts';
import type { GameState, PlayerState } from './state.ts';
import { deedKind, knowsFlag, questIndex, worldQuestOf } from './quest-index.ts';

export interface JournalObjective {
  readonly text: string;
  readonly done: boolean;
  /** Counted objectives (gather, craft, defeat, deliver): how many so far, of how many. */
  readonly progress?: readonly [number, number];
}

export interface JournalEntry {
  readonly id: string;
  readonly name: string;
  readonly status: 'active' | 'done';
  /** The current stage's id (the last one's, when done). */
  readonly stage: string;
  /** What the journal says of the current stage; the quest's ending once done. */
  readonly text: string;
  /** A world quest: everyone's deliveries count toward it. */
  readonly world: boolean;
  readonly objectives: readonly JournalObjective[];
}

const COUNTED = new Set(['gather', 'craft', 'defeat', 'deliver']);

function objectives(content: Content, state: GameState, p: PlayerState, q: Quest, at: Pick<QuestProgress, 'stage' | 'have' | 'done'>): JournalObjective[] {
  const stage = q.stages[at.stage] ?? q.stages[q.stages.length - 1]!;
  return stage.objectives.map((o: Objective, k) => {
    const kind = deedKind(o);
    const have = at.done ? o.qty : Math.min(o.qty, at.have[k] ?? 0);
    const done = at.done || (kind === 'flag' ? knowsFlag(content, state, p, o.flag!) : have >= o.qty);
    return COUNTED.has(kind) ? { text: o.text, done, progress: [have, o.qty] as const } : { text: o.text, done };
  });
}

function entryOf(content: Content, state: GameState, p: PlayerState, q: Quest, at: Pick<QuestProgress, 'stage' | 'have' | 'done'>): JournalEntry {
  const stage = q.stages[at.stage] ?? q.stages[q.stages.length - 1]!;
  return {
    id: q.id, name: q.name, status: at.done ? 'done' : 'active', stage: stage.id,
    text: at.done ? q.finished : stage.text, world: q.scope === 'world', objectives: objectives(content, state, p, q, at),
  };
}

export function journalOf(content: Content, state: GameState, player: string): JournalEntry[] {
  const p = state.players[player];
  if (!p) return [];
  const out: JournalEntry[] = [];
  const worlds = new Set(questIndex(content).world);
  for (const q of content.quests.values()) {
    if (worlds.has(q)) {
      const places = q.stages.flatMap((s) => s.objectives.map((o) => (o.to ? content.npcs.get(o.to)?.location : undefined)));
      if (!places.some((l) => l !== undefined && p.visited.includes(l))) continue;
      const tally = worldQuestOf(state, q.id) ?? { stage: 0, have: [], done: false };
      out.push(entryOf(content, state, p, q, tally));
      continue;
    }
    const mine = p.quests?.find((x) => x.id === q.id);
    if (mine) out.push(entryOf(content, state, p, q, mine));
  }
  return out;
}
