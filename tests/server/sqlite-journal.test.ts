// The SQLite store's journal (server/sqlite-store.ts): appends go to a journal that is folded into
// the table clustered by room every `foldRows` appends. Whatever was folded or not, a room reads
// back every update in the order it was stored; a compaction replaces both; rows a crashed relay
// left in the journal are read (and folded) by the next one.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DATABASE_FILE, openSqliteStore } from '../../server/sqlite-store.ts';
import { tempDir } from './helpers/relay.ts';

const feed = { onRemoteUpdate: () => {}, onRemoteAwareness: () => {} };

/** `count` real updates of one document, each appending one item. */
const updates = (label: string, count: number): Uint8Array[] => {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  for (let i = 0; i < count; i++) doc.getArray<string>('log').push([`${label}-${i}`]);
  return out;
};

const rows = (dir: string, table: string): number => {
  const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

const content = (stored: Uint8Array[]): string[] => {
  const doc = new Y.Doc();
  for (const u of stored) Y.applyUpdate(doc, u);
  return doc.getArray<string>('log').toArray();
};

describe('SQLite store journal', () => {
  it('reads every room back in order across folds, group commits and a restart', async () => {
    const dir = tempDir('journal');
    const store = openSqliteStore({ dir, fsync: 'normal', foldRows: 5 });
    const byRoom = new Map(['a', 'b', 'c'].map((r) => [r, updates(r, 13)]));
    for (let i = 0; i < 13; i++) {
      // Interleaved rooms, several appends per group commit, folds in between.
      await Promise.all([...byRoom].map(([room, list]) => store.append(room, list[i]!)));
      if (i === 6) await new Promise((r) => setImmediate(r));
    }
    await new Promise((r) => setImmediate(r));
    for (const [room, list] of byRoom) expect(await store.open(room, feed)).toEqual(list);
    // Some rows were folded, the latest ones may still be in the journal: both are read.
    expect(rows(dir, 'room_updates')).toBeGreaterThan(0);
    await store.close();
    expect(rows(dir, 'room_journal')).toBe(0);
    const again = openSqliteStore({ dir, fsync: 'normal' });
    for (const [room, list] of byRoom) expect(await again.open(room, feed)).toEqual(list);
    await again.close();
  });

  it('a compaction replaces what the room has in the journal and in the folded table', async () => {
    const dir = tempDir('journal-compact');
    const store = openSqliteStore({ dir, fsync: 'normal', foldRows: 4 });
    const list = updates('x', 10);
    const other = updates('y', 3);
    for (const u of list.slice(0, 9)) await store.append('x', u);
    for (const u of other) await store.append('y', u);
    await new Promise((r) => setImmediate(r));
    const doc = new Y.Doc();
    for (const u of list.slice(0, 9)) Y.applyUpdate(doc, u);
    const state = Y.encodeStateAsUpdate(doc);
    await store.compact('x', state);
    await store.append('x', list[9]!);
    expect(await store.open('x', feed)).toEqual([state, list[9]]);
    expect(content(await store.open('x', feed))).toEqual(Array.from({ length: 10 }, (_, i) => `x-${i}`));
    expect(await store.open('y', feed)).toEqual(other);
    await store.close();
  });

  it('rows a killed relay left in the journal are read by the next one', async () => {
    const dir = tempDir('journal-crash');
    const store = openSqliteStore({ dir, fsync: 'normal', foldRows: 1000 });
    const list = updates('z', 6);
    for (const u of list.slice(0, 3)) await store.append('z', u);
    await store.close(); // folded
    // What a relay killed after three more commits leaves behind: rows in the journal only.
    const db = new Database(join(dir, DATABASE_FILE));
    const insert = db.prepare('INSERT INTO room_journal (room, seq, data) VALUES (?, ?, ?)');
    for (let i = 3; i < 6; i++) insert.run('z', i, list[i]);
    db.close();
    const next = openSqliteStore({ dir, fsync: 'normal' });
    expect(await next.open('z', feed)).toEqual(list);
    await next.append('z', updates('w', 1)[0]!);
    expect((await next.open('z', feed)).length).toBe(7);
    await next.close();
  });
});
