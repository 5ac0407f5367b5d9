// The owner's device seals its zones (docs/finality.md "Who writes seals"): a zone gone quiet is
// sealed once its play is old enough, without another fold; a member's device never seals.
import { describe, expect, it, vi } from 'vitest';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { MemoryDocStore } from '../../src/sync/world/doc-store.ts';
import { MemoryRelay } from '../../src/sync/world/memory-relay.ts';
import { SharedWorld } from '../../src/sync/world/shared-world.ts';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { content } from './fixture.ts';

describe("the owner's device", () => {
  it('seals a zone gone quiet once its play is old enough; a member writes no seal', async () => {
    const relay = new MemoryRelay();
    const anaId = createIdentity();
    const worldKey = createWorldKey(anaId.publicKey);
    const sealing = { afterMs: 300, everyTurns: 4 };
    const ana = await SharedWorld.open({ content, worldKey, identity: anaId, store: new MemoryDocStore(), name: 'Ana', relay: relay.connect, create: { name: 'Quiet' }, sealing });
    const bo = await SharedWorld.open({ content, worldKey, identity: createIdentity(), store: new MemoryDocStore(), name: 'Bo', relay: relay.connect, sealing: { afterMs: 0, everyTurns: 1 } });
    try {
      for (let i = 0; i < 6; i++) ana.submit({ kind: 'wait' });
      bo.submit({ kind: 'wait' });
      // Nothing is old enough yet.
      expect(ana.replica.finalSeal).toBeNull();
      await vi.waitFor(() => expect(bo.replica.finalSeal).not.toBeNull(), { timeout: 5_000, interval: 20 });
      const seal = bo.replica.finalSeal!;
      expect(seal.point % 4).toBe(0);
      expect(seal.point).toBeGreaterThanOrEqual(4);
      // Bo (sealing at every turn, at once) is not the owner: the only seal is Ana's.
      expect(ana.replica.finalSeal?.id).toBe(seal.id);
      expect(bo.replica.diagnostics.snapshot()['seal/not-owner'] ?? 0).toBe(0);
    } finally {
      await bo.close();
      await ana.close();
      relay.close();
    }
  });
});
