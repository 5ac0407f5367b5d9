// Embedded durable storage: one SQLite database (better-sqlite3, WAL) holding each room's log of
// Yjs updates. An append is a committed transaction before the relay broadcasts the update.
//
// Durability: in WAL mode a commit is written to the WAL file before it returns, so it survives a
// SIGKILL of the relay with synchronous=NORMAL; synchronous=FULL (--fsync full) adds an fsync per
// commit so it also survives power loss, at the cost of write latency.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { RoomFeed, RoomStore } from './storage.ts';

export interface SqliteStoreOptions {
  dir: string;
  fsync: 'normal' | 'full';
}

export const DATABASE_FILE = 'relay.sqlite3';

export const openSqliteStore = (options: SqliteStoreOptions): RoomStore => {
  mkdirSync(options.dir, { recursive: true });
  const db = new Database(join(options.dir, DATABASE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.fsync === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS updates (
      id INTEGER PRIMARY KEY,
      room TEXT NOT NULL,
      data BLOB NOT NULL
    );
    CREATE INDEX IF NOT EXISTS updates_by_room ON updates (room, id);
  `);
  const insert = db.prepare<[string, Uint8Array]>('INSERT INTO updates (room, data) VALUES (?, ?)');
  const select = db.prepare<[string], { data: Buffer }>('SELECT data FROM updates WHERE room = ? ORDER BY id');
  const remove = db.prepare<[string]>('DELETE FROM updates WHERE room = ?');
  const replace = db.transaction((room: string, state: Uint8Array) => {
    remove.run(room);
    insert.run(room, state);
  });
  let open = true;

  return {
    kind: 'sqlite',
    async open(room: string, _feed: RoomFeed) {
      return select.all(room).map((row) => new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength));
    },
    append(room, update) {
      insert.run(room, update);
    },
    compact(room, state) {
      replace(room, state);
    },
    shareAwareness() {},
    release() {},
    healthy: () => open,
    async close() {
      if (!open) return;
      open = false;
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
};
