// Embedded durable storage: one SQLite database (better-sqlite3, WAL) holding each room's log of
// Yjs updates. Appends are group-committed: the updates of one turn of the event loop (every
// socket read the poll phase handed over, from any connection and room) go into one transaction,
// committed right after it (setImmediate), or right after the socket read that brought 64 of them;
// each append's promise resolves only after that commit, and only then does the room broadcast
// the update.
//
// Appends go to a journal: a rowid table with no index, so a commit writes the last page or two of
// one b-tree however many rooms it touches. Appending straight to the table clustered by room
// wrote one page per room touched (50 rooms, 50 pages of WAL per commit). Every `foldRows`
// appends the journal is moved into that table in one transaction, one page per room for all
// its rows since; reads take both (a room's rows have one sequence across them).
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
  /** Journal rows that trigger a fold into the table clustered by room; default 2048. */
  foldRows?: number;
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

/** A batch this large is committed after the socket read that filled it, not at the end of the poll phase. */
const EARLY_COMMIT_ITEMS = 64;

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
  // The journal: appends since the last fold, in commit order (id is the rowid).
  db.exec(`
    CREATE TABLE IF NOT EXISTS room_journal (
      id INTEGER PRIMARY KEY,
      room TEXT NOT NULL,
      seq INTEGER NOT NULL,
      data BLOB NOT NULL
    );
  `);
  // Rooms their owner retired (drop-order.ts): waiting for their grace period, and dropped.
  db.exec(`
    CREATE TABLE IF NOT EXISTS room_drops (room TEXT PRIMARY KEY, due INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS rooms_dropped (room TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID;
  `);
  const foldRows = options.foldRows ?? 2048;
  const insert = db.prepare<[string, number, Uint8Array]>('INSERT INTO room_updates (room, seq, data) VALUES (?, ?, ?)');
  const journal = db.prepare<[string, number, Uint8Array]>('INSERT INTO room_journal (room, seq, data) VALUES (?, ?, ?)');
  const select = db.prepare<[string, string], { data: Buffer }>(
    'SELECT seq, data FROM room_updates WHERE room = ? UNION ALL SELECT seq, data FROM room_journal WHERE room = ? ORDER BY seq',
  );
  const lastSeq = db.prepare<[string, string], { seq: number | null }>(
    'SELECT max(seq) AS seq FROM (SELECT max(seq) AS seq FROM room_updates WHERE room = ? UNION ALL SELECT max(seq) AS seq FROM room_journal WHERE room = ?)',
  );
  const remove = db.prepare<[string]>('DELETE FROM room_updates WHERE room = ?');
  const removeJournaled = db.prepare<[string]>('DELETE FROM room_journal WHERE room = ?');
  const journalRows = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM room_journal');
  const moveJournal = db.prepare('INSERT INTO room_updates (room, seq, data) SELECT room, seq, data FROM room_journal ORDER BY room, seq');
  const clearJournal = db.prepare('DELETE FROM room_journal');
  const foldAll = db.transaction(() => {
    moveJournal.run();
    clearJournal.run();
  });
  /** Next sequence number per room; rooms are appended to only by this process. */
  const nextSeq = new Map<string, number>();
  const takeSeq = (room: string): number => {
    let next = nextSeq.get(room);
    if (next === undefined) next = (lastSeq.get(room, room)?.seq ?? -1) + 1;
    nextSeq.set(room, next + 1);
    return next;
  };
  const replace = db.transaction((room: string, state: Uint8Array) => {
    remove.run(room);
    removeJournaled.run(room);
    insert.run(room, takeSeq(room), state);
  });
  const holds = db.prepare<[string, string], { n: number }>(
    'SELECT (EXISTS (SELECT 1 FROM room_updates WHERE room = ?) OR EXISTS (SELECT 1 FROM room_journal WHERE room = ?)) AS n',
  );
  const wasDropped = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM rooms_dropped WHERE room = ?');
  const scheduleDrop = db.prepare<[string, number]>('INSERT INTO room_drops (room, due) VALUES (?, ?) ON CONFLICT (room) DO UPDATE SET due = min(due, excluded.due)');
  const due = db.prepare<[number], { room: string }>('SELECT room FROM room_drops WHERE due <= ? ORDER BY due');
  const scheduleAll = db.transaction((rooms: readonly string[], at: number): string[] => {
    const scheduled = rooms.filter((room) => holds.get(room, room)!.n === 1 && wasDropped.get(room)!.n === 0);
    for (const room of scheduled) scheduleDrop.run(room, at);
    return scheduled;
  });
  const unschedule = db.prepare<[string]>('DELETE FROM room_drops WHERE room = ?');
  const markDropped = db.prepare<[string, number]>('INSERT OR IGNORE INTO rooms_dropped (room, at) VALUES (?, ?)');
  const dropNow = db.transaction((room: string) => {
    remove.run(room);
    removeJournaled.run(room);
    unschedule.run(room);
    markDropped.run(room, Date.now());
  });
  /** Rows in the journal (they are folded when this reaches `foldRows`). */
  let journaled = journalRows.get()!.n;
  const insertAll = db.transaction((items: Batch['items']) => {
    for (const [room, update] of items) journal.run(room, takeSeq(room), update);
  });
  // What a previous run left in the journal goes where loads find it cheapest.
  if (journaled > 0) foldAll();
  journaled = 0;
  const checkpointer = startCheckpointer(join(options.dir, DATABASE_FILE), {
    intervalMs: options.checkpointIntervalMs ?? 1000,
    limitBytes: walLimitBytes,
    quietMs: 20,
  });
  let open = true;
  let batch: Batch | null = null;
  let foldScheduled = false;

  /** Moves the journal into the table clustered by room (between two turns of the event loop). */
  const fold = (): void => {
    foldScheduled = false;
    if (!open || journaled === 0) return;
    journaled = 0;
    // Like a commit, waits out a WAL truncation; a failure leaves the rows in the journal, where reads find them.
    const folded = checkpointer.write(foldAll);
    if (folded instanceof Promise) folded.catch(() => {});
  };

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
    journaled += current.items.length;
    if (journaled >= foldRows && !foldScheduled) {
      foldScheduled = true;
      setImmediate(fold);
    }
    if (written instanceof Promise) written.then(done, current.reject);
    else done();
  };

  return {
    kind: 'sqlite',
    async open(room: string, _feed: RoomFeed) {
      return select.all(room, room).map((row) => new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength));
    },
    append(room, update) {
      if (!open) return Promise.reject(new Error('store closed'));
      if (batch === null) {
        batch = newBatch();
        setImmediate(commit);
      }
      batch.items.push([room, update]);
      // A burst (one socket read of many frames) commits right after that read: holding every
      // read of the poll phase in memory until it ends costs more in garbage collection than
      // the commits it saves.
      if (batch.items.length === EARLY_COMMIT_ITEMS) queueMicrotask(commit);
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
    async scheduleDrops(rooms, at) {
      commit();
      return (await checkpointer.write(() => scheduleAll(rooms, at))) ?? [];
    },
    async dueDrops(now) {
      return due.all(now).map((r) => r.room);
    },
    async drop(room) {
      commit();
      await checkpointer.write(() => dropNow(room));
      nextSeq.delete(room);
    },
    async isDropped(room) {
      return wasDropped.get(room)!.n === 1;
    },
    healthy: () => open,
    walTruncations: () => checkpointer.truncations(),
    async close() {
      if (!open) return;
      commit();
      fold();
      open = false;
      await checkpointer.write(() => {}); // every deferred write is done
      await checkpointer.stop();
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
};
