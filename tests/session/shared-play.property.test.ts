/**
 * Seeded random play on the real isle through the shared backend players use (issue 12, point 3):
 * a Session on a SharedWorldBackend over a kept world (FileDocStore in a temp folder, closed and
 * opened again partway), driven by missions drawn at random from what the content holds (receive
 * every NPC gift, cross every zone border, craft every recipe, fight every enemy, fill every
 * equipment slot, eat and drink, set every flag, give to a companion, visit places) with random
 * actions of every kind mixed in. After every command (play-driver.ts): an answer, never status
 * 'error'; the character there, in its zone; every player state valid for the engine's schema;
 * after every crossing, exactly what the move makes of the character, in the zone entered; after
 * reopening, the same character where it was.
 *
 *   npx vitest run tests/session/shared-play.property.test.ts                 # default runs
 *   SYNC_FUZZ_RUNS=50 npx vitest run tests/session/shared-play.property.test.ts
 *   SYNC_FUZZ_SEED=123 SYNC_FUZZ_RUNS=1 npx vitest run tests/session/shared-play.property.test.ts   # one printed seed
 *
 * Runs are reproducible from their seed: the world key and player keys derive from it and
 * Date.now() is pinned, so the same intents are signed and the same dice fall.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Action } from '../../src/engine/index.ts';
import { candidates } from '../engine/guided-play.ts';
import { fuzzRuns, prng } from '../sync/harness.ts';
import { borderName, giftTopics, Planner, zoneBorders, type Goal } from './isle-plan.ts';
import { KeptWorld, vetrellisContent } from './kept-world.ts';
import { mergeCoverage, newCoverage, PlayDriver, type Coverage, type Rnd } from './play-driver.ts';

const content = vetrellisContent();
const FILE = 'tests/session/shared-play.property.test.ts';
const START = Date.UTC(2030, 0, 1);
/** Commands per run (SHARED_PLAY_STEPS raises it). */
const STEPS = Number(process.env['SHARED_PLAY_STEPS']) > 0 ? Number(process.env['SHARED_PLAY_STEPS']) : 350;
const RUNS = fuzzRuns(4);
/** Commands a mission may take before it is given up for another. */
const MISSION_BUDGET = 160;

/**
 * Seeds that found a bug, replayed on every run (a change to the rules or the intent format can
 * send a seed elsewhere; the name says what it once reached):
 * - 5: receives Ysolde's gift and crosses a zone border. Before d0a8a5f the gift key
 *   "ysolde/ysolde-gift" failed the crossing's hand-written schema: the crossing threw, the
 *   character was lost (the wipe of issue 12). Passes since.
 * - 7: beaten by the reef eel on the northern coast, wakes at the harbor but stays in the
 *   northern coast's zone document (open: see kept-world-edges.test.ts).
 */
const REGRESSIONS: readonly { readonly name: string; readonly seed: number; readonly steps: number }[] = [
  { name: 'a gift, then a crossing (the wipe fixed in d0a8a5f)', seed: 5, steps: 400 },
  { name: 'beaten outside the harbor: wakes at the harbor in the wrong zone document', seed: 7, steps: 400 },
  { name: 'poisoned to defeat while crossing south into the village: wakes at the harbor, not lost', seed: -674341375, steps: 350 },
  { name: "felled by the tide crab's parting blow leaving the beach north, though the crossing's preview rolled otherwise: wakes at the harbor and the client follows, not left in the north coast", seed: -1052040040, steps: 350 },
];

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(START);
});
afterAll(() => {
  vi.useRealTimers();
});

const gifts = giftTopics(content);
const borders = zoneBorders(content);
const recipes = [...content.recipes.values()];
const enemies = [...content.enemies.keys()];
const consumables = [...content.items.values()].filter((i) => i.consumable).map((i) => i.id);
const gear = [...content.items.values()].filter((i) => i.slot);
const flags = [
  ...[...content.npcs.values()].flatMap((n) => n.topics.flatMap((t) => (t.sets ? [t.sets] : []))),
  ...[...content.locations.values()].flatMap((l) => l.exits.flatMap((x) => (x.lock ? [x.lock.id] : []))),
];

function mission(rnd: Rnd, companion: string | null): Goal {
  const roll = rnd.next();
  if (roll < 0.22) return { kind: 'cross', border: rnd.pick(borders) };
  if (roll < 0.36) {
    const g = rnd.pick(gifts);
    return { kind: 'gift', npc: g.npc, topic: g.topic };
  }
  if (roll < 0.54) return { kind: 'fight', enemy: rnd.pick(enemies) };
  if (roll < 0.68) {
    const r = rnd.pick(recipes);
    return { kind: 'have', item: r.output.item, qty: 1 + rnd.int(2) };
  }
  if (roll < 0.8) return { kind: 'equip', item: rnd.pick(gear).id };
  if (roll < 0.87) return { kind: 'consume', item: rnd.pick(consumables) };
  if (roll < 0.91) return { kind: 'flag', flag: rnd.pick(flags) };
  if (roll < 0.95 && companion) return { kind: 'give', to: companion };
  return { kind: 'visit', location: rnd.pick([...content.locations.keys()]) };
}

/** Something a player might just do: any action that makes sense here, or talk, rest, rename, unequip ... */
function randomAction(kept: KeptWorld, rnd: Rnd): Action {
  const others = kept.companion ? [kept.companion] : [];
  const options = candidates(content, kept.state, kept.player, others);
  const extra: Action[] = [
    { kind: 'say', text: `hello ${rnd.int(100)}` },
    { kind: 'emote', text: 'looks out to sea' },
    { kind: 'name', name: rnd.pick(['Ana', 'Ana Vetrell', 'Ana of the Quay']) },
    { kind: 'status' },
    { kind: 'inventory' },
    { kind: 'unequip', target: rnd.pick(['head', 'body', 'hands', 'feet', 'mainHand', 'offHand'] as const) },
  ];
  return rnd.chance(0.25) ? rnd.pick(extra) : rnd.pick(options);
}

async function playRun(seed: number, steps: number): Promise<Coverage> {
  const rnd = prng(seed);
  const kept = await KeptWorld.create('Ana', { seed, companion: 'Bo', startAt: START });
  const driver = new PlayDriver(kept, rnd, `seed ${seed} (rerun: SYNC_FUZZ_SEED=${seed} SYNC_FUZZ_RUNS=1 SHARED_PLAY_STEPS=${steps} npx vitest run ${FILE} -t 'seeded runs')`);
  try {
    expect(kept.session.start().status).toBe('ok');
    const plan = new Planner(content);
    const reopenAt = new Set([rnd.int(steps), rnd.int(steps), Math.floor(steps / 2)]);
    let goal = mission(rnd, kept.companion);
    let spent = 0;
    for (let n = 0; n < steps; n++) {
      if (reopenAt.has(n)) await driver.reopen();
      let action: Action | null = null;
      const me = kept.me;
      const flee = me?.fighting ? borders.find((b) => b.from === me.location) : undefined;
      // Fleeing a fight across a border: the enemy's parting blow rolls dice as the player leaves.
      if (flee && rnd.chance(0.3)) action = { kind: 'move', dir: flee.dir };
      else if (!rnd.chance(0.12)) {
        const step = plan.next(goal, kept.state, kept.player, kept.lastAt + kept.stepMs);
        if (step === 'done' || step === 'stuck' || spent++ > MISSION_BUDGET) {
          goal = mission(rnd, kept.companion);
          spent = 0;
          // Vary how items are come by: recipe first, or what lies about, or a gift ...
          if (rnd.chance(0.3)) plan.sources = [...plan.sources].sort(() => rnd.next() - 0.5);
        } else action = step;
      }
      action ??= randomAction(kept, rnd);
      const reply = await driver.command(action);
      const accepted = reply.status === 'ok' && reply.intents.length > 0;
      if (goal.kind === 'consume' && accepted && action.kind === 'use' && action.target === goal.item) goal.used = true;
      if (goal.kind === 'fight' && kept.me?.fighting === goal.enemy) goal.engaged = true;
      if (goal.kind === 'cross' && action.kind === 'move' && kept.me?.location === goal.border.to) goal.sent = true;
      if (goal.kind === 'give' && accepted && action.kind === 'give') goal.sent = true;
    }
    await driver.reopen();
    return driver.coverage;
  } finally {
    await kept.dispose();
  }
}

function summary(c: Coverage): string {
  const list = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
  return [
    `${c.commands} commands, ${c.reopens} reopenings, ${c.parserMismatches} lines parsed as another action`,
    `accepted: ${list(c.accepted)}`,
    `borders (${c.borders.size}/${borders.length}): ${list(c.borders)}; fleeing a fight: ${c.fleeingCrossings}`,
    `gifts (${c.gifts.size}/${gifts.length}): ${[...c.gifts].join(', ')}`,
    `slots: ${[...c.slots].join(', ')}; effects: ${[...c.effects].join(', ')}; max level ${c.maxLevel} (${c.levelUps} level-ups), defeated ${c.playerDefeats} times`,
    `crafted: ${[...c.crafted].join(', ')}; consumed: ${[...c.consumed].join(', ')}; enemies beaten: ${[...c.defeated].join(', ')}`,
    `refused: ${list(c.refused)}`,
    `statuses: ${list(c.statuses)}`,
  ].join('\n  ');
}

describe('random play on the real isle, through a kept shared world', () => {
  it.each(REGRESSIONS)('regression seed $seed: $name', async ({ seed, steps }) => {
    const c = await playRun(seed, steps);
    console.log(`[shared play] regression seed ${seed}:\n  ${summary(c)}`);
  }, 120_000);

  it(`${RUNS} seeded runs of ${STEPS} commands keep every character whole across borders and reopening`, async () => {
    const fixed = Number(process.env['SYNC_FUZZ_SEED']);
    const base = Number.isInteger(fixed) ? fixed : (Date.UTC(2030, 0, 1) ^ Math.floor(performance.now() * 1000) ^ (Math.random() * 0x7fffffff)) | 0;
    console.log(`[shared play] seeds ${base}..${base + RUNS - 1} (rerun one: SYNC_FUZZ_SEED=<seed> SYNC_FUZZ_RUNS=1 SHARED_PLAY_STEPS=${STEPS} npx vitest run ${FILE} -t 'seeded runs')`);
    const total = newCoverage();
    for (let i = 0; i < RUNS; i++) mergeCoverage(total, await playRun(base + i, STEPS));
    console.log(`[shared play] ${RUNS} runs:\n  ${summary(total)}`);
    // Floors: the play must reach what it is for, whatever the seeds.
    expect(total.borders.size, 'zone borders crossed').toBeGreaterThanOrEqual(Math.min(borders.length, 4));
    // At least one gift, then play on with it (the crossing wipe's path). The isle grew to six
    // zones, so random missions reach fewer gifts in these commands than they did; every gift,
    // carried over every border, is played by tests/session/gift-crossings.test.ts.
    expect(total.gifts.size, 'NPC gifts received').toBeGreaterThanOrEqual(1);
    expect(total.accepted.size, 'action kinds the rules accepted').toBeGreaterThanOrEqual(15);
    expect(total.reopens).toBeGreaterThanOrEqual(RUNS);
  }, Math.max(120_000, RUNS * 30_000));
});
