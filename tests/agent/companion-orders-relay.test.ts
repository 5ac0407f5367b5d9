/**
 * Orders with a slip in them reach a companion through a relay as the parser would read them
 * (issue 18, the play-test fix "Pip, folow me" -> "Sorry, Ana, I don't follow."): Ana tells Pip
 * to wiat here, walks away and back, then says "Pip, folow me"; Pip stays, then answers and
 * follows her west; called from the next room, Pip cannot hear, and Ana is told so. Through the
 * memory relay and the project's relay.
 */
import { describe, expect, it } from 'vitest';
import type { AgentNews } from '../../src/agent/index.ts';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { agentsOnMemoryRelay, agentsOnProjectRelay, until } from './relay-agents.ts';

describe.each([
  ['the memory relay', agentsOnMemoryRelay],
  ["the project's relay", agentsOnProjectRelay],
])('a companion reading orders with a slip in them, through %s', (_name, make) => {
  const agents = make();
  it('waits when told to "wiat here" and follows on "folow me"', async () => {
    const key = createWorldKey();
    const ana = await agents.open(key, 'Ana', true);
    const pipWorld = await agents.open(key, 'Pip', false, 'Ana');
    agents.companion(pipWorld, { minGapMs: 0 });
    await until(() => Object.keys(ana.world.state.players).length === 2 && Object.keys(pipWorld.world.state.players).length === 2, 'both in both replicas');
    const heard: AgentNews[] = [];
    ana.on('news', (n) => heard.push(n));
    const pipSays = (text: string) => heard.some((n) => n.text === `Pip says, "${text}"`);
    const start = ana.observe().location!.id;

    await ana.step({ kind: 'say', text: 'Pip, wiat here' });
    await until(() => pipSays("I'll wait here, Ana."), 'Pip agreeing to wait');
    await ana.step('west');
    await new Promise((r) => setTimeout(r, 2_000));
    expect(pipWorld.observe().location?.id).toBe(start);
    // Called from the next room, Pip cannot hear: Ana is told so (not "I don't know the verb").
    expect((await ana.step('Pip, come here')).text).toBe('Pip is not here to hear you: a companion hears only those beside it. WHO tells you where everyone is.');
    await ana.step('east');
    await ana.step({ kind: 'say', text: 'Pip, folow me' });
    await until(() => pipSays('Right behind you, Ana.'), 'Pip answering the order');
    expect(heard.some((n) => /I don't (follow|understand)/.test(n.text))).toBe(false);
    await ana.step('west');
    await until(() => pipWorld.observe().location?.id === ana.observe().location?.id, 'Pip following Ana west', 15_000);
  }, 90_000);
});
