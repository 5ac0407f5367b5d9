// Scale-out storage: every room's log is a Redis stream shared by all relays. An update is
// stored (XADD) before any relay broadcasts it; each relay follows the streams of the rooms it
// has loaded with one blocking XREAD; a compacted snapshot (hash) replaces old stream entries.
// Awareness is ephemeral and travels over pub/sub. Why streams and not pub/sub: docs/relay.md.
//
//   keys per room R:  vetrellis:R:log (stream: r=relay id, u=update)
//                     vetrellis:R:snap (hash: id=last stream id covered, state=merged update)
//                     vetrellis:R:awareness (pub/sub channel: 8-byte relay id + awareness update)
//   shared:           vetrellis:drops (sorted set: rooms an owner's order retires, by due time)
//                     vetrellis:dropped (set: rooms dropped, never loaded again)
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from './log.ts';
import type { RoomFeed, RoomStore } from './storage.ts';

export interface RedisStoreOptions {
  url: string;
  log: Logger;
  /** Stream entries read per XREAD call and room. */
  batch?: number;
  /** Called after each stored update with the time Redis took to acknowledge it. */
  onCommit?: (seconds: number) => void;
  /**
   * Compaction keeps stream entries younger than this (by stream id time) even when a snapshot
   * covers them, so that a relay that is a little behind still reads them from the stream.
   */
  retentionMs?: number;
}

const logKey = (room: string): string => `vetrellis:${room}:log`;
const snapKey = (room: string): string => `vetrellis:${room}:snap`;
const awarenessChannel = (room: string): string => `vetrellis:${room}:awareness`;
const DROPS = 'vetrellis:drops';
const DROPPED = 'vetrellis:dropped';

/** Stream ids are "ms-seq"; compares them as numbers. */
export const compareStreamIds = (a: string, b: string): number => {
  const [am = 0n, as = 0n] = a.split('-').map(BigInt);
  const [bm = 0n, bs = 0n] = b.split('-').map(BigInt);
  if (am !== bm) return am < bm ? -1 : 1;
  return as === bs ? 0 : as < bs ? -1 : 1;
};

const nextStreamId = (id: string): string => {
  const [ms = '0', seq = '0'] = id.split('-');
  return `${ms}-${BigInt(seq) + 1n}`;
};

/** Entries below this id may go: covered by the snapshot (<= cursor) and older than retention. */
export const trimPoint = (cursor: string, retentionMs: number): string => {
  const old = `${Math.max(0, Number(cursor.split('-')[0]) - retentionMs)}-0`;
  const covered = nextStreamId(cursor);
  return compareStreamIds(old, covered) < 0 ? old : covered;
};

type Entry = [id: Buffer, fields: Buffer[]];

const field = (fields: Buffer[], name: string): Buffer | undefined => {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i]?.toString() === name) return fields[i + 1];
  return undefined;
};

const asBytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

interface Follow {
  cursor: string;
  feed: RoomFeed;
}

export const openRedisStore = async (options: RedisStoreOptions): Promise<RoomStore> => {
  const { log } = options;
  const batch = options.batch ?? 1000;
  const retentionMs = options.retentionMs ?? 30_000;
  const relayId = randomBytes(8);
  const relayIdText = relayId.toString('hex');
  const connection = { protocol: 2 as const, lazyConnect: false };
  const cmd = new Redis(options.url, { ...connection, enableAutoPipelining: true });
  const reader = new Redis(options.url, connection);
  const txn = new Redis(options.url, connection);
  const sub = new Redis(options.url, connection);
  for (const c of [cmd, reader, txn, sub]) c.on('error', (error: Error) => log.warn({ err: error.message }, 'redis connection error'));
  await Promise.all([cmd.ping(), txn.ping(), sub.ping()]);
  let readerId = Number(await reader.client('ID'));
  reader.on('ready', () => {
    void reader.client('ID').then((id) => (readerId = Number(id)), () => {});
  });

  const follows = new Map<string, Follow>();
  const roomByKey = new Map<string, string>();
  let closed = false;
  let reading = false;
  let changed = false;
  let idle: (() => void) | null = null;

  const wake = (): void => {
    changed = true;
    if (idle !== null) {
      const resume = idle;
      idle = null;
      resume();
      return;
    }
    if (!reading) return;
    // The XREAD may not have reached Redis yet; retry until it has been interrupted.
    const unblock = (): void => {
      if (!reading || !changed) return;
      cmd.client('UNBLOCK', readerId).then(
        (n) => { if (Number(n) === 0) setTimeout(unblock, 2); },
        () => {},
      );
    };
    unblock();
  };

  const deliver = (reply: unknown): void => {
    if (!Array.isArray(reply)) return;
    for (const stream of reply as Array<[Buffer, Entry[]]>) {
      const room = roomByKey.get(stream[0].toString());
      const follow = room === undefined ? undefined : follows.get(room);
      if (follow === undefined) continue;
      for (const [idBuffer, fields] of stream[1]) {
        const id = idBuffer.toString();
        if (compareStreamIds(id, follow.cursor) <= 0) continue;
        follow.cursor = id;
        const update = field(fields, 'u');
        if (update !== undefined && field(fields, 'r')?.toString() !== relayIdText) follow.feed.onRemoteUpdate(asBytes(update));
      }
    }
  };

  /**
   * After this relay has not read for a while (Redis unreachable, a stall), compaction elsewhere
   * may have trimmed entries it never read; the snapshot covers them, so apply it and move on.
   */
  const recover = async (): Promise<void> => {
    for (const [room, follow] of follows) {
      const [snapId, snapState] = await cmd.hmgetBuffer(snapKey(room), 'id', 'state');
      if (snapId == null || snapState == null || follows.get(room) !== follow) continue;
      if (compareStreamIds(snapId.toString(), follow.cursor) <= 0) continue;
      follow.cursor = snapId.toString();
      follow.feed.onRemoteUpdate(new Uint8Array(snapState));
      log.info('caught up from a snapshot after falling behind');
    }
  };

  // When the previous XREAD went out. Entries added after Redis answered it are trimmed only
  // once older than retentionMs, so a gap needs a pause of that order between two reads.
  let lastIssued = Date.now();
  const blockMs = Math.max(100, Math.min(10_000, Math.floor(retentionMs / 4)));
  const readLoop = async (): Promise<void> => {
    while (!closed) {
      if (follows.size === 0) {
        await new Promise<void>((resolve) => (idle = resolve));
        lastIssued = Date.now();
        continue;
      }
      if (Date.now() - lastIssued > retentionMs / 2) {
        try {
          await recover();
        } catch (error) {
          log.warn({ err: String(error) }, 'redis catch-up failed; retrying');
          await new Promise((resolve) => setTimeout(resolve, 200));
          continue;
        }
      }
      const rooms = [...follows.keys()];
      const args: (string | number)[] = ['COUNT', batch, 'BLOCK', blockMs, 'STREAMS'];
      for (const room of rooms) args.push(logKey(room));
      for (const room of rooms) args.push(follows.get(room)!.cursor);
      changed = false;
      reading = true;
      const issued = Date.now();
      try {
        const reply = await reader.callBuffer('XREAD', ...args);
        lastIssued = issued;
        deliver(reply);
      } catch (error) {
        if (closed) break;
        log.warn({ err: String(error) }, 'redis XREAD failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, 200));
      } finally {
        reading = false;
      }
    }
  };
  void readLoop();

  sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
    const name = channel.toString();
    const room = name.slice('vetrellis:'.length, name.length - ':awareness'.length);
    const follow = follows.get(room);
    if (follow === undefined || message.length < relayId.length) return;
    if (message.subarray(0, relayId.length).equals(relayId)) return;
    follow.feed.onRemoteAwareness(asBytes(message.subarray(relayId.length)));
  });

  // Compactions run one at a time on their own connection (WATCH is per connection).
  let compactions: Promise<void> = Promise.resolve();

  const compactNow = async (room: string, state: Uint8Array): Promise<void> => {
    const follow = follows.get(room);
    if (follow === undefined || follow.cursor === '0-0') return;
    const cursor = follow.cursor;
    await txn.watch(snapKey(room));
    const [covered] = await txn.hmgetBuffer(snapKey(room), 'id');
    if (covered != null && compareStreamIds(covered.toString(), cursor) >= 0) {
      await txn.unwatch();
      return;
    }
    // EXEC fails (null) if another relay compacted meanwhile; its snapshot is then newer.
    await txn
      .multi()
      .hset(snapKey(room), 'id', cursor, 'state', Buffer.from(state.buffer, state.byteOffset, state.byteLength))
      .xtrim(logKey(room), 'MINID', trimPoint(cursor, retentionMs))
      .exec();
  };

  return {
    kind: 'redis',
    async open(room, feed) {
      const results = await cmd.multi().hmgetBuffer(snapKey(room), 'id', 'state').xrangeBuffer(logKey(room), '-', '+').exec();
      if (results === null) throw new Error('redis transaction aborted');
      for (const [error] of results) if (error) throw error;
      const [snapId, snapState] = (results[0]?.[1] ?? []) as (Buffer | null)[];
      const entries = (results[1]?.[1] ?? []) as Entry[];
      const updates: Uint8Array[] = [];
      if (snapState != null) updates.push(asBytes(snapState));
      for (const [, fields] of entries) {
        const update = field(fields, 'u');
        if (update !== undefined) updates.push(asBytes(update));
      }
      const last = entries[entries.length - 1];
      const cursor = last !== undefined ? last[0].toString() : (snapId?.toString() ?? '0-0');
      follows.set(room, { cursor, feed });
      roomByKey.set(logKey(room), room);
      await sub.subscribe(awarenessChannel(room));
      wake();
      return updates;
    },
    async append(room, update) {
      const start = process.hrtime.bigint();
      await cmd.xaddBuffer(logKey(room), '*', 'r', relayIdText, 'u', Buffer.from(update.buffer, update.byteOffset, update.byteLength));
      options.onCommit?.(Number(process.hrtime.bigint() - start) / 1e9);
    },
    compact(room, state) {
      compactions = compactions.then(() => compactNow(room, state)).catch((error: unknown) => {
        log.warn({ err: String(error) }, 'redis compaction failed');
      });
      return compactions;
    },
    shareAwareness(room, update) {
      cmd.publish(awarenessChannel(room), Buffer.concat([relayId, update])).catch(() => {});
    },
    async scheduleDrops(rooms, due) {
      const scheduled: string[] = [];
      for (const room of rooms) {
        const [held, dropped] = await Promise.all([cmd.exists(logKey(room), snapKey(room)), cmd.sismember(DROPPED, room)]);
        if (held === 0 || dropped === 1) continue;
        // LT: an earlier due time already set stays (a repeated order never postpones a drop).
        await cmd.zadd(DROPS, 'LT', due, room);
        scheduled.push(room);
      }
      return scheduled;
    },
    async dueDrops(now) {
      return cmd.zrangebyscore(DROPS, 0, now);
    },
    async drop(room) {
      // A relay that still has the room loaded may append once more before its own due check
      // retires it; what it writes is never read (the room is dropped) and is deleted below on the
      // next relay's drop of the same room.
      await cmd.multi().sadd(DROPPED, room).del(logKey(room), snapKey(room)).zrem(DROPS, room).exec();
    },
    async isDropped(room) {
      return (await cmd.sismember(DROPPED, room)) === 1;
    },
    async release(room) {
      follows.delete(room);
      roomByKey.delete(logKey(room));
      wake();
      await sub.unsubscribe(awarenessChannel(room)).catch(() => {});
    },
    healthy: () => !closed && cmd.status === 'ready',
    async close() {
      if (closed) return;
      closed = true;
      wake();
      await compactions;
      reader.disconnect();
      await Promise.all([cmd.quit(), txn.quit(), sub.quit()].map((p) => p.catch(() => undefined)));
    },
  };
};
