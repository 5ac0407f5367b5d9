// Runs the SQLite WAL checkpoints of the relay's database on a worker thread with its own
// connection. A checkpoint copies the WAL into the database and fsyncs; done by the relay's own
// connection (SQLite's autocheckpoint) it would stall every room for that fsync every ~1,000
// commits. In WAL mode a PASSIVE checkpoint from another connection never blocks the writer.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// Plain CommonJS so the worker needs no TypeScript loader (it runs under tsx, vitest and node).
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const checkpoint = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} };
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export const startCheckpointer = (file: string, intervalMs: number): Checkpointer => {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, intervalMs } });
  worker.unref();
  worker.on('error', () => {
    // Checkpoints are an optimisation; the final checkpoint on close still runs.
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage('stop');
      await exited;
    },
  };
};
