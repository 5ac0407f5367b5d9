/**
 * The living isle as a player meets it, through a kept world (the shared backend players use):
 * TIME, WEATHER, LOOK AT THE SKY and TIDE are answered from the state on this device and write
 * nothing; the observation carries the clock; Bram, asked for at the forge after dark, is said to
 * be at the Anchor Inn (and is there); an islander's doings are told now and then, exactly as the
 * seed and the game time say.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ambientAt, clockAt } from '../../src/engine/index.ts';
import { KeptWorld, type GameClock } from './kept-world.ts';

let kept: KeptWorld | undefined;
afterEach(async () => {
  await kept?.dispose();
  kept = undefined;
});

const DAY = 1_200_000;
/**
 * Midnight on the isle, a day after now (a day starts at dawn, 06:00): a world opens at the
 * machine's clock, and game time never runs backwards.
 */
const MIDNIGHT = (Math.floor(Date.now() / DAY) + 2) * DAY + 0.75 * DAY;

describe('the living isle through a kept world', () => {
  it('time, weather, the sky and the tide are answered from this device and write nothing; the observation carries the clock', async () => {
    const clock: GameClock = { at: MIDNIGHT };
    kept = await KeptWorld.create('Ana', { clock });
    kept.session.start();
    const replica = () => kept!.backend.shared.zoneReplica(kept!.zone)!;
    const before = replica().applied;
    const hash = replica().stateHash;
    const time = await kept.session.handle('what time is it');
    expect(time.status).toBe('ok');
    expect(time.text).toMatch(/^It is [a-z ]+ on the isle, 00:\d\d\. Dawn comes in about \d+ minutes?\./);
    const c = clockAt(kept.content, kept.state.seed, kept.lastAt);
    for (const line of ['weather', 'look at the sky', 'how is the weather', 'tide']) {
      const r = await kept.session.handle(line);
      expect(r.status, line).toBe('ok');
      expect(r.intents, line).toEqual([]);
      expect(r.text, line).toMatch(/the tide is (high|going out|low|coming in)/);
    }
    const o = (await kept.session.handle('time')).observation.time;
    const now = clockAt(kept.content, kept.state.seed, o.at);
    expect(o).toMatchObject({ night: true, phase: 'night', day: now.day, hour: now.hour, weather: now.weather, tide: now.tide });
    expect(o.hour).toBe(1);
    expect(['clear', 'overcast', 'fog', 'rain', 'storm']).toContain(c.weather);
    expect(replica().applied).toBe(before);
    expect(replica().stateHash).toBe(hash);
  }, 60_000);

  it('after dark Bram is at the Anchor Inn, not the forge, and is found there', async () => {
    const clock: GameClock = { at: MIDNIGHT };
    kept = await KeptWorld.create('Ana', { clock });
    kept.session.start();
    for (const line of ['in', 'take the coat', 'out', 'north', 'west']) await kept.session.handle(line);
    expect(kept.me?.location).toBe('smithy');
    expect(kept.me?.inventory.map((s) => s.item)).toContain('oilskin-coat');
    // Asked for, talked to, addressed or given something while he is elsewhere: one answer, the
    // rules' (refused, talk/away or give/away, with where he is), and nothing written to the world.
    const replica = () => kept!.backend.shared.zoneReplica(kept!.zone)!;
    const applied = replica().applied;
    for (const [line, reason] of [
      ['ask bram about copper', 'talk/away'], ['talk to bram', 'talk/away'], ['ask the smith about copper', 'talk/away'],
      ['bram, tell me about copper', 'talk/away'], ['bram, hello', 'talk/away'], ['speak with bram about ore', 'talk/away'],
      ['give the coat to bram', 'give/away'], ['give bram the coat', 'give/away'], ['give the coat to the smith', 'give/away'],
    ] as const) {
      const asked = await kept.session.handle(line);
      expect(asked.status, `${line}: ${asked.text}`).toBe('refused');
      expect(asked.text, line).toBe('Bram is at the Anchor Inn at this hour.');
      expect(asked.events, line).toEqual([expect.objectContaining({ type: 'refused', reason, detail: expect.objectContaining({ target: 'bram', place: 'anchor-inn' }) })]);
      expect(asked.intents, line).toEqual([]);
      expect(asked.observation.here.npcs).toEqual([]);
    }
    expect(replica().applied).toBe(applied);
    expect((await kept.session.handle('where is bram')).text).toMatch(/^Bram is in the Anchor Inn(, .*)?, at this hour\.$/);
    await kept.session.handle('east');
    await kept.session.handle('in');
    const inn = await kept.session.handle('ask bram about copper');
    expect(inn.text).toContain('Bram says, "One nugget of ore');
    expect(inn.observation.here.npcs.map((n) => n.id)).toEqual(['bram', 'hesk']);
    // The forge still works without its smith: crafting needs the station, not the man.
  }, 60_000);

  it('tells what the islanders here do now and then, exactly as the seed and the game time say', async () => {
    const clock: GameClock = { at: MIDNIGHT };
    kept = await KeptWorld.create('Ana', { clock });
    kept.session.start();
    await kept.session.handle('north');
    await kept.session.handle('east');
    expect(kept.me?.location).toBe('alchemist-house');
    const told: string[] = [];
    const expected: string[] = [];
    let from = kept.lastAt;
    // Half the game hours bring a line, drawn from the world's random seed: wait until three have
    // been told (or give up after 400 waits, some 80 game hours, which fails below).
    for (let i = 0; i < 400 && expected.length < 3; i++) {
      const r = await kept.session.handle('wait');
      const done = ambientAt(kept.content, kept.state.seed, 'alchemist-house', from, kept.lastAt);
      if (done) expected.push(done.text);
      from = kept.lastAt;
      told.push(...r.news);
    }
    expect(expected.length).toBeGreaterThan(2);
    expect(told).toEqual(expected);
    expect(told.every((t) => t.startsWith('Ysolde '))).toBe(true);
  }, 60_000);
});
