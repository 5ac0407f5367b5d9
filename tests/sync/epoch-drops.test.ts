// Old history dropped from the relay (issue 15 point 3; docs/finality.md "Dropping old epochs on
// the relay"): once the owner's device begins epoch 3, it orders the relay to drop epoch 1's rooms
// (epoch 2 stays, for devices still bridging from it). A device that played offline in epoch 1 and
// comes back after the drop carries its play into epoch 3, drops its own old copy (the relay's
// "gone" is its confirmation), and everyone sees that play. Through the memory relay and the
// project's relay (its grace period set to nothing, so the drop happens at once).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createIdentity, type Identity } from '../../src/sync/intent/identity.ts';
import { MemoryDocStore, type DocStore } from '../../src/sync/world/doc-store.ts';
import { FileDocStore } from '../../src/sync/world/node-doc-store.ts';
import type { RelayConnector } from '../../src/sync/world/relay-link.ts';
import { SharedWorld } from '../../src/sync/world/shared-world.ts';
import { epochDocName, type EpochRef } from '../../src/sync/world/world-cut.ts';
import { createWorldKey, roomName } from '../../src/sync/world/world-key.ts';
import { content } from './fixture.ts';
import { relayForBlock } from './relay-pair.ts';
import { startProjectRelay } from './relay-helper.ts';

const sealing = { afterMs: 0, everyTurns: 1 };
const waitOpts = { timeout: 10_000, interval: 20 };

/** Whether the relay still serves a room: a bare link syncs with it, or is told it is gone. */
async function served(connect: RelayConnector, room: string): Promise<'served' | 'gone'> {
  const doc = new Y.Doc();
  const link = connect(doc, room);
  try {
    return await vi.waitFor(() => {
      if (link.gone) return 'gone' as const;
      if (link.synced) return 'served' as const;
      throw new Error('no answer yet');
    }, waitOpts);
  } finally {
    link.destroy();
    doc.destroy();
  }
}

const RELAYS_DROPPING_AT_ONCE = [
  ['the memory relay', null],
  ["the project's relay (a process, no grace period)", () => startProjectRelay({ RELAY_DROP_GRACE_MS: '0' })],
] as const;

describe.each(RELAYS_DROPPING_AT_ONCE)('old epochs dropped from the relay, through %s', (_name, start) => {
  const relays = relayForBlock(start);

  it("the owner's third cut drops epoch 1 from the relay; offline play made there is carried forward and seen by all", async () => {
    const { relay, connect, close } = relays();
    const home = mkdtempSync(join(tmpdir(), 'vetrellis-epoch-drops-'));
    const anaId = createIdentity();
    const boId = createIdentity();
    const worldKey = createWorldKey(anaId.publicKey, { private: true });
    const boDir = join(home, 'bo');
    const open = (name: string, id: Identity, store: DocStore, online = true) =>
      SharedWorld.open({ content, worldKey, identity: id, store, name, relay: online ? relay : null, sealing, relayTimeoutMs: 3000, cutting: false, ...(id === anaId ? { create: { name: 'Retiring isle' } } : {}) });
    const ana = await open('Ana', anaId, new MemoryDocStore());
    const worlds: SharedWorld[] = [ana];
    const cutNow = async (): Promise<EpochRef> => {
      ana.submit({ kind: 'wait' });
      return vi.waitFor(async () => {
        const r = await ana.cutWorld();
        if (!r.ok) throw new Error(r.reason);
        return { epoch: r.epoch, id: r.id };
      }, waitOpts);
    };
    try {
      // Ana walks to the village and back: every zone has a history, so every epoch has documents.
      expect(ana.submit({ kind: 'move', dir: 'north' }).ok).toBe(true);
      expect(ana.submit({ kind: 'move', dir: 'south' }).ok).toBe(true);
      let bo = await open('Bo', boId, new FileDocStore(boDir));
      expect(bo.submit({ kind: 'take', target: 'rope' }).ok).toBe(true);
      await vi.waitFor(() => expect(ana.stateHash).toBe(bo.stateHash), waitOpts);
      await bo.close();
      const first = await cutNow();
      // Bo's device moves to epoch 1, then plays there offline: only his folder holds that take.
      bo = await open('Bo', boId, new FileDocStore(boDir));
      expect(bo.epoch).toBe(1);
      await bo.close();
      bo = await open('Bo', boId, new FileDocStore(boDir), false);
      expect(bo.epoch).toBe(1);
      expect(bo.submit({ kind: 'take', target: 'moonpetal' }).ok).toBe(true);
      await bo.close();

      const second = await cutNow();
      const harborAt = (at: EpochRef) => roomName(worldKey, epochDocName('harbor', at));
      expect(await served(connect, harborAt(first))).toBe('served'); // two cuts: nothing dropped yet
      const third = await cutNow();
      expect(third.epoch).toBe(3);
      // Epoch 1 is gone from the relay, every zone of it; epoch 2 (one behind) and 3 stay.
      for (const zone of content.zones.keys()) expect(await served(connect, roomName(worldKey, epochDocName(zone, first))), zone).toBe('gone');
      expect(await served(connect, harborAt(second))).toBe('served');
      expect(await served(connect, harborAt(third))).toBe('served');

      // Bo comes back: his device opens epoch 3, carries the offline take there, and drops its
      // copy of epoch 1 (the relay has none left to confirm it against).
      bo = await open('Bo', boId, new FileDocStore(boDir));
      worlds.push(bo);
      expect(bo.epoch).toBe(3);
      expect(bo.state.players[bo.player]?.inventory.some((s) => s.item === 'moonpetal')).toBe(true);
      await vi.waitFor(() => expect(ana.state.players[bo.player]?.inventory.some((s) => s.item === 'moonpetal')).toBe(true), waitOpts);
      await vi.waitFor(() => expect(ana.stateHash).toBe(bo.stateHash), waitOpts);
      await vi.waitFor(() => expect(existsSync(join(boDir, `${harborAt(first)}.yupd`))).toBe(false), waitOpts);

      // A new device opens epoch 3 and holds the same state.
      const cy = await open('Cy', createIdentity(), new MemoryDocStore());
      worlds.push(cy);
      expect(cy.epoch).toBe(3);
      expect(cy.state.players[bo.player]?.inventory.some((s) => s.item === 'moonpetal')).toBe(true);
      await vi.waitFor(() => expect(cy.stateHash).toBe(ana.stateHash), waitOpts);
    } finally {
      for (const w of worlds.reverse()) await w.close();
      close();
    }
  });
});
