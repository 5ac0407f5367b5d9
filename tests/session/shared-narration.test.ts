/**
 * What a player reads when the shared world changes under them, through a real relay:
 * - a moonpetal they carried into the next zone was won at the harbor by someone whose intent
 *   arrived late: one sentence naming who, and the pack says so;
 * - a tab that watches (the same player plays in another tab) tells that player's deeds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Session } from '../../src/session/index.ts';
import { SharedWorldBackend } from '../../src/session/shared-world-backend.ts';
import { MemoryDocStore } from '../../src/sync/world/doc-store.ts';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { withLocks } from '../sync/fake-locks.ts';
import { lateRival } from '../sync/late-rival.ts';
import { content } from '../sync/fixture.ts';
import { startProjectRelay, type RunningRelay } from '../sync/relay-helper.ts';

let relay: RunningRelay;
beforeAll(async () => {
  relay = await startProjectRelay();
});
afterAll(async () => {
  await relay?.stop();
});

const relayOpts = () => ({ url: relay.url, WebSocketPolyfill: WebSocket });

function sessionOf(world: SharedWorldBackend, name: string): Session {
  let t = 0;
  return new Session(world, { name, clock: () => 1_000_000 + (t += 1) * 10_000 });
}

/** Poll the session until its news contains `text` (news arrives from the relay). */
async function newsUntil(session: Session, text: string, ms = 5000): Promise<string> {
  const seen: string[] = [];
  const end = Date.now() + ms;
  while (Date.now() < end) {
    seen.push(...session.poll().map((l) => l.text));
    if (seen.some((l) => l.includes(text))) return seen.join('\n');
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`news never said "${text}"; it said:\n${seen.join('\n')}`);
}

describe('shared-world news as prose', () => {
  it('a moonpetal carried north but won at the harbor by a late intent: who, and what left the pack', async () => {
    const worldKey = createWorldKey();
    const world = await SharedWorldBackend.open({ content, worldKey, identity: createIdentity(), store: new MemoryDocStore(), name: 'Ana', relay: relayOpts(), create: { name: 'Border' } });
    const session = sessionOf(world, 'Ana');
    session.start();
    expect((await session.handle('take the moonpetal')).text).toMatch(/moonpetal/i);
    const take = world.shared.replica.fold.entries.find((e) => e.player === world.player && e.intent.action.kind === 'take')!;
    expect((await session.handle('north')).observation.location?.id).toBe('green');
    expect((await session.handle('inventory')).text).toMatch(/moonpetal/i);

    // Carl played offline at the harbor; his take shares Ana's turn and wins its lottery.
    const carl = await lateRival({ worldKey, world: world.id, seed: world.shared.meta.seed, rivalOf: world.player, takeTurn: take.turn, relay: relay.url });

    const news = await newsUntil(session, 'no longer in your pack');
    expect(news).toContain('Carl reached the moonpetal first; the moonpetal is no longer in your pack.');
    expect((await session.handle('inventory')).text).not.toMatch(/moonpetal/i);
    carl.close();
    await world.close();
  });

  it('a friend who walks into the next zone is named as they go, not "someone"', async () => {
    const worldKey = createWorldKey();
    const ana = await SharedWorldBackend.open({ content, worldKey, identity: createIdentity(), store: new MemoryDocStore(), name: 'Ana', relay: relayOpts(), create: { name: 'Border' } });
    const bo = await SharedWorldBackend.open({ content, worldKey, identity: createIdentity(), store: new MemoryDocStore(), name: 'Bo', relay: relayOpts() });
    const anaSession = sessionOf(ana, 'Ana');
    const boSession = sessionOf(bo, 'Bo');
    anaSession.start();
    boSession.start();
    await newsUntil(anaSession, 'Bo arrives on the isle');
    expect((await boSession.handle('north')).observation.location?.id).toBe('green');
    const news = await newsUntil(anaSession, 'goes north');
    expect(news).toContain('Bo goes north.');
    await bo.close();
    await ana.close();
  });

  it("a watching tab tells its player's deeds in the second person", () =>
    withLocks(async () => {
      const worldKey = createWorldKey();
      const identity = createIdentity();
      const writer = await SharedWorldBackend.open({ content, worldKey, identity, store: new MemoryDocStore(), name: 'Ana', relay: relayOpts(), create: { name: 'Tabs' } });
      const watcher = await SharedWorldBackend.open({ content, worldKey, identity, store: new MemoryDocStore(), name: 'Ana', relay: relayOpts() });
      const playing = sessionOf(writer, 'Ana');
      const watching = sessionOf(watcher, 'Ana');
      playing.start();
      watching.start();
      expect((await watching.handle('take the rope')).text).toMatch(/another tab/);
      await playing.handle('take the rope');
      await newsUntil(watching, 'You take the rope');
      await watcher.close();
      await writer.close();
    }));
});
