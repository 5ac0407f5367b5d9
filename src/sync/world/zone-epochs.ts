/**
 * The zones of a world at older epochs than its newest cut (world-cut.ts, epoch-bridge.ts), as a
 * ZoneSet holds them: an open zone still at an older epoch is bridged to its document at the
 * newest one, a closed zone's older copies here are carried into the newest epoch, and copies no
 * longer needed are dropped once the relay holds what they hold. Only a world with a cut needs
 * any of it, so ZoneSet loads this module once it sees one (zone-set.ts); a world without cuts
 * never does.
 *
 *   const epochs = new ZoneEpochs({ o, open, closed, statusChanged, onStatus });  // ZoneSet's parts
 *   epochs.bridge(); epochs.carry(zone, cut); await epochs.leaveOlderEpochs(h); await epochs.close();
 */
import * as Y from 'yjs';
import { playerIdOf } from '../intent/player-id.ts';
import { snapshotHash, type ZoneSnapshot } from '../replica/snapshot.ts';
import type { StoredDoc } from './doc-store.ts';
import { copyForward, EpochBridge } from './epoch-bridge.ts';
import { cutSnapOf, EPOCH_ZERO, epochDocName, loadSnapshot, loadTail, SNAPSHOT_MAP, type EpochRef } from './epoch-ref.ts';
import { sha256Hex } from '../intent/bytes.ts';
import type { RelayLink } from './relay-link.ts';
import type { WorldCut } from './world-cut.ts';
import { ZoneDoc } from './world-docs.ts';
import { loggedSealState } from './world-challenge.ts';
import { ownerKeyOf, roomName, worldIdOf } from './world-key.ts';
import type { ZoneHandle } from './zone-handle.ts';
import type { ZoneSetOptions } from './zone-set.ts';

/** What of a ZoneSet its epochs use. */
export interface EpochHost {
  readonly o: ZoneSetOptions;
  /** The zones the set holds open. */
  readonly open: ReadonlyMap<string, ZoneHandle>;
  closed(): boolean;
  /** Tell the set's status listeners (a bridge's link changed). */
  statusChanged(): void;
  /** Called with the set's status changes until it closes; returns the way to stop. */
  onStatus(cb: () => void): () => void;
}

/** A zone's document at a newer epoch, held open beside the zone's open handle and bridged to it. */
interface Bridged {
  readonly at: EpochRef;
  readonly doc: ZoneDoc;
  readonly stored: StoredDoc;
  readonly link: RelayLink | null;
  bridge: EpochBridge | null;
}

export class ZoneEpochs {
  readonly #h: EpochHost;
  /** Open zones at an older epoch than the newest cut's, bridged to their document at that epoch. */
  readonly #bridged = new Map<string, Bridged>();
  /** Closed zones whose older copies here are being carried into the newest epoch. */
  readonly #carrying = new Map<string, Promise<void>>();

  constructor(host: EpochHost) {
    this.#h = host;
  }

  /** Own writes the bridges hold that the relay has not confirmed. */
  get pendingCount(): number {
    let n = 0;
    for (const b of this.#bridged.values()) n += b.link?.pending ?? 0;
    return n;
  }

  /** Entries the bridged document of `zone` holds, if it is at the epoch of cut `id` (else 0). */
  entriesAt(zone: string, id: string): number {
    const b = this.#bridged.get(zone);
    return b?.at.id === id ? b.doc.intents.size : 0;
  }

  /**
   * Bridge every open zone whose epoch is not the newest unchallenged cut's to its document at
   * that epoch (epoch-bridge.ts): called when the cuts or their challenges change and as zones
   * open. The target's snapshot is awaited from the relay before anything is copied (its heads say
   * what the target epoch leaves out). A device that folded the zone's history first compares that
   * snapshot with its own at the same seal: a different one is challenged, never bridged to. A
   * zone open at a cut since challenged is bridged back to the epoch before it the same way (an
   * older epoch's documents hold every entry the newer one's tail holds), and moves there on its
   * next open.
   */
  bridge(): void {
    if (this.#h.closed()) return;
    const cut = this.#h.o.cut?.() ?? null;
    const target: EpochRef = cut ?? EPOCH_ZERO;
    if (cut !== null) for (const zone of this.#h.o.content.zones.keys()) if (!this.#h.open.has(zone)) this.carry(zone, cut);
    for (const [zone, h] of this.#h.open) {
      if (h.at.id === target.id || this.#bridged.get(zone)?.at.id === target.id) continue;
      void this.unbridge(zone);
      const ydoc = new Y.Doc();
      const room = roomName(this.#h.o.worldKey, epochDocName(zone, target));
      const stored = this.#h.o.store.open(ydoc, room);
      const link = this.#h.o.connect ? this.#h.o.connect(ydoc, room) : null;
      const b: Bridged = { at: { epoch: target.epoch, id: target.id }, doc: new ZoneDoc(ydoc, zone, this.#h.o.cipher ?? null), stored, link, bridge: null };
      this.#bridged.set(zone, b);
      link?.onStatus(this.#h.statusChanged);
      const snapHash = cut === null ? null : cutSnapOf(cut, zone) ?? null;
      void stored.whenLoaded.then(() => this.#snapshotOf(b.doc, snapHash)).then((snap) => {
        if (snap === undefined || this.#bridged.get(zone) !== b) return;
        if (cut !== null && snap !== null && this.#refuted(cut, zone, h, snap, b.doc)) return;
        b.bridge = EpochBridge.open(h.doc, b.doc, snap);
        link?.track();
      });
    }
  }

  /**
   * True when this device folded `zone` through the seal `snap` names and its own snapshot there
   * is another: the cut is challenged (world-challenge.ts) and not bridged to. A device that has
   * not folded through that seal (not final here yet, or it started from a later snapshot) cannot
   * tell, and bridges: copying signed entries needs no trust, only opening from a snapshot does.
   */
  #refuted(cut: WorldCut, zone: string, h: ZoneHandle, snap: ZoneSnapshot, next: ZoneDoc): boolean {
    const own = h.replica?.snapshotAt(snap.seal.id) ?? null;
    if (own === null) return false;
    const ownHash = snapshotHash(own);
    if (ownHash === snapshotHash(snap) && !this.#falselyVouched(cut, zone, h, next)) return false;
    this.#h.o.challenge?.(cut, zone, snap.seal.id, ownHash);
    return true;
  }

  /**
   * True when the tail `cut` vouches for in `zone` (epoch-ref.ts `AttestedTail`: devices opening
   * from the snapshot take it as checked) holds an entry whose signature, id or key does not
   * verify here: the owner's word is false, and the cut is challenged as a false snapshot is.
   * Entries not here yet, or here under another string than the one vouched for, are not judged
   * (nobody takes another string as checked).
   */
  #falselyVouched(cut: WorldCut, zone: string, h: ZoneHandle, next: ZoneDoc): boolean {
    const hash = cut.zones.find((z) => z.zone === zone)?.tail;
    const replica = h.replica;
    if (hash === undefined || replica === null) return false;
    const tail = loadTail(next, hash);
    if (tail === null) return false;
    for (const [id, rawHash] of tail) {
      const value = next.intents.get(id);
      const raw = value === undefined ? undefined : next.intentText(id, value);
      if (typeof raw === 'string' && sha256Hex(raw) === rawHash && replica.failsCryptoChecks(id, raw)) return true;
    }
    return false;
  }

  /**
   * True when a copy this device keeps of an older epoch holds the owner's seal that `h`'s
   * snapshot names, and that seal names another state than the snapshot says: the cut is then
   * challenged (world-challenge.ts) and nothing is carried into it. The device need not fold
   * anything for this; a false state under a new false seal is left to the devices that fold
   * the history as the cut appears (`#refuted`).
   */
  async contradicted(h: ZoneHandle, cut: WorldCut): Promise<boolean> {
    const o = this.#h.o;
    const snap = h.snapshot;
    if (o.store.holds === undefined || snap === null || o.challenge === undefined) return false;
    const owner = ownerKeyOf(o.worldKey);
    const expect = { world: worldIdOf(o.worldKey), zone: h.zone, owner: owner === null ? null : playerIdOf(owner) };
    for (const room of this.#olderRooms(h.zone, h.at)) {
      if (!(await o.store.holds(room))) continue;
      const ydoc = new Y.Doc();
      const stored = o.store.open(ydoc, room);
      try {
        await stored.whenLoaded;
        const logged = loggedSealState(new ZoneDoc(ydoc, h.zone, o.cipher ?? null), snap.seal.id, expect);
        if (logged !== null && logged !== snap.seal.state) {
          o.challenge(cut, h.zone, snap.seal.id, logged);
          return true;
        }
      } finally {
        await stored.close();
        ydoc.destroy();
      }
    }
    return false;
  }

  /**
   * A zone not open here: what this device keeps of it at older epochs than `cut`'s (its own play
   * there above all, which may have reached nobody else) is copied into the newest epoch once
   * that epoch's snapshot is here, and the older copies are retired (`#retire`). So every device
   * carries its own writes forward, whether or not it ever opens the zone again.
   */
  carry(zone: string, cut: WorldCut): void {
    const store = this.#h.o.store;
    if (store.holds === undefined || this.#carrying.has(zone)) return;
    const work = (async () => {
      const older: string[] = [];
      for (const room of this.#olderRooms(zone, cut)) if (await store.holds!(room)) older.push(room);
      if (older.length === 0 || this.#h.closed()) return;
      const ydoc = new Y.Doc();
      const room = roomName(this.#h.o.worldKey, epochDocName(zone, cut));
      const stored = store.open(ydoc, room);
      const link = this.#h.o.connect ? this.#h.o.connect(ydoc, room) : null;
      const doc = new ZoneDoc(ydoc, zone, this.#h.o.cipher ?? null);
      try {
        await stored.whenLoaded;
        const snap = await this.#snapshotOf(doc, cutSnapOf(cut, zone) ?? null);
        if (snap === undefined) return;
        const retiring: Promise<void>[] = [];
        for (const old of older) {
          const oldDoc = new Y.Doc();
          const oldStored = store.open(oldDoc, old);
          await oldStored.whenLoaded;
          copyForward(new ZoneDoc(oldDoc, zone, this.#h.o.cipher ?? null), doc, snap);
          link?.track();
          retiring.push(this.#retire(old, oldDoc, oldStored, link));
        }
        await Promise.all(retiring);
      } finally {
        link?.destroy();
        await stored.close();
        ydoc.destroy();
      }
    })().finally(() => this.#carrying.delete(zone));
    this.#carrying.set(zone, work);
  }

  /** The snapshot `hash` names, once `doc` holds it (null: none named); undefined if the set closes first. */
  #snapshotOf(doc: ZoneDoc, hash: string | null): Promise<ZoneSnapshot | null | undefined> {
    if (hash === null) return Promise.resolve(null);
    const now = loadSnapshot(doc, hash);
    if (now !== null) return Promise.resolve(now);
    return new Promise((resolve) => {
      const snapshots = doc.doc.getMap(SNAPSHOT_MAP);
      const look = (): void => {
        const snap = this.#h.closed() ? undefined : loadSnapshot(doc, hash);
        if (snap === null) return;
        snapshots.unobserve(look);
        unlisten();
        resolve(snap);
      };
      snapshots.observe(look);
      // Closing the set ends the wait (its status listeners are cleared then: zone-set.ts close()).
      const unlisten = this.#h.onStatus(look);
    });
  }

  /** Close the bridge of `zone`, if it has one. */
  unbridge(zone: string): Promise<void> {
    const b = this.#bridged.get(zone);
    if (b === undefined) return Promise.resolve();
    this.#bridged.delete(zone);
    b.bridge?.close();
    b.link?.destroy();
    return b.stored.close().finally(() => b.doc.doc.destroy());
  }

  /**
   * This device's copies of the zone at older epochs than `h`'s: what they hold outside the cut
   * (our own writes made offline there, above all) is copied into `h` before anything is signed
   * here; then each copy is handed to its own room on the relay and dropped (`#retire`).
   */
  async leaveOlderEpochs(h: ZoneHandle): Promise<void> {
    const store = this.#h.o.store;
    if (store.holds === undefined) return;
    for (const room of this.#olderRooms(h.zone, h.at)) {
      if (!(await store.holds(room))) continue;
      const ydoc = new Y.Doc();
      const stored = store.open(ydoc, room);
      await stored.whenLoaded;
      copyForward(new ZoneDoc(ydoc, h.zone, this.#h.o.cipher ?? null), h.doc, h.snapshot);
      h.link?.track();
      void this.#retire(room, ydoc, stored, h.link);
    }
  }

  /**
   * Drop this device's copy of an older epoch's document, once nothing is lost by it: the relay's
   * room of that epoch must hold every write the copy holds (devices still folding that epoch may
   * need entries below the cut, which the new epoch keeps only in its snapshot), and the relay
   * must hold what was copied forward (`forward`: the newer document's link). Without a relay the
   * copy is kept: it may be the only one. Closing the set first keeps it too.
   */
  async #retire(room: string, ydoc: Y.Doc, stored: StoredDoc, forward: RelayLink | null): Promise<void> {
    const link = this.#h.o.connect ? this.#h.o.connect(ydoc, room) : null;
    try {
      if (link === null || forward === null || this.#h.o.store.drop === undefined) return;
      // Every writer this copy holds: the relay confirms each one's clock.
      for (const client of Y.decodeStateVector(Y.encodeStateVector(ydoc)).keys()) link.track(client);
      const confirmed = (l: RelayLink): Promise<boolean> => new Promise((resolve) => {
        const look = (): void => {
          if (this.#h.closed()) done(false);
          // A room the relay dropped on the owner's order holds nothing more to confirm: the
          // owner retired that epoch, and what this copy holds beyond the cut went forward.
          else if ((l.pending === 0 && l.synced) || (l === link && l.gone)) done(true);
        };
        const done = (ok: boolean): void => {
          off();
          unlisten();
          resolve(ok);
        };
        const off = l.onStatus(look);
        const unlisten = this.#h.onStatus(look);
        look();
      });
      if (!(await confirmed(link)) || !(await confirmed(forward))) return;
      link.destroy();
      await stored.close();
      ydoc.destroy();
      await this.#h.o.store.drop(room);
      return;
    } finally {
      if (!ydoc.isDestroyed) {
        link?.destroy();
        await stored.close();
        ydoc.destroy();
      }
    }
  }

  /**
   * The rooms of `zone` this device leaves for `at`: every epoch but `at` (epoch 0, and every other
   * valid cut's, a challenged one included) and the newest unchallenged cut's (a zone opened at
   * an older epoch, its snapshot missing, keeps the newest one to open next time).
   */
  #olderRooms(zone: string, at: EpochRef): string[] {
    const newest = this.#h.o.cut?.()?.id ?? '';
    return [EPOCH_ZERO, ...(this.#h.o.cuts?.() ?? [])].filter((c) => c.id !== at.id && c.id !== newest).map((c) => roomName(this.#h.o.worldKey, epochDocName(zone, c)));
  }

  /** Writes the bridge of `zone` holds that the relay has not confirmed. */
  bridgePending(zone: string): number {
    return this.#bridged.get(zone)?.link?.pending ?? 0;
  }

  async close(): Promise<void> {
    for (const z of [...this.#bridged.keys()]) await this.unbridge(z);
  }
}
