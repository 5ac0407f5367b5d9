// The contract between rooms and where their updates live. Two implementations: the embedded
// SQLite store (one machine) and the Redis stream store (several relays sharing rooms).
//
//   const stored = await store.open(room, feed)   // every update stored so far, then follow
//   await store.append(room, update)              // durable when it returns / resolves
//   store.compact(room, Y.encodeStateAsUpdate(doc))
//   await store.scheduleDrops(rooms, due); await store.drop(room)   // an owner's drop order

/** What a store tells a loaded room about changes made by other relays. */
export interface RoomFeed {
  /** An update another relay stored (already durable; apply and broadcast, do not store again). */
  onRemoteUpdate(update: Uint8Array): void;
  /** An awareness update from another relay's clients (ephemeral). */
  onRemoteAwareness(update: Uint8Array): void;
}

export interface RoomStore {
  /** Short name for logs and /healthz. */
  readonly kind: 'sqlite' | 'redis';
  /** Loads a room's stored updates and follows changes from other relays until `release`. */
  open(room: string, feed: RoomFeed): Promise<Uint8Array[]>;
  /** Stores one update; it is durable when this returns (sync) or resolves (async). */
  append(room: string, update: Uint8Array): void | Promise<void>;
  /**
   * Replaces what is stored for the room by `state`, which must contain every update that was
   * stored or delivered through the feed before the call.
   */
  compact(room: string, state: Uint8Array): void | Promise<void>;
  /** Shares an awareness update with other relays (no-op on one machine). */
  shareAwareness(room: string, update: Uint8Array): void;
  /** Stops following the room. */
  release(room: string): void | Promise<void>;
  /**
   * Rooms an owner's drop order named (drop-order.ts): each one the store holds and has not
   * dropped is to be dropped at `due` (ms since the epoch; an earlier time already set stays).
   * Resolves to the rooms scheduled (those it holds).
   */
  scheduleDrops(rooms: readonly string[], due: number): Promise<string[]>;
  /** The rooms whose drop is due at `now`. */
  dueDrops(now: number): Promise<string[]>;
  /** Deletes the room's updates and keeps its name as dropped; call with the room unloaded. */
  drop(room: string): Promise<void>;
  /** True once the room was dropped: it is never loaded again. */
  isDropped(room: string): Promise<boolean>;
  /** True while the store can accept writes (for /healthz). */
  healthy(): boolean;
  close(): Promise<void>;
}
