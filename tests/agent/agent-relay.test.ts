/**
 * Agents in a shared world, through the memory relay: an agent that listens for news hears what
 * the others do as it happens (speech, deeds), with the events behind the prose, and no more than
 * a person there would (a whisper between two others, without its words); an agent that does not
 * listen finds the same news in its next reply.
 */
import { describe, expect, it } from 'vitest';
import type { AgentNews } from '../../src/agent/index.ts';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { agentsOnMemoryRelay, until } from './relay-agents.ts';

const agents = agentsOnMemoryRelay();

describe('agents in a shared world (memory relay)', () => {
  it('a listening agent hears speech and deeds as they happen, a whisper to another without its words', async () => {
    const key = createWorldKey();
    const ana = await agents.open(key, 'Ana', true);
    const bo = await agents.open(key, 'Bo');
    const cy = await agents.open(key, 'Cy');
    const everyone = () => [ana, bo, cy].every((a) => Object.keys(a.world.state.players).length === 3);
    await until(everyone, 'three players in every replica');
    const [anaId, cyId] = [ana.world.player, cy.world.player];

    const heard: AgentNews[] = [];
    bo.on('news', (n) => heard.push(n));
    // What came before Bo listened is told at once: Cy's arrival.
    await until(() => heard.length > 0, 'the news so far');
    expect(heard.map((n) => n.text)).toEqual(['Cy arrives on the isle.']);
    expect(heard[0]!.events).toEqual([expect.objectContaining({ type: 'joined', name: 'Cy', player: cyId })]);

    const said = (text: string) => heard.find((n) => n.text.includes(text));
    await ana.step({ kind: 'say', text: 'Hello, Bo' });
    await until(() => said('Hello') !== undefined, 'Bo hearing Ana');
    expect(said('Hello')!.type).toBe('news');
    expect(said('Hello')!.text).toBe('Ana says, "Hello, Bo"');
    expect(said('Hello')!.events).toEqual([{ type: 'said', text: 'Hello, Bo', player: anaId, location: 'harbor-quay' }]);
    expect(said('Hello')!.observation.here.players.map((p) => p.name).sort()).toEqual(['Ana', 'Cy']);

    await ana.step({ kind: 'say', text: 'the key is under the mat', to: cyId, whisper: true });
    await until(() => said('whispers') !== undefined, 'Bo seeing the whisper');
    expect(said('whispers')!.text).toBe('Ana whispers something to Cy.');
    expect(said('whispers')!.events).toEqual([{ type: 'said', to: cyId, whisper: true, player: anaId, location: 'harbor-quay' }]);
    expect(JSON.stringify(heard)).not.toContain('under the mat');

    // Cy does not listen: the whisper waits for Cy's next reply, words and all.
    const cyNext = await cy.step('help');
    expect(cyNext.news).toEqual(['Ana says, "Hello, Bo"', 'Ana whispers to you, "the key is under the mat"']);
    expect(cyNext.newsEvents.map((e) => e.type === 'said' && 'text' in e && e.text)).toEqual(['Hello, Bo', 'the key is under the mat']);

    // A deed; and the listening agent's own reply carries no news: it went to the listener, once.
    await ana.step('west');
    await until(() => heard.some((n) => n.events.some((e) => e.type === 'moved' && e.player === anaId)), 'Bo seeing Ana leave');
    const boNext = await bo.step('look');
    expect(boNext.news).toEqual([]);
    expect(boNext.newsEvents).toEqual([]);
    expect(boNext.observation.here.players.map((p) => p.name)).toEqual(['Cy']);
    expect(heard.filter((n) => n.text.includes('Hello, Bo'))).toHaveLength(1);
  }, 30_000);
});
