// Runs the SQLite WAL checkpoints of the relay's database on a worker thread with its own
// connection. A checkpoint copies the WAL into the database and fsyncs; done by the relay's own
// connection (SQLite's autocheckpoint) it would stall every room for that fsync every ~1,000
// commits. In WAL mode a PASSIVE checkpoint from another connection never blocks the writer.
//
// A PASSIVE checkpoint alone does not bound the WAL file: SQLite rewinds the WAL only when a write
// begins after a checkpoint that copied every frame, which under steady writes never happens (a
// commit lands while the checkpoint fsyncs), so the file grew with history (179 MB after 11,000
// intents). When the WAL is past `limitBytes`, the worker truncates it with a TRUNCATE checkpoint
// at a quiet moment (no commit for `quietMs`; the writer tells the worker when it last committed
// through shared memory); when no quiet moment comes within one interval, or the WAL reaches twice
// the limit, it truncates anyway. A TRUNCATE holds SQLite's write lock while it copies what the
// PASSIVE one left (little) and fsyncs; a commit that met that lock would block the relay's event
// loop in SQLite's busy handler (measured: p99 commit 45 ms instead of 12 on a loaded machine). So
// writer and worker share a lock word: the worker truncates only while it holds it, and the
// writer, finding it held, defers its commit (the updates wait, grouped into one commit, while the
// event loop goes on serving every room) instead of blocking.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Slots of the shared Float64Array. */
const LAST_COMMIT = 0;
const TRUNCATIONS = 1;
const FORCED = 2;
const SLOTS = 3;
/** Byte offset of the Int32 lock word after them: 0 free, 1 the worker truncates, 2 the writer commits. */
const LOCK_OFFSET = SLOTS * Float64Array.BYTES_PER_ELEMENT;

// Plain CommonJS so the worker needs no TypeScript loader (it runs under tsx, vitest and node).
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.driver);
const { file, intervalMs, limitBytes, quietMs } = workerData;
const shared = new Float64Array(workerData.shared, 0, ${SLOTS});
const lock = new Int32Array(workerData.shared, ${LOCK_OFFSET}, 1);
const db = new Database(file);
// Long enough to wait out one group commit for the write lock, short enough never to queue behind many.
db.pragma('busy_timeout = 100');
const walBytes = () => { try { return statSync(file + '-wal').size; } catch { return 0; } };
const truncate = (forced) => {
  // The writer holds the lock only for one synchronous commit: wait it out.
  while (Atomics.compareExchange(lock, 0, 0, 1) !== 0) Atomics.wait(lock, 0, 2, 1);
  try {
    const [row] = db.pragma('wal_checkpoint(TRUNCATE)');
    if (row && row.busy === 0) { shared[${TRUNCATIONS}]++; if (forced) shared[${FORCED}]++; }
  } catch {} finally {
    Atomics.store(lock, 0, 0);
  }
};
let timer = null;
let waitedMs = 0;
let sincePassiveMs = 0;
// The WAL's size is looked at every 100 ms (a stat), so a burst of writes overshoots the limit
// by at most what it writes in that time (plus the transaction in progress).
const sizeEveryMs = Math.min(100, intervalMs);
const passive = () => { sincePassiveMs = 0; try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} };
const tick = () => {
  timer = null;
  let delay = sizeEveryMs;
  sincePassiveMs += sizeEveryMs;
  const size = walBytes();
  if (size > limitBytes) {
    // First copy the bulk without the lock, so that the truncation itself is short.
    if (waitedMs === 0) passive();
    const quiet = Date.now() - shared[${LAST_COMMIT}] >= quietMs;
    if (quiet || size > 2 * limitBytes || waitedMs >= intervalMs) {
      truncate(!quiet);
      waitedMs = 0;
    } else {
      // Look again soon for a gap between commits.
      delay = Math.max(1, Math.floor(quietMs / 2));
      waitedMs += delay;
    }
  } else {
    waitedMs = 0;
    if (sincePassiveMs >= intervalMs) passive();
  }
  timer = setTimeout(tick, delay);
};
timer = setTimeout(tick, sizeEveryMs);
parentPort.on('message', () => {
  if (timer !== null) clearTimeout(timer);
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
  db.close();
  parentPort.close();
});
`;

export interface CheckpointerOptions {
  /** Time between PASSIVE checkpoints. */
  intervalMs: number;
  /** WAL size past which the worker truncates it. */
  limitBytes: number;
  /** A moment with no commit for this long is quiet enough to truncate the WAL in. */
  quietMs: number;
}

export interface Checkpointer {
  /**
   * Runs `write` (a synchronous commit) unless the worker is truncating the WAL: then later, once
   * it is done. Resolves when `write` has run; rejects with what it threw.
   */
  write<T>(write: () => T): T | Promise<T>;
  /** True while a write waits for a truncation to finish. */
  readonly deferred: boolean;
  /** WAL truncations so far, and how many of them could not wait for a quiet moment. */
  truncations(): { total: number; forced: number };
  stop(): Promise<void>;
}

export const startCheckpointer = (file: string, options: CheckpointerOptions): Checkpointer => {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const sharedBuffer = new SharedArrayBuffer(LOCK_OFFSET + Int32Array.BYTES_PER_ELEMENT);
  const shared = new Float64Array(sharedBuffer, 0, SLOTS);
  const lock = new Int32Array(sharedBuffer, LOCK_OFFSET, 1);
  /** Writes deferred while the worker truncates, run in the order they came (a compaction must not
   * run after a commit that came after it: it would delete that commit's rows). */
  const queue: Array<() => void> = [];
  const run = <T>(write: () => T): T => {
    try {
      return write();
    } finally {
      shared[LAST_COMMIT] = Date.now();
      Atomics.store(lock, 0, 0);
    }
  };
  const drain = (): void => {
    // A truncation is running (a few ms, longer when the disk is busy): look again each ms.
    if (Atomics.compareExchange(lock, 0, 0, 2) !== 0) {
      setTimeout(drain, 1);
      return;
    }
    try {
      for (const write of queue.splice(0)) write();
    } finally {
      shared[LAST_COMMIT] = Date.now();
      Atomics.store(lock, 0, 0);
    }
  };
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, shared: sharedBuffer, ...options } });
  worker.unref();
  worker.on('error', () => {
    // Checkpoints are an optimisation; the final checkpoint on close still runs.
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => {
    // A worker that died mid-truncation must not leave the writer waiting.
    Atomics.compareExchange(lock, 0, 1, 0);
    resolve();
  }));
  const checkpointer: Checkpointer = {
    get deferred() {
      return queue.length > 0;
    },
    write<T>(write: () => T): T | Promise<T> {
      if (queue.length === 0 && Atomics.compareExchange(lock, 0, 0, 2) === 0) return run(write);
      return new Promise<T>((resolve, reject) => {
        if (queue.length === 0) setTimeout(drain, 1);
        queue.push(() => {
          try {
            resolve(write());
          } catch (error) {
            reject(error);
          }
        });
      });
    },
    truncations: () => ({ total: shared[TRUNCATIONS]!, forced: shared[FORCED]! }),
    async stop() {
      worker.postMessage('stop');
      await exited;
    },
  };
  return checkpointer;
};
