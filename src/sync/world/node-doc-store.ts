/**
 * The terminal client's document store: one append-only file of Yjs updates per document under
 * `<worldDir>/docs/<room>.yupd`. Each record is a 4-byte little-endian length and the update.
 * Loading merges every record; a torn last record (a crash mid-write) is ignored; any other
 * damage stops the open with an error naming the file, which is left untouched. When a file
 * holds many records it is compacted to one merged update (temp file + rename).
 *
 *
 * The folder is private to the user (0700) and its files too (0600), as the key file is: the
 * room names in it are all anyone needs to read or write the world on its relay. A folder made
 * by an older client is made private when the store first opens it.
 *
 *   const store = new FileDocStore(join(worldDir, 'docs'));
 *   const stored = store.open(doc, room); await stored.whenLoaded;
 */
import { appendFileSync, chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { DocStore, StoredDoc, VerifiedSet } from './doc-store.ts';
import type { PersistedVerdict } from '../intent/verifier.ts';

const LOADED = Symbol('vetrellis-file-store');
const COMPACT_AFTER = 256;
const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

/** Makes the folder (or an existing one and every file in it) readable by its owner only. */
function makePrivate(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  chmodSync(dir, PRIVATE_DIR);
  for (const f of readdirSync(dir, { withFileTypes: true })) {
    if (f.isFile()) chmodSync(join(dir, f.name), PRIVATE_FILE);
  }
}

/** Adds an update to a store file of `dir` (as a client writing that document would). */
export function appendUpdate(dir: string, room: string, update: Uint8Array): void {
  makePrivate(dir);
  appendFileSync(join(dir, `${room}.yupd`), record(update), { mode: PRIVATE_FILE });
}

/** The merged update a store file of `dir` holds, or null when there is none. */
export function storedUpdate(dir: string, room: string): Uint8Array | null {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(join(dir, `${room}.yupd`));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const records = readRecords(bytes);
  return records.length === 0 ? null : Y.mergeUpdates(records);
}

function record(update: Uint8Array): Buffer {
  const out = Buffer.alloc(4 + update.length);
  out.writeUInt32LE(update.length, 0);
  out.set(update, 4);
  return out;
}

/** The complete records of a store file. */
export function readRecords(bytes: Uint8Array): Uint8Array[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Uint8Array[] = [];
  let at = 0;
  while (at + 4 <= bytes.length) {
    const n = view.getUint32(at, true);
    if (at + 4 + n > bytes.length) break;
    out.push(bytes.subarray(at + 4, at + 4 + n));
    at += 4 + n;
  }
  return out;
}

export class FileDocStore implements DocStore {
  readonly durable = true;
  #private = false;
  constructor(readonly dir: string) {}

  async holds(room: string): Promise<boolean> {
    return existsSync(join(this.dir, `${room}.yupd`));
  }

  async drop(room: string): Promise<void> {
    rmSync(join(this.dir, `${room}.yupd`), { force: true });
    rmSync(join(this.dir, `${room}.verified`), { force: true });
  }

  open(doc: Y.Doc, room: string): StoredDoc {
    if (!this.#private) {
      makePrivate(this.dir);
      this.#private = true;
    }
    const path = join(this.dir, `${room}.yupd`);
    let records: Uint8Array[] = [];
    try {
      records = readRecords(readFileSync(path));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    if (records.length > 0) {
      // A damaged record is not skipped: the intents after it would be lost at the next
      // compaction. The world is not opened, and the file stays as it is for a repair.
      try {
        Y.applyUpdate(doc, Y.mergeUpdates(records), LOADED);
      } catch (e) {
        throw new Error(`${path} is damaged and cannot be read (${e instanceof Error ? e.message : String(e)}); it was left as it is`);
      }
    }
    if (records.length > COMPACT_AFTER) {
      writeFileSync(`${path}.tmp`, record(Y.encodeStateAsUpdate(doc)), { mode: PRIVATE_FILE });
      renameSync(`${path}.tmp`, path);
    }
    const onUpdate = (update: Uint8Array, origin: unknown): void => {
      if (origin !== LOADED) appendFileSync(path, record(update), { mode: PRIVATE_FILE });
    };
    doc.on('update', onUpdate);
    // Whatever the document held before it was opened here is stored too (a full update is
    // idempotent; duplicates merge away at the next compaction).
    const held = Y.encodeStateAsUpdate(doc);
    if (records.length === 0 && held.length > 2) appendFileSync(path, record(held), { mode: PRIVATE_FILE });
    return {
      whenLoaded: Promise.resolve(),
      verified: verifiedFile(join(this.dir, `${room}.verified`)),
      close: async () => doc.off('update', onUpdate),
    };
  }
}

/** Verdicts as lines `id rawHash` (sound) or `id !rawHash` (signature failed); a torn last line is ignored. */
function verifiedFile(path: string): VerifiedSet {
  return {
    async load() {
      let text = '';
      try {
        text = await readFile(path, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
      const out: PersistedVerdict[] = [];
      for (const line of text.split('\n')) {
        const m = /^([0-9a-f]{64}) (!?)([0-9a-f]{64})$/.exec(line);
        if (m) out.push(m[2] ? [m[1]!, m[3]!, 'rejected'] : [m[1]!, m[3]!]);
      }
      return out;
    },
    add(verdicts) {
      if (verdicts.length === 0) return;
      appendFileSync(path, verdicts.map(([id, rawHash, v]) => `${id} ${v === 'rejected' ? '!' : ''}${rawHash}\n`).join(''), { mode: PRIVATE_FILE });
    },
  };
}
