/**
 * Every NPC gift, then every zone border both ways, through the project's real relay with two
 * clients (issue 12: "every NPC gift followed by every zone border works ... through two clients
 * through a relay"). Ana plays a world kept on disk (FileDocStore) and synced through the relay
 * (server/main.ts as a child process, one for this file); Bo joins the same world by its share
 * link, from another folder with another key, and waits on the far side of each border. After
 * each crossing, once the relay has delivered: Bo's copy of the zone Ana entered holds Ana's
 * character exactly as Ana's own client shows it (pack, equipment, gifts: the whole state), both
 * clients' state hashes for that zone agree, and Bo was told she arrived. Ana closes and opens
 * her world folder again (with the relay) after receiving the gift and halfway through the
 * borders, and is the same character where she was.
 *
 * Then a defeat that wakes Ana at the respawn point in another zone (beaten by the boar of the
 * pine stand, unarmed, level 1) while Bo waits at the respawn point: Bo reads that she is carried
 * in, and his copy of that zone holds her with what she carried.
 *
 * Gifts and borders are read from content/vetrellis, with floors so that a content change cannot
 * make this test check nothing. Play goes through Session + SharedWorldBackend with the checks of
 * PlayDriver after every command (both players).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Content, Id } from '../../src/content/schema.ts';
import { parseWorldLink } from '../../src/sync/world/world-key.ts';
import { borderName, countOf, giftTopics, zoneBorders, Planner, type Border, type Goal } from './isle-plan.ts';
import { KeptWorld, vetrellisContent, type GameClock } from './kept-world.ts';
import { PlayDriver } from './play-driver.ts';
import { prng } from '../sync/harness.ts';
import { startProjectRelay, type RunningRelay } from '../sync/relay-helper.ts';

const content = vetrellisContent();
const gifts = giftTopics(content);
const borders = zoneBorders(content);
/** Commands one goal may take before the test calls it unreachable. */
const BUDGET = 800;
/** How long the relay may take to deliver what one player did to the other (loopback). */
const DELIVERY_MS = 5_000;

let relay: RunningRelay;
beforeAll(async () => {
  relay = await startProjectRelay();
}, 30_000);
afterAll(async () => {
  await relay?.stop();
});

const relayOpts = () => ({ url: relay.url, WebSocketPolyfill: WebSocket });

/** Ana makes a world synced through the relay; Bo joins it by its share link, from his own folder and key. */
async function twoPlayers(seed: number): Promise<{ ana: KeptWorld; bo: KeptWorld }> {
  // Both players live in the same game time: every command of either moves one clock on.
  const clock: GameClock = { at: Date.now() };
  const ana = await KeptWorld.create('Ana', { seed, relay: relayOpts(), clock });
  let bo: KeptWorld | undefined;
  try {
    const greeting = ana.session.start();
    expect(greeting.status, greeting.text).toBe('ok');
    const link = ana.backend.link;
    expect(link, 'a world synced through a relay has a share link').not.toBeNull();
    const worldKey = parseWorldLink(link!)?.worldKey;
    expect(worldKey).toBeTruthy();
    bo = await KeptWorld.create('Bo', { seed, relay: relayOpts(), clock, worldKey });
    expect(bo.dir).not.toBe(ana.dir);
    expect(bo.player).not.toBe(ana.player);
    expect(bo.backend.id).toBe(ana.backend.id);
    const welcome = bo.session.start();
    expect(welcome.status, welcome.text).toBe('ok');
    return { ana, bo };
  } catch (e) {
    await bo?.dispose();
    await ana.dispose();
    throw e;
  }
}

/** Polls `cond` (every 10 ms) until it holds or `ms` pass; true when it held. */
async function until(cond: () => boolean, ms = DELIVERY_MS): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (cond()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Plays towards `goal` until the planner says it is reached; fails if it gets stuck or takes too long. */
async function reach(driver: PlayDriver, plan: Planner, goal: Goal, what: string): Promise<void> {
  for (let n = 0; n < BUDGET; n++) {
    const step = plan.next(goal, driver.kept.state, driver.kept.player, driver.kept.lastAt + driver.kept.stepMs);
    if (step === 'done') return;
    expect(step, `${what}: no way forward from ${driver.me.location}\n${driver.transcript()}`).not.toBe('stuck');
    await driver.command(step as Exclude<typeof step, 'done' | 'stuck'>);
  }
  expect.fail(`${what}: not reached in ${BUDGET} commands\n${driver.transcript()}`);
}

/** Bo's writes are on the relay (so they are in the log Ana's next intent is signed against). */
async function settled(who: KeptWorld, what: string): Promise<void> {
  expect(await until(() => who.backend.pendingCount === 0), `${what}: ${who.name}'s writes were not confirmed by the relay`).toBe(true);
}

/**
 * Once the relay has delivered: Bo's replica of the zone Ana is in (Bo stands there) holds Ana's
 * character exactly as her own client shows it, and both replicas of that zone agree.
 */
async function boSeesAna(ana: KeptWorld, bo: KeptWorld, what: string): Promise<void> {
  expect(bo.zone, `${what}: Bo is not in the zone Ana is in`).toBe(ana.zone);
  const same = (): boolean =>
    JSON.stringify(bo.state.players[ana.player]) === JSON.stringify(ana.me) && bo.backend.shared.stateHash === ana.backend.shared.stateHash;
  const delivered = await until(same);
  const mine = ana.me!;
  const seen = bo.state.players[ana.player];
  const info = `${what}: after ${DELIVERY_MS} ms, Bo's replica of ${bo.zone} has applied ${bo.backend.shared.replica.applied} intents, Ana's ${ana.backend.shared.replica.applied}`;
  expect(seen, `${info}; Ana is not in it`).toBeDefined();
  expect({ location: seen!.location, inventory: seen!.inventory, equipment: seen!.equipment, gifts: seen!.gifts }, `${info}; Ana's pack and equipment differ`).toEqual({
    location: mine.location, inventory: mine.inventory, equipment: mine.equipment, gifts: mine.gifts,
  });
  expect(seen, `${info}; Ana's character differs`).toEqual(mine);
  expect(bo.backend.shared.stateHash, `${info}; the state hashes differ`).toBe(ana.backend.shared.stateHash);
  expect(delivered).toBe(true);
}

/** Bo's news (session poll) until a line matches, or `ms` pass; returns every line read. */
async function newsUntil(bo: KeptWorld, pattern: RegExp, ms = DELIVERY_MS): Promise<string[]> {
  const seen: string[] = [];
  await until(() => {
    seen.push(...bo.session.poll().map((l) => l.text));
    return seen.some((l) => pattern.test(l));
  }, ms);
  return seen;
}

/** Steps on the shortest way between two locations, locked exits left out (null: no such way). */
function distance(c: Content, from: Id, to: Id): number | null {
  const dist = new Map<Id, number>([[from, 0]]);
  const queue: Id[] = [from];
  while (queue.length > 0) {
    const at = queue.shift()!;
    if (at === to) return dist.get(at)!;
    for (const exit of c.locations.get(at)?.exits ?? []) {
      if (exit.lock || dist.has(exit.to)) continue;
      dist.set(exit.to, dist.get(at)! + 1);
      queue.push(exit.to);
    }
  }
  return null;
}

const zoneOf = (location: Id): Id => content.locations.get(location)!.zone;

describe('the content this test walks', () => {
  it('holds at least four NPC gifts and three zone borders, each crossable both ways, touching every zone', () => {
    expect(gifts.length).toBeGreaterThanOrEqual(4);
    expect(new Set(gifts.map((g) => g.key)).size).toBe(gifts.length);
    expect(borders.length).toBeGreaterThanOrEqual(6);
    for (const b of borders) expect(borders.some((r) => r.from === b.to && r.to === b.from), `${borderName(b)} has no way back`).toBe(true);
    expect(new Set(borders.map((b) => b.toZone))).toEqual(new Set(content.zones.keys()));
    // Bo walks to the far side of each border: none is locked.
    for (const b of borders) expect(content.locations.get(b.from)!.exits.find((x) => x.dir === b.dir)?.lock, `${borderName(b)} is locked`).toBeUndefined();
  });
});

describe('through the project relay, with a second client', () => {
  describe.each(gifts.map((g, i) => ({ ...g, seed: 2_000 + i, name: `${g.npc}/${g.topic} (${g.qty} ${g.item})` })))('the gift $name', (gift) => {
    it('is received, then carried across every zone border both ways; Bo, waiting on the far side, sees Ana arrive with it', async () => {
      const started = Date.now();
      const { ana, bo } = await twoPlayers(gift.seed);
      try {
        const label = `gift ${gift.key}, seed ${gift.seed}`;
        const anaDriver = new PlayDriver(ana, prng(gift.seed), `${label} (Ana)`);
        const boDriver = new PlayDriver(bo, prng(gift.seed + 500), `${label} (Bo)`);
        const anaPlan = new Planner(content);
        const boPlan = new Planner(content);

        await reach(anaDriver, anaPlan, { kind: 'gift', npc: gift.npc, topic: gift.topic }, `Ana receiving ${gift.key}`);
        expect(anaDriver.me.gifts).toContain(gift.key);
        const held = countOf(anaDriver.me, gift.item);
        expect(held, `the gift ${gift.item} is not in the pack\n${anaDriver.transcript()}`).toBeGreaterThanOrEqual(gift.qty);
        await settled(ana, 'after the gift');
        await anaDriver.reopen();

        const seen = new Set<string>();
        const halfway = Math.floor(borders.length / 2);
        for (const [i, border] of borders.entries()) {
          const name = borderName(border);
          // Bo waits on the far side; Ana walks up to the border.
          await reach(boDriver, boPlan, { kind: 'visit', location: border.to }, `Bo walking to the far side of ${name}`);
          await reach(anaDriver, anaPlan, { kind: 'visit', location: border.from }, `Ana walking to ${name}`);
          await settled(bo, name);
          bo.session.poll();

          const carried = { inventory: anaDriver.me.inventory, equipment: anaDriver.me.equipment, gifts: anaDriver.me.gifts };
          await anaDriver.command({ kind: 'move', dir: border.dir });
          const me = anaDriver.me;
          expect(me.location, `${name}: Ana did not arrive\n${anaDriver.transcript()}`).toBe(border.to);
          expect(ana.zone).toBe(border.toZone);
          expect(countOf(me, gift.item), `${name}: the gift is gone`).toBe(held);
          expect({ inventory: me.inventory, equipment: me.equipment, gifts: me.gifts }).toEqual(carried);

          const news = await newsUntil(bo, /^Ana arrives from /);
          expect(news.some((l) => /^Ana arrives from /.test(l)), `${name}: Bo was not told Ana arrived; he read:\n${news.join('\n')}`).toBe(true);
          await boSeesAna(ana, bo, `${label}, ${name}`);
          expect(countOf(bo.state.players[ana.player]!, gift.item)).toBe(held);
          seen.add(name);

          if (i === halfway - 1) {
            await settled(ana, name);
            await anaDriver.reopen();
            // Bo, still there, and Ana, back, agree on the zone.
            await boSeesAna(ana, bo, `${label}, after Ana reopened her world`);
          }
        }
        expect([...seen].sort()).toEqual(borders.map(borderName).sort());
        expect(anaDriver.coverage.reopens).toBeGreaterThanOrEqual(2);
        const crossings = (d: PlayDriver) => [...d.coverage.borders.values()].reduce((a, b) => a + b, 0);
        console.log(
          `[relay gift crossings] ${gift.key}: ${seen.size} borders seen by Bo; Ana ${anaDriver.coverage.commands} commands, ${crossings(anaDriver)} crossings, ` +
            `${anaDriver.coverage.reopens} reopenings; Bo ${boDriver.coverage.commands} commands, ${crossings(boDriver)} crossings; ${Date.now() - started} ms`,
        );
      } finally {
        await bo.dispose();
        await ana.dispose();
      }
    }, 60_000);
  });

  it('a defeat in another zone: Bo, waiting at the respawn point, reads that Ana is carried in, and sees her with what she carried', async () => {
    const respawn = content.world.respawn;
    const boar = content.enemies.get('bristleback-boar');
    expect(boar, 'the content has no boar').toBeDefined();
    const lair = boar!.locations[0]!;
    expect(zoneOf(lair), 'the boar lives in the zone of the respawn point').not.toBe(zoneOf(respawn));
    // Something to carry into the fight: the gift nearest the way from the start to the boar.
    const start = content.world.start;
    const onTheWay = (g: (typeof gifts)[number]): number => (distance(content, start, g.location) ?? Infinity) + (distance(content, g.location, lair) ?? Infinity);
    const gift = [...gifts].filter((g) => g.requires === null).sort((a, b) => onTheWay(a) - onTheWay(b))[0]!;
    expect(Number.isFinite(onTheWay(gift))).toBe(true);

    const { ana, bo } = await twoPlayers(2_100);
    try {
      const driver = new PlayDriver(ana, prng(2_100), 'defeat (Ana)');
      const plan = new Planner(content);
      await reach(new PlayDriver(bo, prng(2_101), 'defeat (Bo)'), new Planner(content), { kind: 'visit', location: respawn }, 'Bo walking to the respawn point');
      await reach(driver, plan, { kind: 'gift', npc: gift.npc, topic: gift.topic }, `Ana receiving ${gift.key}`);
      await reach(driver, plan, { kind: 'visit', location: lair }, 'Ana walking to the boar');
      expect(ana.zone).toBe(zoneOf(lair));
      const me = driver.me;
      expect(me.level).toBe(1);
      expect(me.equipment.mainHand ?? null, 'Ana is armed').toBeNull();
      const carried = { inventory: me.inventory, equipment: me.equipment, gifts: me.gifts };
      expect(countOf(me, gift.item)).toBeGreaterThanOrEqual(gift.qty);
      bo.session.poll();

      let text = '';
      let attacks = 0;
      for (; attacks < 30 && ana.me?.location === lair; attacks++) text = (await ana.session.handle('attack the boar')).text;
      expect(text, 'Ana was not beaten').toMatch(/You wake in /);
      expect(ana.me!.location).toBe(respawn);
      expect(ana.zone).toBe(zoneOf(respawn));
      expect({ inventory: ana.me!.inventory, equipment: ana.me!.equipment, gifts: ana.me!.gifts }).toEqual(carried);
      expect(ana.errors).toEqual([]);

      const news = await newsUntil(bo, /carried in/);
      expect(news, `Bo read:\n${news.join('\n')}`).toContain('Ana is carried in, bruised from a lost fight, and comes round.');
      await boSeesAna(ana, bo, 'after the defeat');
      expect(countOf(bo.state.players[ana.player]!, gift.item)).toBe(countOf(ana.me!, gift.item));
      console.log(`[relay defeat] Ana carried ${gift.key} to ${lair}, fell after ${attacks} attacks, woke at ${respawn}; Bo read: ${news.join(' | ')}`);
    } finally {
      await bo.dispose();
      await ana.dispose();
    }
  }, 60_000);
});
