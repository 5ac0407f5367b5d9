/**
 * One terminal client per world folder. Two clients on one folder would sign intents with the
 * same key and the same sequence numbers: every replica would judge the player's chain
 * equivocating and refuse their later actions. The lock is proper-lockfile's: a `.lock` folder
 * made atomically inside the world folder, its mtime refreshed while held, so a client that
 * died without releasing it (killed, power lost) holds it no longer than `STALE_MS`.
 *
 *   const lock = await lockWorldFolder(dir, (why) => stop(why));   // throws FolderInUse
 *   ...
 *   await lock.release();
 */
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

/** A lock whose holder stopped refreshing it for this long is taken over. */
const STALE_MS = 5_000;

/** Another client holds this world folder. */
export class FolderInUse extends Error {
  constructor(readonly dir: string) {
    super(`this world is open in another client (${dir} is in use). Close that one first; a client that crashed lets go within ${STALE_MS / 1000} seconds.`);
    this.name = 'FolderInUse';
  }
}

export interface FolderLock {
  release(): Promise<void>;
}

/**
 * Takes the folder's lock, or throws FolderInUse when another live client holds it. `onLost` is
 * called if the lock is taken away while held (this process was suspended past `STALE_MS` and
 * another client took over): this client must stop signing.
 */
export async function lockWorldFolder(dir: string, onLost: (why: string) => void): Promise<FolderLock> {
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, {
      lockfilePath: join(dir, '.lock'),
      stale: STALE_MS,
      retries: 0,
      realpath: false,
      onCompromised: (err) => onLost(`this world was opened by another client while this one was not running (${err.message}); this one stops so the two do not sign the same moves`),
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') throw new FolderInUse(dir);
    throw err;
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      await release();
    },
  };
}
