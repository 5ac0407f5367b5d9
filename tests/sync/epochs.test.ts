// World cuts and epoch documents (issue 15 point 3, docs/finality.md "Snapshots and compaction"):
// the owner's device begins a new epoch from its zones' snapshots; a new device opens the new
// epoch's documents only (never the history below the cut) and reaches the state everyone holds;
// a device still playing in the old epoch and one in the new see each other's play, both ways.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { MemoryDocStore, type DocStore } from '../../src/sync/world/doc-store.ts';
import { appendUpdate, FileDocStore, storedUpdate } from '../../src/sync/world/node-doc-store.ts';
import { readWorldFile, writeWorldFile } from '../../src/sync/world/world-file.ts';
import { RELAYS, relayForBlock } from './relay-pair.ts';
import { SharedWorld } from '../../src/sync/world/shared-world.ts';
import { createWorldKey, ownerKeyOf, roomName, rootDocName, worldIdOf } from '../../src/sync/world/world-key.ts';
import { EPOCH_ZERO, epochDocName, rootCuts, worldDocNames } from '../../src/sync/world/world-cut.ts';
import { RootDoc } from '../../src/sync/world/world-docs.ts';
import { worldCipherOf } from '../../src/sync/world/world-cipher.ts';
import { content } from './fixture.ts';

/** A store that remembers the rooms a device opened. */
class SeeingStore implements DocStore {
  readonly durable = false;
  readonly rooms = new Set<string>();
  readonly #inner = new MemoryDocStore();
  open(doc: Y.Doc, room: string) {
    this.rooms.add(room);
    return this.#inner.open();
  }
}

const sealing = { afterMs: 0, everyTurns: 1 };
const waitOpts = { timeout: 8_000, interval: 20 };

describe.each(RELAYS)('world cuts, through %s', (_name, start) => {
  const relays = relayForBlock(start);
  for (const privacy of [false, true]) {
    it(`a new device opens the new epoch only, and plays with a device still in the old one (${privacy ? 'private' : 'plaintext'} world)`, async () => {
      const { relay: choice, close } = relays();
      const relay = { close };
      const anaId = createIdentity();
      const worldKey = createWorldKey(anaId.publicKey, { private: privacy });
      const open = (name: string, store: DocStore = new MemoryDocStore(), id = createIdentity()) =>
        SharedWorld.open({ content, worldKey, identity: id, store, name, relay: choice, sealing, ...(id === anaId ? { create: { name: 'Cut isle' } } : {}) });
      const ana = await open('Ana', new MemoryDocStore(), anaId);
      const bo = await open('Bo');
      const worlds = [ana, bo];
      try {
        expect(ana.submit({ kind: 'take', target: 'rope' }).ok).toBe(true);
        expect(bo.submit({ kind: 'take', target: 'pebble' }).ok).toBe(true);
        // Ana walks to the village and back: crossings on both sides of the cut's seals.
        expect(ana.submit({ kind: 'move', dir: 'north' }).ok).toBe(true);
        expect(ana.submit({ kind: 'move', dir: 'south' }).ok).toBe(true);
        for (let i = 0; i < 4; i++) bo.submit({ kind: 'wait' });
        await vi.waitFor(() => expect(bo.stateHash).toBe(ana.stateHash), waitOpts);

        expect((await bo.cutWorld()).ok).toBe(false); // only the owner begins an epoch
        const cut = await vi.waitFor(async () => {
          const r = await ana.cutWorld();
          if (!r.ok) throw new Error(r.reason);
          return r;
        }, waitOpts);
        expect(cut.epoch).toBe(1);
        expect(cut.snapshotBytes).toBeGreaterThan(0);

        // Cy's device is new: it opens the harbor at epoch 1, from its snapshot.
        const cyStore = new SeeingStore();
        const cy = await open('Cy', cyStore);
        worlds.push(cy);
        expect(cy.epoch).toBe(1);
        for (const zone of content.zones.keys()) expect(cyStore.rooms.has(roomName(worldKey, epochDocName(zone, EPOCH_ZERO)))).toBe(false);
        expect(cy.state.players[ana.player]?.inventory.some((s) => s.item === 'rope')).toBe(true);
        // Bo still folds epoch 0; what Cy does reaches him, and what he does reaches Cy.
        expect(bo.epoch).toBe(0);
        expect(cy.submit({ kind: 'take', target: 'moonpetal' }).ok).toBe(true);
        await vi.waitFor(() => expect(bo.state.players[cy.player]?.inventory.some((s) => s.item === 'moonpetal')).toBe(true), waitOpts);
        expect(bo.submit({ kind: 'drop', target: 'pebble' }).ok).toBe(true);
        await vi.waitFor(() => expect(cy.state.players[bo.player]?.inventory.some((s) => s.item === 'pebble') ?? false).toBe(false), waitOpts);
        // Nobody can take the moonpetal twice: the three replicas agree.
        await vi.waitFor(() => {
          expect(bo.stateHash).toBe(cy.stateHash);
          expect(ana.stateHash).toBe(cy.stateHash);
        }, waitOpts);
      } finally {
        for (const w of worlds.reverse()) await w.close();
        relay.close();
      }
    });
  }

  it("the owner's device begins a new epoch on its own once the history is long enough", async () => {
    const { relay, close } = relays();
    const anaId = createIdentity();
    const worldKey = createWorldKey(anaId.publicKey, { private: true });
    const ana = await SharedWorld.open({ content, worldKey, identity: anaId, store: new MemoryDocStore(), name: 'Ana', relay, sealing, cutting: { everyMs: 50, afterEntries: 12 }, create: { name: 'Busy isle' } });
    const worlds = [ana];
    try {
      for (let i = 0; i < 6; i++) ana.submit({ kind: 'wait' });
      expect(ana.epoch).toBe(0);
      for (let i = 0; i < 8; i++) ana.submit({ kind: 'wait' });
      const cyStore = new SeeingStore();
      const cy = await vi.waitFor(async () => {
        const w = await SharedWorld.open({ content, worldKey, identity: createIdentity(), store: cyStore, name: 'Cy', relay, cutting: false });
        if (w.epoch === 0) {
          await w.close();
          throw new Error('no cut yet');
        }
        return w;
      }, waitOpts);
      worlds.push(cy);
      await vi.waitFor(() => expect(cy.stateHash).toBe(ana.stateHash), waitOpts);
      // A quiet world does not begin epoch after epoch: the new epoch holds only the tail.
      const epoch = cy.epoch;
      await new Promise((r) => setTimeout(r, 400));
      const dee = await SharedWorld.open({ content, worldKey, identity: createIdentity(), store: new MemoryDocStore(), name: 'Dee', relay, cutting: false });
      worlds.push(dee);
      expect(dee.epoch).toBe(epoch);
    } finally {
      for (const w of worlds.reverse()) await w.close();
      close();
    }
  });

  it("a tail as long as the threshold (seals lagging behind play) does not make the owner's device cut at every look", async () => {
    const { relay, connect, close } = relays();
    const anaId = createIdentity();
    const worldKey = createWorldKey(anaId.publicKey, { private: true });
    // Seals every 8 turns: after 20 deeds the seal is at turn 16, so a cut carries a tail of about
    // 5 entries forward, as many as the threshold.
    const ana = await SharedWorld.open({ content, worldKey, identity: anaId, store: new MemoryDocStore(), name: 'Ana', relay, sealing: { afterMs: 0, everyTurns: 8 }, cutting: { everyMs: 50, afterEntries: 5 }, create: { name: 'Lagging isle' } });
    // The cuts as the relay has them, read by a bare link (a device opening the world would join it, and add entries).
    const rootYdoc = new Y.Doc();
    const rootLink = connect(rootYdoc, roomName(worldKey, rootDocName()));
    const cuts = (): number => rootCuts(new RootDoc(rootYdoc, worldCipherOf(worldKey)), worldIdOf(worldKey), ownerKeyOf(worldKey)).length;
    try {
      for (let i = 0; i < 20; i++) ana.submit({ kind: 'wait' });
      await vi.waitFor(() => expect(cuts()).toBeGreaterThan(0), waitOpts);
      // Eight looks later, with nothing played, no epoch has begun since.
      await new Promise((r) => setTimeout(r, 400));
      expect(cuts()).toBe(1);
    } finally {
      await ana.close();
      rootLink.destroy();
      rootYdoc.destroy();
      close();
    }
  });

  it('a kept world: what was played offline in the old epoch is carried into the new one, and the old copy is dropped', async () => {
    const { relay, close } = relays();
    const home = mkdtempSync(join(tmpdir(), 'vetrellis-epochs-'));
    const anaId = createIdentity();
    const boId = createIdentity();
    const worldKey = createWorldKey(anaId.publicKey, { private: true });
    const anaStore = new FileDocStore(join(home, 'ana'));
    const boDir = join(home, 'bo');
    const open = (name: string, id: typeof anaId, store: DocStore, online = true) =>
      SharedWorld.open({ content, worldKey, identity: id, store, name, relay: online ? relay : null, sealing, relayTimeoutMs: 3000, ...(id === anaId ? { create: { name: 'Kept isle' } } : {}) });
    const ana = await open('Ana', anaId, anaStore);
    const worlds: SharedWorld[] = [ana];
    try {
      let bo = await open('Bo', boId, new FileDocStore(boDir));
      expect(bo.submit({ kind: 'take', target: 'rope' }).ok).toBe(true);
      await vi.waitFor(() => expect(ana.stateHash).toBe(bo.stateHash), waitOpts);
      await bo.close();
      // Bo plays on offline, in epoch 0 (his device knows of no cut).
      bo = await open('Bo', boId, new FileDocStore(boDir), false);
      expect(bo.epoch).toBe(0);
      expect(bo.submit({ kind: 'take', target: 'moonpetal' }).ok).toBe(true);
      await bo.close();
      ana.submit({ kind: 'wait' });
      const cut = await vi.waitFor(async () => {
        const r = await ana.cutWorld();
        if (!r.ok) throw new Error(r.reason);
        return r;
      }, waitOpts);
      // Back online: the harbor opens at epoch 1, with his offline take carried there.
      bo = await open('Bo', boId, new FileDocStore(boDir));
      worlds.push(bo);
      expect(bo.epoch).toBe(1);
      expect(bo.state.players[bo.player]?.inventory.some((s) => s.item === 'moonpetal')).toBe(true);
      await vi.waitFor(() => expect(ana.state.players[bo.player]?.inventory.some((s) => s.item === 'moonpetal')).toBe(true), waitOpts);
      await vi.waitFor(() => expect(ana.stateHash).toBe(bo.stateHash), waitOpts);
      // His device keeps one epoch of the harbor: the old copy is gone from his folder.
      const old = join(boDir, `${roomName(worldKey, epochDocName('harbor', EPOCH_ZERO))}.yupd`);
      await vi.waitFor(() => expect(existsSync(old)).toBe(false), waitOpts);
      expect(existsSync(join(boDir, `${roomName(worldKey, epochDocName('harbor', cut))}.yupd`))).toBe(true);
      // Ana's device, reopened, opens epoch 1 too, and plays on with Bo.
      await ana.close();
      worlds.shift();
      const again = await open('Ana', anaId, anaStore);
      worlds.push(again);
      expect(again.epoch).toBe(1);
      expect(again.submit({ kind: 'drop', target: 'rope' }).ok).toBe(true);
      await vi.waitFor(() => expect(bo.stateHash).toBe(again.stateHash), waitOpts);
      // Bo's folder, as a world file (world-file.ts), opens elsewhere offline at epoch 1, as it is.
      await bo.close();
      worlds.splice(worlds.indexOf(bo), 1);
      const docs = new Map<string, Y.Doc>();
      for (const name of worldDocNames(content.zones.keys(), [cut])) {
        const update = storedUpdate(boDir, roomName(worldKey, name));
        if (update === null) continue;
        const doc = new Y.Doc();
        Y.applyUpdate(doc, update);
        docs.set(name, doc);
      }
      expect([...docs.keys()]).not.toContain(epochDocName('harbor', EPOCH_ZERO));
      const file = readWorldFile(writeWorldFile({ worldKey, relay: null, docs }).text, content.zones.keys());
      const elsewhere = join(home, 'elsewhere');
      for (const [name, update] of file.updates) appendUpdate(elsewhere, roomName(worldKey, name), update);
      const copy = await open('Bo', boId, new FileDocStore(elsewhere), false);
      worlds.push(copy);
      expect(copy.epoch).toBe(1);
      expect(copy.stateHash).toBe(again.stateHash);
    } finally {
      for (const w of worlds) await w.close();
      close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
