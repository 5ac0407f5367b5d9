/**
 * Private speech between players of one shared world, synced through the project's relay:
 * WHISPER to a player here is heard by them alone (those beside see that something was
 * whispered), TELL reaches a player elsewhere in the zone, and nobody else reads the words.
 * The privacy is of the narration: every replica holds the intent (until worlds are end-to-end
 * encrypted, a modified client could read it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { startProjectRelay, type RunningRelay } from '../sync/relay-helper.ts';
import { heard, joinShared, until } from './shared-players.ts';

let relay: RunningRelay;
beforeAll(async () => {
  relay = await startProjectRelay();
});
afterAll(async () => {
  await relay?.stop();
});

const join = (worldKey: string, name: string, create?: { name: string }) => joinShared({ url: relay.url, WebSocketPolyfill: WebSocket }, worldKey, name, create);

describe('private speech between players', () => {
  it('whisper to a player here, tell one elsewhere: only they read the words', async () => {
    const worldKey = createWorldKey();
    const ana = await join(worldKey, 'Ana', { name: 'Whispers' });
    const bo = await join(worldKey, 'Bo');
    const cy = await join(worldKey, 'Cy');
    await until(() => Object.keys(bo.world.state.players).length === 3 && Object.keys(ana.world.state.players).length === 3);

    const whisper = await bo.session.handle('whisper to ana the key is under the mat');
    expect(whisper.text).toBe('You whisper to Ana, "the key is under the mat"');
    expect(whisper.intents).toEqual([{ kind: 'say', text: 'the key is under the mat', to: ana.world.player, whisper: true }]);
    await heard(ana.session, 'Bo whispers to you, "the key is under the mat"');
    const beside = await heard(cy.session, 'Bo whispers something to Ana.');
    expect(beside.join('\n')).not.toContain('under the mat');

    // Ana walks off to the beach; TELL reaches her there, and Cy (still at the quay) reads nothing.
    await ana.session.handle('west');
    await until(() => bo.world.state.players[ana.world.player]?.location === 'driftwood-beach');
    expect((await bo.session.handle('whisper to ana come back')).text).toBe('Ana is not here to whisper to. TELL reaches them where they are.');
    const tell = await bo.session.handle('tell Ana Meet me at the Smithy!');
    expect(tell.text).toBe('You tell Ana, "Meet me at the Smithy!"');
    await heard(ana.session, 'Bo tells you from the Harbor of Vetrellis, "Meet me at the Smithy!"');
    await cy.session.handle('wait');
    await new Promise((r) => setTimeout(r, 200));
    expect([...cy.session.poll().map((l) => l.text), ...(await cy.session.handle('look')).news].join('\n')).not.toContain('Smithy!');
    expect((await bo.session.handle('tell zed hello')).text).toBe('There is nobody on the isle by that name to tell. WHO lists the players.');
    // Speaking to Ana by name while she is on the beach: she is not there to hear it, and nothing is
    // sent; a name nobody has is said to be no verb either (not "I don't know the verb").
    const called = await bo.session.handle('Ana, come back here');
    expect(called.text).toBe('Ana is not here to hear you. WHO tells you where everyone is; TELL ANA reaches a player anywhere.');
    expect(called.intents).toEqual([]);
    expect((await bo.session.handle('zed, hello')).text).toBe('Nobody here answers to "zed", and "zed" is not a verb I know. HELP lists what you can do.');

    await cy.world.close();
    await bo.world.close();
    await ana.world.close();
  }, 60_000);
});
