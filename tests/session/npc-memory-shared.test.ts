// NPC memory through a shared, kept world (issue 17): Mother Hesk greets Ana as a stranger, then as
// someone she knows, and still knows her after Ana's device closes and opens the world again from
// what it kept; Bo, in the same world through the relay, is a stranger to her all the same.
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/session/index.ts';
import { SharedWorldBackend } from '../../src/session/shared-world-backend.ts';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { MemoryDocStore } from '../../src/sync/world/doc-store.ts';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { vetrellis } from '../golden/transcript.ts';
import { RELAYS, relayForBlock, until } from '../sync/relay-pair.ts';

const content = vetrellis();
const STRANGER = 'Sit by the fire, love';
const KNOWN = 'There you are again, love';

describe.each(RELAYS)('NPC memory, through %s', (_name, start) => {
  const relays = relayForBlock(start);

  it('Hesk remembers Ana across a reopened kept world, and not for Bo', async () => {
    const { relay, close } = relays();
    const anaKey = createIdentity();
    const worldKey = createWorldKey(anaKey.publicKey, { private: true });
    const anaStore = new MemoryDocStore();
    let t = 0;
    const clock = () => Date.now() + (t += 1000);
    const open = (name: string, identity = createIdentity(), store = new MemoryDocStore()) =>
      SharedWorldBackend.open({ content, worldKey, identity, store, name, relay, ...(name === 'Ana' ? { create: { name: 'Hearth' } } : {}) });
    let ana = await open('Ana', anaKey, anaStore);
    const bo = await open('Bo');
    try {
      let anaSession = new Session(ana, { name: 'Ana', clock });
      anaSession.start();
      for (const step of ['north', 'in']) await anaSession.handle(step);
      expect((await anaSession.handle('talk to hesk')).text).toContain(STRANGER);
      expect((await anaSession.handle('talk to hesk')).text).toContain(KNOWN);

      // Ana's device closes and opens the kept world again: Hesk still knows her.
      await ana.close();
      ana = await open('Ana', anaKey, anaStore);
      anaSession = new Session(ana, { name: 'Ana', clock });
      anaSession.start();
      expect((await anaSession.handle('talk to hesk')).text).toContain(KNOWN);

      // Bo, in the same world, is a stranger to her, though he sees Ana there.
      const boSession = new Session(bo, { name: 'Bo', clock });
      boSession.start();
      for (const step of ['north', 'in']) await boSession.handle(step);
      await until(() => bo.state.players[ana.player]?.location === 'anchor-inn');
      expect((await boSession.handle('talk to hesk')).text).toContain(STRANGER);
      await until(() => bo.shared.stateHash === ana.shared.stateHash);
    } finally {
      await Promise.all([ana.close(), bo.close()]);
      close();
    }
  }, 60_000);
});
