/**
 * A companion that helps its friend make something (issue 18), in a shared world on the memory
 * relay: Ana asks "Pip, help me make a flint knife" on the beach with nothing in her pack, and
 * Pip gathers the driftwood and the flint there and hands them to her, so her own CRAFT works;
 * at the breakwater, with the driftwood for a buckler but no kelp cord, Pip gathers kelp, twists
 * a cord (the intermediate thing) and hands it over. Asked for what cannot be found where it
 * stands, or for something nobody can make, it says so. Its planner alone: deterministic, what it
 * already carries goes first.
 */
import { describe, expect, it } from 'vitest';
import { friendShort, helpStep, recipeNamed } from '../../src/agent/companion/helping.ts';
import type { AgentNews } from '../../src/agent/index.ts';
import type { Observation } from '../../src/session/observation.ts';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { vetrellis } from '../golden/transcript.ts';
import { agentsOnMemoryRelay, until } from './relay-agents.ts';

const content = vetrellis();
const agents = agentsOnMemoryRelay();

describe('a companion helping its friend make something', () => {
  it('gathers and crafts what Ana is short of for a recipe and hands it to her, through the relay', async () => {
    const key = createWorldKey();
    const ana = await agents.open(key, 'Ana', true);
    const pipWorld = await agents.open(key, 'Pip', false, 'Ana');
    const { refused } = agents.companion(pipWorld, { minGapMs: 0 });
    await until(() => Object.keys(ana.world.state.players).length === 2 && Object.keys(pipWorld.world.state.players).length === 2, 'both in both replicas');
    const heard: AgentNews[] = [];
    ana.on('news', (n) => heard.push(n));
    const pipSays = (text: string) => heard.some((n) => n.text === `Pip says, "${text}"`);
    const anaHas = (item: string) => ana.observe().player!.inventory.find((s) => s.id === item)?.qty ?? 0;

    await ana.step('west');
    await until(() => pipWorld.observe().location?.id === 'driftwood-beach', 'Pip following Ana west');
    expect(anaHas('flint') + anaHas('driftwood')).toBe(0);
    await ana.step({ kind: 'say', text: 'Pip, help me make a flint knife' });
    await until(() => pipSays("There you are, Ana: that's all you need for the flint knife."), 'Pip handing over flint and driftwood', 20_000);
    expect([anaHas('flint'), anaHas('driftwood')]).toEqual([1, 1]);
    const made = await ana.step('craft flint knife');
    expect(made.status, made.text).toBe('ok');
    expect(anaHas('flint-knife')).toBe(1);

    // The buckler: three driftwood sticks of her own, and a kelp cord Pip twists at the breakwater.
    await ana.step('gather 3 driftwood');
    expect(anaHas('driftwood')).toBe(3);
    await ana.step('east');
    // A follower goes at its own pace (1.5 s for a companion): Ana waits for Pip at the quay.
    await until(() => pipWorld.observe().location?.id === 'harbor-quay', 'Pip following Ana to the quay', 15_000);
    await ana.step('south');
    await until(() => pipWorld.observe().location?.id === 'breakwater', 'Pip following Ana to the breakwater', 15_000);
    await ana.step({ kind: 'say', text: 'Pip, help me make a driftwood buckler' });
    await until(() => pipSays("There you are, Ana: that's all you need for the driftwood buckler."), 'Pip handing over a kelp cord', 20_000);
    expect(anaHas('kelp-cord')).toBe(1);
    expect(heard.some((n) => n.events.some((e) => e.type === 'crafted' && e.player === pipWorld.world.player && e.item === 'kelp-cord'))).toBe(true);
    expect((await ana.step('craft driftwood buckler')).status).toBe('ok');
    expect(anaHas('driftwood-buckler')).toBe(1);

    // Copper (nor driftwood, all used) is not to be had on the breakwater, and nobody makes the moon.
    await ana.step({ kind: 'say', text: 'Pip, help me make a copper ingot' });
    await until(() => pipSays("I can't find any copper nuggets or driftwood sticks here for the copper ingot, Ana."), 'Pip saying it cannot find copper', 15_000);
    await ana.step({ kind: 'say', text: 'Pip, help me make the moon' });
    await until(() => pipSays("I don't know how to make that, Ana."), 'Pip not knowing the moon');
    expect(refused).toEqual([]);
  }, 120_000);
});

describe("the companion's helping planner", () => {
  const seen = (inventory: { id: string; qty: number }[], nodes: { id: string; resource: string; remaining: number }[]) =>
    ({ player: { inventory, sp: 20, equipment: {} }, here: { nodes: nodes.map((n) => ({ ...n, name: n.id, tool: null })), stations: [], players: [] } }) as unknown as Observation;
  const spear = recipeNamed(content, 'a flint spear')!;

  it('finds recipes by what players call the thing', () => {
    expect(recipeNamed(content, 'kelp cords')?.id).toBe('kelp-cord');
    expect(recipeNamed(content, 'the Driftwood Buckler')?.id).toBe('driftwood-buckler');
    expect(recipeNamed(content, 'moon')).toBeUndefined();
  });

  it('counts what the friend lacks, gives what it carries first, then gathers, then crafts the cord', () => {
    expect(friendShort(spear, (i) => (i === 'driftwood' ? 5 : 0))).toEqual([{ item: 'flint', qty: 1 }, { item: 'kelp-cord', qty: 1 }]);
    const friendHas = (i: string) => (i === 'driftwood' ? 2 : 0);
    const beach = [{ id: 'shingle-bank', resource: 'flint', remaining: 6 }];
    expect(helpStep(content, spear, seen([{ id: 'kelp-cord', qty: 3 }], beach), 'ana', friendHas)).toEqual({ action: { kind: 'give', target: 'kelp-cord', to: 'ana', qty: 1 } });
    expect(helpStep(content, spear, seen([], beach), 'ana', friendHas)).toEqual({ action: { kind: 'gather', target: 'shingle-bank', qty: 1 } });
    const breakwater = [{ id: 'kelp-bed', resource: 'kelp', remaining: 10 }];
    expect(helpStep(content, spear, seen([], breakwater), 'ana', (i) => (i === 'flint' ? 1 : friendHas(i)))).toEqual({ action: { kind: 'gather', target: 'kelp-bed', qty: 2 } });
    expect(helpStep(content, spear, seen([{ id: 'kelp', qty: 2 }], breakwater), 'ana', (i) => (i === 'flint' ? 1 : friendHas(i)))).toEqual({ action: { kind: 'craft', target: 'kelp-cord' } });
    expect(helpStep(content, spear, seen([], []), 'ana', friendHas)).toEqual({ stuck: ['flint', 'kelp-cord'] });
    expect(helpStep(content, spear, seen([], []), 'ana', () => 9)).toEqual({ done: true });
  });
});
