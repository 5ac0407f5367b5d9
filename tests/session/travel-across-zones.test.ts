/**
 * GO TO and GO BACK in a shared world through the project's relay: a walk that crosses a zone
 * border (the harbor to the village) moves room by room as typed moves would, and GO BACK
 * crosses back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Session } from '../../src/session/index.ts';
import { SharedWorldBackend } from '../../src/session/shared-world-backend.ts';
import { MemoryDocStore } from '../../src/sync/world/doc-store.ts';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { startProjectRelay, type RunningRelay } from '../sync/relay-helper.ts';
import { vetrellis } from '../golden/transcript.ts';

let relay: RunningRelay;
beforeAll(async () => {
  relay = await startProjectRelay();
});
afterAll(async () => {
  await relay?.stop();
});

describe('walking a known route across zones', () => {
  it('go to the inn from the breakwater crosses into the village; go back returns to the square', async () => {
    const world = await SharedWorldBackend.open({
      content: vetrellis(), worldKey: createWorldKey(), identity: createIdentity(), store: new MemoryDocStore(), name: 'Ana',
      relay: { url: relay.url, WebSocketPolyfill: WebSocket }, create: { name: 'Roads' },
    });
    let t = 0;
    const session = new Session(world, { name: 'Ana', clock: () => 1_000_000 + (t += 1) * 10_000 });
    session.start();
    for (const l of ['north', 'in', 'out', 'south', 'south']) expect((await session.handle(l)).status, l).toBe('ok');
    const walk = await session.handle('go to the Anchor Inn');
    expect(walk.status).toBe('ok');
    expect(walk.intents).toEqual([{ kind: 'move', dir: 'north' }, { kind: 'move', dir: 'north' }, { kind: 'move', dir: 'in' }]);
    expect(walk.observation.location?.id).toBe('anchor-inn');
    const back = await session.handle('go back');
    expect(back.observation.location?.id).toBe('village-square');
    await world.close();
  }, 60_000);
});
