/**
 * One writing tab per player and world (Web Locks): the first tab holds the lock and writes;
 * later tabs of the same player watch (they fold and show the world, but do not sign) and are
 * promoted when the writer closes. Where Web Locks do not exist (Node), the caller is the writer.
 *
 *   const role = await claimWriterTab(`vetrellis:${worldId}:${player}`);
 *   role.writer; role.onPromoted(() => …); role.release();
 */
export interface TabRole {
  readonly writer: boolean;
  onPromoted(cb: () => void): void;
  release(): void;
}

interface LockManagerLike {
  request(name: string, options: { ifAvailable?: boolean; signal?: AbortSignal }, cb: (lock: unknown) => Promise<void> | void): Promise<unknown>;
}

export async function claimWriterTab(name: string, locks: LockManagerLike | undefined = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks): Promise<TabRole> {
  if (!locks) return { writer: true, onPromoted: () => {}, release: () => {} };
  let releaseHeld: () => void = () => {};
  const held = new Promise<void>((r) => (releaseHeld = r));
  const got = await new Promise<boolean>((resolve) => {
    void locks.request(name, { ifAvailable: true }, (lock) => {
      resolve(lock !== null);
      return lock !== null ? held : undefined;
    });
  });
  let writer = got;
  const promoted: (() => void)[] = [];
  const abort = new AbortController();
  if (!got) {
    // Queue for the lock; when the writing tab goes away this one takes over.
    void locks.request(name, { signal: abort.signal }, () => {
      writer = true;
      for (const cb of promoted) cb();
      return held;
    }).catch(() => {});
  }
  return {
    get writer() {
      return writer;
    },
    onPromoted: (cb) => void promoted.push(cb),
    release: () => {
      abort.abort();
      releaseHeld();
    },
  };
}
