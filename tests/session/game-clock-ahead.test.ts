/**
 * Game time when the world's runs ahead of the player's clock (a world played on a machine whose
 * clock is ahead, a friend's clock ahead): a session's game time counts on from the world's, at
 * the pace of its own clock, instead of standing still until its clock catches up (which held a
 * companion's deeds back for as long, and kept a person's timers, day and night and per-minute cap
 * frozen). In memory; through relays and kept worlds: tests/agent/companion-time-ahead.test.ts,
 * tests/cli/companion-kept.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/session/index.ts';
import { LocalWorld, memoryLogStore } from '../../src/session/local-world.ts';
import { vetrellis } from '../golden/transcript.ts';

const content = vetrellis();
/** A month ahead. */
const AHEAD = 30 * 24 * 3_600_000;

describe('game time in a world ahead of the clock', () => {
  it('passes from the world\'s time at the pace of the clock; never backwards, never by jumps of its own', async () => {
    const world = LocalWorld.open(content, memoryLogStore(1));
    const first = new Session(world, { name: 'Ana', clock: () => AHEAD });
    first.start();
    expect((await first.handle('west')).status).toBe('ok');
    expect(world.state.time).toBe(AHEAD);

    // The same world, played on with a clock a month behind: its time goes on from the month ahead.
    let clock = 5_000;
    const later = new Session(world, { name: 'Ana', clock: () => clock });
    later.start();
    expect((await later.handle('east')).status).toBe('ok');
    expect(world.state.time).toBe(AHEAD);
    clock += 2_000;
    expect((await later.handle('west')).status).toBe('ok');
    expect(world.state.time).toBe(AHEAD + 2_000);
    expect(later.gameTime()).toBe(AHEAD + 2_000);
    clock += 60_000;
    expect(later.gameTime()).toBe(AHEAD + 62_000);
    expect(later.observe().time.at).toBe(AHEAD + 62_000);
    // A clock that stands still (or steps back) holds game time where it is.
    clock -= 30_000;
    expect(later.gameTime()).toBe(AHEAD + 62_000);
  });
});
