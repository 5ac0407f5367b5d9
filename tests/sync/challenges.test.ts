// A false snapshot is detected and refused (issue 15 point 3, docs/finality.md "Snapshots and
// compaction", world-challenge.ts): a hostile owner signs a cut whose harbor snapshot gives her a
// million coins. A member's device that folded the harbor's history compares the snapshot with
// its own at the same seal, finds another, and challenges the cut; from then on every replica
// opens the newest cut nobody challenged, so a new device never believes the forged state.
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { snapshotHash } from '../../src/sync/replica/snapshot.ts';
import { MemoryDocStore } from '../../src/sync/world/doc-store.ts';
import { copyForward } from '../../src/sync/world/epoch-bridge.ts';
import { untilConfirmed, type RelayLink } from '../../src/sync/world/relay-link.ts';
import { SharedWorld } from '../../src/sync/world/shared-world.ts';
import { readChallenge } from '../../src/sync/world/world-challenge.ts';
import { worldCipherOf } from '../../src/sync/world/world-cipher.ts';
import { cutKey, cutSnapOf, epochDocName, loadSnapshot, newestCut, signWorldCut, storeSnapshot, validCuts, type WorldCut } from '../../src/sync/world/world-cut.ts';
import { RootDoc, ZoneDoc } from '../../src/sync/world/world-docs.ts';
import { createWorldKey, ownerKeyOf, roomName, rootDocName, worldIdOf } from '../../src/sync/world/world-key.ts';
import { content } from './fixture.ts';
import { RELAYS, relayForBlock, until } from './relay-pair.ts';

const sealing = { afterMs: 0, everyTurns: 1 };
const waitOpts = { timeout: 10_000, interval: 20 };
const MILLION = 1_000_000;

describe.each(RELAYS)('challenges of a false cut, through %s', (_name, start) => {
  const relays = relayForBlock(start);

  it("a member's device that folded the history challenges a forged snapshot, and new devices never open it", async () => {
    const { relay, connect, close } = relays();
    const anaId = createIdentity();
    const worldKey = createWorldKey(anaId.publicKey, { private: true });
    const world = worldIdOf(worldKey);
    const cipher = worldCipherOf(worldKey);
    const open = (name: string, id = createIdentity()) =>
      SharedWorld.open({ content, worldKey, identity: id, store: new MemoryDocStore(), name, relay, sealing, cutting: false, ...(id === anaId ? { create: { name: 'Honest isle?' } } : {}) });
    // A bare view of the root, as any device with the link has it.
    const rootYdoc = new Y.Doc();
    const rootLink = connect(rootYdoc, roomName(worldKey, rootDocName()));
    const root = new RootDoc(rootYdoc, cipher);
    const cutsNow = (): WorldCut[] => validCuts(root.cuts, { world, owner: ownerKeyOf(worldKey) }, (k, v) => root.cutText(k, v));
    const ana = await open('Ana', anaId);
    const bo = await open('Bo');
    const worlds = [ana, bo];
    const docs: { link: RelayLink; ydoc: Y.Doc }[] = [];
    const zoneDoc = (zone: string, at: WorldCut): { doc: ZoneDoc; link: RelayLink } => {
      const ydoc = new Y.Doc();
      const link = connect(ydoc, roomName(worldKey, epochDocName(zone, at)));
      docs.push({ ydoc, link });
      return { doc: new ZoneDoc(ydoc, zone, cipher), link };
    };
    try {
      expect(ana.submit({ kind: 'take', target: 'rope' }).ok).toBe(true);
      expect(bo.submit({ kind: 'take', target: 'pebble' }).ok).toBe(true);
      for (let i = 0; i < 4; i++) bo.submit({ kind: 'wait' });
      await vi.waitFor(() => expect(bo.stateHash).toBe(ana.stateHash), waitOpts);

      // An honest cut: Bo's device (still at epoch 0, holding the history) checks it, finds its
      // own snapshot, and bridges; nothing is challenged.
      const honest = await vi.waitFor(async () => {
        const r = await ana.cutWorld();
        if (!r.ok) throw new Error(r.reason);
        return r;
      }, waitOpts);
      expect(bo.epoch).toBe(0);
      const cy = await open('Cy');
      worlds.push(cy);
      expect(cy.epoch).toBe(honest.epoch);
      expect(cy.submit({ kind: 'take', target: 'moonpetal' }).ok).toBe(true);
      await vi.waitFor(() => expect(bo.state.players[cy.player]?.inventory.some((s) => s.item === 'moonpetal')).toBe(true), waitOpts);
      expect(root.challenges.size).toBe(0);
      await vi.waitFor(() => expect(cy.stateHash).toBe(ana.stateHash), waitOpts);
      await ana.close();
      worlds.splice(worlds.indexOf(ana), 1);

      // Ana's device leaves; what follows is the owner's modified client: the next epoch's harbor snapshot gives Ana a million coins,
      // its seal's state hash made to match, the whole signed by the owner's key.
      await until(() => cutsNow().length === 1);
      const one = cutsNow()[0]!;
      const zones = [...content.zones.keys()].sort();
      const snaps = new Map<string, ReturnType<typeof loadSnapshot>>();
      for (const zone of zones) {
        const hash = cutSnapOf(one, zone) ?? null;
        if (hash === null) continue;
        const { doc } = zoneDoc(zone, one);
        await until(() => loadSnapshot(doc, hash) !== null);
        snaps.set(zone, loadSnapshot(doc, hash));
      }
      const honestHarbor = snaps.get('harbor')!;
      const players = { ...honestHarbor.state.players, [ana.player]: { ...honestHarbor.state.players[ana.player]!, coin: MILLION } };
      const forgedState = { ...honestHarbor.state, players };
      const forged = { ...honestHarbor, state: forgedState, seal: { ...honestHarbor.seal, state: engineRules.hashState(forgedState) } };
      snaps.set('harbor', forged);
      const signed = signWorldCut(anaId, { world, epoch: one.epoch + 1, zones: zones.map((zone) => ({ zone, snap: snaps.has(zone) ? snapshotHash(snaps.get(zone)!) : null })) });
      const written: RelayLink[] = [];
      for (const zone of zones) {
        const { doc, link } = zoneDoc(zone, signed.cut);
        const snap = snaps.get(zone) ?? null;
        if (snap !== null) storeSnapshot(doc, snap);
        const old = zoneDoc(zone, one);
        await old.link.whenSynced(8_000);
        copyForward(old.doc, doc, snap);
        link.track();
        written.push(link);
      }
      // The new documents reach the relay before the record that names them.
      for (const link of written) expect(await untilConfirmed(link, 8_000)).toBe(true);
      root.cuts.set(cutKey(signed.cut), root.cutValue(cutKey(signed.cut), signed.text));

      // The forged cut is the owner's, and the newest: without a challenge it is what devices open.
      await until(() => cutsNow().length === 2);
      expect(newestCut(cutsNow())?.id).toBe(signed.cut.id);

      // Bo's device folded the harbor's history: it challenges the cut, naming the harbor.
      await vi.waitFor(() => expect(root.challenges.size).toBeGreaterThan(0), waitOpts);
      const challenges = [...root.challenges.entries()].map(([k, v]) => readChallenge(k, root.challengeText(k, v), { world }));
      expect(challenges.every((c) => c !== null && c.cut === cutKey(signed.cut) && c.zone === 'harbor' && c.own === snapshotHash(honestHarbor))).toBe(true);
      expect(challenges.map((c) => c!.by)).toContain(bo.player);

      // A new device opens the newest cut nobody challenged, and sees no million coins.
      const dee = await open('Dee');
      worlds.push(dee);
      expect(dee.epoch).toBe(one.epoch);
      expect(dee.state.players[ana.player]?.coin ?? 0).toBeLessThan(MILLION);
      await vi.waitFor(() => expect(dee.stateHash).toBe(bo.stateHash), waitOpts);
      // And play goes on between the devices as before.
      expect(dee.submit({ kind: 'take', target: 'pebble' }).ok).toBe(true);
      await vi.waitFor(() => expect(bo.state.players[dee.player]?.inventory.some((s) => s.item === 'pebble')).toBe(true), waitOpts);
      await vi.waitFor(() => expect(cy.stateHash).toBe(bo.stateHash), waitOpts);
    } finally {
      for (const w of worlds.reverse()) await w.close();
      for (const d of docs) {
        d.link.destroy();
        d.ydoc.destroy();
      }
      rootLink.destroy();
      rootYdoc.destroy();
      close();
    }
  });
});
