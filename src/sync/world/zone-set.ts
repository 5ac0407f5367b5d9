/**
 * The zone documents a world has open, and the policy of which ones: the player's zone, its
 * neighbours (prefetched so crossing is instant), and the zones left lately (their late intents
 * still settle our crossings). A zone that cannot be read on this device (a damaged store) stays
 * closed and is remembered, so crossing into it is refused instead of failing.
 *
 *   const zones = new ZoneSet({ content, worldKey, store, connect, relayTimeoutMs: 3000 });
 *   const h = await zones.open('harbor');
 *   await zones.prefetch('harbor', () => [current, ...leftLately]);
 *   zones.syncing(h); zones.pendingCount; zones.onStatus(() => …); await zones.close();
 */
import type { Content } from '../../content/schema.ts';
import type { DocStore } from './doc-store.ts';
import { neighbourZones } from './neighbours.ts';
import type { RelayConnector } from './relay-link.ts';
import { SnapshotMissing, ZoneHandle } from './zone-handle.ts';
import type { WorldCipher } from './world-cipher.ts';
import * as Y from 'yjs';
import { cutSnapOf, EPOCH_ZERO, epochDocName, loadSnapshot, SNAPSHOT_MAP, type EpochRef, type WorldCut } from './world-cut.ts';
import { copyForward, EpochBridge } from './epoch-bridge.ts';
import { ZoneDoc } from './world-docs.ts';
import { ownerKeyOf, roomName, worldIdOf } from './world-key.ts';
import { playerIdOf } from '../intent/player-id.ts';
import { loggedSealState } from './world-challenge.ts';
import { snapshotHash, type ZoneSnapshot } from '../replica/snapshot.ts';
import type { StoredDoc } from './doc-store.ts';
import type { RelayLink } from './relay-link.ts';

export interface ZoneSetOptions {
  readonly content: Content;
  readonly worldKey: string;
  readonly store: DocStore;
  readonly connect: RelayConnector | null;
  /** How long a zone's first sync with a reachable relay is waited for (ms). */
  readonly relayTimeoutMs: number;
  /** A private world's cipher (world-cipher.ts); absent for a world stored in plaintext. */
  readonly cipher?: WorldCipher | null;
  /** The world's newest cut (world-cut.ts): zones open at its epoch. Absent: every zone at epoch 0. */
  readonly cut?: () => WorldCut | null;
  /** Every valid cut of the world (the rooms of older epochs this device may still keep). */
  readonly cuts?: () => readonly WorldCut[];
  /** What is wrong with a snapshot a cut names for `zone` (replica/snapshot.ts `checkSnapshot`), or null. */
  readonly checkSnapshot?: (snap: ZoneSnapshot, zone: string) => string | null;
  /**
   * Say that `cut`'s snapshot of `zone` is not what this device's own fold gives at its seal
   * (`own`: the hash of ours): world-challenge.ts. Absent: this device does not challenge.
   */
  readonly challenge?: (cut: WorldCut, zone: string, seal: string, own: string) => void;
}

/** A zone's document at a newer epoch, held open beside the zone's open handle and bridged to it. */
interface Bridged {
  readonly at: EpochRef;
  readonly doc: ZoneDoc;
  readonly stored: StoredDoc;
  readonly link: RelayLink | null;
  bridge: EpochBridge | null;
}

export class ZoneSet {
  readonly #o: ZoneSetOptions;
  readonly #open = new Map<string, ZoneHandle>();
  /** Zones whose stored copy this device cannot read, with why. */
  readonly #unreadable = new Map<string, string>();
  readonly #statusListeners = new Set<() => void>();
  /** Open zones at an older epoch than the newest cut's, bridged to their document at that epoch. */
  readonly #bridged = new Map<string, Bridged>();
  /** Closed zones whose older copies here are being carried into the newest epoch. */
  readonly #carrying = new Map<string, Promise<void>>();
  #closed = false;

  constructor(o: ZoneSetOptions) {
    this.#o = o;
  }

  get(zone: string): ZoneHandle | undefined {
    return this.#open.get(zone);
  }
  values(): IterableIterator<ZoneHandle> {
    return this.#open.values();
  }
  unreadable(zone: string): boolean {
    return this.#unreadable.has(zone);
  }
  /** Own intents the relay has not confirmed, over every open zone. */
  get pendingCount(): number {
    let n = 0;
    for (const h of this.#open.values()) n += h.link?.pending ?? 0;
    for (const b of this.#bridged.values()) n += b.link?.pending ?? 0;
    return n;
  }

  /** Called when a zone opens or closes, or an open zone's link changes (connection, sync, pending writes). */
  onStatus(cb: () => void): () => void {
    this.#statusListeners.add(cb);
    return () => this.#statusListeners.delete(cb);
  }

  #statusChanged = (): void => {
    for (const cb of this.#statusListeners) cb();
  };

  /** A zone's handle, opened if it was not yet (two concurrent opens keep the first). */
  async open(zone: string): Promise<ZoneHandle> {
    const known = this.#open.get(zone);
    if (known) return known;
    const cut = this.#o.cut?.() ?? null;
    const at = cut === null ? { ...EPOCH_ZERO, snap: null } : { epoch: cut.epoch, id: cut.id, snap: cutSnapOf(cut, zone) ?? null };
    let opened: ZoneHandle;
    try {
      opened = await ZoneHandle.open(zone, this.#o.worldKey, this.#o.store, this.#o.connect, this.#o.cipher ?? null, at, this.#o.relayTimeoutMs);
    } catch (e) {
      if (!(e instanceof SnapshotMissing)) throw e;
      // The relay is slow or away, and the snapshot is not kept here: the zone opens from its
      // beginning instead, bridged to the newest epoch (nothing is lost, it only costs more).
      opened = await ZoneHandle.open(zone, this.#o.worldKey, this.#o.store, this.#o.connect, this.#o.cipher ?? null);
    }
    const wrong = opened.snapshot === null ? null : this.#o.checkSnapshot?.(opened.snapshot, zone) ?? null;
    if (wrong !== null) {
      await opened.close();
      throw new Error(`the snapshot of ${zone} for epoch ${at.epoch} is refused: ${wrong}`);
    }
    if (cut !== null && opened.at.id === cut.id && (await this.#contradicted(opened, cut))) {
      // Challenged: open the newest cut nobody challenged instead (once: a challenge that does not
      // count, a watcher's, leaves the cut as it was, and the zone opens there after all).
      if (this.#o.cut?.()?.id !== cut.id) {
        await opened.close();
        return this.open(zone);
      }
    }
    await this.#leaveOlderEpochs(opened);
    const h = this.#open.get(zone);
    if (h || this.#closed) {
      await opened.close();
      if (h) return h;
    } else {
      this.#open.set(zone, opened);
      opened.link?.onStatus(this.#statusChanged);
      this.#statusChanged();
      this.bridge();
    }
    return opened;
  }

  /**
   * Bridge every open zone whose epoch is not the newest unchallenged cut's to its document at
   * that epoch (epoch-bridge.ts): called when the cuts or their challenges change and as zones
   * open. The target's snapshot is awaited from the relay before anything is copied (its heads say
   * what the target epoch leaves out). A device that folded the zone's history first compares that
   * snapshot with its own at the same seal: a different one is challenged, never bridged to. A
   * zone open at a cut since challenged is bridged back to the epoch before it the same way (an
   * older epoch's tail holds every entry the newer one does), and moves there on its next open.
   */
  bridge(): void {
    if (this.#closed) return;
    const cut = this.#o.cut?.() ?? null;
    const target: EpochRef = cut ?? EPOCH_ZERO;
    if (cut !== null) for (const zone of this.#o.content.zones.keys()) if (!this.#open.has(zone)) this.#carry(zone, cut);
    for (const [zone, h] of this.#open) {
      if (h.at.id === target.id || this.#bridged.get(zone)?.at.id === target.id) continue;
      void this.#unbridge(zone);
      const ydoc = new Y.Doc();
      const room = roomName(this.#o.worldKey, epochDocName(zone, target));
      const stored = this.#o.store.open(ydoc, room);
      const link = this.#o.connect ? this.#o.connect(ydoc, room) : null;
      const b: Bridged = { at: { epoch: target.epoch, id: target.id }, doc: new ZoneDoc(ydoc, zone, this.#o.cipher ?? null), stored, link, bridge: null };
      this.#bridged.set(zone, b);
      link?.onStatus(this.#statusChanged);
      const snapHash = cut === null ? null : cutSnapOf(cut, zone) ?? null;
      void stored.whenLoaded.then(() => this.#snapshotOf(b.doc, snapHash)).then((snap) => {
        if (snap === undefined || this.#bridged.get(zone) !== b) return;
        if (cut !== null && snap !== null && this.#refuted(cut, zone, h, snap)) return;
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
  #refuted(cut: WorldCut, zone: string, h: ZoneHandle, snap: ZoneSnapshot): boolean {
    const own = h.replica?.snapshotAt(snap.seal.id) ?? null;
    if (own === null) return false;
    const ownHash = snapshotHash(own);
    if (ownHash === snapshotHash(snap)) return false;
    this.#o.challenge?.(cut, zone, snap.seal.id, ownHash);
    return true;
  }

  /**
   * A zone not open here: what this device keeps of it at older epochs than `cut`'s (its own play
   * there above all, which may have reached nobody else) is copied into the newest epoch once
   * that epoch's snapshot is here, and the older copies are retired (`#retire`). So every device
   * carries its own writes forward, whether or not it ever opens the zone again.
   */
  #carry(zone: string, cut: WorldCut): void {
    const store = this.#o.store;
    if (store.holds === undefined || this.#carrying.has(zone)) return;
    const work = (async () => {
      const older: string[] = [];
      for (const room of this.#olderRooms(zone, cut)) if (await store.holds!(room)) older.push(room);
      if (older.length === 0 || this.#closed) return;
      const ydoc = new Y.Doc();
      const room = roomName(this.#o.worldKey, epochDocName(zone, cut));
      const stored = store.open(ydoc, room);
      const link = this.#o.connect ? this.#o.connect(ydoc, room) : null;
      const doc = new ZoneDoc(ydoc, zone, this.#o.cipher ?? null);
      try {
        await stored.whenLoaded;
        const snap = await this.#snapshotOf(doc, cutSnapOf(cut, zone) ?? null);
        if (snap === undefined) return;
        const retiring: Promise<void>[] = [];
        for (const old of older) {
          const oldDoc = new Y.Doc();
          const oldStored = store.open(oldDoc, old);
          await oldStored.whenLoaded;
          copyForward(new ZoneDoc(oldDoc, zone, this.#o.cipher ?? null), doc, snap);
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
        const snap = this.#closed ? undefined : loadSnapshot(doc, hash);
        if (snap === null) return;
        snapshots.unobserve(look);
        this.#statusListeners.delete(look);
        resolve(snap);
      };
      snapshots.observe(look);
      // Closing the set ends the wait (the status listeners are cleared then: see close()).
      this.#statusListeners.add(look);
    });
  }

  #unbridge(zone: string): Promise<void> {
    const b = this.#bridged.get(zone);
    if (b === undefined) return Promise.resolve();
    this.#bridged.delete(zone);
    b.bridge?.close();
    b.link?.destroy();
    return b.stored.close().finally(() => b.doc.doc.destroy());
  }

  /**
   * True when a copy this device keeps of an older epoch holds the owner's seal that `h`'s
   * snapshot names, and that seal names another state than the snapshot says: the cut is then
   * challenged (world-challenge.ts) and nothing is carried into it. The device need not fold
   * anything for this; a false state under a new false seal is left to the devices that fold
   * the history as the cut appears (`#refuted`).
   */
  async #contradicted(h: ZoneHandle, cut: WorldCut): Promise<boolean> {
    const store = this.#o.store;
    const snap = h.snapshot;
    if (store.holds === undefined || snap === null || this.#o.challenge === undefined) return false;
    const owner = ownerKeyOf(this.#o.worldKey);
    const expect = { world: worldIdOf(this.#o.worldKey), zone: h.zone, owner: owner === null ? null : playerIdOf(owner) };
    for (const room of this.#olderRooms(h.zone, h.at)) {
      if (!(await store.holds(room))) continue;
      const ydoc = new Y.Doc();
      const stored = store.open(ydoc, room);
      try {
        await stored.whenLoaded;
        const logged = loggedSealState(new ZoneDoc(ydoc, h.zone, this.#o.cipher ?? null), snap.seal.id, expect);
        if (logged !== null && logged !== snap.seal.state) {
          this.#o.challenge(cut, h.zone, snap.seal.id, logged);
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
   * This device's copies of the zone at older epochs than `h`'s: what they hold outside the cut
   * (our own writes made offline there, above all) is copied into `h` before anything is signed
   * here; then each copy is handed to its own room on the relay and dropped (`#retire`).
   */
  async #leaveOlderEpochs(h: ZoneHandle): Promise<void> {
    const store = this.#o.store;
    if (store.holds === undefined) return;
    for (const room of this.#olderRooms(h.zone, h.at)) {
      if (!(await store.holds(room))) continue;
      const ydoc = new Y.Doc();
      const stored = store.open(ydoc, room);
      await stored.whenLoaded;
      copyForward(new ZoneDoc(ydoc, h.zone, this.#o.cipher ?? null), h.doc, h.snapshot);
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
    const link = this.#o.connect ? this.#o.connect(ydoc, room) : null;
    try {
      if (link === null || forward === null || this.#o.store.drop === undefined) return;
      // Every writer this copy holds: the relay confirms each one's clock.
      for (const client of Y.decodeStateVector(Y.encodeStateVector(ydoc)).keys()) link.track(client);
      const confirmed = (l: RelayLink): Promise<boolean> => new Promise((resolve) => {
        const look = (): void => {
          if (this.#closed) done(false);
          else if (l.pending === 0 && l.synced) done(true);
        };
        const done = (ok: boolean): void => {
          off();
          this.#statusListeners.delete(look);
          resolve(ok);
        };
        const off = l.onStatus(look);
        this.#statusListeners.add(look);
        look();
      });
      if (!(await confirmed(link)) || !(await confirmed(forward))) return;
      link.destroy();
      await stored.close();
      ydoc.destroy();
      await this.#o.store.drop(room);
      return;
    } finally {
      if (!ydoc.isDestroyed) {
        link?.destroy();
        await stored.close();
        ydoc.destroy();
      }
    }
  }

  /** Entries the open zones hold in their documents at the newest epoch (a zone still at an older one: its bridged document's). */
  entriesAtNewestEpoch(): number {
    const newest = this.#o.cut?.()?.id ?? '';
    let n = 0;
    for (const [zone, h] of this.#open) {
      if (h.at.id === newest) n += h.doc.intents.size;
      else if (this.#bridged.get(zone)?.at.id === newest) n += this.#bridged.get(zone)!.doc.intents.size;
    }
    return n;
  }

  /**
   * The rooms of `zone` this device leaves for `at`: every epoch but `at` (epoch 0, and every other
   * valid cut's, a challenged one included) and the newest unchallenged cut's (a zone opened at
   * an older epoch, its snapshot missing, keeps the newest one to open next time).
   */
  #olderRooms(zone: string, at: EpochRef): string[] {
    const newest = this.#o.cut?.()?.id ?? '';
    return [EPOCH_ZERO, ...(this.#o.cuts?.() ?? [])].filter((c) => c.id !== at.id && c.id !== newest).map((c) => roomName(this.#o.worldKey, epochDocName(zone, c)));
  }

  /** Writes the bridge of `zone` holds that the relay has not confirmed. */
  #bridgePending(zone: string): number {
    return this.#bridged.get(zone)?.link?.pending ?? 0;
  }

  /** Opened, and its relay's copy awaited (up to `timeoutMs`, or until the relay is unreachable). */
  async openSynced(zone: string, timeoutMs: number): Promise<ZoneHandle> {
    const h = await this.open(zone);
    await h.link?.whenSynced(timeoutMs, { untilUnreachable: true });
    return h;
  }

  /** The zone's first sync with a reachable relay is still under way (within the open timeout). */
  syncing(h: ZoneHandle): boolean {
    if (!h.link || h.link.synced || h.link.unreachable) return false;
    return Date.now() - h.openedAt < this.#o.relayTimeoutMs;
  }

  /** Waits for the first sync of the neighbours of `zone` still syncing (each within its open timeout). */
  async neighboursSynced(zone: string): Promise<void> {
    const syncing = neighbourZones(this.#o.content, zone).map((z) => this.#open.get(z)).filter((h): h is ZoneHandle => h !== undefined && this.syncing(h));
    await Promise.all(syncing.map((h) => h.link!.whenSynced(Math.max(0, this.#o.relayTimeoutMs - (Date.now() - h.openedAt)), { untilUnreachable: true })));
  }

  /**
   * Open the neighbours of `zone` (load and sync their logs), the zones `keep()` names (the
   * player's zone and those left lately, as they are when each is looked at) and `also`; close
   * zones now two or more steps away. Returns the zones wanted open.
   */
  async prefetch(zone: string, keep: () => readonly string[], also: readonly string[] = []): Promise<ReadonlySet<string>> {
    const wanted = new Set([zone, ...neighbourZones(this.#o.content, zone), ...keep(), ...also]);
    for (const [z, h] of [...this.#open]) {
      // Only a durable store gets a closed zone back. A zone stays open while the relay may lack
      // our writes there: until its first sync (which sends what this device holds that the
      // relay does not, writes of an earlier session included) and its confirmations.
      if (!this.#o.store.durable || wanted.has(z) || keep().includes(z)) continue;
      if (h.link && (!h.link.synced || h.link.pending > 0 || this.#bridgePending(z) > 0)) continue;
      this.#open.delete(z);
      await this.#unbridge(z);
      await h.close();
      const cut = this.#o.cut?.() ?? null;
      if (cut !== null && h.at.id !== cut.id) this.#carry(z, cut);
      this.#statusChanged();
    }
    for (const n of wanted) {
      if (this.#open.has(n) || this.#unreadable.has(n)) continue;
      try {
        await this.open(n);
      } catch (e) {
        // A neighbour this device cannot read (a damaged store) stays closed: crossing into it is refused.
        this.#unreadable.set(n, e instanceof Error ? e.message : String(e));
      }
    }
    return wanted;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#statusListeners.clear();
    for (const z of [...this.#bridged.keys()]) await this.#unbridge(z);
    for (const h of this.#open.values()) await h.close();
    this.#open.clear();
  }
}
