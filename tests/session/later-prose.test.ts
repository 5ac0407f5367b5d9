/**
 * Most prose loads after the web app's first paint (src/narrate/later-prose.ts). The first screen
 * is told without it; a command typed before it is in waits for it; news that needs it is held,
 * in order, until it is in. Each test starts from freshly loaded modules, as a page does, so the
 * prose has not been loaded by an earlier test. (e2e/later-prose.spec.ts holds the code back on
 * the network in Chromium, with two players on the real relay.)
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { vetrellis } from '../golden/transcript.ts';

const PLACEHOLDER = /not reached this device/;

/** The session's modules as a page that has just opened has them: the later prose not loaded. */
async function freshModules() {
  vi.resetModules();
  const [session, local, later, shared] = await Promise.all([
    import('../../src/session/index.ts'),
    import('../../src/session/local-world.ts'),
    import('../../src/narrate/later-prose.ts'),
    import('./shared-players.ts'),
  ]);
  return { Session: session.Session, LocalWorld: local.LocalWorld, memoryLogStore: local.memoryLogStore, laterProse: later.laterProse, joinShared: shared.joinShared, until: shared.until };
}

let m: Awaited<ReturnType<typeof freshModules>>;
beforeEach(async () => {
  m = await freshModules();
});

describe('prose loaded after the first paint', () => {
  it('is not needed for the first screen, and a command typed before it is in is answered in full', async () => {
    let t = 0;
    const session = new m.Session(m.LocalWorld.open(vetrellis(), m.memoryLogStore(3)), { name: 'Ana', clock: () => (t += 1) * 10_000 });
    const first = session.start();
    expect(first.text).toContain('You step onto Vetrellis Isle as Ana.');
    expect(first.text).toContain('New quest: Nobody Met the Boat.');
    expect(m.laterProse()).toBeNull();

    // Typed before the prose has loaded: the answer waits for it.
    const pending = session.handle('inventory');
    expect(m.laterProse()).toBeNull();
    const inventory = await pending;
    const gone = await session.handle('w');
    const gathered = await session.handle('gather driftwood');
    expect(inventory.text).toContain('You are carrying nothing.');
    expect(gone.text).toContain('You go west.');
    expect(gathered.text).toMatch(/You gather .*driftwood/);
    for (const reply of [inventory, gone, gathered]) expect(reply.text).not.toMatch(PLACEHOLDER);
  });

  it("holds another player's deeds, in order, until it is in, through a relay", async () => {
    const { MemoryRelay } = await import('../../src/sync/world/memory-relay.ts');
    const { createWorldKey } = await import('../../src/session/index.ts');
    const relay = new MemoryRelay();
    const key = createWorldKey();
    const ana = await m.joinShared(relay.connect, key, 'Ana', { name: 'Later prose' });
    const bo = await m.joinShared(relay.connect, key, 'Bo');
    // Ana acts through her world alone: nothing in this process has loaded the prose.
    const at = 2_000_000;
    expect(ana.world.submit({ kind: 'say', text: 'ahoy there' }, at).blocked).toBeUndefined();
    expect(ana.world.submit({ kind: 'move', dir: 'west' }, at + 10_000).blocked).toBeUndefined();
    await m.until(() => bo.world.state.players[ana.world.player]?.location === ana.world.state.players[ana.world.player]?.location
      && bo.world.state.players[ana.world.player]?.location !== bo.world.state.players[bo.world.player]?.location);
    expect(m.laterProse()).toBeNull();

    expect(bo.session.poll()).toEqual([]);
    const held = bo.session.newsHeld();
    expect(held).not.toBeNull();
    await held;
    const told = bo.session.poll().map((l) => l.text);
    expect(told).toContain('Ana says, "ahoy there"');
    expect(told).toContain('Ana goes west.');
    expect(told.indexOf('Ana says, "ahoy there"')).toBeLessThan(told.indexOf('Ana goes west.'));
    expect(told.join('\n')).not.toMatch(PLACEHOLDER);
    expect(bo.session.newsHeld()).toBeNull();
    await Promise.all([ana.world.close(), bo.world.close()]);
  });
});
