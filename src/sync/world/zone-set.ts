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
import { ZoneHandle } from './zone-handle.ts';
import type { WorldCipher } from './world-cipher.ts';

export interface ZoneSetOptions {
  readonly content: Content;
  readonly worldKey: string;
  readonly store: DocStore;
  readonly connect: RelayConnector | null;
  /** How long a zone's first sync with a reachable relay is waited for (ms). */
  readonly relayTimeoutMs: number;
  /** A private world's cipher (world-cipher.ts); absent for a world stored in plaintext. */
  readonly cipher?: WorldCipher | null;
}

export class ZoneSet {
  readonly #o: ZoneSetOptions;
  readonly #open = new Map<string, ZoneHandle>();
  /** Zones whose stored copy this device cannot read, with why. */
  readonly #unreadable = new Map<string, string>();
  readonly #statusListeners = new Set<() => void>();
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
    const opened = await ZoneHandle.open(zone, this.#o.worldKey, this.#o.store, this.#o.connect, this.#o.cipher ?? null);
    const h = this.#open.get(zone);
    if (h || this.#closed) {
      await opened.close();
      if (h) return h;
    } else {
      this.#open.set(zone, opened);
      opened.link?.onStatus(this.#statusChanged);
      this.#statusChanged();
    }
    return opened;
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
      if (h.link && (!h.link.synced || h.link.pending > 0)) continue;
      this.#open.delete(z);
      await h.close();
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
    for (const h of this.#open.values()) await h.close();
    this.#open.clear();
  }
}
