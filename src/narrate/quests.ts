/**
 * Quests told: a quest begun ("New quest: Nobody Met the Boat."), a count moved on
 * ("(Mend the Breakwater: 12 of 20 driftwood brought, by everyone together.)"), a stage done
 * (its words, then what comes next), a quest finished (its ending and what it gave), and items
 * handed to an NPC who wanted them. Also the journal (`journalLines`): what a player is doing.
 * Loaded after the web app's first paint (later-prose.ts), but for a quest begun (quest-begun.ts).
 *
 *   narrateQuestEvent(content, state, event, viewer) // ProseLine[] for the viewer
 *   journalLines(content, state, viewer)             // JOURNAL
 */
import type { Content, Quest } from '../content/schema.ts';
import { TOGETHER_WITHIN } from '../content/quest-defaults.ts';
import type { EventOf, GameEvent, GameState } from '../engine/index.ts';
import { journalOf, sceneryId } from '../engine/index.ts';
import { itemName, npcName, playerName } from './names.ts';
import { line, type ProseLine } from './prose.ts';
import { questBegunLines } from './quest-begun.ts';
import { capitalise, counted, countedThe, listing } from './words.ts';

type QuestEvent = EventOf<'quest-started' | 'quest-progress' | 'quest-stage-done' | 'quest-done' | 'delivered'>;

export function isQuestEvent(e: GameEvent): e is QuestEvent {
  return e.type === 'quest-started' || e.type === 'quest-progress' || e.type === 'quest-stage-done' || e.type === 'quest-done' || e.type === 'delivered';
}

function things(content: Content, list: readonly { item: string; qty: number }[]): string {
  return listing(list.map((s) => { const n = itemName(content, s.item); return counted(s.qty, n.name, n.plural); }));
}

/** "You gain 30 EXP and a healing draught. Archon thinks better of you." */
function rewardText(content: Content, q: Quest): string {
  const gains: string[] = [];
  if (q.rewards.exp > 0) gains.push(`${q.rewards.exp} EXP`);
  if (q.rewards.items.length > 0) gains.push(things(content, q.rewards.items));
  if (q.rewards.coin !== undefined) gains.push(`${q.rewards.coin} coin${q.rewards.coin === 1 ? '' : 's'}`);
  const parts = gains.length > 0 ? [`You gain ${listing(gains)}.`] : [];
  for (const r of q.rewards.regard) {
    parts.push(`${capitalise(npcName(content, r.npc))} ${r.by >= 0 ? 'thinks better' : 'thinks less'} of you.`);
  }
  return parts.join(' ');
}

/** The viewer's own quest events, and a world quest's or a delivery seen by those beside. */
export function narrateQuestEvent(content: Content, state: GameState, e: QuestEvent, viewer: string): ProseLine[] {
  const own = e.player === viewer;
  if (e.type === 'delivered') {
    const n = itemName(content, e.item);
    const npc = npcName(content, e.npc);
    if (own) return [line('body', `You hand ${countedThe(e.qty, n.name, n.plural)} to ${npc}, who ${e.qty === 1 ? 'takes it' : 'takes them'} gladly.`)];
    return [line('other', `${playerName(state, e.player)} hands ${counted(e.qty, n.name, n.plural)} to ${npc}.`)];
  }
  const q = content.quests.get(e.quest);
  if (!q) return [];
  const shared = e.type !== 'quest-started' && e.world === true;
  if (!own && !(shared && e.type !== 'quest-done')) return [];
  switch (e.type) {
    case 'quest-started': return questBegunLines(content, e);
    case 'quest-progress': {
      const o = q.stages.find((s) => s.id === e.stage)?.objectives[e.objective];
      const by = e.world ? (own ? ', by everyone together' : ` (${playerName(state, e.player)} brought some)`) : '';
      return [line('note', `(${q.name}: ${o ? o.text : 'progress'}, ${e.have} of ${e.need}${by}.)`)];
    }
    case 'quest-stage-done': {
      const at = q.stages.findIndex((s) => s.id === e.stage);
      const stage = q.stages[at];
      const next = q.stages[at + 1];
      return [
        ...(stage?.done ? [line('body', stage.done)] : []),
        ...(next ? [line('reward', `${q.name}: ${next.text}`)] : []),
      ];
    }
    case 'quest-done': return [
      line('body', q.finished),
      line('reward', `Quest complete: ${q.name}. ${rewardText(content, q)}`.trimEnd()),
    ];
  }
}

/** A thing worked: its own words to the one who worked it, "Bo hauls on the sluice wheel." to those beside. */
export function workedLines(content: Content, state: GameState, e: EventOf<'worked'>, viewer: string): ProseLine[] {
  const works = content.locations.get(e.location)?.scenery.find((s) => sceneryId(s.name) === e.target)?.works;
  if (!works) return [];
  if (e.player === viewer) return [line('body', works.text)];
  return [line('other', `${playerName(state, e.player)} ${works.seen}.`)];
}

/** A mechanism solved or undone: its own words, to whoever worked it; those beside see the end of it. */
export function mechanismLines(content: Content, state: GameState, e: EventOf<'mechanism'>, viewer: string): ProseLine[] {
  const m = content.locations.get(e.location)?.mechanisms.find((x) => x.id === e.mechanism);
  if (!m || e.outcome === 'step') return [];
  const text = e.outcome === 'solved' ? m.solved : m.reset;
  return [line(e.player === viewer ? 'body' : 'other', text)];
}

/**
 * A part of a together objective done, told to whoever is on that stage: the one who did it waits
 * for the rest, the others hear that theirs must follow ("yours must follow within 3 turns").
 * Nothing once all are done: the stage's own words follow.
 */
export function togetherLines(content: Content, state: GameState, e: EventOf<'together-part'>, viewer: string): ProseLine[] {
  if (e.have >= e.need) return [];
  const q = content.quests.get(e.quest);
  const at = q ? q.stages.findIndex((s) => s.id === e.stage) : -1;
  const mine = state.players[viewer]?.quests?.find((x) => x.id === e.quest);
  if (!q || !mine || mine.done || mine.stage !== at) return [];
  const o = q.stages[at]?.objectives[e.objective];
  const within = o?.within ?? TOGETHER_WITHIN;
  const turns = `${within} ${within === 1 ? 'turn' : 'turns'}`;
  const left = e.need - e.have;
  if (e.player === viewer) {
    return [line('note', `(${q.name}: ${o?.text ?? 'together'}: ${e.have} of ${e.need} done. ${left === 1 ? 'Someone else' : `${left} others`} must do the rest within ${turns}.)`)];
  }
  return [line('note', `(${q.name}: ${playerName(state, e.player)} has done a part of "${o?.text ?? 'it'}"; yours must follow within ${turns}.)`)];
}

/** JOURNAL: active quests first (the current stage and its objectives), then those done. */
export function journalLines(content: Content, state: GameState, viewer: string): ProseLine[] {
  const entries = journalOf(content, state, viewer);
  if (entries.length === 0) return [line('body', 'Your journal is empty. Talk to people; the isle has its troubles.')];
  const out: ProseLine[] = [line('title', 'Journal')];
  const active = entries.filter((q) => q.status === 'active');
  const done = entries.filter((q) => q.status === 'done');
  for (const q of active) {
    out.push(line('reward', `${q.name}${q.world ? ' (everyone on the isle)' : ''}`));
    out.push(line('body', q.text));
    for (const o of q.objectives) {
      const count = o.progress ? ` (${o.progress[0]} of ${o.progress[1]})` : '';
      out.push(line('note', `  [${o.done ? 'x' : ' '}] ${o.text}${count}`));
    }
  }
  if (done.length > 0) out.push(line('note', `Done: ${listing(done.map((q) => q.name))}.`));
  return out;
}
