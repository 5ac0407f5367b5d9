// Embedded durable storage: one SQLite database (better-sqlite3, WAL) holding each room's log of
// Yjs updates. Appends are group-committed: the updates of one event-loop callback (one socket
// read) go into one transaction, committed in the microtask right after it; each append's promise
// resolves only after that commit, and only then does the room broadcast the update.
//
// Durability: in WAL mode a commit is written to the WAL file before it returns, so it survives a
// SIGKILL of the relay with synchronous=NORMAL; synchronous=FULL (--fsync full) adds an fsync per
// commit so it also survives power loss, at the cost of write latency. WAL checkpoints run on a
// worker thread (sqlite-checkpointer.ts), which also keeps the WAL file below `walLimitBytes`.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { RoomFeed, RoomStore } from './storage.ts';
import { startCheckpointer } from './sqlite-checkpointer.ts';

export interface SqliteStoreOptions {
  dir: string;
  fsync: 'normal' | 'full';
  /** The WAL file is truncated once past this (sqlite-checkpointer.ts); default 16 MiB. */
  walLimitBytes?: number;
  /** Time between checkpoints; default 1 s. */
  checkpointIntervalMs?: number;
  /** Called after each group commit with its duration (storage write latency). */
  onCommit?: (seconds: number) => void;
}

interface Batch {
  items: Array<[room: string, update: Uint8Array]>;
  done: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const newBatch = (): Batch => {
  let resolve: () => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const done = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A failed commit is reported to each room through its own chain; never unhandled here.
  done.catch(() => {});
  return { items: [], done, resolve, reject };
};

export const DATABASE_FILE = 'relay.sqlite3';

export interface SqliteStore extends RoomStore {
  /** WAL truncations by the checkpointer so far (tests, benchmarks). */
  walTruncations(): { total: number; forced: number };
}

export const openSqliteStore = (options: SqliteStoreOptions): SqliteStore => {
  const walLimitBytes = options.walLimitBytes ?? 16 * 1024 * 1024;
  mkdirSync(options.dir, { recursive: true });
  const db = new Database(join(options.dir, DATABASE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.fsync === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  // Checkpoints (and their fsync) happen on a worker thread, never in the relay's event loop.
  db.pragma('wal_autocheckpoint = 0');
  // When SQLite rewinds the WAL after a complete checkpoint, it also cuts the file back to this.
  db.pragma(`journal_size_limit = ${walLimitBytes}`);
  // Clustered by (room, seq): an append touches one b-tree, half the pages (and half the commit
  // time) of a rowid table with an index on room.
  db.exec(`
    CREATE TABLE IF NOT EXISTS room_updates (
      room TEXT NOT NULL,
      seq INTEGER NOT NULL,
      data BLOB NOT NULL,
      PRIMARY KEY (room, seq)
    ) WITHOUT ROWID;
  `);
  const insert = db.prepare<[string, number, Uint8Array]>('INSERT INTO room_updates (room, seq, data) VALUES (?, ?, ?)');
  const select = db.prepare<[string], { data: Buffer }>('SELECT data FROM room_updates WHERE room = ? ORDER BY seq');
  const lastSeq = db.prepare<[string], { seq: number | null }>('SELECT max(seq) AS seq FROM room_updates WHERE room = ?');
  const remove = db.prepare<[string]>('DELETE FROM room_updates WHERE room = ?');
  /** Next sequence number per room; rooms are appended to only by this process. */
  const nextSeq = new Map<string, number>();
  const takeSeq = (room: string): number => {
    let next = nextSeq.get(room);
    if (next === undefined) next = (lastSeq.get(room)?.seq ?? -1) + 1;
    nextSeq.set(room, next + 1);
    return next;
  };
  const replace = db.transaction((room: string, state: Uint8Array) => {
    remove.run(room);
    insert.run(room, takeSeq(room), state);
  });
  const insertAll = db.transaction((items: Batch['items']) => {
    for (const [room, update] of items) insert.run(room, takeSeq(room), update);
  });
  const checkpointer = startCheckpointer(join(options.dir, DATABASE_FILE), {
    intervalMs: options.checkpointIntervalMs ?? 1000,
    limitBytes: walLimitBytes,
    quietMs: 20,
  });
  let open = true;
  let batch: Batch | null = null;

  /** Commits the current batch now, or (while the checkpointer truncates the WAL) as soon as it is done. */
  const commit = (): void => {
    const current = batch;
    batch = null;
    if (current === null) return;
    const start = process.hrtime.bigint();
    const done = (): void => {
      options.onCommit?.(Number(process.hrtime.bigint() - start) / 1e9);
      current.resolve();
    };
    let written: void | Promise<void>;
    try {
      written = checkpointer.write(() => insertAll(current.items));
    } catch (error) {
      current.reject(error);
      return;
    }
    if (written instanceof Promise) written.then(done, current.reject);
    else done();
  };

  return {
    kind: 'sqlite',
    async open(room: string, _feed: RoomFeed) {
      return select.all(room).map((row) => new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength));
    },
    append(room, update) {
      if (!open) return Promise.reject(new Error('store closed'));
      if (batch === null) {
        batch = newBatch();
        queueMicrotask(commit);
      }
      batch.items.push([room, update]);
      return batch.done;
    },
    compact(room, state) {
      commit();
      // After the batch above, whether both run now or both wait for a WAL truncation.
      return checkpointer.write(() => replace(room, state));
    },
    shareAwareness() {},
    release(room) {
      nextSeq.delete(room);
    },
    healthy: () => open,
    walTruncations: () => checkpointer.truncations(),
    async close() {
      if (!open) return;
      commit();
      open = false;
      await checkpointer.write(() => {}); // every deferred write is done
      await checkpointer.stop();
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
};
