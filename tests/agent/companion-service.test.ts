/**
 * The companion as the web app's worker runs it (src/agent/companion/service.ts), over the
 * memory relay: `start` brings it into the world beside its friend and says `awake`, it follows
 * her and answers when spoken to by name, `stop` flushes and closes its world before `stopped`;
 * a companion that cannot join says why in words a player can read.
 */
import { describe, expect, it } from 'vitest';
import type { AgentWorld } from '../../src/agent/index.ts';
import { serveCompanion, type FromCompanion } from '../../src/agent/companion/service.ts';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { agentsOnMemoryRelay, until } from './relay-agents.ts';

const agents = agentsOnMemoryRelay();

function served(key: string) {
  const told: FromCompanion[] = [];
  let world: AgentWorld | null = null;
  const serve = serveCompanion(async (start) => (world = await agents.open(key, start.name, false, start.friend)), (m) => told.push(m));
  return { serve, told, world: () => world, saw: (type: FromCompanion['type']) => told.some((m) => m.type === type) };
}

describe('a companion served by messages (the web app worker)', () => {
  it('wakes beside its friend, follows her, answers by name, and stops only after its world is closed', async () => {
    const key = createWorldKey();
    const ana = await agents.open(key, 'Ana', true);
    const pip = served(key);
    pip.serve({ type: 'start', link: `http://isle.test/#/w/${key}`, name: 'Pip', friend: 'Ana' });
    await until(() => pip.saw('awake'), 'Pip awake');
    const pipWorld = pip.world()!;
    expect(pip.told).toContainEqual({ type: 'awake', name: 'Pip', player: pipWorld.world.player });
    expect(pipWorld.observe().player?.companionOf).toEqual({ player: ana.world.player, name: 'Ana' });

    await ana.step('west');
    await until(() => pipWorld.observe().location?.id === 'driftwood-beach', 'Pip following Ana west');
    await ana.step('Pip, wait here');
    await until(() => ana.observe().here.players.some((p) => p.name === 'Pip') && pip.told.some((m) => m.type === 'deed' && m.text.includes("I'll wait here, Ana.")), 'Pip agreeing to wait');
    await ana.step('Pip, follow me');
    await until(() => pip.told.some((m) => m.type === 'deed' && m.text.includes('Right behind you, Ana.')), 'Pip agreeing to follow');

    pip.serve({ type: 'stop' });
    await until(() => pip.saw('stopped'), 'Pip stopped');
    // Stopped means closed: Ana sees Pip fall asleep where it stood, and it no longer follows her.
    await until(() => ana.observe().here.players.some((p) => p.name === 'Pip' && !p.online), 'Ana seeing Pip asleep');
    const deeds = pip.told.filter((m) => m.type === 'deed').length;
    await ana.step('east');
    // Longer than the companions' pace (1.5 s of game time): a running Pip would have followed by now.
    await new Promise((r) => setTimeout(r, 2000));
    expect(pip.told.filter((m) => m.type === 'deed')).toHaveLength(deeds);
    expect(ana.observe().here.players.map((p) => p.name)).not.toContain('Pip');
    pip.serve({ type: 'start', link: `http://isle.test/#/w/${key}`, name: 'Pip', friend: 'Ana' });
    expect(pip.told.at(-1)).toEqual({ type: 'stopped' });
  }, 60_000);

  it('says in plain words why it could not join, and a stop asked while it opens ends it without waking', async () => {
    const key = createWorldKey();
    await agents.open(key, 'Ana', true);
    const lost = served(key);
    lost.serve({ type: 'start', link: `http://isle.test/#/w/${key}`, name: 'Pip', friend: 'Bo' });
    await until(() => lost.saw('failed'), 'the refusal');
    expect(lost.told).toEqual([{ type: 'failed', reason: 'Pip could not join the world: nobody called "Bo" has joined this world yet; start the companion once they have' }]);

    const early = served(key);
    early.serve({ type: 'start', link: `http://isle.test/#/w/${key}`, name: 'Tam', friend: 'Ana' });
    early.serve({ type: 'stop' });
    await until(() => early.saw('stopped'), 'Tam stopped');
    expect(early.told).toEqual([{ type: 'stopped' }]);
  }, 60_000);
});
