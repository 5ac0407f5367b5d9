// Property tests over random intent sequences in the fixture world: the fold never throws, keeps
// every player within limits, conserves items, never mutates a state, and replays to the same hash.
// fast-check prints the seed and path of a failure; rerun with FC_SEED=<seed>.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fixture } from './fixture.ts';
import { Action as ActionSchema } from '../../src/engine/action.ts';
import type { Action, EngineIntent } from '../../src/engine/action.ts';
import { apply, createWorld, hashState, playerStats } from '../../src/engine/index.ts';
import { candidates } from './guided-play.ts';
import type { GameEvent, GameState } from '../../src/engine/index.ts';
import { DIRECTIONS, SLOTS } from '../../src/content/schema.ts';
import type { Content } from '../../src/content/schema.ts';
import { loadContentDir } from '../../src/content/node-load.ts';

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const numRuns = Number(process.env.FC_RUNS ?? 100);

const PLAYERS = ['ana', 'bo', 'cy', '__proto__'];
const ITEMS = [...fixture.items.keys(), 'ghost-item'];
const others = [...fixture.nodes.keys(), ...fixture.enemies.keys(), ...fixture.npcs.keys(), ...fixture.recipes.keys(), ...fixture.skills.keys(), 'old-anchor', 'ana', 'bo', 'nothing', '__proto__', 'constructor', 'toString'];
const anyId = fc.constantFrom(...ITEMS, ...others);
const item = fc.constantFrom(...ITEMS);
const qty = fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined });

function strip<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...DIRECTIONS.slice(0, 4), 'down', 'up').map((dir) => ({ kind: 'move', dir }) as Action) },
  { weight: 6, arbitrary: fc.record({ target: item, qty }).map((a) => strip({ kind: 'take', ...a }) as Action) },
  { weight: 3, arbitrary: fc.record({ target: item, qty }).map((a) => strip({ kind: 'drop', ...a }) as Action) },
  { weight: 2, arbitrary: fc.record({ target: item, to: fc.constantFrom(...PLAYERS, 'archon'), qty }).map((a) => strip({ kind: 'give', ...a }) as Action) },
  { weight: 3, arbitrary: item.map((target) => ({ kind: 'equip', target }) as Action) },
  { weight: 2, arbitrary: fc.constantFrom<string>(...SLOTS, ...ITEMS).map((target) => ({ kind: 'unequip', target }) as Action) },
  { weight: 3, arbitrary: fc.record({ target: anyId, with: fc.option(fc.constantFrom('east', 'north'), { nil: undefined }), qty }).map((a) => strip({ kind: 'use', ...a }) as Action) },
  { weight: 5, arbitrary: fc.record({ target: fc.constantFrom(...fixture.nodes.keys(), 'nothing'), qty }).map((a) => strip({ kind: 'gather', ...a }) as Action) },
  { weight: 4, arbitrary: fc.record({ target: fc.constantFrom(...fixture.recipes.keys(), 'pickaxe', 'potion', 'nothing'), qty: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }) }).map((a) => strip({ kind: 'craft', ...a }) as Action) },
  { weight: 5, arbitrary: fc.record({ target: fc.constantFrom('crab', 'kraken', 'nothing'), with: fc.option(fc.constantFrom(...fixture.skills.keys(), 'copper-sword', 'kick'), { nil: undefined }) }).map((a) => strip({ kind: 'attack', ...a }) as Action) },
  { weight: 2, arbitrary: fc.record({ target: fc.constantFrom('archon', 'nobody'), topic: fc.option(fc.constantFrom('lamp', 'gift', 'secret', 'weather'), { nil: undefined }) }).map((a) => strip({ kind: 'talk', ...a }) as Action) },
  { weight: 1, arbitrary: anyId.map((target) => ({ kind: 'examine', target }) as Action) },
  { weight: 2, arbitrary: fc.constantFrom<Action>({ kind: 'look' }, { kind: 'inventory' }, { kind: 'status' }, { kind: 'rest' }, { kind: 'wait' }, { kind: 'say', text: 'hi' }, { kind: 'emote', text: 'waves' }, { kind: 'name', name: 'Zed' }) },
  { weight: 1, arbitrary: fc.constant<Action>({ kind: 'join', name: 'X' }) },
);

interface Step { player: string; guided: boolean; pick: number; random: Action; dt: number }
const step: fc.Arbitrary<Step> = fc.record({
  player: fc.constantFrom(...PLAYERS),
  guided: fc.nat(9).map((n) => n < 8),
  pick: fc.nat(),
  random: action,
  dt: fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 40_000 })),
});
const logPlan = fc.tuple(fc.array(step, { minLength: 1, maxLength: 300, size: 'max' }), fc.integer({ min: 0, max: 0xffffffff }));

/** Turns a plan into intents by playing it: guided steps pick among the sensible actions now. */
function playPlan(content: Content, plan: readonly Step[], worldSeed: number, each?: (s: GameState, i: EngineIntent) => GameState): EngineIntent[] {
  let s = createWorld(content, worldSeed);
  const intents: EngineIntent[] = [];
  let at = 0;
  plan.forEach((st, n) => {
    at += st.dt;
    const options = st.guided ? candidates(content, s, st.player, PLAYERS) : [];
    const a = options.length > 0 ? options[st.pick % options.length]! : st.random;
    const i: EngineIntent = { id: `x${n}`, player: st.player, at, action: ActionSchema.parse(a) };
    intents.push(i);
    s = each ? each(s, i) : apply(content, s, i).state;
  });
  return intents;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function countItems(s: GameState): Map<string, number> {
  const n = new Map<string, number>();
  const add = (id: string, q: number): void => { n.set(id, (n.get(id) ?? 0) + q); };
  for (const floor of Object.values(s.floors)) for (const [id, q] of Object.entries(floor)) add(id, q);
  for (const p of Object.values(s.players)) {
    for (const st of p.inventory) add(st.item, st.qty);
    for (const id of Object.values(p.equipment)) if (id) add(id, 1);
  }
  return n;
}

/** Item count changes the events account for: creation and consumption rules only. */
function expectedDelta(content: Content, events: readonly GameEvent[]): Map<string, number> {
  const d = new Map<string, number>();
  const add = (id: string, q: number): void => { d.set(id, (d.get(id) ?? 0) + q); };
  for (const e of events) {
    if (e.type === 'gathered') add(e.item, e.qty);
    else if (e.type === 'consumed') add(e.item, -(e.qty ?? 1));
    else if (e.type === 'enemy-defeated') for (const l of e.loot) add(l.item, l.qty);
    else if (e.type === 'talked' && e.gave) add(e.gave.item, e.gave.qty);
    else if (e.type === 'crafted') {
      const r = content.recipes.get(e.recipe)!;
      const times = e.qty / r.output.qty;
      add(e.item, e.qty);
      for (const i of r.inputs) add(i.item, -i.qty * times);
    }
  }
  return d;
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

function checkInvariants(content: Content, s: GameState): void {
  for (const p of Object.values(s.players)) {
    const st = playerStats(content, p);
    const who = `${p.id}: ${JSON.stringify(p)}`;
    check(st.weight <= st.maxWeight, `weight ${st.weight} > ${st.maxWeight} for ${who}`);
    check(st.slots <= st.maxSlots, `slots ${st.slots} > ${st.maxSlots} for ${who}`);
    check(p.hp >= 1 && p.hp <= st.maxHp, `hp out of 1..${st.maxHp} for ${who}`);
    check(p.mp >= 0 && p.mp <= st.maxMp, `mp out of 0..${st.maxMp} for ${who}`);
    check(p.sp >= 0 && p.sp <= st.maxSp, `sp out of 0..${st.maxSp} for ${who}`);
    for (const stack of p.inventory) {
      check(stack.qty >= 1 && stack.qty <= content.items.get(stack.item)!.stack, `bad stack for ${who}`);
    }
    for (const e of p.effects) check(e.turnsLeft >= 1, `spent effect kept for ${who}`);
  }
  for (const floor of Object.values(s.floors)) for (const q of Object.values(floor)) check(q > 0, 'empty floor entry');
  const sortedUnique = (list: readonly string[]): boolean => list.every((v, i) => i === 0 || list[i - 1]! < v);
  check(sortedUnique(s.flags), 'flags not sorted and unique');
  for (const p of Object.values(s.players)) check(sortedUnique(p.visited) && sortedUnique(p.gifts), `visited/gifts unsorted for ${p.id}`);
  for (const [id, n] of Object.entries(s.nodes)) {
    const node = content.nodes.get(id)!;
    check(n.remaining >= 0 && n.remaining <= node.yield && (n.remaining === 0) === (n.depletedAt !== null), `node ${id} ${JSON.stringify(n)}`);
  }
  for (const [key, e] of Object.entries(s.enemies)) {
    const enemy = content.enemies.get(key.slice(key.indexOf('/') + 1))!;
    check(e.hp >= 0 && e.hp <= enemy.hp && (e.hp === 0) === (e.defeatedAt !== null), `enemy ${key} ${JSON.stringify(e)}`);
    check((e.effects ?? []).every((x) => x.turnsLeft >= 1) && e.effects?.length !== 0, `enemy effects ${key}`);
  }
}

function fold(content: Content, intents: readonly EngineIntent[], worldSeed: number): GameState {
  let s = createWorld(content, worldSeed);
  for (const i of intents) s = apply(content, s, i).state;
  return s;
}

const WORLDS: readonly (readonly [string, Content])[] = [['fixture', fixture], ['vetrellis', loadContentDir('content/vetrellis')]];

describe.each(WORLDS)('engine properties on %s content', (_name, content) => {
  it('never throws, keeps limits, conserves items, never mutates, refusals change nothing', () => {
    fc.assert(
      fc.property(logPlan, ([plan, worldSeed]) => {
        playPlan(content, plan, worldSeed, (s, i) => {
          const before = countItems(s);
          const r = apply(content, deepFreeze(s), i);
          if (r.events.length === 1 && r.events[0]!.type === 'refused') check(r.state === s, 'a refusal changed the state');
          const after = countItems(r.state);
          const delta = expectedDelta(content, r.events);
          for (const id of new Set([...before.keys(), ...after.keys(), ...delta.keys()])) {
            const changed = (after.get(id) ?? 0) - (before.get(id) ?? 0);
            check(changed === (delta.get(id) ?? 0), `${id} changed by ${changed}, events say ${delta.get(id) ?? 0}, after ${JSON.stringify(i.action)}`);
          }
          checkInvariants(content, r.state);
          return r.state;
        });
      }),
      { numRuns, ...(seed === undefined ? {} : { seed }) },
    );
  });

  it('replaying the same log gives the same hash', () => {
    fc.assert(
      fc.property(logPlan, ([plan, worldSeed]) => {
        const intents = playPlan(content, plan, worldSeed);
        expect(hashState(fold(content, intents, worldSeed))).toBe(hashState(fold(content, intents, worldSeed)));
      }),
      { numRuns: Math.ceil(numRuns / 3), ...(seed === undefined ? {} : { seed }) },
    );
  });
});
