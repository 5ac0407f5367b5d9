/**
 * A companion that fled a fight stays out of it while its friend fights on (issue 18, the
 * play-test fix: it used to walk straight back after her, into the boar, and fall). Ana walks
 * from the quay to the pine stand with Pip behind her (over two zone borders), and strikes the
 * bristleback boar; Pip strikes beside her and, hurt (a cautious companion: it flees at its first
 * wound), flees east to the forest edge. Ana stays in the fight for longer than Pip's pace would
 * take to walk back; Pip stays out. Then Ana walks on to it, and it falls in behind her again
 * as she goes south. Or she fights on until the boar knocks her down, out of Pip's sight (no news
 * of it reaches Pip), and she wakes at the quay: Pip finds her there. Pip never falls. Through
 * the memory relay and the project's relay.
 */
import { describe, expect, it } from 'vitest';
import type { AgentNews } from '../../src/agent/index.ts';
import { COMPANION_GAP_MS } from '../../src/engine/index.ts';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { agentsOnMemoryRelay, agentsOnProjectRelay, morningClock, until, type RelayAgents } from './relay-agents.ts';

/** Ana and Pip walk to the pine stand; she strikes the boar until Pip, wounded, flees east. */
async function fleeTheBoar(agents: RelayAgents, waitMs: number) {
  const key = createWorldKey();
  // Morning on the isle, so no lynx drops out of the dark in the pine stand; time runs as the machine's.
  const clock = morningClock();
  const ana = await agents.open(key, 'Ana', true, undefined, { clock });
  const pipWorld = await agents.open(key, 'Pip', false, 'Ana', { clock });
  const { refused } = agents.companion(pipWorld, { healBelow: 99 });
  const pip = pipWorld.world.player;
  const news: AgentNews[] = [];
  ana.on('news', (n) => news.push(n));
  const pipAt = () => pipWorld.observe().location?.id;
  const pipFell = () => news.some((n) => n.events.some((e) => e.type === 'player-defeated' && e.player === pip));
  const walk = async (dir: string, to: string) => {
    const r = await ana.step(dir);
    expect(r.status, `Ana> ${dir}: ${r.text}`).toBe('ok');
    await until(() => pipAt() === to, `Pip following Ana to the ${to}`, waitMs);
  };
  await until(() => pipWorld.observe().party?.following?.id === ana.world.player, 'Pip falling in behind Ana', waitMs);
  await walk('north', 'village-square');
  await walk('north', 'forest-edge');
  await walk('west', 'pine-stand');

  // Ana strikes until Pip, wounded, flees (a blow of hers, then its own, each answered by the boar).
  for (let i = 0; pipAt() === 'pine-stand'; i++) {
    expect(i, 'Pip still in the fight after Ana\'s blows').toBeLessThan(8);
    const strikes = (n: AgentNews) => n.events.some((e) => e.player === pip && (e.type === 'attacked' || e.type === 'moved'));
    const before = news.filter(strikes).length;
    const r = await ana.step({ kind: 'attack', target: 'bristleback-boar' });
    expect(r.status, `Ana> attack: ${r.text}`).toBe('ok');
    await until(() => news.filter(strikes).length > before, 'Pip striking beside Ana, or fleeing', waitMs);
  }
  expect(pipAt()).toBe('forest-edge');
  expect(ana.observe().player?.fighting).toBe('bristleback-boar');
  await until(() => news.some((n) => n.text.includes("I can't fight on, Ana!")), 'Pip crying out as it flees', waitMs);
  return { ana, pipWorld, refused, pipAt, pipFell, walk };
}

function staysOut(agents: RelayAgents, waitMs: number): void {
  it('Pip flees the boar, stays out while Ana fights on, and comes to her when she walks on', async () => {
    const { ana, pipWorld, refused, pipAt, pipFell, walk } = await fleeTheBoar(agents, waitMs);
    // Ana fights on (she stands in the fight; the boar strikes only on her turns) for three of
    // Pip's paces: it stays out, and does not walk back into the boar.
    const out = Date.now() + 3 * COMPANION_GAP_MS + 500;
    while (Date.now() < out) {
      expect(pipAt(), 'Pip walked back into the fight it fled').toBe('forest-edge');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(ana.observe().player?.fighting).toBe('bristleback-boar');

    // Ana walks on, out of the fight, to where Pip is; it goes on with her.
    expect((await ana.step('east')).status).toBe('ok');
    await until(() => pipWorld.observe().party?.following?.id === ana.world.player, 'Pip following Ana again', waitMs);
    await walk('south', 'village-square');
    expect(pipFell()).toBe(false);
    expect(pipWorld.observe().player!.hp).toBeGreaterThan(0);
    expect(refused.filter((r) => r.startsWith('rate/'))).toEqual([]);
  }, 120_000);

  it('Pip flees the boar; when Ana falls to it, out of its sight, it finds her at the quay', async () => {
    const { ana, pipWorld, pipAt, pipFell } = await fleeTheBoar(agents, waitMs);
    // Ana fights on alone until the boar knocks her down: she wakes at the quay. Pip hears none of
    // it from the forest edge.
    for (let i = 0; ana.observe().location?.id === 'pine-stand'; i++) {
      expect(i, 'Ana still standing after many blows').toBeLessThan(40);
      const r = await ana.step({ kind: 'attack', target: 'bristleback-boar' });
      expect(r.status, `Ana> attack: ${r.text}`).toBe('ok');
    }
    expect(ana.observe().location?.id).toBe('harbor-quay');
    await until(() => pipAt() === 'harbor-quay', 'Pip finding Ana at the quay', waitMs + 10_000);
    await until(() => pipWorld.observe().party?.following?.id === ana.world.player, 'Pip following Ana again', waitMs);
    expect(pipFell()).toBe(false);
  }, 120_000);
}

describe('a companion that fled a fight (memory relay)', () => {
  staysOut(agentsOnMemoryRelay(), 15_000);
});

describe("a companion that fled a fight (the project's relay)", () => {
  staysOut(agentsOnProjectRelay(), 30_000);
});
