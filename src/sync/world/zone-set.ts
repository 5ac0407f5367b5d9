/**
 * The zone documents a world has open, and the policy of which ones: the player's zone, its
 * neighbours (prefetched so crossing is instant), and the zones left lately (their late intents
 * still settle our crossings). A zone that cannot be read on this device (a damaged store) stays
 * closed and is remembered, so crossing into it is refused instead of failing.
 * A world with a cut (world-cut.ts) also has zones at older epochs to bridge and carry forward:
 * zone-epochs.ts, loaded once the world has a cut.
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
import { EPOCH_ZERO } from './epoch-ref.ts';
import type { WorldCut } from './world-cut.ts';
import type { ZoneSnapshot } from '../replica/snapshot.ts';
import type { ZoneEpochs } from './zone-epochs.ts';

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
   * Say that `cut`'s snapshot of `zone` is not what this device holds at its seal (`own`: the hash
   * of its own snapshot there, or the state its copy of the seal names): world-challenge.ts.
   * Absent: this device does not challenge.
   */
  readonly challenge?: (cut: WorldCut, zone: string, seal: string, own: string) => void;
}

export class ZoneSet {
  readonly #o: ZoneSetOptions;
  readonly #open = new Map<string, ZoneHandle>();
  /** Zones whose stored copy this device cannot read, with why. */
  readonly #unreadable = new Map<string, string>();
  readonly #statusListeners = new Set<() => void>();
  /** The zones at older epochs than the newest cut's (zone-epochs.ts): loaded once the world has a cut. */
  #epochs: ZoneEpochs | null = null;
  #loadingEpochs: Promise<ZoneEpochs> | null = null;
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
    return n + (this.#epochs?.pendingCount ?? 0);
  }

  /** Called when a zone opens or closes, or an open zone's link changes (connection, sync, pending writes). */
  onStatus(cb: () => void): () => void {
    this.#statusListeners.add(cb);
    return () => this.#statusListeners.delete(cb);
  }

  #statusChanged = (): void => {
    for (const cb of this.#statusListeners) cb();
  };

  /** The code for zones at older epochs (zone-epochs.ts), loaded the first time a cut needs it. */
  /** The world has a cut, challenged or not (the cut code is in once `cuts` names one). */
  #hasCuts(): boolean {
    return (this.#o.cut?.() ?? null) !== null || (this.#o.cuts?.().length ?? 0) > 0;
  }

  #loadEpochs(): Promise<ZoneEpochs> {
    this.#loadingEpochs ??= import('./zone-epochs.ts').then(({ ZoneEpochs }) => {
      this.#epochs = new ZoneEpochs({
        o: this.#o, open: this.#open, closed: () => this.#closed, statusChanged: this.#statusChanged,
        onStatus: (cb) => this.onStatus(cb),
      });
      return this.#epochs;
    });
    return this.#loadingEpochs;
  }

  /**
   * Bridge every open zone whose epoch is older than the newest cut's to its document at that
   * epoch, and carry what this device keeps of closed zones at older epochs into it
   * (zone-epochs.ts): called when the cuts change and as zones open. Nothing to do, and nothing
   * loaded, while the world has no cut.
   */
  bridge(): void {
    if (this.#closed || !this.#hasCuts()) return;
    if (this.#epochs !== null) this.#epochs.bridge();
    else void this.#loadEpochs().then((epochs) => epochs.bridge());
  }

  /** A zone's handle, opened if it was not yet (two concurrent opens keep the first). */
  async open(zone: string): Promise<ZoneHandle> {
    const known = this.#open.get(zone);
    if (known) return known;
    const cut = this.#o.cut?.() ?? null;
    const named = cut?.zones.find((z) => z.zone === zone);
    const at = cut === null ? { ...EPOCH_ZERO, snap: null } : { epoch: cut.epoch, id: cut.id, snap: named?.snap ?? null, ...(named?.tail === undefined ? {} : { tail: named.tail }) };
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
    if (cut !== null && opened.at.id === cut.id && (await (await this.#loadEpochs()).contradicted(opened, cut))) {
      // Challenged: open the newest cut nobody challenged instead (once: a challenge that does not
      // count, a watcher's, leaves the cut as it was, and the zone opens there after all).
      if (this.#o.cut?.()?.id !== cut.id) {
        await opened.close();
        return this.open(zone);
      }
    }
    // Copies of other epochs kept here are carried into this one (with every cut challenged, the
    // zone opens at epoch 0 and carries the challenged epoch's copy back).
    if (this.#hasCuts()) await (await this.#loadEpochs()).leaveOlderEpochs(opened);
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

  /** Entries the open zones hold in their documents at the newest epoch (a zone still at an older one: its bridged document's). */
  entriesAtNewestEpoch(): number {
    const newest = this.#o.cut?.()?.id ?? '';
    let n = 0;
    for (const [zone, h] of this.#open) n += h.at.id === newest ? h.doc.intents.size : (this.#epochs?.entriesAt(zone, newest) ?? 0);
    return n;
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
      if (h.link && (!h.link.synced || h.link.pending > 0 || (this.#epochs?.bridgePending(z) ?? 0) > 0)) continue;
      this.#open.delete(z);
      await this.#epochs?.unbridge(z);
      await h.close();
      const cut = this.#o.cut?.() ?? null;
      if (cut !== null && h.at.id !== cut.id) void this.#loadEpochs().then((epochs) => epochs.carry(z, cut));
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
    await this.#epochs?.close();
    for (const h of this.#open.values()) await h.close();
    this.#open.clear();
  }
}
