// A false snapshot is detected and refused (issue 15 point 3, docs/finality.md "Snapshots and
// compaction", world-challenge.ts): a hostile owner signs a cut whose harbor snapshot gives her a
// million coins. A member's device that folded the harbor's history compares the snapshot with
// its own at the same seal, finds another, and challenges the cut; from then on every replica
// opens the newest cut nobody challenged, so a new device never believes the forged state.
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createIdentity, signBytes } from '../../src/sync/intent/identity.ts';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { snapshotHash } from '../../src/sync/replica/snapshot.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryDocStore, type DocStore } from '../../src/sync/world/doc-store.ts';
import { FileDocStore } from '../../src/sync/world/node-doc-store.ts';
import { copyForward } from '../../src/sync/world/epoch-bridge.ts';
import { untilConfirmed, type RelayLink } from '../../src/sync/world/relay-link.ts';
import { SharedWorld } from '../../src/sync/world/shared-world.ts';
import { readChallenge, signChallenge, type Challenge } from '../../src/sync/world/world-challenge.ts';
import { worldCipherOf } from '../../src/sync/world/world-cipher.ts';
import { cutKey, cutSnapOf, epochDocName, loadSnapshot, newestCut, signWorldCut, storeSnapshot, storeTail, validCuts, type AttestedTail, type WorldCut } from '../../src/sync/world/world-cut.ts';
import { tailHash } from '../../src/sync/world/epoch-ref.ts';
import { createIntent } from '../../src/sync/intent/intent.ts';
import { sha256Hex } from '../../src/sync/intent/bytes.ts';
import { RootDoc, ZoneDoc } from '../../src/sync/world/world-docs.ts';
import { createWorldKey, ownerKeyOf, roomName, rootDocName, worldIdOf } from '../../src/sync/world/world-key.ts';
import { content } from './fixture.ts';
import { RELAYS, relayForBlock, until, type RelayPair } from './relay-pair.ts';

const sealing = { afterMs: 0, everyTurns: 1 };
const waitOpts = { timeout: 10_000, interval: 20 };
const MILLION = 1_000_000;

/**
 * Ana owns a private world and plays in it with Bo (whose device keeps `boStore`); Ana's device
 * cuts once, honestly. `forge()` is then the owner's modified client: the next cut's harbor
 * snapshot gives Ana a million coins, its seal's state hash made to match (so `checkSnapshot`
 * alone cannot see it), the whole signed by the owner's key.
 */
async function scene(pair: RelayPair, boStore: DocStore) {
  const { relay, connect } = pair;
  const anaId = createIdentity();
  const boId = createIdentity();
  const worldKey = createWorldKey(anaId.publicKey, { private: true });
  const world = worldIdOf(worldKey);
  const cipher = worldCipherOf(worldKey);
  const open = (name: string, id = createIdentity(), store: DocStore = new MemoryDocStore()) =>
    SharedWorld.open({ content, worldKey, identity: id, store, name, relay, sealing, cutting: false, ...(id === anaId ? { create: { name: 'Honest isle?' } } : {}) });
  // A bare view of the root, as any device with the link has it.
  const rootYdoc = new Y.Doc();
  const rootLink = connect(rootYdoc, roomName(worldKey, rootDocName()));
  const root = new RootDoc(rootYdoc, cipher);
  const cutsNow = (): WorldCut[] => validCuts(root.cuts, { world, owner: ownerKeyOf(worldKey) }, (k, v) => root.cutText(k, v));
  const challenges = (): Challenge[] => [...root.challenges.entries()].map(([k, v]) => readChallenge(k, root.challengeText(k, v), { world })!);
  const docs: { link: RelayLink; ydoc: Y.Doc }[] = [];
  const zoneDoc = (zone: string, at: WorldCut): { doc: ZoneDoc; link: RelayLink } => {
    const ydoc = new Y.Doc();
    const link = connect(ydoc, roomName(worldKey, epochDocName(zone, at)));
    docs.push({ ydoc, link });
    return { doc: new ZoneDoc(ydoc, zone, cipher), link };
  };
  const worlds: SharedWorld[] = [];
  const opened = async (name: string, id?: typeof anaId, store?: DocStore): Promise<SharedWorld> => {
    const w = await open(name, id, store);
    worlds.push(w);
    return w;
  };
  const ana = await opened('Ana', anaId);
  const bo = await opened('Bo', boId, boStore);
  expect(ana.submit({ kind: 'take', target: 'rope' }).ok).toBe(true);
  expect(bo.submit({ kind: 'take', target: 'pebble' }).ok).toBe(true);
  for (let i = 0; i < 4; i++) bo.submit({ kind: 'wait' });
  await vi.waitFor(() => expect(bo.stateHash).toBe(ana.stateHash), waitOpts);
  const honest = await vi.waitFor(async () => {
    const r = await ana.cutWorld();
    if (!r.ok) throw new Error(r.reason);
    return r;
  }, waitOpts);
  await until(() => cutsNow().length === 1);
  const one = cutsNow()[0]!;

  /**
   * `vouch`: the snapshots stay honest, but the harbor's tail holds an entry in Bo's name that
   * Ana's key signed (Bo gives her his pebble), and the cut vouches for it (AttestedTail): a
   * device opening from the snapshot would take it as checked.
   */
  async function forge(o: { readonly vouch?: boolean } = {}): Promise<{ forged: WorldCut; honestHarbor: string; vouchedId: string | null }> {
    const zones = [...content.zones.keys()].sort();
    const snaps = new Map<string, NonNullable<ReturnType<typeof loadSnapshot>>>();
    for (const zone of zones) {
      const hash = cutSnapOf(one, zone) ?? null;
      if (hash === null) continue;
      const { doc } = zoneDoc(zone, one);
      await until(() => loadSnapshot(doc, hash) !== null);
      snaps.set(zone, loadSnapshot(doc, hash)!);
    }
    const harbor = snaps.get('harbor')!;
    let vouched: { id: string; raw: string; tail: AttestedTail } | null = null;
    if (o.vouch) {
      const head = harbor.heads.find((h) => h.player === bo.player)!;
      const give = createIntent(boId, { world, zone: 'harbor', seq: head.seq + 1, prev: head.id, turn: head.turn + 1, at: head.at + 1000, action: { kind: 'give', target: 'pebble', to: ana.player } }, (_bo, bytes) => signBytes(anaId, bytes));
      vouched = { id: give.id, raw: give.raw, tail: [[give.id, sha256Hex(give.raw)]] };
    } else {
      const players = { ...harbor.state.players, [ana.player]: { ...harbor.state.players[ana.player]!, coin: MILLION } };
      const state = { ...harbor.state, players };
      snaps.set('harbor', { ...harbor, state, seal: { ...harbor.seal, state: engineRules.hashState(state) } });
    }
    const signed = signWorldCut(anaId, {
      world, epoch: one.epoch + 1,
      zones: zones.map((zone) => ({ zone, snap: snaps.has(zone) ? snapshotHash(snaps.get(zone)!) : null, ...(zone === 'harbor' && vouched ? { tail: tailHash(vouched.tail) } : {}) })),
    });
    const written: RelayLink[] = [];
    for (const zone of zones) {
      const { doc, link } = zoneDoc(zone, signed.cut);
      const snap = snaps.get(zone) ?? null;
      if (snap !== null) storeSnapshot(doc, snap);
      const old = zoneDoc(zone, one);
      await old.link.whenSynced(8_000);
      copyForward(old.doc, doc, snap);
      if (zone === 'harbor' && vouched) {
        storeTail(doc, vouched.tail);
        doc.doc.getMap('intents').set(vouched.id, doc.intentValue(vouched.id, vouched.raw));
      }
      link.track();
      written.push(link);
    }
    // The new documents reach the relay before the record that names them.
    for (const link of written) expect(await untilConfirmed(link, 8_000)).toBe(true);
    root.cuts.set(cutKey(signed.cut), root.cutValue(cutKey(signed.cut), signed.text));
    // The forged cut is the owner's, and the newest: without a challenge it is what devices open.
    await until(() => cutsNow().length === 2);
    expect(newestCut(cutsNow())?.id).toBe(signed.cut.id);
    return { forged: signed.cut, honestHarbor: snapshotHash(harbor), vouchedId: vouched?.id ?? null };
  }

  async function shut(w: SharedWorld): Promise<void> {
    worlds.splice(worlds.indexOf(w), 1);
    await w.close();
  }

  async function cleanup(): Promise<void> {
    for (const w of worlds.reverse()) await w.close();
    for (const d of docs) {
      d.link.destroy();
      d.ydoc.destroy();
    }
    rootLink.destroy();
    rootYdoc.destroy();
  }
  /** Bo's challenge of `cut` in the harbor, written by hand (any member may write one). */
  function challengeAsBo(cut: WorldCut): void {
    const { key, text } = signChallenge(boId, { world, cut: cutKey(cut), zone: 'harbor', seal: cutSnapOf(cut, 'harbor')!, own: cutSnapOf(one, 'harbor')! });
    root.challenges.set(key, root.challengeValue(key, text));
  }
  return { ana, bo, boId, honest, one, root, challenges, challengeAsBo, zoneDoc, opened, shut, forge, cleanup };
}

describe.each(RELAYS)('challenges of a false cut, through %s', (_name, start) => {
  const relays = relayForBlock(start);

  it("a member's device that folded the history challenges a forged snapshot, and new devices never open it", async () => {
    const pair = relays();
    const s = await scene(pair, new MemoryDocStore());
    const { ana, bo } = s;
    try {
      // The honest cut: Bo's device (still at epoch 0, holding the history) compares it with its
      // own snapshot and bridges; nothing is challenged, and a new device plays with Bo.
      expect(bo.epoch).toBe(0);
      const cy = await s.opened('Cy');
      expect(cy.epoch).toBe(s.honest.epoch);
      expect(cy.submit({ kind: 'take', target: 'moonpetal' }).ok).toBe(true);
      await vi.waitFor(() => expect(bo.state.players[cy.player]?.inventory.some((x) => x.item === 'moonpetal')).toBe(true), waitOpts);
      expect(s.root.challenges.size).toBe(0);
      // Ana's device leaves: what follows is the owner's modified client.
      await vi.waitFor(() => expect(cy.stateHash).toBe(ana.stateHash), waitOpts);
      await s.shut(ana);
      const { forged, honestHarbor } = await s.forge();

      // Bo's device folded the harbor's history: it challenges the cut, naming the harbor.
      await vi.waitFor(() => expect(s.root.challenges.size).toBeGreaterThan(0), waitOpts);
      const challenges = s.challenges();
      expect(challenges.every((c) => c.cut === cutKey(forged) && c.zone === 'harbor' && c.own === honestHarbor)).toBe(true);
      expect(challenges.map((c) => c.by)).toContain(bo.player);

      // A new device opens the newest cut nobody challenged, and sees no million coins.
      const dee = await s.opened('Dee');
      expect(dee.epoch).toBe(s.one.epoch);
      expect(dee.state.players[ana.player]?.coin ?? 0).toBeLessThan(MILLION);
      await vi.waitFor(() => expect(dee.stateHash).toBe(bo.stateHash), waitOpts);
      // And play goes on between the devices as before.
      expect(dee.submit({ kind: 'take', target: 'pebble' }).ok).toBe(true);
      await vi.waitFor(() => expect(bo.state.players[dee.player]?.inventory.some((x) => x.item === 'pebble')).toBe(true), waitOpts);
      await vi.waitFor(() => expect(cy.stateHash).toBe(bo.stateHash), waitOpts);
    } finally {
      await s.cleanup();
      pair.close();
    }
  });

  it("a cut that vouches for an entry whose signature is false (Bo's pebble given to the owner) is challenged, and new devices never take it as checked", async () => {
    const pair = relays();
    const s = await scene(pair, new MemoryDocStore());
    const { ana, bo } = s;
    try {
      await vi.waitFor(() => expect(bo.stateHash).toBe(ana.stateHash), waitOpts);
      expect(bo.state.players[bo.player]?.inventory.some((x) => x.item === 'pebble')).toBe(true);
      await s.shut(ana);
      const { forged } = await s.forge({ vouch: true });

      // Bo's device checks what the cut vouches for, finds a signature that is not his, and challenges.
      await vi.waitFor(() => expect(s.challenges().map((c) => [c.by, c.cut, c.zone])).toContainEqual([bo.player, cutKey(forged), 'harbor']), waitOpts);
      // A new device opens the honest epoch: Bo still has his pebble, Ana never got it.
      const dee = await s.opened('Dee');
      expect(dee.epoch).toBe(s.one.epoch);
      expect(dee.state.players[bo.player]?.inventory.some((x) => x.item === 'pebble')).toBe(true);
      expect(dee.state.players[ana.player]?.inventory.some((x) => x.item === 'pebble') ?? false).toBe(false);
      await vi.waitFor(() => expect(dee.stateHash).toBe(bo.stateHash), waitOpts);
    } finally {
      await s.cleanup();
      pair.close();
    }
  });

  it('a device that took a vouched-for entry as checked keeps nothing of that word once the cut is challenged: reopened, it refuses the entry with everyone', async () => {
    const pair = relays();
    const home = mkdtempSync(join(tmpdir(), 'vetrellis-vouched-'));
    const s = await scene(pair, new MemoryDocStore());
    const { ana, bo } = s;
    try {
      await vi.waitFor(() => expect(bo.stateHash).toBe(ana.stateHash), waitOpts);
      // Nobody holding the harbor's history is there when the forged cut comes.
      await s.shut(bo);
      await s.shut(ana);
      const { forged, vouchedId } = await s.forge({ vouch: true });
      const deeId = createIdentity();
      const deeDir = join(home, 'dee');
      let dee = await s.opened('Dee', deeId, new FileDocStore(deeDir));
      expect(dee.epoch).toBe(forged.epoch);
      // Dee's device took the owner's word: Bo's pebble is Ana's there.
      expect(dee.state.players[ana.player]?.inventory.some((x) => x.item === 'pebble')).toBe(true);
      // Bo challenges the cut; Dee's device bridges back to epoch 1 (copying the forged entry there,
      // where it is only an entry whose signature fails).
      s.challengeAsBo(forged);
      const bo2 = await s.opened('Bo', s.boId);
      expect(bo2.epoch).toBe(s.one.epoch);
      const epochOne = s.zoneDoc('harbor', s.one).doc;
      await vi.waitFor(() => expect(epochOne.intents.has(vouchedId!)).toBe(true), waitOpts);
      await s.shut(dee);
      // Reopened, Dee's device folds epoch 1: the forged entry is refused there as on Bo's.
      dee = await s.opened('Dee', deeId, new FileDocStore(deeDir));
      expect(dee.epoch).toBe(s.one.epoch);
      await vi.waitFor(() => expect(dee.stateHash).toBe(bo2.stateHash), waitOpts);
      expect(dee.state.players[bo.player]?.inventory.some((x) => x.item === 'pebble')).toBe(true);
    } finally {
      await s.cleanup();
      pair.close();
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('a kept world away when the forged cut came challenges it as it opens, from the seal its folder keeps', async () => {
    const pair = relays();
    const home = mkdtempSync(join(tmpdir(), 'vetrellis-challenge-'));
    const s = await scene(pair, new FileDocStore(join(home, 'bo')));
    const { ana, bo } = s;
    try {
      await vi.waitFor(() => expect(bo.stateHash).toBe(ana.stateHash), waitOpts);
      await s.shut(bo);
      await s.shut(ana);
      const { forged } = await s.forge();
      expect(s.root.challenges.size).toBe(0); // nobody was there to see it

      // Bo's device opens again: his folder still holds the harbor's epoch-0 log, whose owner's
      // seal names the true state, not the forged one.
      const again = await s.opened('Bo', s.boId, new FileDocStore(join(home, 'bo')));
      await vi.waitFor(() => expect(s.challenges().map((c) => [c.by, c.cut, c.zone])).toContainEqual([again.player, cutKey(forged), 'harbor']), waitOpts);
      expect(again.epoch).not.toBe(forged.epoch);
      expect(again.state.players[ana.player]?.coin ?? 0).toBeLessThan(MILLION);
      const dee = await s.opened('Dee');
      expect(dee.epoch).toBe(s.one.epoch);
      await vi.waitFor(() => expect(dee.stateHash).toBe(again.stateHash), waitOpts);
    } finally {
      await s.cleanup();
      pair.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
