// A shared world's listener hears of status changes as they happen, from the world's own events
// (no polling): a friend arriving (roster and presence), own writes waiting for the relay and
// then confirmed, the connection dropping, a watching tab promoted to writer; and never of a
// status that stayed the same.
import { describe, expect, it, vi } from 'vitest';
import { SharedWorldBackend } from '../../src/session/shared-world-backend.ts';
import { createIdentity, type Identity } from '../../src/sync/intent/identity.ts';
import { MemoryDocStore } from '../../src/sync/world/doc-store.ts';
import { MemoryRelay } from '../../src/sync/world/memory-relay.ts';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { content } from '../sync/fixture.ts';
import { withLocks } from '../sync/fake-locks.ts';

function opener(relay: MemoryRelay, worldKey = createWorldKey()) {
  return (identity: Identity, name: string, create = false) =>
    SharedWorldBackend.open({ content, identity, worldKey, store: new MemoryDocStore(), relay: relay.connect, name, create: create ? { name: 'Status' } : null });
}

describe('status of a shared world, as the web app follows it', () => {
  it('hears a friend arrive, own writes wait and get confirmed, and the relay go away', async () => {
    const relay = new MemoryRelay();
    try {
      const open = opener(relay);
      const ana = await open(createIdentity(), 'Ana', true);
      const anaLinks = [...relay.links];
      const changed = vi.fn();
      const stop = ana.subscribe(changed);

      const bo = await open(createIdentity(), 'Bo');
      expect(ana.status().roster.map((r) => r.name).sort()).toEqual(['Ana', 'Bo']);
      expect(ana.status().online.map((p) => p.name)).toEqual(['Bo']);
      expect(changed).toHaveBeenCalled();

      relay.manual = true;
      changed.mockClear();
      expect(ana.submit({ kind: 'take', target: 'rope' }, Date.now()).events.length).toBeGreaterThan(0);
      expect(ana.status().pending).toBe(1);
      relay.flush();
      expect(ana.status().pending).toBe(0);
      // The command's own outcome is news; the listener hears of the write's confirmation.
      expect(changed).toHaveBeenCalled();

      changed.mockClear();
      for (const link of anaLinks) relay.disconnect(link);
      expect(ana.status().connection).toBe('offline');
      expect(changed).toHaveBeenCalled();

      stop();
      changed.mockClear();
      for (const link of anaLinks) relay.reconnect(link);
      relay.flush();
      expect(ana.status().connection).toBe('synced');
      expect(changed).not.toHaveBeenCalled();
      await bo.close(0);
      await ana.close(0);
    } finally {
      relay.close();
    }
  });

  it('says nothing when an event changed nothing the status shows', async () => {
    const relay = new MemoryRelay();
    try {
      const ana = await opener(relay)(createIdentity(), 'Ana', true);
      const changed = vi.fn();
      ana.subscribe(changed);
      // Re-announcing the same presence and re-asking the relay change nothing on the status line.
      for (const link of relay.links) link.awareness.setLocalState({ ...(link.awareness.getLocalState() ?? {}) });
      relay.flush();
      expect(changed).not.toHaveBeenCalled();
      await ana.close(0);
    } finally {
      relay.close();
    }
  });

  it('a watching tab hears that it now writes, when the writing tab closes', () =>
    withLocks(async () => {
      const relay = new MemoryRelay();
      try {
        const open = opener(relay);
        const identity = createIdentity();
        const first = await open(identity, 'Ana', true);
        const second = await open(identity, 'Ana');
        expect(second.status().role).toBe('watcher');
        const changed = vi.fn();
        second.subscribe(changed);
        await first.close(0);
        await new Promise((r) => setTimeout(r, 0));
        expect(second.status().role).toBe('writer');
        expect(changed).toHaveBeenCalled();
        await second.close(0);
      } finally {
        relay.close();
      }
    }));
});
