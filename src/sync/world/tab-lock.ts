/**
 * The one wrapper over Web Locks. A tab holds a named lock while it writes something two tabs
 * must not write at once: a single-player world's log (one tab plays it), or a player's chain in
 * a shared world (one tab signs, other tabs of the same player watch). Where Web Locks do not
 * exist (Node, old browsers) the caller holds the lock: there is no other tab to share with.
 *
 *   const lock = await tryLock('vetrellis-world:' + key, { steal: false });
 *   if (!lock) showElsewhere(); else lock.lost.then(stopPlaying);
 *
 *   const role = await claimWriterTab(`vetrellis:${worldId}:${player}`);
 *   role.writer; role.onPromoted(() => …); role.release();
 */

/** The part of the Web Locks API used here: exclusive locks, asked now, stolen or waited for. */
export interface LockManagerLike {
  request(
    name: string,
    options: { ifAvailable?: boolean; steal?: boolean; signal?: AbortSignal },
    cb: (lock: unknown) => Promise<void> | void,
  ): Promise<unknown>;
}

export interface HeldLock {
  release(): void;
  /** Resolves if another tab took the lock over (`steal`). */
  readonly lost: Promise<void>;
}

const NEVER = new Promise<void>(() => {});

function webLocks(): LockManagerLike | undefined {
  return (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
}

/**
 * Ask for the lock now: null when another tab holds it. With `steal`, take it from that tab
 * (whose `lost` then resolves) instead.
 */
export function tryLock(name: string, how: { steal: boolean }, locks = webLocks()): Promise<HeldLock | null> {
  if (!locks) return Promise.resolve({ release: () => {}, lost: NEVER });
  return new Promise((resolve) => {
    const { held, release } = holding();
    let onLost!: () => void;
    const lost = new Promise<void>((r) => (onLost = r));
    const options = how.steal ? { steal: true } : { ifAvailable: true };
    locks
      .request(name, options, (lock) => {
        if (!lock) return resolve(null);
        resolve({ release, lost });
        return held;
      })
      // The request fails only when another tab stole the lock while this one held it.
      .catch(() => onLost());
  });
}

/** Wait in line for the lock; `signal` leaves the line. */
function waitForLock(name: string, signal: AbortSignal, locks: LockManagerLike): Promise<HeldLock> {
  return new Promise((resolve) => {
    const { held, release } = holding();
    void locks
      .request(name, { signal }, () => {
        resolve({ release, lost: NEVER });
        return held;
      })
      .catch(() => {});
  });
}

function holding(): { held: Promise<void>; release: () => void } {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  return { held, release };
}

export interface TabRole {
  readonly writer: boolean;
  onPromoted(cb: () => void): void;
  release(): void;
}

/** The first tab writes; a later tab watches and is promoted when the writing tab goes away. */
export async function claimWriterTab(name: string, locks = webLocks()): Promise<TabRole> {
  if (!locks) return { writer: true, onPromoted: () => {}, release: () => {} };
  const leave = new AbortController();
  let lock = await tryLock(name, { steal: false }, locks);
  const promoted: (() => void)[] = [];
  if (!lock) {
    void waitForLock(name, leave.signal, locks).then((held) => {
      lock = held;
      for (const cb of promoted) cb();
    });
  }
  return {
    get writer() {
      return lock !== null;
    },
    onPromoted: (cb) => void promoted.push(cb),
    release: () => {
      leave.abort();
      lock?.release();
    },
  };
}
