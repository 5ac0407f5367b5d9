/**
 * A fresh companion whose friend walked on before its join was placed: its join falls in the
 * zone's order after her move (here because she moved before it came; in play, also when her
 * move was signed before she saw the join and the order put it first), so she is a room away at
 * the join on every replica. It still joins following her, goes to her, and from then on follows
 * her as a follower does (its session walks after her), never refused for pace: through the
 * memory relay and through the project's relay process.
 */
import { describe, expect, it } from 'vitest';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { agentsOnMemoryRelay, agentsOnProjectRelay, until, type RelayAgents } from './relay-agents.ts';

function joinsAfterHerMove(agents: RelayAgents, waitMs: number): void {
  it('joins following Ana a room away, reaches her, and follows her on', async () => {
    const key = createWorldKey();
    const ana = await agents.open(key, 'Ana', true);
    expect((await ana.step('south')).status).toBe('ok');
    // Bo, opened after her move, sees it: the relay holds it, so Pip's join is placed after it.
    const bo = await agents.open(key, 'Bo');
    await until(() => bo.world.state.players[ana.world.player]?.location === 'breakwater', 'the relay holding Ana\'s move', waitMs);

    const pipWorld = await agents.open(key, 'Pip', false, 'Ana');
    expect(pipWorld.observe().location?.id).toBe('harbor-quay');
    expect(pipWorld.world.state.players[ana.world.player]?.location).toBe('breakwater');
    // Its join follows her although she is a room away: the same on Ana's replica.
    expect(pipWorld.observe().party?.following?.id).toBe(ana.world.player);
    await until(() => ana.world.state.players[pipWorld.world.player]?.following === ana.world.player, 'Ana\'s replica holding Pip\'s join, following her', waitMs);

    const followed: string[] = [];
    const { pip, refused } = agents.companion(pipWorld, { onFollowed: (text) => followed.push(text) });
    await until(() => pipWorld.observe().location?.id === 'breakwater', 'Pip going to Ana on the breakwater', waitMs);
    await pip.idle();

    // Beside her, it follows her back to the quay and on west, as a follower: its session walks.
    expect((await ana.step('north')).status).toBe('ok');
    await until(() => pipWorld.observe().location?.id === 'harbor-quay', 'Pip following Ana north', waitMs);
    expect((await ana.step('west')).status).toBe('ok');
    await until(() => pipWorld.observe().location?.id === 'driftwood-beach', 'Pip following Ana west', waitMs);
    expect(followed).toEqual(['You follow Ana north.', 'You follow Ana west.']);
    expect(pipWorld.observe().party?.following?.id).toBe(ana.world.player);
    expect(refused).toEqual([]);
  }, 90_000);
}

describe('a companion joining after its friend walked on (memory relay)', () => {
  joinsAfterHerMove(agentsOnMemoryRelay(), 15_000);
});

describe("a companion joining after its friend walked on (the project's relay)", () => {
  joinsAfterHerMove(agentsOnProjectRelay(), 30_000);
});
