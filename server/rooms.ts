// The rooms held in memory: loads a room from the store on first use (once, however many
// connections ask at the same time), compacts its stored log in the background, and unloads it
// when it has had no peers for a while.
//
//   const room = await rooms.acquire('abc'); room.join(peer); ...; room.leave(peer); rooms.released(room)
import { CLOSE } from './peer.ts';
import { Room } from './room.ts';
import type { RoomStore } from './storage.ts';
import type { RelayMetrics } from './metrics.ts';
import type { Logger } from './log.ts';

export interface RoomsOptions {
  idleMs: number;
  compactEvery: number;
  maxRooms: number;
}

export class RoomLimitError extends Error {}

interface Entry {
  room: Room;
  writesSinceCompaction: number;
  compactionScheduled: boolean;
  idleTimer: NodeJS.Timeout | null;
}

export class Rooms {
  private readonly loaded = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry>>();
  private readonly unloading = new Map<string, Promise<void>>();

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

  async acquire(name: string): Promise<Room> {
    for (;;) {
      const pendingUnload = this.unloading.get(name);
      if (pendingUnload !== undefined) await pendingUnload;
      const entry = this.loaded.get(name);
      if (entry !== undefined) {
        if (entry.idleTimer !== null) clearTimeout(entry.idleTimer);
        entry.idleTimer = null;
        return entry.room;
      }
      let loading = this.loading.get(name);
      if (loading === undefined) {
        if (this.loaded.size + this.loading.size >= this.options.maxRooms) throw new RoomLimitError('too many rooms');
        loading = this.load(name);
        this.loading.set(name, loading);
        loading.finally(() => this.loading.delete(name)).catch(() => {});
      }
      const loadedEntry = await loading;
      if (this.loaded.get(name) === loadedEntry) return loadedEntry.room;
    }
  }

  /** A peer left `room`; unload it once it has stayed empty for idleMs. */
  released(room: Room): void {
    const entry = this.loaded.get(room.name);
    if (entry === undefined || entry.room !== room || room.size > 0 || entry.idleTimer !== null) return;
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

  private async load(name: string): Promise<Entry> {
    const start = process.hrtime.bigint();
    let target: Room | null = null;
    const early: Array<(room: Room) => void> = [];
    const stored = await this.store.open(name, {
      onRemoteUpdate: (u) => (target === null ? early.push((r) => r.applyRemoteUpdate(u)) : target.applyRemoteUpdate(u)),
      onRemoteAwareness: (u) => (target === null ? early.push((r) => r.applyRemoteAwareness(u)) : target.applyRemoteAwareness(u)),
    });
    const entry: Entry = { room: null as unknown as Room, writesSinceCompaction: 0, compactionScheduled: false, idleTimer: null };
    const room = new Room(name, {
      store: (update) => this.store.append(name, update),
      shareAwareness: (update) => this.store.shareAwareness(name, update),
      storeFailed: (error) => this.storeFailed(entry, error),
      written: () => this.written(entry),
      observeApply: (s) => this.metrics.applySeconds.observe(s),
    }, stored);
    entry.room = room;
    target = room;
    for (const apply of early) apply(room);
    this.loaded.set(name, entry);
    this.metrics.rooms.set(this.loaded.size);
    this.metrics.roomLoadSeconds.observe(Number(process.hrtime.bigint() - start) / 1e9);
    if (stored.length > this.options.compactEvery) this.scheduleCompaction(entry);
    return entry;
  }

  private written(entry: Entry): void {
    entry.writesSinceCompaction++;
    if (entry.writesSinceCompaction >= this.options.compactEvery) this.scheduleCompaction(entry);
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
      entry.writesSinceCompaction = 0;
      await this.store.compact(room.name, room.encodeState());
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
        if (compact && entry.writesSinceCompaction > 0) await this.store.compact(name, entry.room.encodeState());
      } catch (error) {
        this.log.warn({ err: String(error) }, 'compaction on unload failed');
      } finally {
        this.loaded.delete(name);
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
