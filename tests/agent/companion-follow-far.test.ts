/**
 * A companion more than a room behind its friend: the rules hold it to 1.5 s of game time between
 * deeds (rules/pace.ts), so when Ana moves twice in that time its follow is written after both.
 * It still reaches her, room by room (the GO TO planner toward where she stands, or where she
 * left the zone), in one zone and over a zone border, never refused for pace: through the memory
 * relay and through the project's relay process.
 */
import { describe, expect, it } from 'vitest';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { agentsOnMemoryRelay, agentsOnProjectRelay, until, type RelayAgents } from './relay-agents.ts';

function catchesUp(agents: RelayAgents, waitMs: number): void {
  it('Pip reaches Ana two rooms on in the harbor, and past the border where she went on, at its pace', async () => {
    const key = createWorldKey();
    const ana = await agents.open(key, 'Ana', true);
    const pipWorld = await agents.open(key, 'Pip', false, 'Ana');
    const followed: string[] = [];
    const walk = async (dir: string) => {
      const r = await ana.step(dir);
      expect(r.status, `Ana> ${dir}: ${r.text}`).toBe('ok');
    };
    const { refused } = agents.companion(pipWorld, { onFollowed: (text) => followed.push(text) });
    const pipAt = () => pipWorld.observe().location?.id;
    const reaches = async (room: string) => {
      try {
        await until(() => pipAt() === room, `Pip reaching the ${room}`, waitMs);
      } catch (err) {
        const seen = pipWorld.world.state.players[ana.world.player]?.location;
        throw new Error(`${String(err)}: it is in the ${pipAt()}, and sees Ana in the ${seen}; it was told: ${followed.join(' ')}; pace ${JSON.stringify(pipWorld.world.state.players[pipWorld.world.player]?.pace)}, game time ${pipWorld.session.gameTime()}`);
      }
    };
    await until(() => pipWorld.observe().party?.following?.id === ana.world.player, 'Pip falling in behind Ana', waitMs);

    await walk('south');
    await reaches('breakwater');
    // Straight on, twice, before its pace lets it take a step: the quay, then the beach.
    await walk('north');
    await walk('west');
    await reaches('driftwood-beach');
    // Over the border to the cliff path (the north coast) and on to the lighthouse yard.
    await walk('north');
    await walk('north');
    await reaches('lighthouse-yard');
    expect(pipWorld.observe().location?.zone).toBe('north-coast');
    await until(() => ana.observe().here.players.some((p) => p.name === 'Pip'), 'Ana seeing Pip beside her', waitMs);
    // Every move kept the pace: the rules refused none of them.
    // Beside her, it follows her (still, or again if its join's follow had been undone).
    await until(() => pipWorld.observe().party?.following?.id === ana.world.player, 'Pip following Ana', waitMs);
    expect(refused.filter((r) => r.startsWith('rate/'))).toEqual([]);
  }, 90_000);
}

describe('a companion more than a room behind (memory relay)', () => {
  catchesUp(agentsOnMemoryRelay(), 15_000);
});

describe("a companion more than a room behind (the project's relay)", () => {
  catchesUp(agentsOnProjectRelay(), 30_000);
});
