/**
 * GO TO and the isle's clock, through a kept world (the shared backend players use): a walk never
 * plans through an exit the clock shuts at that moment. In a storm at low tide the way to the seal
 * cove goes round by the tide pools instead of down the scree chute; at night the net sheds are
 * barred, and the walk says so before taking a step.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { clockAt, type WorldClock } from '../../src/engine/index.ts';
import { KeptWorld, type GameClock } from './kept-world.ts';

let kept: KeptWorld | undefined;
afterEach(async () => {
  await kept?.dispose();
  kept = undefined;
});

/** The first game time from `from` on (in steps of a game minute or so) whose clock `ok` holds for the next `span` ms. */
function firstTime(k: KeptWorld, from: number, span: number, ok: (c: WorldClock) => boolean): number {
  const holds = (at: number) => ok(clockAt(k.content, k.state.seed, at));
  for (let at = from; at < from + 400 * k.content.world.dayLengthMs; at += 10_000) {
    let all = true;
    for (let t = at; t <= at + span && all; t += 10_000) all = holds(t);
    if (all) return at;
  }
  throw new Error('no such time in 400 days');
}

describe('GO TO respects the clock', () => {
  it('in a storm at low tide, the way to the seal cove goes round by the tide pools, not down the scree chute', async () => {
    const clock: GameClock = { at: Date.now() };
    kept = await KeptWorld.create('Ana', { clock });
    kept.session.start();
    // Learn both ways to the cove in fair weather by day: down the chute, then back up by the pools.
    clock.at = firstTime(kept, clock.at, 200_000, (c) => c.weather !== 'storm' && c.phase !== 'night');
    for (const l of ['west', 'north', 'east', 'down', 'north', 'west', 'south']) expect((await kept.session.handle(l)).status, l).toBe('ok');
    expect(kept.me?.location).toBe('cliff-path');
    // A storm at low water: the chute is a river of stones, the shingle is bare.
    clock.at = firstTime(kept, clock.at, 60_000, (c) => c.weather === 'storm' && c.tide === 'low');
    const walk = await kept.session.handle('go to the seal cove');
    expect(walk.status, walk.text).toBe('ok');
    expect(walk.intents).toEqual([{ kind: 'move', dir: 'north' }, { kind: 'move', dir: 'east' }, { kind: 'move', dir: 'south' }]);
    expect(kept.me?.location).toBe('seal-cove');
  }, 60_000);

  it('at night the net sheds are barred: GO TO says why and takes no step', async () => {
    const clock: GameClock = { at: Date.now() };
    kept = await KeptWorld.create('Ana', { clock });
    kept.session.start();
    clock.at = firstTime(kept, clock.at, 60_000, (c) => c.phase !== 'night');
    expect((await kept.session.handle('east')).status).toBe('ok');
    expect((await kept.session.handle('west')).status).toBe('ok');
    clock.at = firstTime(kept, clock.at, 60_000, (c) => c.phase === 'night');
    const replica = kept.backend.shared.zoneReplica(kept.zone)!;
    const applied = replica.applied;
    const walk = await kept.session.handle('go to the net sheds');
    expect(walk.status).toBe('refused');
    expect(walk.intents).toEqual([]);
    expect(walk.text).toMatch(/^The way to the Net Sheds is shut just now \(east\): The net sheds are barred for the night/);
    expect(replica.applied).toBe(applied);
    expect(kept.me?.location).toBe('harbor-quay');
  }, 60_000);
});
