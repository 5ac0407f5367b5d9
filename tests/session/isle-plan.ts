/**
 * Purposeful play on any content, for tests that must reach deep content honestly (through play,
 * never by editing state): what the content holds (zone borders, NPC gifts) and, for a goal
 * ("have a machete", "hear Ysolde's gift topic", "cross this border"), the next action that
 * brings the player closer to it from the state as it is now.
 *
 *   const plan = new Planner(content);
 *   const step = plan.next({ kind: 'gift', npc: 'stone-who-counts', topic: 'stone-mine' }, state, player, at);
 *   if (step === 'done') ...; else if (step === 'stuck') ...; else submit(step);
 *
 * Each call looks at the state afresh (no hidden plan), so a refused or revised step is simply
 * tried again or routed around: obtaining an item uses, in turn, what lies here, a recipe (its
 * inputs, tools and station first), an NPC's gift, a gathering node, what lies elsewhere, or an
 * enemy's loot. Locked exits are passed with their key (obtained first when missing).
 */
import type { Content, Direction, Exit, Id } from '../../src/content/schema.ts';
import type { Action, GameState, PlayerState } from '../../src/engine/index.ts';
import { enemyAlive, nodeRemaining, playerStats, recipeMissing } from '../../src/engine/index.ts';
import { giftKeyOf } from '../../src/engine/player-state.ts';
import { REST_COOLDOWN_MS } from '../../src/engine/rules/observe.ts';

/** One exit whose two ends lie in different zones (a crossing: travel in one zone document, arrive in the other). */
export interface Border {
  readonly from: Id;
  readonly dir: Direction;
  readonly to: Id;
  readonly fromZone: Id;
  readonly toZone: Id;
}

/** Every exit between zones, in content order: each direction of a border is its own entry. */
export function zoneBorders(content: Content): Border[] {
  const out: Border[] = [];
  for (const loc of content.locations.values()) {
    for (const exit of loc.exits) {
      const toZone = content.locations.get(exit.to)?.zone;
      if (toZone && toZone !== loc.zone) out.push({ from: loc.id, dir: exit.dir, to: exit.to, fromZone: loc.zone, toZone });
    }
  }
  return out;
}

export const borderName = (b: Border): string => `${b.from} ${b.dir} -> ${b.to} (${b.fromZone} -> ${b.toZone})`;

/** An NPC topic that gives an item (once per player). */
export interface Gift {
  readonly npc: Id;
  readonly topic: Id;
  readonly item: Id;
  readonly qty: number;
  readonly location: Id;
  readonly requires: Id | null;
  /** The key `PlayerState.gifts` remembers it by. */
  readonly key: string;
}

/**
 * The gifts anyone can ask for, with at most a flag to set first. A gift the story gives only
 * while a player is on a quest (`during`, `after`: Archon's logbook of the storm) is the story's,
 * played through in tests/session/story-walkthrough.test.ts.
 */
export function giftTopics(content: Content): Gift[] {
  const out: Gift[] = [];
  for (const npc of content.npcs.values()) {
    for (const t of npc.topics) {
      if (t.gives && t.during === undefined && t.after === undefined) out.push({ npc: npc.id, topic: t.id, item: t.gives.item, qty: t.gives.qty, location: npc.location, requires: t.requires ?? null, key: giftKeyOf(npc.id, t.id) });
    }
  }
  return out;
}

/** A word that makes `npc` answer with `topic` (the first offered topic with that keyword answers); else the topic id. */
export function keywordFor(content: Content, npcId: Id, topicId: Id, flags: readonly string[]): string {
  const npc = content.npcs.get(npcId)!;
  const offered = npc.topics.filter((t) => t.requires === undefined || flags.includes(t.requires));
  const topic = npc.topics.find((t) => t.id === topicId)!;
  for (const k of topic.keywords) {
    const first = offered.find((t) => t.keywords.some((w) => w.toLowerCase() === k.toLowerCase()));
    if (first?.id === topicId) return k;
  }
  return topicId;
}

export type Goal =
  | { readonly kind: 'visit'; readonly location: Id }
  | { readonly kind: 'gift'; readonly npc: Id; readonly topic: Id }
  | { readonly kind: 'flag'; readonly flag: Id }
  | { readonly kind: 'have'; readonly item: Id; readonly qty: number }
  | { readonly kind: 'equip'; readonly item: Id }
  | { readonly kind: 'consume'; readonly item: Id; used?: boolean }
  | { readonly kind: 'fight'; readonly enemy: Id; engaged?: boolean }
  | { readonly kind: 'cross'; readonly border: Border; sent?: boolean }
  | { readonly kind: 'give'; readonly to: string; sent?: boolean };

export type Step = Action | 'done' | 'stuck';

const MAX_DEPTH = 10;

export function countOf(p: PlayerState, item: Id): number {
  let n = 0;
  for (const s of p.inventory) if (s.item === item) n += s.qty;
  return n;
}

export function holds(p: PlayerState, item: Id): boolean {
  return countOf(p, item) > 0 || Object.values(p.equipment).includes(item);
}

export class Planner {
  /** World flags seen in any zone so far (flags are only ever added). */
  readonly knownFlags = new Set<string>();
  /** Source order for obtaining items; a test may shuffle it for variety. */
  sources: readonly ('here' | 'recipe' | 'gift' | 'node' | 'floor' | 'loot')[] = ['here', 'recipe', 'gift', 'node', 'floor', 'loot'];

  constructor(readonly content: Content) {}

  next(goal: Goal, state: GameState, player: string, at: number): Step {
    for (const f of state.flags) this.knownFlags.add(f);
    const me = state.players[player];
    if (!me) return 'stuck';
    return this.#step(goal, state, me, at, 0);
  }

  #step(goal: Goal, s: GameState, me: PlayerState, at: number, depth: number): Step {
    if (depth > MAX_DEPTH) return 'stuck';
    const sub = (g: Goal): Step => this.#step(g, s, me, at, depth + 1);
    const c = this.content;
    switch (goal.kind) {
      case 'visit': {
        if (me.location === goal.location) return 'done';
        return this.#walk(s, me, goal.location, sub);
      }
      case 'gift': {
        if (me.gifts.includes(giftKeyOf(goal.npc, goal.topic))) return 'done';
        const npc = c.npcs.get(goal.npc)!;
        const topic = npc.topics.find((t) => t.id === goal.topic)!;
        if (topic.requires && !this.knownFlags.has(topic.requires)) return sub({ kind: 'flag', flag: topic.requires });
        if (me.location !== npc.location) return sub({ kind: 'visit', location: npc.location });
        // Room for the gift, or it falls to the floor.
        if (topic.gives && !this.#fits(me, topic.gives.item, topic.gives.qty)) return this.#makeRoom(me, [topic.gives.item]);
        return { kind: 'talk', target: npc.id, topic: keywordFor(c, npc.id, topic.id, [...this.knownFlags]) };
      }
      case 'flag': {
        if (this.knownFlags.has(goal.flag)) return 'done';
        for (const npc of c.npcs.values()) {
          const t = npc.topics.find((tp) => tp.sets === goal.flag);
          if (!t) continue;
          if (t.requires && !this.knownFlags.has(t.requires)) return sub({ kind: 'flag', flag: t.requires });
          if (me.location !== npc.location) return sub({ kind: 'visit', location: npc.location });
          return { kind: 'talk', target: npc.id, topic: keywordFor(c, npc.id, t.id, [...this.knownFlags]) };
        }
        for (const loc of c.locations.values()) {
          const exit = loc.exits.find((x) => x.lock?.id === goal.flag);
          if (exit) return sub({ kind: 'visit', location: exit.to });
        }
        return 'stuck';
      }
      case 'have':
        return countOf(me, goal.item) >= goal.qty ? 'done' : this.#obtain(s, me, at, goal.item, goal.qty, sub);
      case 'equip': {
        if (Object.values(me.equipment).includes(goal.item)) return 'done';
        if (countOf(me, goal.item) === 0) return sub({ kind: 'have', item: goal.item, qty: 1 });
        return { kind: 'equip', target: goal.item };
      }
      case 'consume': {
        if (goal.used) return 'done';
        if (countOf(me, goal.item) === 0) return sub({ kind: 'have', item: goal.item, qty: 1 });
        return { kind: 'use', target: goal.item };
      }
      case 'fight': {
        const enemy = c.enemies.get(goal.enemy)!;
        if (goal.engaged && me.fighting !== goal.enemy) return 'done';
        const here = enemy.locations.includes(me.location) ? enemyAlive(c, s, me.location, enemy.id, at) : null;
        if (!here) {
          if (enemy.locations.includes(me.location)) return { kind: 'wait' };
          const target = enemy.locations.find((l) => this.#route(s, me, l) !== null) ?? enemy.locations[0]!;
          return sub({ kind: 'visit', location: target });
        }
        const weapon = this.#bestWeapon(me);
        if (weapon && me.fighting === null) return { kind: 'equip', target: weapon };
        const stats = playerStats(c, me);
        if (me.hp * 3 < stats.maxHp) {
          const heal = me.inventory.find((st) => (c.items.get(st.item)?.consumable?.hp ?? 0) > 0);
          if (heal) return { kind: 'use', target: heal.item };
        }
        const skill = [...c.skills.values()].find((k) => k.power > 0 && k.learnedAt <= me.level && k.cost.sp <= me.sp && k.cost.mp <= me.mp);
        return skill && me.turns % 3 === 0 ? { kind: 'attack', target: enemy.id, with: skill.id } : { kind: 'attack', target: enemy.id };
      }
      case 'cross': {
        if (goal.sent) return 'done';
        if (me.location !== goal.border.from) return sub({ kind: 'visit', location: goal.border.from });
        return { kind: 'move', dir: goal.border.dir };
      }
      case 'give': {
        if (goal.sent) return 'done';
        const other = s.players[goal.to];
        if (!other) {
          const start = c.world.start;
          return me.location === start ? 'stuck' : sub({ kind: 'visit', location: start });
        }
        if (me.location !== other.location) return sub({ kind: 'visit', location: other.location });
        const stack = me.inventory[me.turns % Math.max(1, me.inventory.length)];
        return stack ? { kind: 'give', target: stack.item, to: goal.to, qty: 1 } : 'stuck';
      }
    }
  }

  #obtain(s: GameState, me: PlayerState, at: number, item: Id, qty: number, sub: (g: Goal) => Step): Step {
    const c = this.content;
    const need = qty - countOf(me, item);
    if (!this.#fits(me, item, Math.min(need, 1))) return this.#makeRoom(me, [item]);
    for (const source of this.sources) {
      switch (source) {
        case 'here': {
          const onFloor = s.floors[me.location]?.[item] ?? 0;
          if (onFloor > 0) return { kind: 'take', target: item, qty: Math.min(onFloor, need) };
          break;
        }
        case 'recipe': {
          const recipe = [...c.recipes.values()].find((r) => r.output.item === item);
          if (!recipe) break;
          const missing = recipeMissing(c, me, recipe);
          if (missing) {
            const input = missing.inputs[0];
            if (input) return sub({ kind: 'have', item: input.item, qty: input.need });
            const tool = missing.tools[0];
            if (tool) return sub({ kind: 'have', item: tool, qty: 1 });
            if (missing.station) return sub({ kind: 'visit', location: c.stations.get(missing.station)!.location });
          }
          if (me.sp < recipe.spCost) return this.#recover(me, at);
          return { kind: 'craft', target: recipe.id };
        }
        case 'gift': {
          for (const g of giftTopics(c)) {
            if (g.item === item && !me.gifts.includes(g.key)) return sub({ kind: 'gift', npc: g.npc, topic: g.topic });
          }
          break;
        }
        case 'node': {
          const node = [...c.nodes.values()].find((n) => n.resource === item);
          if (!node) break;
          if (node.tool && !holds(me, node.tool)) return sub({ kind: 'have', item: node.tool, qty: 1 });
          if (me.location !== node.location) return sub({ kind: 'visit', location: node.location });
          if (nodeRemaining(c, s, node.id, at) === 0) return { kind: 'wait' };
          if (me.sp < node.spCost) return this.#recover(me, at);
          return { kind: 'gather', target: node.id };
        }
        case 'floor': {
          // Floors of this zone only: other zones' floors are not in this state.
          const where = Object.entries(s.floors).find(([, items]) => (items[item] ?? 0) > 0)?.[0];
          if (where && this.#route(s, me, where)) return sub({ kind: 'visit', location: where });
          break;
        }
        case 'loot': {
          const enemy = [...c.enemies.values()].find((e) => e.loot.some((l) => l.item === item));
          if (enemy) return sub({ kind: 'fight', enemy: enemy.id });
          break;
        }
      }
    }
    return 'stuck';
  }

  /** Rest when allowed (out of a fight; away from an inn once per REST_COOLDOWN_MS), else pass a turn (SP comes back 1 a turn). */
  #recover(me: PlayerState, at: number): Action {
    const restful = this.content.locations.get(me.location)?.restful === true;
    const rested = !restful && me.restedAt !== undefined && at < me.restedAt + REST_COOLDOWN_MS;
    return me.fighting === null && !rested ? { kind: 'rest' } : { kind: 'wait' };
  }

  #fits(me: PlayerState, item: Id, qty: number): boolean {
    const c = this.content;
    const stats = playerStats(c, me);
    const def = c.items.get(item);
    if (!def) return true;
    if (stats.weight + def.weight * qty > stats.maxWeight) return false;
    const stackRoom = me.inventory.some((st) => st.item === item && st.qty + qty <= (def.stack ?? 1));
    return stackRoom || stats.slots < stats.maxSlots;
  }

  /** Drop the heaviest stack that is not wanted (keys and what the goal needs are kept). */
  #makeRoom(me: PlayerState, keep: readonly Id[]): Step {
    const c = this.content;
    const droppable = me.inventory
      .filter((st) => !keep.includes(st.item) && c.items.get(st.item)?.kind !== 'key')
      .sort((a, b) => (c.items.get(b.item)?.weight ?? 0) * b.qty - (c.items.get(a.item)?.weight ?? 0) * a.qty);
    const st = droppable[0];
    return st ? { kind: 'drop', target: st.item, qty: st.qty } : 'stuck';
  }

  #bestWeapon(me: PlayerState): Id | null {
    if (me.equipment.mainHand) return null;
    const c = this.content;
    const weapons = me.inventory.map((st) => c.items.get(st.item)!).filter((it) => it.slot === 'mainHand');
    weapons.sort((a, b) => (b.stats?.attack ?? 0) - (a.stats?.attack ?? 0));
    return weapons[0]?.id ?? null;
  }

  #passable(s: GameState, me: PlayerState, exit: Exit): boolean {
    return !exit.lock || s.flags.includes(exit.lock.id) || this.knownFlags.has(exit.lock.id) || holds(me, exit.lock.key);
  }

  /** The exits of a shortest way to `to` (locks passable only with their key, unless ignored), or null. */
  #path(s: GameState, me: PlayerState, to: Id, ignoreLocks = false): Exit[] | null {
    const c = this.content;
    const via = new Map<Id, { from: Id; exit: Exit } | null>([[me.location, null]]);
    const queue: Id[] = [me.location];
    while (queue.length > 0) {
      const at = queue.shift()!;
      if (at === to) {
        const out: Exit[] = [];
        for (let step = via.get(at); step; step = via.get(step.from)) out.unshift(step.exit);
        return out;
      }
      for (const exit of c.locations.get(at)?.exits ?? []) {
        if (via.has(exit.to) || (!ignoreLocks && !this.#passable(s, me, exit))) continue;
        via.set(exit.to, { from: at, exit });
        queue.push(exit.to);
      }
    }
    return null;
  }

  #route(s: GameState, me: PlayerState, to: Id): Exit | null {
    return this.#path(s, me, to)?.[0] ?? null;
  }

  #walk(s: GameState, me: PlayerState, to: Id, sub: (g: Goal) => Step): Step {
    const exit = this.#route(s, me, to);
    if (exit) return { kind: 'move', dir: exit.dir };
    // Only a locked way leads there: get the key of the first lock on it.
    const lock = this.#path(s, me, to, true)?.find((x) => !this.#passable(s, me, x))?.lock;
    return lock ? sub({ kind: 'have', item: lock.key, qty: 1 }) : 'stuck';
  }
}
