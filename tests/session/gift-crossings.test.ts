/**
 * Every NPC gift, then every zone border, in a kept shared world (issue 12, point 3): a
 * character once vanished crossing a border after an NPC gift, because the gift's key failed a
 * hand-written schema of the crossing (fixed in d0a8a5f). Here each gift the content holds is
 * received through play (its prerequisites too: the Stone's gift lies past brambles that need a
 * machete, crafted from copper mined with a crafted pickaxe), then the character walks to and
 * crosses each border in both directions. After each crossing: it arrived where the exit leads,
 * with the gift and exactly what it carried; after closing and opening the world folder again,
 * the same character stands in the same place.
 *
 * Gifts and borders are read from content/vetrellis, with floors so that a content change cannot
 * make this test check nothing.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { giftTopics, zoneBorders, borderName, countOf, Planner, type Goal } from './isle-plan.ts';
import { KeptWorld, vetrellisContent } from './kept-world.ts';
import { PlayDriver } from './play-driver.ts';
import { prng } from '../sync/harness.ts';

const content = vetrellisContent();
const gifts = giftTopics(content);
const borders = zoneBorders(content);
/** Game time starts here (Date.now() is pinned to it too: the opening joins are stamped with it). */
const START = Date.UTC(2030, 0, 1);
/** Commands one goal may take before the test calls it unreachable. */
const BUDGET = 800;

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(START);
});
afterAll(() => {
  vi.useRealTimers();
});

/** Plays towards `goal` until the planner says it is reached; fails if it gets stuck or takes too long. */
async function reach(driver: PlayDriver, plan: Planner, goal: Goal, what: string): Promise<void> {
  for (let n = 0; n < BUDGET; n++) {
    const step = plan.next(goal, driver.kept.state, driver.kept.player, driver.kept.lastAt + driver.kept.stepMs);
    if (step === 'done') return;
    expect(step, `${what}: no way forward from ${driver.me.location}\n${driver.transcript()}`).not.toBe('stuck');
    const reply = await driver.command(step as Exclude<typeof step, 'done' | 'stuck'>);
    if (goal.kind === 'cross' && reply.intents[0]?.kind === 'move' && driver.me.location === goal.border.to) goal.sent = true;
  }
  expect.fail(`${what}: not reached in ${BUDGET} commands\n${driver.transcript()}`);
}

describe('the content this test walks', () => {
  it('holds at least four NPC gifts and three zone borders, each crossable both ways', () => {
    expect(gifts.length).toBeGreaterThanOrEqual(4);
    expect(new Set(gifts.map((g) => g.key)).size).toBe(gifts.length);
    expect(borders.length).toBeGreaterThanOrEqual(6);
    for (const b of borders) expect(borders.some((r) => r.from === b.to && r.to === b.from), `${borderName(b)} has no way back`).toBe(true);
    // Every zone is on some border (the crossings visit every zone document).
    expect(new Set(borders.map((b) => b.toZone))).toEqual(new Set(content.zones.keys()));
  });
});

describe.each(gifts.map((g, i) => ({ ...g, seed: 1_000 + i, name: `${g.npc}/${g.topic} (${g.qty} ${g.item})` })))('the gift $name', (gift) => {
  it('is received in a kept shared world, then carried across every zone border both ways and through reopening', async () => {
    const kept = await KeptWorld.create('Ana', { seed: gift.seed, startAt: START });
    try {
      const driver = new PlayDriver(kept, prng(gift.seed), `gift ${gift.key}, seed ${gift.seed}`);
      const plan = new Planner(content);
      expect(kept.session.start().status).toBe('ok');

      await reach(driver, plan, { kind: 'gift', npc: gift.npc, topic: gift.topic }, `receiving ${gift.key}`);
      expect(driver.me.gifts).toContain(gift.key);
      const held = countOf(driver.me, gift.item);
      expect(held, `the gift ${gift.item} is not in the pack (fell to the floor?)\n${driver.transcript()}`).toBeGreaterThanOrEqual(gift.qty);
      await driver.reopen();

      for (const border of borders) {
        await reach(driver, plan, { kind: 'visit', location: border.from }, `walking to ${borderName(border)}`);
        const carried = { inventory: driver.me.inventory, equipment: driver.me.equipment, gifts: driver.me.gifts, level: driver.me.level, exp: driver.me.exp, hp: driver.me.hp };
        await driver.command({ kind: 'move', dir: border.dir });
        const me = driver.me;
        expect(me.location, `${borderName(border)}: not arrived\n${driver.transcript()}`).toBe(border.to);
        expect(kept.zone).toBe(border.toZone);
        expect(me.gifts).toContain(gift.key);
        expect(countOf(me, gift.item), `${borderName(border)}: the gift is gone`).toBe(held);
        // Nothing ticks here (no effects), so HP is the same too, unless a creature fell on her as
        // she came in (the lynx in the pines by night, across the moor's border).
        expect({ inventory: me.inventory, equipment: me.equipment, gifts: me.gifts, level: me.level, exp: me.exp, hp: me.fighting === null ? me.hp : carried.hp }).toEqual(carried);
        await driver.reopen();
      }
      expect([...driver.coverage.borders.keys()].sort()).toEqual(borders.map(borderName).sort());
      const c = driver.coverage;
      console.log(`[gift crossings] ${gift.key}: ${c.commands} commands, ${[...c.borders.values()].reduce((a, b) => a + b, 0)} crossings, ${c.reopens} reopenings; crafted ${[...c.crafted].join(', ') || 'nothing'}`);
    } finally {
      await kept.dispose();
    }
  }, 120_000);
});
