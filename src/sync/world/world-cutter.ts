/**
 * Writing a world cut on the owner's device (world-cut.ts, docs/finality.md "Snapshots and
 * compaction"): every zone is opened and folded, each zone's snapshot at its final seal (or
 * nothing, for a zone never sealed: its whole log goes on) is
 * written into the zone's document for the next epoch with the tail (the entries outside the
 * sealed set), the new epoch is folded afresh from those documents alone and must reach the state
 * every live replica holds, the relay must confirm the new documents, and only then is the cut
 * record signed into the root. Until then nobody opens the new epoch, so a cut given up halfway
 * leaves unused documents and changes nothing.
 *
 *   const r = await writeWorldCut({ owner, root, zones, writer, content, worldKey, store, connect, cipher, timeoutMs });
 *   if (!r.ok) say(r.reason);
 */
import * as Y from 'yjs';
import type { Content } from '../../content/schema.ts';
import type { Identity } from '../intent/identity.ts';
import { CrossingBoard } from '../replica/crossing-board.ts';
import { checkSnapshot, snapshotHash, type ZoneSnapshot } from '../replica/snapshot.ts';
import type { Rules } from '../replica/rules.ts';
import { WorldRoot } from './world-root.ts';
import { ZoneReplica } from '../replica/zone-replica.ts';
import type { DocStore, StoredDoc } from './doc-store.ts';
import { belongsAfter, copyForward } from './epoch-bridge.ts';
import { untilConfirmed, type RelayConnector, type RelayLink } from './relay-link.ts';
import type { WorldCipher } from './world-cipher.ts';
import { epochDocName, signWorldCut, storeSnapshot, storeTail, type AttestedTail, type CutZone } from './world-cut.ts';
import { tailHash } from './epoch-ref.ts';
import { sha256Hex } from '../intent/bytes.ts';
import type { Verifier } from '../intent/verifier.ts';
import { ZoneDoc } from './world-docs.ts';
import { roomName } from './world-key.ts';
import type { ZoneSet } from './zone-set.ts';
import type { ZoneWriter } from './zone-writer.ts';

export type CutResult =
  | { readonly ok: true; readonly epoch: number; readonly id: string; readonly tail: number; readonly snapshotBytes: number }
  | { readonly ok: false; readonly reason: string };

export interface CutOptions {
  readonly owner: Identity;
  readonly root: WorldRoot;
  readonly zones: ZoneSet;
  readonly writer: ZoneWriter;
  readonly content: Content;
  readonly worldKey: string;
  readonly store: DocStore;
  readonly connect: RelayConnector | null;
  readonly cipher: WorldCipher | null;
  readonly timeoutMs: number;
}

interface NewDoc {
  readonly zone: string;
  readonly doc: ZoneDoc;
  readonly stored: StoredDoc;
  readonly link: RelayLink | null;
  readonly snap: ZoneSnapshot | null;
}


export async function writeWorldCut(o: CutOptions): Promise<CutResult> {
  const epoch = (o.root.latestCut()?.epoch ?? 0) + 1;
  const plans: { zone: string; from: ZoneDoc; live: ZoneReplica; snap: ZoneSnapshot | null }[] = [];
  for (const zone of [...o.content.zones.keys()].sort()) {
    const h = await o.zones.openSynced(zone, o.timeoutMs);
    const live = o.writer.activate(h);
    // A zone with nothing sealed since its epoch began starts the next one from the same snapshot,
    // or (never sealed: a quiet zone) from its beginning, its whole log copied. The check below
    // refuses a cut where that would fold differently (an arrive there reading a departure the
    // zone left's snapshot no longer holds).
    const snap = live.snapshot() ?? h.snapshot;
    plans.push({ zone, from: h.doc, live, snap });
  }
  if (plans.every((p) => p.snap === null)) return { ok: false, reason: 'nothing in this world is sealed yet, so a new epoch would hold all of it' };
  const docs: NewDoc[] = [];
  const closeAll = async (): Promise<void> => {
    for (const d of docs) {
      d.link?.destroy();
      await d.stored.close();
      d.doc.doc.destroy();
    }
  };
  let tail = 0;
  let snapshotBytes = 0;
  // The record is signed first: its id names the new documents, so another cut of the same
  // epoch (another of the owner's devices, or this one trying again) never shares them.
  // Each zone's tail as this device checked it (entries its verifier passed): a device opening
  // the epoch from its snapshot takes them as checked (epoch-ref.ts `AttestedTail`).
  const tails = plans.map((p) => attestedTail(p.from, p.snap, o.writer.verifier));
  const cutZones: CutZone[] = plans.map((p, i) => ({ zone: p.zone, snap: p.snap === null ? null : snapshotHash(p.snap), ...(tails[i]!.length === 0 ? {} : { tail: tailHash(tails[i]!) }) }));
  const signed = signWorldCut(o.owner, { world: o.root.worldId, epoch, zones: cutZones });
  for (const p of plans) {
    const ydoc = new Y.Doc();
    const room = roomName(o.worldKey, epochDocName(p.zone, signed.cut));
    const stored = o.store.open(ydoc, room);
    await stored.whenLoaded;
    const doc = new ZoneDoc(ydoc, p.zone, o.cipher);
    const link = o.connect ? o.connect(ydoc, room) : null;
    docs.push({ zone: p.zone, doc, stored, link, snap: p.snap });
    if (p.snap !== null) {
      storeSnapshot(doc, p.snap);
      snapshotBytes += JSON.stringify(p.snap).length;
    }
    const attested = tails[plans.indexOf(p)]!;
    if (attested.length > 0) storeTail(doc, attested);
    tail += copyForward(p.from, doc, p.snap);
    link?.track();
  }
  // The new epoch, folded from its documents alone, must be the world every replica here holds.
  const board = new CrossingBoard();
  const fresh = docs.map((d) => {
    const r = new ZoneReplica({ ...o.writer.replicaOptions(d.zone), viewer: null, crossings: board, ...(d.snap === null ? {} : { snapshot: d.snap }) });
    return [d, r] as const;
  });
  for (const [d, r] of fresh) r.ingest([...d.doc.intents.entries()].map(([id, v]) => [id, d.doc.intentText(id, v)] as const));
  for (const [d, r] of fresh) {
    const live = plans.find((p) => p.zone === d.zone)!.live;
    const same = r.stateHash === live.stateHash;
    r.close();
    if (!same) {
      await closeAll();
      return { ok: false, reason: `the ${o.content.zones.get(d.zone)?.name ?? d.zone} would not fold to the same state from the cut; nothing was changed` };
    }
  }
  const confirmed = await Promise.all(docs.map((d) => untilConfirmed(d.link, o.timeoutMs)));
  if (confirmed.includes(false)) {
    await closeAll();
    return { ok: false, reason: 'the relay did not confirm the new documents in time; nothing was changed' };
  }
  o.root.writeCut(signed.cut, signed.text);
  await closeAll();
  return { ok: true, epoch, id: signed.cut.id, tail, snapshotBytes };
}

/** The entries of `from` after `snap` whose exact strings `verifier` passed, as (id, hash of the string), sorted by id. */
function attestedTail(from: ZoneDoc, snap: ZoneSnapshot | null, verifier: Verifier): AttestedTail {
  const out: [string, string][] = [];
  for (const [id, value] of from.intents.entries()) {
    if (!belongsAfter(from, id, value, snap)) continue;
    const raw = from.intentText(id, value);
    if (typeof raw === 'string' && verifier.knownSound(id, raw)) out.push([id, sha256Hex(raw)]);
  }
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

export interface CarryOptions {
  readonly owner: Identity;
  readonly zones: ZoneSet;
  readonly writer: ZoneWriter;
  readonly content: Content;
  readonly rules: Rules;
  /** The world carried from (frozen: its MOVED sealed in every zone). */
  readonly fromWorld: string;
  /** The key of the world carried into (its root made: move-world.ts). */
  readonly toKey: string;
  readonly store: DocStore;
  readonly connect: RelayConnector | null;
  readonly timeoutMs: number;
}

/**
 * Carry a frozen world's state into the world it moved to (issue 19, "Move the world"): each
 * zone's snapshot at the seal through the owner's MOVED, with the freeze lifted and named for the
 * new world, becomes epoch 1 of the new world, under a cut the owner signs there (`from`: the old
 * world). Nothing outside the seals is carried: every intent after the MOVED is refused anyway.
 * Members' chains go on from their sealed heads; characters stand where they stood.
 */
export async function carryIntoWorld(o: CarryOptions): Promise<CutResult> {
  const { worldIdOf, worldSeedOf, isPrivateWorld, memberKeyOfWorld } = await import('./world-key.ts');
  const toWorld = worldIdOf(o.toKey);
  const snaps: { zone: string; snap: ZoneSnapshot }[] = [];
  for (const zone of [...o.content.zones.keys()].sort()) {
    const h = await o.zones.openSynced(zone, o.timeoutMs);
    const live = o.writer.activate(h);
    // The seal through the MOVED becomes final here once every zone's is (crossings wait on each other).
    const deadline = Date.now() + o.timeoutMs;
    let snap = live.snapshot();
    while (snap?.state.moderation?.moved !== true && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
      snap = live.snapshot();
    }
    if (snap?.state.moderation?.moved !== true) return { ok: false, reason: `the ${o.content.zones.get(zone)?.name ?? zone} is not frozen and sealed yet` };
    const { moved: _, ...moderation } = snap.state.moderation;
    const state = { ...snap.state, moderation };
    snaps.push({ zone, snap: { ...snap, world: toWorld, state, seal: { ...snap.seal, state: o.rules.hashState(state) } } });
  }
  const signed = signWorldCut(o.owner, { world: toWorld, epoch: 1, zones: snaps.map((s) => ({ zone: s.zone, snap: snapshotHash(s.snap) })), from: o.fromWorld });
  const cipher = isPrivateWorld(o.toKey) ? (await import('./world-cipher.ts')).worldCipherOf(o.toKey) : null;
  const docs: NewDoc[] = [];
  let snapshotBytes = 0;
  try {
    for (const s of snaps) {
      const ydoc = new Y.Doc();
      const room = roomName(o.toKey, epochDocName(s.zone, signed.cut));
      const stored = o.store.open(ydoc, room);
      await stored.whenLoaded;
      const doc = new ZoneDoc(ydoc, s.zone, cipher);
      const link = o.connect ? o.connect(ydoc, room) : null;
      docs.push({ zone: s.zone, doc, stored, link, snap: s.snap });
      storeSnapshot(doc, s.snap);
      snapshotBytes += JSON.stringify(s.snap).length;
      link?.track();
      // A replica of the new world must start from it as it is.
      const wrong = checkSnapshot(s.snap, o.rules, { world: toWorld, zone: s.zone });
      if (wrong !== null) return { ok: false, reason: `the ${s.zone} cannot be carried: ${wrong}` };
      new ZoneReplica({ rules: o.rules, content: o.content, world: toWorld, zone: s.zone, seed: worldSeedOf(o.toKey), viewer: null, owner: o.owner.player, member: memberKeyOfWorld(o.toKey), snapshot: s.snap }).close();
    }
    const confirmed = await Promise.all(docs.map((d) => untilConfirmed(d.link, o.timeoutMs)));
    if (confirmed.includes(false)) return { ok: false, reason: 'the relay did not confirm the new world\'s documents in time' };
    const root = await WorldRoot.open({ worldKey: o.toKey, store: o.store, connect: o.connect, content: o.content, cipher }, o.timeoutMs);
    try {
      root.writeCut(signed.cut, signed.text);
      if (root.link && !(await untilConfirmed(root.link, o.timeoutMs))) return { ok: false, reason: 'the relay did not confirm the new world\'s cut in time' };
    } finally {
      await root.close();
    }
    return { ok: true, epoch: 1, id: signed.cut.id, tail: 0, snapshotBytes };
  } finally {
    for (const d of docs) {
      d.link?.destroy();
      await d.stored.close();
      d.doc.doc.destroy();
    }
  }
}
