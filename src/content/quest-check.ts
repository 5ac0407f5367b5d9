/**
 * Checks of quests.yaml that no schema can see: every id a quest names exists (locations, NPCs
 * and their topics, items, enemies, other quests), every flag it waits for can be set by play,
 * prerequisites do not go round in a circle, and a world quest is one the rules can share: its
 * objectives are deliveries to NPCs of a single zone (its tally lives in that zone's state).
 * Also checks what NPC topics say about quests (`during`, `after`).
 *
 *   checkQuests(lists, ref, report, settable);
 */
import type { Lists, Reporter } from './cross-check.ts';
import { objectiveKind, type Objective, type Quest, type TogetherPart, type Trigger } from './quest-schema.ts';
import type { Path } from './yaml-source.ts';
import { sceneryId } from './id.ts';

type ListKind = keyof Lists;
type Ref = (kind: string, path: Path, target: ListKind, id: string | undefined) => void;

/** Flags quests set when finished; the flag check counts them as settable by play. */
export function questFlags(lists: Lists): string[] {
  return lists.quests.flatMap((q) => q?.rewards.flags ?? []);
}

export function checkQuests(lists: Lists, ref: Ref, report: Reporter, settable: ReadonlySet<string> | null): void {
  const topicsOf = new Map(lists.npcs.flatMap((npc) => (npc ? [[npc.id, new Set(npc.topics.map((t) => t.id))] as const] : [])));
  const flag = (path: Path, id: string | undefined): void => {
    if (id !== undefined && settable && !settable.has(id)) report('quests', path, `no lock, NPC topic or quest sets the flag "${id}"`);
  };
  const working = new Set(lists.locations.flatMap((l) => l?.scenery.filter((s) => s.works).map((s) => sceneryId(s.name)) ?? []));
  const deed = (path: Path, o: Objective | Trigger | TogetherPart): void => {
    const kind = objectiveKind(o);
    if (kind === 'work' && 'work' in o && o.work !== undefined && !working.has(o.work)) {
      report('quests', [...path, 'work'], `no room has a thing "${o.work}" that works (scenery with "works")`);
    }
    if (kind === 'together' && 'together' in o) o.together?.forEach((part, j) => deed([...path, 'together', j], part));
    if (kind === 'visit') ref('quests', [...path, 'visit'], 'locations', o.visit);
    if (kind === 'talk') {
      ref('quests', [...path, 'talk'], 'npcs', o.talk);
      const topics = o.talk === undefined ? undefined : topicsOf.get(o.talk);
      if (o.topic !== undefined && topics && !topics.has(o.topic)) report('quests', [...path, 'topic'], `"${o.talk}" has no topic "${o.topic}"`);
    }
    if (kind === 'flag' && 'flag' in o) flag([...path, 'flag'], o.flag);
    const counted = o as Partial<Objective>;
    ref('quests', [...path, 'gather'], 'items', counted.gather);
    ref('quests', [...path, 'craft'], 'items', counted.craft);
    ref('quests', [...path, 'defeat'], 'enemies', counted.defeat);
    ref('quests', [...path, 'deliver'], 'items', counted.deliver);
    ref('quests', [...path, 'to'], 'npcs', counted.to);
  };

  lists.quests.forEach((quest, i) => {
    if (!quest) return;
    quest.requires.quests.forEach((id, j) => ref('quests', [i, 'requires', 'quests', j], 'quests', id));
    quest.requires.flags.forEach((id, j) => flag([i, 'requires', 'flags', j], id));
    flag([i, 'unless'], quest.unless);
    if (quest.starts) deed([i, 'starts'], quest.starts);
    const stageIds = new Set<string>();
    quest.stages.forEach((stage, j) => {
      if (stageIds.has(stage.id)) report('quests', [i, 'stages', j, 'id'], `duplicate stage id "${stage.id}"`);
      stageIds.add(stage.id);
      stage.objectives.forEach((o, k) => deed([i, 'stages', j, 'objectives', k], o));
    });
    quest.rewards.items.forEach((stack, j) => ref('quests', [i, 'rewards', 'items', j, 'item'], 'items', stack.item));
    quest.rewards.regard.forEach((r, j) => ref('quests', [i, 'rewards', 'regard', j, 'npc'], 'npcs', r.npc));
    if (quest.scope === 'world') checkWorldQuest(lists, quest, i, report);
  });
  checkCircles(lists, report);

  const questStages = new Map(lists.quests.flatMap((q) => (q ? [[q.id, new Set(q.stages.map((s) => s.id))] as const] : [])));
  lists.npcs.forEach((npc, i) => npc?.topics.forEach((topic, j) => {
    const at: Path = [i, 'topics', j];
    ref('npcs', [...at, 'after'], 'quests', topic.after);
    ref('npcs', [...at, 'during', 'quest'], 'quests', topic.during?.quest);
    const stages = topic.during === undefined ? undefined : questStages.get(topic.during.quest);
    if (topic.during?.stage !== undefined && stages && !stages.has(topic.during.stage)) {
      report('npcs', [...at, 'during', 'stage'], `quest "${topic.during.quest}" has no stage "${topic.during.stage}"`);
    }
  }));
}

/** A world quest's tally lives in one zone's state: deliveries to NPCs who all stand in that zone. */
function checkWorldQuest(lists: Lists, quest: Quest, i: number, report: Reporter): void {
  if (quest.starts) report('quests', [i, 'starts'], 'a world quest is open from the start; it cannot wait for a trigger');
  if (quest.requires.quests.length > 0) report('quests', [i, 'requires', 'quests'], 'a world quest belongs to nobody, so it cannot require a player\'s quests');
  const zones = new Set<string>();
  quest.stages.forEach((stage, j) => stage.objectives.forEach((o, k) => {
    const kind = objectiveKind(o);
    if (kind !== 'deliver') {
      report('quests', [i, 'stages', j, 'objectives', k, kind], 'a world quest counts deliveries only (everyone\'s goes into one tally); use "deliver" with "to"');
      return;
    }
    const npc = lists.npcs.find((n) => n?.id === o.to);
    const zone = npc ? lists.locations.find((l) => l?.id === npc.location)?.zone : undefined;
    if (zone !== undefined) zones.add(zone);
  }));
  if (zones.size > 1) report('quests', [i, 'stages'], `delivers to NPCs in ${[...zones].sort().join(' and ')}; a world quest's NPCs must share one zone, whose state keeps the tally`);
}

/** A quest that requires itself through others could never be offered. */
function checkCircles(lists: Lists, report: Reporter): void {
  const requires = new Map(lists.quests.flatMap((q) => (q ? [[q.id, q.requires.quests] as const] : [])));
  lists.quests.forEach((quest, i) => {
    if (!quest) return;
    const seen = new Set<string>();
    const stack = [...quest.requires.quests];
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      if (next === quest.id) {
        report('quests', [i, 'requires', 'quests'], 'requires itself through other quests, so it could never be offered');
        return;
      }
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(requires.get(next) ?? []));
    }
  });
}
