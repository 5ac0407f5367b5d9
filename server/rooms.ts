// The rooms held in memory: loads a room from the store on first use (once, however many
// connections ask at the same time), compacts its stored log in the background, and unloads it
// when it has had no peers for a while. A compaction rewrites the room's whole state, so it waits
// until the room's writes since the last one add up to `compactRatio` times that state (and
// `compactEvery` writes): its cost per written byte stays 1/compactRatio however long the history
// (compacting every N writes made a zone's storage writes grow with the square of its history). When the table is full, or an address has made the relay
// load as many rooms as it may, idle rooms make way: never-written ones first, then the longest
// idle. Each loaded room is charged to the address whose connection loaded it.
//
//   const room = await rooms.acquire('abc', ip); room.join(peer); ...; room.leave(peer); rooms.released(room)
import { CLOSE, PeerRefused } from './peer.ts';
import { Room, type RoomLimits } from './room.ts';
import type { RoomStore } from './storage.ts';
import type { RelayMetrics } from './metrics.ts';
import type { Logger } from './log.ts';

export interface RoomsOptions {
  idleMs: number;
  /** Fewest writes between compactions; with compactRatio 0, compact exactly every N writes. */
  compactEvery: number;
  /** Compact once the bytes written since reach this multiple of the compacted state (default 0.5). */
  compactRatio?: number;
  maxRooms: number;
  /** Rooms one address may keep loaded (including idle ones it loaded and left). */
  maxLoadedPerAddress: number;
  room: RoomLimits;
}

const DROPPED_TEXT = "dropped by its world's owner";

export class RoomLimitError extends Error {
  constructor(readonly limit: 'relay-full' | 'address-full') {
    super(limit === 'relay-full' ? 'too many rooms' : 'too many rooms loaded by one address');
  }
}

interface Entry {
  room: Room;
  /** The address charged for this room being in memory. */
  address: string;
  /** Anything stored for the room: loaded from storage, or written since. */
  written: boolean;
  /** Writes (by this relay's clients, or loaded past the first stored row) since the last compaction. */
  writesSinceCompaction: number;
  /** Their bytes. */
  bytesSinceCompaction: number;
  /** Size of the state the last compaction stored (at load: the first stored row). */
  compactedBytes: number;
  compactionScheduled: boolean;
  idleTimer: NodeJS.Timeout | null;
}

/** Idle rooms in the order they became idle (a Map keeps insertion order), never-written apart. */
class IdleRooms {
  private readonly fresh = new Map<string, Entry>();
  private readonly written = new Map<string, Entry>();

  add(entry: Entry): void {
    this.remove(entry);
    (entry.written ? this.written : this.fresh).set(entry.room.name, entry);
  }

  remove(entry: Entry): void {
    this.fresh.delete(entry.room.name);
    this.written.delete(entry.room.name);
  }

  /** The room to evict first: never written, then idle longest; only among `within` if given. */
  victim(within?: ReadonlySet<string>): Entry | undefined {
    for (const pool of [this.fresh, this.written]) {
      for (const [name, entry] of pool) if (within === undefined || within.has(name)) return entry;
    }
    return undefined;
  }
}

export class Rooms {
  private readonly loaded = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly idle = new IdleRooms();
  /** Room names loaded (or loading) on behalf of each address. */
  private readonly charged = new Map<string, Set<string>>();
  /** Rooms being dropped (drops.ts): never loaded again. */
  private readonly retiring = new Set<string>();

  constructor(
    private readonly store: RoomStore,
    private readonly options: RoomsOptions,
    private readonly metrics: RelayMetrics,
    private readonly log: Logger,
  ) {}

  get count(): number {
    return this.loaded.size;
  }

  /** The loaded room, if any (tests and metrics). */
  peek(name: string): Room | undefined {
    return this.loaded.get(name)?.room;
  }

  /** Rooms in memory (or loading) charged to `address`. */
  chargedTo(address: string): number {
    return this.charged.get(address)?.size ?? 0;
  }

  async acquire(name: string, address: string): Promise<Room> {
    for (;;) {
      const pendingUnload = this.unloading.get(name);
      if (pendingUnload !== undefined) await pendingUnload;
      const entry = this.loaded.get(name);
      if (entry !== undefined) {
        if (entry.idleTimer !== null) clearTimeout(entry.idleTimer);
        entry.idleTimer = null;
        this.idle.remove(entry);
        return entry.room;
      }
      let loading = this.loading.get(name);
      if (loading === undefined) {
        const mine = this.charged.get(address);
        if (mine !== undefined && mine.size >= this.options.maxLoadedPerAddress) {
          await this.evict(this.idle.victim(mine), 'address-full');
          continue;
        }
        if (this.loaded.size + this.loading.size >= this.options.maxRooms) {
          await this.evict(this.idle.victim(), 'relay-full');
          continue;
        }
        loading = this.load(name, address);
        this.charge(address, name);
        this.loading.set(name, loading);
        loading.finally(() => this.loading.delete(name)).catch(() => this.uncharge(address, name));
      }
      const loadedEntry = await loading;
      if (this.loaded.get(name) === loadedEntry) return loadedEntry.room;
    }
  }

  /** Unloads an idle room to make way, or refuses when there is none. */
  private async evict(victim: Entry | undefined, limit: RoomLimitError['limit']): Promise<void> {
    if (victim === undefined) throw new RoomLimitError(limit);
    // Out of the idle set first: whatever unload finds, this entry is never picked twice.
    this.idle.remove(victim);
    await this.unload(victim);
  }

  private charge(address: string, name: string): void {
    let names = this.charged.get(address);
    if (names === undefined) {
      names = new Set();
      this.charged.set(address, names);
    }
    names.add(name);
  }

  private uncharge(address: string, name: string): void {
    const names = this.charged.get(address);
    if (names === undefined) return;
    names.delete(name);
    if (names.size === 0) this.charged.delete(address);
  }

  /** A peer left `room`; unload it once it has stayed empty for idleMs. */
  released(room: Room): void {
    const entry = this.loaded.get(room.name);
    if (entry === undefined || entry.room !== room || room.size > 0 || entry.idleTimer !== null) return;
    this.idle.add(entry);
    entry.idleTimer = setTimeout(() => {
      entry.idleTimer = null;
      if (room.size === 0) void this.unload(entry);
    }, this.options.idleMs);
    entry.idleTimer.unref();
  }

  /** Resolves when every loaded room's writes are stored. */
  async flush(): Promise<void> {
    await Promise.all([...this.loaded.values()].map((e) => e.room.flushed()));
  }

  /** Unloads every room (shutdown): flush, compact, forget. */
  async unloadAll(): Promise<void> {
    await Promise.all([...this.loading.values()].map((p) => p.catch(() => undefined)));
    await Promise.all([...this.loaded.values()].map((e) => this.unload(e)));
    await Promise.all([...this.unloading.values()]);
  }

  /**
   * Takes a room its owner dropped out of memory for good: its peers are told it is gone (4410),
   * nothing is compacted, and it is never loaded again by this relay (`store.isDropped` after).
   */
  async retire(name: string, drop: () => Promise<void>): Promise<void> {
    this.retiring.add(name);
    try {
      await this.loading.get(name)?.catch(() => undefined);
      await this.unloading.get(name);
      const entry = this.loaded.get(name);
      if (entry !== undefined) {
        entry.room.closeAll(CLOSE.gone, DROPPED_TEXT);
        await this.unload(entry, false);
      }
      await drop();
    } finally {
      this.retiring.delete(name);
    }
  }

  private async load(name: string, address: string): Promise<Entry> {
    const start = process.hrtime.bigint();
    if (this.retiring.has(name) || (await this.store.isDropped(name))) throw new PeerRefused('room/dropped', CLOSE.gone, DROPPED_TEXT);
    let target: Room | null = null;
    const early: Array<(room: Room) => void> = [];
    const stored = await this.store.open(name, {
      onRemoteUpdate: (u) => (target === null ? early.push((r) => r.applyRemoteUpdate(u)) : target.applyRemoteUpdate(u)),
      onRemoteAwareness: (u) => (target === null ? early.push((r) => r.applyRemoteAwareness(u)) : target.applyRemoteAwareness(u)),
    });
    // The first stored row is the last compaction's state (or the room's first update); the rest
    // were written since, and count towards the next compaction as writes made now would.
    const tailBytes = stored.reduce((sum, u) => sum + u.byteLength, 0) - (stored[0]?.byteLength ?? 0);
    const entry: Entry = {
      room: null as unknown as Room,
      address,
      written: stored.length > 0,
      writesSinceCompaction: Math.max(0, stored.length - 1),
      bytesSinceCompaction: tailBytes,
      compactedBytes: stored[0]?.byteLength ?? 0,
      compactionScheduled: false,
      idleTimer: null,
    };
    const room = new Room(name, {
      store: (update) => this.store.append(name, update),
      shareAwareness: (update) => this.store.shareAwareness(name, update),
      storeFailed: (error) => this.storeFailed(entry, error),
      written: (bytes) => this.written(entry, bytes),
      observeApply: (s) => this.metrics.applySeconds.observe(s),
    }, stored, this.options.room);
    entry.room = room;
    target = room;
    for (const apply of early) apply(room);
    this.loaded.set(name, entry);
    this.metrics.rooms.set(this.loaded.size);
    this.metrics.roomLoadSeconds.observe(Number(process.hrtime.bigint() - start) / 1e9);
    if (this.compactionDue(entry)) this.scheduleCompaction(entry);
    return entry;
  }

  private written(entry: Entry, bytes: number): void {
    entry.written = true;
    entry.writesSinceCompaction++;
    entry.bytesSinceCompaction += bytes;
    if (this.compactionDue(entry)) this.scheduleCompaction(entry);
  }

  /**
   * At least `compactEvery` writes since the last compaction, and their bytes at least
   * `compactRatio` times the compacted state; or, whatever the ratio, half of what the room may
   * still store (`maxRoomBytes` counts the state plus the writes since), so that waiting for the
   * ratio never refuses a write that a compaction would have made room for.
   */
  private compactionDue(entry: Entry): boolean {
    const { writesSinceCompaction: writes, bytesSinceCompaction: bytes, compactedBytes: state } = entry;
    if (writes === 0) return false;
    const headroom = this.options.room.maxRoomBytes - state;
    if (headroom > 0 && bytes >= headroom / 2) return true;
    return writes >= this.options.compactEvery && bytes >= (this.options.compactRatio ?? 0.5) * state;
  }

  private scheduleCompaction(entry: Entry): void {
    if (entry.compactionScheduled) return;
    entry.compactionScheduled = true;
    // Off the hot path: after the frames already queued have been handled.
    setImmediate(() => {
      entry.compactionScheduled = false;
      if (this.loaded.get(entry.room.name) !== entry) return;
      void this.compact(entry);
    });
  }

  private async compact(entry: Entry): Promise<void> {
    const { room } = entry;
    try {
      await room.flushed();
      const state = room.encodeState();
      entry.writesSinceCompaction = 0;
      entry.bytesSinceCompaction = 0;
      entry.compactedBytes = state.byteLength;
      await this.store.compact(room.name, state);
    } catch (error) {
      this.log.warn({ err: String(error) }, 'compaction failed; the log stays uncompacted');
    }
  }

  private storeFailed(entry: Entry, error: unknown): void {
    this.log.error({ err: String(error) }, 'storage write failed; closing the room');
    entry.room.closeAll(CLOSE.internalError, 'storage unavailable, reconnect');
    void this.unload(entry, false);
  }

  private unload(entry: Entry, compact = true): Promise<void> {
    const name = entry.room.name;
    const existing = this.unloading.get(name);
    if (existing !== undefined) return existing;
    if (this.loaded.get(name) !== entry) return Promise.resolve();
    if (entry.idleTimer !== null) clearTimeout(entry.idleTimer);
    const done = (async () => {
      try {
        await entry.room.flushed();
        // Only when due, as while loaded: compacting at every unload would rewrite a large zone's
        // whole state for each short session played in it.
        if (compact && this.compactionDue(entry)) await this.store.compact(name, entry.room.encodeState());
      } catch (error) {
        this.log.warn({ err: String(error) }, 'compaction on unload failed');
      } finally {
        this.loaded.delete(name);
        this.idle.remove(entry);
        this.uncharge(entry.address, name);
        this.metrics.rooms.set(this.loaded.size);
        entry.room.closeAll(CLOSE.goingAway, 'room unloaded');
        entry.room.destroy();
        try {
          await this.store.release(name);
        } catch {
          // The store is going away too.
        }
        this.unloading.delete(name);
      }
    })();
    this.unloading.set(name, done);
    return done;
  }
}
