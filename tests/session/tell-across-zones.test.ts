/**
 * Issue 16: TELL reaches a player wherever she is in the shared world. Ana walks up to the
 * village (another zone); Bo, still on the quay, tells her something: she reads it, with where
 * it came from, and an agent reads it in `newsEvents`; Cy beside Bo reads nothing; no zone log
 * gets a line. When Ana has left the game, Bo is told she is asleep. Through the memory relay
 * and through the project's relay process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MemoryRelay } from '../../src/sync/world/memory-relay.ts';
import type { RelayChoice } from '../../src/sync/world/relay-link.ts';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { startProjectRelay, type RunningRelay } from '../sync/relay-helper.ts';
import { heard, joinShared as join, until } from './shared-players.ts';

let running: RunningRelay;
beforeAll(async () => {
  running = await startProjectRelay();
});
afterAll(async () => {
  await running?.stop();
});

const relays: [string, () => { relay: RelayChoice; close(): void }][] = [
  ['the memory relay', () => {
    const memory = new MemoryRelay();
    return { relay: memory.connect, close: () => memory.close() };
  }],
  ['the project relay', () => ({ relay: { url: running.url, WebSocketPolyfill: WebSocket }, close: () => {} })],
];

describe.each(relays)('tell across zones through %s', (_name, make) => {
  it('reaches a player in another zone, privately, writing nothing; a player who left is asleep', async () => {
    const { relay, close } = make();
    const worldKey = createWorldKey();
    const ana = await join(relay, worldKey, 'Ana', { name: 'Far words' });
    const bo = await join(relay, worldKey, 'Bo');
    const cy = await join(relay, worldKey, 'Cy');
    expect((await ana.session.handle('north')).observation.location?.id).toBe('village-square');
    await until(() => bo.world.status().roster.find((r) => r.name === 'Ana')?.zone === 'village');

    const ticks = [bo.world.state.tick, ana.world.state.tick];
    const told = await bo.session.handle('tell ana Meet me at the smithy!');
    expect(told.text).toBe('You tell Ana, "Meet me at the smithy!"');
    expect(told.intents).toEqual([]);
    await heard(ana.session, 'Bo tells you from the Harbor, "Meet me at the smithy!"');
    // Nothing was written to any zone log: the tell is no deed.
    expect([bo.world.state.tick, ana.world.state.tick]).toEqual(ticks);
    await new Promise((r) => setTimeout(r, 200));
    expect(cy.session.poll().map((l) => l.text).join('\n')).not.toContain('smithy!');

    // What an agent's reply carries: the prose in news, the tell in newsEvents.
    await bo.session.handle('tell Ana are you coming?');
    await new Promise((r) => setTimeout(r, 300));
    const reply = await ana.session.handle('look');
    expect(reply.news).toContain('Bo tells you from the Harbor, "are you coming?"');
    expect(reply.newsEvents).toContainEqual({ type: 'told', player: bo.world.player, name: 'Bo', zone: 'harbor', text: 'are you coming?' });

    // The words first, then whom.
    expect((await bo.session.handle('tell see you soon to Ana')).text).toBe('You tell Ana, "see you soon"');
    await heard(ana.session, 'Bo tells you from the Harbor, "see you soon"');
    expect((await bo.session.handle('whisper to ana psst')).text).toBe('Ana is not here to whisper to. TELL reaches them where they are.');
    await ana.world.close();
    // Her client's goodbye reaches the relay and Bo's client in a moment.
    await new Promise((r) => setTimeout(r, 500));
    const asleep = await bo.session.handle('tell ana hello?');
    expect(asleep.status).toBe('refused');
    expect(asleep.text).toBe('Ana is asleep and cannot hear you: a tell reaches only someone who is playing now.');

    await cy.world.close();
    await bo.world.close();
    close();
  }, 60_000);
});
