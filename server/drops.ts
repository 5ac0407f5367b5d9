// Rooms a world's owner retires (docs/relay.md "Dropped rooms"; the order's format and why only
// the owner can name a room: src/sync/world/drop-order.ts). `POST /drop` takes a signed order;
// the relay checks it, schedules the rooms it holds to be dropped after its grace period
// (`--drop-grace-ms`, a month by default), and then deletes them, keeping their names: a client
// that connects to a dropped room is closed with 4410, and never loads it again.
//
//   const drops = new RoomDrops(store, rooms, { graceMs, log });
//   await drops.order(text, ip)     // { status: 202, body: { scheduled, due } } | { status: 400|403|429, ... }
//   drops.stop()
import { readDropOrder } from '../src/sync/world/drop-order.ts';
import { verifyEd25519 } from './ed25519.ts';
import { TokenBucket } from './limits.ts';
import type { Logger } from './log.ts';
import type { Rooms } from './rooms.ts';
import type { RoomStore } from './storage.ts';
import { BoundedMemo } from '../src/sync/intent/bounded-memo.ts';

export interface DropsOptions {
  /** How long a scheduled room waits before it is dropped. */
  graceMs: number;
  log: Logger;
  /** How often due drops are looked for (the grace period, at most an hour; at least 50 ms). */
  checkEveryMs?: number;
}

export interface DropAnswer {
  status: number;
  body: { scheduled?: number; due?: number; error?: string };
}

/** Orders an address may send: a few a minute (an owner sends one per cut). */
const ORDERS_PER_MINUTE = 6;

export class RoomDrops {
  readonly #buckets = new BoundedMemo<string, TokenBucket>(10_000);
  readonly #timer: NodeJS.Timeout;
  #running: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: RoomStore,
    private readonly rooms: Rooms,
    private readonly options: DropsOptions,
  ) {
    const every = options.checkEveryMs ?? Math.min(Math.max(options.graceMs, 50), 3_600_000);
    this.#timer = setInterval(() => void this.runDue(), every);
    this.#timer.unref();
    void this.runDue();
  }

  /** Reads and checks an order, and schedules its rooms. */
  async order(text: string, ip: string): Promise<DropAnswer> {
    let bucket = this.#buckets.get(ip);
    if (bucket === undefined) this.#buckets.set(ip, (bucket = new TokenBucket(ORDERS_PER_MINUTE / 60, ORDERS_PER_MINUTE, Date.now())));
    if (!bucket.take(Date.now())) return { status: 429, body: { error: 'too many drop orders' } };
    const read = readDropOrder(text, verifyEd25519);
    if ('error' in read) return { status: read.error === 'bad signature' ? 403 : 400, body: { error: read.error } };
    const due = Date.now() + this.options.graceMs;
    const scheduled = await this.store.scheduleDrops(read.rooms, due);
    this.options.log.info({ rooms: scheduled.length, named: read.rooms.length, due: new Date(due).toISOString() }, 'drop order scheduled');
    if (this.options.graceMs === 0) await this.runDue();
    return { status: 202, body: { scheduled: scheduled.length, due } };
  }

  /** Drops every room whose time has come (one pass at a time). */
  runDue(): Promise<void> {
    this.#running = this.#running.then(async () => {
      try {
        for (const room of await this.store.dueDrops(Date.now())) {
          await this.rooms.retire(room, () => this.store.drop(room));
          this.options.log.info({ room: room.slice(0, 18) }, 'room dropped by its owner');
        }
      } catch (error) {
        this.options.log.warn({ err: String(error) }, 'dropping rooms failed; tried again later');
      }
    });
    return this.#running;
  }

  stop(): Promise<void> {
    clearInterval(this.#timer);
    return this.#running;
  }
}
