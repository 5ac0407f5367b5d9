/**
 * "Pip, follow me" as the friend walks over a zone border (issue 18, FOLLOW across a border):
 * Pip waits at the quay when told; Ana says "Pip, follow me" and at once walks north into the
 * village, another zone. Pip's FOLLOW either is placed before her move (its session then walks
 * after her over the border) or loses that race (`follow/not-here`: she is no longer in the
 * harbor's state, so nobody walks after her), and its mind then goes after her the GO TO
 * planner's way into the zone the roster says she is in, and falls in behind her there. Either
 * way it reaches her, follows her on into the forest, and is never refused for pace: through
 * the memory relay and the project's relay.
 */
import { describe, expect, it } from 'vitest';
import type { AgentNews } from '../../src/agent/index.ts';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { agentsOnMemoryRelay, agentsOnProjectRelay, until, type RelayAgents } from './relay-agents.ts';

function followsOverTheBorder(agents: RelayAgents, waitMs: number): void {
  it('Pip, told to follow as Ana crosses into the village, reaches her there and follows her on', async () => {
    const key = createWorldKey();
    const ana = await agents.open(key, 'Ana', true);
    const pipWorld = await agents.open(key, 'Pip', false, 'Ana');
    const followed: string[] = [];
    const { refused } = agents.companion(pipWorld, { onFollowed: (text) => followed.push(text) });
    const heard: AgentNews[] = [];
    ana.on('news', (n) => heard.push(n));
    const pipSays = (text: string) => heard.some((n) => n.text === `Pip says, "${text}"`);
    const pipAt = () => pipWorld.observe().location?.id;
    await until(() => pipWorld.observe().party?.following?.id === ana.world.player, 'Pip falling in behind Ana', waitMs);

    await ana.step({ kind: 'say', text: 'Pip, wait here' });
    await until(() => pipSays("I'll wait here, Ana.") && !pipWorld.observe().party?.following, 'Pip waiting, following nobody', waitMs);
    // The order and the move over the border at once.
    await ana.step({ kind: 'say', text: 'Pip, follow me' });
    const north = await ana.step('north');
    expect(north.status, north.text).toBe('ok');
    expect(ana.observe().location?.zone).toBe('village');
    await until(() => pipAt() === 'village-square', 'Pip reaching Ana in the village square', waitMs);
    await until(() => pipWorld.observe().party?.following?.id === ana.world.player, 'Pip following Ana in the village', waitMs);

    // From here its session walks after her, over the next border too.
    expect((await ana.step('north')).status).toBe('ok');
    await until(() => pipAt() === 'forest-edge', 'Pip following Ana into the forest', waitMs);
    expect(followed.at(-1)).toBe('You follow Ana north.');
    expect(refused.filter((r) => r !== 'follow/not-here')).toEqual([]);
  }, 90_000);
}

describe('a companion told to follow as its friend crosses a border (memory relay)', () => {
  followsOverTheBorder(agentsOnMemoryRelay(), 15_000);
});

describe("a companion told to follow as its friend crosses a border (the project's relay)", () => {
  followsOverTheBorder(agentsOnProjectRelay(), 30_000);
});
