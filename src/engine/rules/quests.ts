/**
 * Quest progress, advanced by the events an accepted intent already produced (no intent of its
 * own): after the rule and the end of the turn, `advanceQuests` reads this intent's events and
 * moves on the quests of each player whose deed they record (the actor; everyone who shared a
 * kill). Pure and deterministic: quests are visited in id order, objectives in content order.
 *
 * - A player quest begins when its trigger happens (`starts`: a topic heard, a place reached, a
 *   flag known) and its requirements hold; one without a trigger begins at joining (or, for a
 *   player whose state predates quests, at their next intent), or when the last quest it
 *   requires is done. The deed that starts a quest does not count toward it.
 * - A stage is done when every objective is: visits and talks once, gathers, crafts, defeats
 *   and deliveries by count, flags as soon as the player knows them (set in this zone, or set by
 *   a quest they finished: news they carry). Then the next stage begins; after the last, the
 *   quest is done and rewarded (EXP, items into the pack or onto the floor, flags, regard).
 * - World quests keep one tally in the zone's state (`GameState.quests`), counted from every
 *   player's deliveries to its NPCs here. When it is done its flags are set for the zone, and
 *   every contributor is rewarded once: the finisher at once, the others at their next intent
 *   in this zone.
 * - A `together` objective is a cooperative deed: each of its parts (a visit, a talk, a thing
 *   worked) done by a different player, all within `within` turns of this zone (intents applied
 *   here, `GameState.tick`). The parts done lately are marked in the zone's state
 *   (`GameState.together`); when the last is done, the marks are dropped and the objective is done
 *   for every player who did a part and is on that stage (the others in the same intent).
 *
 *   advanceQuests(t); // in apply, after endTurn
 */
import type { Id, Objective, Quest } from '../../content/schema.ts';
import { TOGETHER_WITHIN } from '../../content/quest-defaults.ts';
import type { GameEvent } from '../events.ts';
import type { NpcRegard, PlayerState, QuestProgress } from '../player-state.ts';
import type { WorldQuestState } from '../state.ts';
import { copyPlayer, withPlayer } from '../state.ts';
import { compareCodeUnits } from '../../content/canonical.ts';
import type { Turn } from '../turn.ts';
import { emit, insertSorted, putPlayer, putTogether, putWorldQuest, setFlag } from '../turn.ts';
import { deliverItems, grantExp } from './progress.ts';
import { carriedFlags, deedKind, knowsFlag, partKey, questIndex, stageWatches, worldQuestOf, type CountedKind, type TogetherObjective } from '../quest-index.ts';
import { entry } from '../records.ts';
import { coinOf, withCoin } from '../coin.ts';

/** One player's quests being advanced in this intent (copied on write). */
interface Ledger {
  p: PlayerState;
  quests: readonly QuestProgress[];
  changed: boolean;
}

const COUNTED = new Set(['gather', 'craft', 'defeat', 'deliver']);
const EMPTY: readonly QuestProgress[] = [];

function knows(t: Turn, L: Ledger, flag: Id): boolean {
  return t.state.flags.includes(flag) || carriedFlags(t.content, L.quests).includes(flag);
}

function put(L: Ledger, q: QuestProgress): void {
  const at = L.quests.findIndex((x) => x.id === q.id);
  const list = [...L.quests];
  if (at >= 0) list[at] = q;
  else {
    list.push(q);
    list.sort((a, b) => compareCodeUnits(a.id, b.id));
  }
  L.quests = list;
  L.changed = true;
}

function met(t: Turn, L: Ledger, o: Objective, have: number): boolean {
  return o.flag !== undefined ? knows(t, L, o.flag) : have >= o.qty;
}

function startQuest(t: Turn, L: Ledger, q: Quest): void {
  if (L.quests.some((x) => x.id === q.id)) return;
  if (!q.requires.quests.every((id) => L.quests.some((x) => x.id === id && x.done))) return;
  if (!q.requires.flags.every((f) => knows(t, L, f))) return;
  if (q.unless !== undefined && knows(t, L, q.unless)) return;
  const w: QuestProgress = { id: q.id, stage: 0, have: q.stages[0]!.objectives.map(() => 0), done: false };
  put(L, w);
  emit(t, { type: 'quest-started', quest: q.id, player: L.p.id, location: L.p.location });
  settle(t, L, w);
}

/** Finishes the stages whose objectives are all met (a next stage's flag may be known already). */
function settle(t: Turn, L: Ledger, from: QuestProgress): void {
  const q = t.content.quests.get(from.id);
  if (!q) return;
  let w = from;
  while (!w.done) {
    const stage = q.stages[w.stage];
    if (!stage || !stage.objectives.every((o, k) => met(t, L, o, w.have[k] ?? 0))) return;
    emit(t, { type: 'quest-stage-done', quest: q.id, stage: stage.id, player: L.p.id, location: L.p.location });
    const next = q.stages[w.stage + 1];
    w = next
      ? { id: q.id, stage: w.stage + 1, have: next.objectives.map(() => 0), done: false }
      : { id: q.id, stage: w.stage, have: [], done: true };
    put(L, w);
  }
  emit(t, { type: 'quest-done', quest: q.id, player: L.p.id, location: L.p.location });
  reward(t, L, q, true);
  for (const d of questIndex(t.content).dependents.get(q.id) ?? []) startQuest(t, L, d);
}

function reward(t: Turn, L: Ledger, q: Quest, flags: boolean): void {
  let p = L.p;
  if (q.rewards.exp > 0) p = grantExp(t, p, q.rewards.exp);
  for (const s of q.rewards.items) p = deliverItems(t, p, s.item, s.qty);
  if (q.rewards.coin !== undefined) p = withCoin(p, coinOf(p) + q.rewards.coin);
  if (flags) for (const f of q.rewards.flags) setFlag(t, f);
  if (q.rewards.regard.length > 0) {
    const regard = new Map((p.regard ?? []).map((r) => [r.npc, r.n] as const));
    for (const r of q.rewards.regard) regard.set(r.npc, (regard.get(r.npc) ?? 0) + r.by);
    const list: NpcRegard[] = [...regard].map(([npc, n]) => ({ npc, n })).sort((a, b) => compareCodeUnits(a.npc, b.npc));
    p = withPlayer(p, { regard: list });
  }
  L.p = p;
  L.changed = true;
}

/**
 * Credits a deed of `kind` to the player's active quests: `units(o)` is how many it is worth to
 * objective `o` (0: not this one). With `budget`, units are used up across quests (a delivery counts
 * once); returns what was left.
 */
function credit(t: Turn, L: Ledger, kind: CountedKind, units: (o: Objective) => number, budget = Infinity): number {
  let left = budget;
  for (const w of L.quests) {
    if (w.done || left <= 0) continue;
    const q = t.content.quests.get(w.id);
    const stage = q?.stages[w.stage];
    // Only a stage with an objective of this kind can be credited (most stages have none).
    if (!q || !stage || !stageWatches(stage).has(kind)) continue;
    let have: number[] | null = null;
    stage.objectives.forEach((o, k) => {
      const n = Math.min(units(o), left);
      const before = w.have[k] ?? 0;
      if (n <= 0 || before >= o.qty || deedKind(o) === 'flag') return;
      const after = Math.min(o.qty, before + n);
      if (budget !== Infinity) left -= after - before;
      have ??= [...w.have];
      have[k] = after;
      if (COUNTED.has(deedKind(o)) && after < o.qty) {
        emit(t, { type: 'quest-progress', quest: q.id, stage: stage.id, objective: k, have: after, need: o.qty, player: L.p.id, location: L.p.location });
      }
    });
    if (have) {
      const next: QuestProgress = { id: w.id, stage: w.stage, have, done: false };
      put(L, next);
      settle(t, L, next);
    }
  }
  return left;
}

function startBy(t: Turn, L: Ledger, key: string): void {
  for (const q of questIndex(t.content).byTrigger.get(key) ?? []) startQuest(t, L, q);
}

/** A `together` objective done by all its parts: whose part it was. */
interface TogetherDone {
  readonly player: string;
  readonly objective: TogetherObjective;
}

/** The deed keys an actor's event does a together part by (`partKey` of the parts it matches). */
function deedKeys(e: GameEvent): readonly string[] {
  switch (e.type) {
    case 'moved': return [`visit:${e.to}`];
    case 'talked': return e.topic === null ? [`talk:${e.npc}`] : [`talk:${e.npc}`, `talk:${e.npc}/${e.topic}`];
    case 'worked': return [`work:${e.target}`];
    default: return [];
  }
}

/**
 * Marks the actor's part in each together objective this deed does a part of: the first part it
 * matches that no other player holds within the objective's turns (one part per player; older
 * marks are dropped). When every part is held, the objective is done for each of its players.
 */
function markTogether(t: Turn, actor: string, e: GameEvent, done: TogetherDone[]): void {
  const keys = deedKeys(e);
  if (keys.length === 0) return;
  const ix = questIndex(t.content);
  const turn = t.input.tick;
  let seen: Set<string> | undefined;
  for (const key of keys) {
    for (const w of ix.togetherBy.get(key) ?? []) {
      if (seen?.has(w.key) === true) continue;
      (seen ??= new Set()).add(w.key);
      const o = w.quest.stages[w.stage]!.objectives[w.objective]!;
      const parts = o.together!;
      const within = o.within ?? TOGETHER_WITHIN;
      const fresh = (entry(t.state.together, w.key) ?? []).filter((m) => m.player !== actor && turn - m.tick <= within);
      const part = parts.findIndex((x, i) => keys.includes(partKey(x)) && !fresh.some((m) => m.part === i));
      if (part < 0) continue;
      const marks = [...fresh, { part, player: actor, tick: turn }].sort((a, b) => a.part - b.part);
      emit(t, { type: 'together-part', quest: w.quest.id, stage: w.quest.stages[w.stage]!.id, objective: w.objective, have: marks.length, need: parts.length, player: actor, location: t.state.players[actor]?.location ?? t.where });
      if (marks.length < parts.length) {
        putTogether(t, w.key, marks);
        continue;
      }
      putTogether(t, w.key, []);
      for (const m of marks) done.push({ player: m.player, objective: w });
    }
  }
}

/** A together objective done by all: done for this player if they are on its stage. */
function creditTogether(t: Turn, L: Ledger, w: TogetherObjective): void {
  const mine = L.quests.find((x) => x.id === w.quest.id);
  if (!mine || mine.done || mine.stage !== w.stage) return;
  const have = [...mine.have];
  have[w.objective] = 1;
  const next: QuestProgress = { id: mine.id, stage: mine.stage, have, done: false };
  put(L, next);
  settle(t, L, next);
}

/** One event's deed for player `id` (the actor's own events, or a kill they shared). */
function applyDeed(t: Turn, L: Ledger, e: GameEvent, id: string): void {
  if (e.player !== id) {
    if (e.type === 'enemy-defeated' && e.shares.some((s) => s.player === id)) credit(t, L, 'defeat', (o) => (o.defeat === e.enemy ? 1 : 0));
    return;
  }
  switch (e.type) {
    case 'joined':
    case 'moved': {
      const to = e.type === 'moved' ? e.to : e.location;
      credit(t, L, 'visit', (o) => (o.visit === to ? 1 : 0));
      startBy(t, L, `visit:${to}`);
      return;
    }
    case 'talked':
      credit(t, L, 'talk', (o) => (o.talk === e.npc && (o.topic === undefined || o.topic === e.topic) ? 1 : 0));
      startBy(t, L, `talk:${e.npc}`);
      if (e.topic !== null) startBy(t, L, `talk:${e.npc}/${e.topic}`);
      return;
    case 'gathered': credit(t, L, 'gather', (o) => (o.gather === e.item ? e.qty : 0)); return;
    case 'crafted': credit(t, L, 'craft', (o) => (o.craft === e.item ? e.qty : 0)); return;
    case 'enemy-defeated': credit(t, L, 'defeat', (o) => (o.defeat === e.enemy ? 1 : 0)); return;
    case 'worked': credit(t, L, 'work', (o) => (o.work === e.target ? 1 : 0)); return;
    case 'delivered': {
      const left = credit(t, L, 'deliver', (o) => (o.deliver === e.item && o.to === e.npc ? e.qty : 0), e.qty);
      if (left > 0) creditWorld(t, L, e.npc, e.item, left);
      return;
    }
    default:
  }
}

function freshTally(q: Quest): WorldQuestState {
  return { stage: 0, have: q.stages[0]!.objectives.map(() => 0), done: false, contributors: [], rewarded: [] };
}

/** Deliveries the player's own quests did not want go to the world quests that want them. */
function creditWorld(t: Turn, L: Ledger, npc: Id, item: Id, units: number): void {
  let left = units;
  for (const q of questIndex(t.content).world) {
    let wq = worldQuestOf(t.state, q.id) ?? freshTally(q);
    if (wq.done || left <= 0) continue;
    const stage = q.stages[wq.stage]!;
    const have = [...wq.have];
    let used = 0;
    stage.objectives.forEach((o, k) => {
      if (o.deliver !== item || o.to !== npc || left <= 0) return;
      const n = Math.min(left, o.qty - (have[k] ?? 0));
      if (n <= 0) return;
      have[k] = (have[k] ?? 0) + n;
      left -= n;
      used += n;
      emit(t, { type: 'quest-progress', quest: q.id, stage: stage.id, objective: k, have: have[k]!, need: o.qty, world: true, player: L.p.id, location: L.p.location });
    });
    if (used === 0) continue;
    wq = { ...wq, have, contributors: insertSorted(wq.contributors, L.p.id) };
    while (!wq.done && q.stages[wq.stage]!.objectives.every((o, k) => (wq.have[k] ?? 0) >= o.qty)) {
      emit(t, { type: 'quest-stage-done', quest: q.id, stage: q.stages[wq.stage]!.id, world: true, player: L.p.id, location: L.p.location });
      const next = q.stages[wq.stage + 1];
      wq = next ? { ...wq, stage: wq.stage + 1, have: next.objectives.map(() => 0) } : { ...wq, have: [], done: true };
    }
    if (wq.done) for (const f of q.rewards.flags) setFlag(t, f);
    putWorldQuest(t, q.id, wq);
  }
}

/** A contributor to a finished world quest is rewarded once, at their first intent here after it. */
function rewardWorld(t: Turn, L: Ledger): void {
  if (t.state.quests === undefined) return;
  for (const q of questIndex(t.content).world) {
    const wq = worldQuestOf(t.state, q.id);
    if (!wq?.done || !wq.contributors.includes(L.p.id) || wq.rewarded.includes(L.p.id)) continue;
    emit(t, { type: 'quest-done', quest: q.id, world: true, player: L.p.id, location: L.p.location });
    reward(t, L, q, false);
    putWorldQuest(t, q.id, { ...wq, rewarded: insertSorted(wq.rewarded, L.p.id) });
  }
}

/** Events that can count toward an objective or start a quest. */
const DEEDS = new Set<GameEvent['type']>(['joined', 'moved', 'talked', 'gathered', 'crafted', 'enemy-defeated', 'delivered', 'worked']);

/** Whether this intent can change the player's quests at all (most intents cannot: the fold's fast path). */
function mayAdvance(t: Turn, p: PlayerState, events: readonly GameEvent[], n: number, actor: boolean): boolean {
  if (p.quests === undefined) return true;
  for (let i = 0; i < n; i++) if (DEEDS.has(events[i]!.type)) return true;
  const ix = questIndex(t.content);
  if (ix.byFlag.length > 0) return true;
  if (actor && t.state.quests !== undefined) return true;
  // A stage waiting on a flag is settled by any intent once the flag is known, so look only at
  // those whose every objective is met now (the same test `settle` makes).
  for (const w of p.quests) if (!w.done && ix.flagStagesOf.get(w.id)?.has(w.stage) === true && stageMet(t, p, w)) return true;
  return false;
}

/** Whether every objective of the player's current stage of `w` is met now (as `settle` tests). */
function stageMet(t: Turn, p: PlayerState, w: QuestProgress): boolean {
  const stage = t.content.quests.get(w.id)?.stages[w.stage];
  if (!stage) return false;
  return stage.objectives.every((o, k) => (o.flag !== undefined ? knowsFlag(t.content, t.state, p, o.flag) : (w.have[k] ?? 0) >= o.qty));
}

function advanceFor(t: Turn, id: string, events: readonly GameEvent[], n: number, actor: boolean, together: TogetherDone[] = []): void {
  const p = t.state.players[id];
  if (!p) return;
  if (actor && questIndex(t.content).togetherBy.size > 0) for (let i = 0; i < n; i++) markTogether(t, id, events[i]!, together);
  if (!mayAdvance(t, p, events, n, actor) && !together.some((d) => d.player === id)) return;
  const L: Ledger = { p, quests: p.quests ?? EMPTY, changed: false };
  const ix = questIndex(t.content);
  if (p.quests === undefined) {
    L.changed = true;
    for (const q of ix.auto) startQuest(t, L, q);
  }
  for (let i = 0; i < n; i++) applyDeed(t, L, events[i]!, id);
  for (const d of together) if (d.player === id) creditTogether(t, L, d.objective);
  // Flags set by anyone since: a flag objective, or a quest a flag starts. (A stage without a
  // flag objective is settled whenever its counts change, so only flag stages can be waiting.)
  for (const w of L.quests) if (!w.done && ix.flagStagesOf.get(w.id)?.has(w.stage) === true) settle(t, L, w);
  for (const q of ix.byFlag) if (knows(t, L, q.starts!.flag!)) startQuest(t, L, q);
  if (actor) rewardWorld(t, L);
  if (!L.changed) return;
  const me = copyPlayer(L.p);
  me.quests = L.quests;
  putPlayer(t, me);
}

export function advanceQuests(t: Turn): void {
  if (t.content.quests.size === 0) return;
  const events = t.events;
  const n = events.length;
  const actor = t.intent.player;
  const together: TogetherDone[] = [];
  advanceFor(t, actor, events, n, true, together);
  // Partners in a together objective done by this intent: theirs is done too, wherever they stand.
  if (together.length > 0) {
    const partners = [...new Set(together.map((d) => d.player))].filter((id) => id !== actor).sort(compareCodeUnits);
    for (const id of partners) advanceFor(t, id, events, 0, false, together.filter((d) => d.player === id));
  }
  let others: Set<string> | undefined;
  for (let i = 0; i < n; i++) {
    const e = events[i]!;
    if (e.type === 'enemy-defeated') for (const s of e.shares) if (s.player !== actor) (others ??= new Set()).add(s.player);
  }
  if (others) for (const id of [...others].sort(compareCodeUnits)) advanceFor(t, id, events, n, false);
}

/** How many of `item` the NPC would take from this player now, for their quests and the world's. */
export function deliveryWanted(t: Turn, p: PlayerState, npc: Id, item: Id): number {
  let want = 0;
  const wants = (o: Objective) => o.deliver === item && o.to === npc;
  for (const w of p.quests ?? EMPTY) {
    if (w.done) continue;
    t.content.quests.get(w.id)?.stages[w.stage]?.objectives.forEach((o, k) => {
      if (wants(o)) want += Math.max(0, o.qty - (w.have[k] ?? 0));
    });
  }
  for (const q of questIndex(t.content).world) {
    const wq = worldQuestOf(t.state, q.id) ?? freshTally(q);
    if (wq.done) continue;
    q.stages[wq.stage]?.objectives.forEach((o, k) => {
      if (wants(o)) want += Math.max(0, o.qty - (wq.have[k] ?? 0));
    });
  }
  return want;
}
