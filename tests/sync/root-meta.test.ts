// The root document's meta is not signed: a peer can delete its fields. A newcomer still finds
// the world when its name and content version were deleted (and is not told the content
// differs), and a member who read the meta writes deleted fields back.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { MemoryDocStore } from '../../src/sync/world/doc-store.ts';
import { MemoryRelay } from '../../src/sync/world/memory-relay.ts';
import { SharedWorld } from '../../src/sync/world/shared-world.ts';
import { createWorldKey, roomName, rootDocName } from '../../src/sync/world/world-key.ts';
import { content } from './fixture.ts';

function setting() {
  const relay = new MemoryRelay();
  const worldKey = createWorldKey();
  const room = roomName(worldKey, rootDocName());
  const open = (name: string, create = false) => SharedWorld.open({ content, identity: createIdentity(), worldKey, store: new MemoryDocStore(), relay: relay.connect, name, create: create ? { name: 'Harbour Days' } : null, relayTimeoutMs: 200 });
  const vandalise = () => {
    const hostile = new Y.Doc();
    relay.connect(hostile, room);
    hostile.transact(() => {
      hostile.getMap('meta').delete('name');
      hostile.getMap('meta').delete('contentVersion');
    });
  };
  return { relay, open, vandalise, meta: () => relay.roomDoc(room)!.getMap('meta') };
}

describe('root meta under a hostile member', () => {
  it('a newcomer finds a world whose name and content version were deleted', async () => {
    const s = setting();
    await (await s.open('Ana', true)).close();
    s.vandalise();
    expect(s.meta().has('name')).toBe(false);
    const bo = await s.open('Bo');
    expect(bo.meta.name).toBe('An isle');
    expect(bo.contentMismatch).toBe(false);
    expect(bo.state.players[bo.player]?.name).toBe('Bo');
    await bo.close();
    s.relay.close();
  });

  it('a member who read the meta writes deleted fields back', async () => {
    const s = setting();
    const ana = await s.open('Ana', true);
    s.vandalise();
    await new Promise((r) => setTimeout(r, 0));
    expect(s.meta().get('name')).toBe('Harbour Days');
    expect(s.meta().get('contentVersion')).toBe(content.version);
    await ana.close();
    s.relay.close();
  });
});
