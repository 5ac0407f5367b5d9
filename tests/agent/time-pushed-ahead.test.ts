/**
 * A hostile member signs an intent at the last game time an intent may carry (`AT_MAX`): one
 * intent moves the world's game time a day at most (src/engine/game-time.ts), and the honest
 * players' sessions count on from there (Session.gameTime), so the isle's clock keeps running:
 * night still falls for everyone. Also when the hostile member is the first to act in a zone
 * nobody has been to: in a world with an owner, the zone's clock starts where the zone they came
 * from stood when they left it, so their deed there moves it a day at most. Through the memory
 * relay and through the project's relay process.
 */
import { describe, expect, it } from 'vitest';
import { MAX_TIME_STEP_MS } from '../../src/engine/index.ts';
import { nightAt } from '../../src/engine/clock.ts';
import { AT_MAX } from '../../src/sync/intent/envelope.ts';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { vetrellis } from '../golden/transcript.ts';
import { agentsOnMemoryRelay, agentsOnProjectRelay, until, type RelayAgents } from './relay-agents.ts';

function nightStillFalls(agents: RelayAgents, waitMs: number): void {
  it('a hostile clock at the bound moves the time a day; night falls for Ana and Cy as Ana plays on', async () => {
    const key = createWorldKey();
    // Ana's clock: a minute after a dawn on the isle, moved on by the test.
    let played = 0;
    const day = vetrellis().world.dayLengthMs;
    const dawn = Math.ceil(Date.now() / day) * day + 60_000;
    const ana = await agents.open(key, 'Ana', true, undefined, { clock: () => dawn + played });
    expect((await ana.step('wait')).status).toBe('ok');
    const cy = await agents.open(key, 'Cy');
    const mal = await agents.open(key, 'Mal', false, undefined, { clock: () => AT_MAX });
    await until(() => mal.world.state.time >= dawn, 'Mal holding Ana\'s deed', waitMs);
    const before = mal.world.state.time;
    expect((await mal.step({ kind: 'say', text: 'The end of time.' })).status).toBe('ok');
    const pushed = mal.world.state.time;
    expect(pushed).toBeLessThanOrEqual(before + MAX_TIME_STEP_MS);
    expect(pushed).toBeLessThan(AT_MAX);
    await until(() => ana.world.state.time === pushed && cy.world.state.time === pushed, 'Ana and Cy holding Mal\'s words', waitMs);
    expect(nightAt(ana.world.content, pushed)).toBe(false);

    // Ana plays on for most of an isle day: a deed every tenth of a day.
    const phases: boolean[] = [];
    for (let i = 1; i <= 9; i++) {
      played += day / 10;
      expect((await ana.step('wait')).status).toBe('ok');
      const t = ana.world.state.time;
      await until(() => cy.world.state.time === t, 'Cy holding Ana\'s deed', waitMs);
      phases.push(nightAt(cy.world.content, cy.world.state.time));
    }
    // Day, then night: the clock ran on from where Mal left it (Ana's first deed after it at that
    // time, each later one a tenth of a day on).
    expect(phases.slice(0, 3)).toEqual([false, false, false]);
    expect(phases.at(-1)).toBe(true);
    expect(cy.world.state.time).toBe(pushed + (8 * day) / 10);
    // Cy's own view says so too.
    expect((await cy.step('wait')).status).toBe('ok');
    expect(cy.observe().time.night).toBe(true);
    expect(ana.observe().time.night).toBe(true);
  }, 90_000);

  it('a hostile clock first in an untouched zone starts it a day at most past the zone it came from; night falls there', async () => {
    const owner = createIdentity();
    const key = createWorldKey(owner.publicKey);
    let played = 0;
    const day = vetrellis().world.dayLengthMs;
    const dawn = Math.ceil(Date.now() / day) * day + 60_000;
    const ana = await agents.open(key, 'Ana', true, undefined, { clock: () => dawn + played, identity: owner });
    expect((await ana.step('wait')).status).toBe('ok');
    // Mal comes ashore with an honest clock, walks into the village, where nobody has been, and
    // there signs at the bound.
    let malAt = dawn;
    const mal = await agents.open(key, 'Mal', false, undefined, { clock: () => malAt });
    await until(() => mal.world.state.time >= dawn, "Mal holding Ana's deed", waitMs);
    // The harbor's time as he leaves (his move out moves it by the moment his session counts on).
    const left = mal.world.state.time;
    const north = await mal.step('north');
    expect(north.status, north.text).toBe('ok');
    expect(mal.observe().location?.zone).toBe('village');
    malAt = AT_MAX;
    expect((await mal.step({ kind: 'say', text: 'The end of time.' })).status).toBe('ok');
    const pushed = mal.world.state.time;
    expect(pushed).toBeLessThan(AT_MAX);
    expect(pushed).toBeGreaterThan(left);
    expect(pushed).toBeLessThanOrEqual(left + MAX_TIME_STEP_MS + 60_000);

    // Ana follows him there and plays on: the village's clock runs on from where Mal left it.
    expect((await ana.step('north')).status).toBe('ok');
    await until(() => ana.observe().location?.zone === 'village' && ana.world.state.time === pushed, "Ana in the village, holding Mal's words", waitMs);
    const phases: boolean[] = [];
    for (let i = 1; i <= 9; i++) {
      played += day / 10;
      expect((await ana.step('wait')).status).toBe('ok');
      const t = ana.world.state.time;
      await until(() => mal.world.state.time === t, "Mal holding Ana's deed", waitMs);
      phases.push(nightAt(mal.world.content, t));
    }
    expect(ana.world.state.time).toBeLessThan(pushed + day);
    expect(phases.at(-1)).not.toBe(phases[0]);
    expect(phases.includes(true) && phases.includes(false)).toBe(true);
  }, 90_000);
}

describe('night falls after a hostile clock (memory relay)', () => {
  nightStillFalls(agentsOnMemoryRelay(), 15_000);
});

describe("night falls after a hostile clock (the project's relay)", () => {
  nightStillFalls(agentsOnProjectRelay(), 30_000);
});
