/**
 * One tab plays a local world at a time: two writers would interleave their logs in IndexedDB.
 * A Web Lock per world is held while the world is open; another tab of the same world asks
 * without waiting (and shows "open in another tab"), or takes it over (`steal`), which tells the
 * first tab through `lost` so it stops playing.
 *
 *   const lock = await claimWorld(key, false);
 *   if (!lock) showElsewhere();
 *   else { lock.lost.then(stopPlaying); ...; lock.release(); }
 */
export interface WorldLock {
  release(): void;
  /** Resolves if another tab took the world over. */
  readonly lost: Promise<void>;
}

const NEVER = new Promise<void>(() => {});

export function claimWorld(key: string, steal: boolean): Promise<WorldLock | null> {
  if (!('locks' in navigator)) return Promise.resolve({ release: () => {}, lost: NEVER });
  return new Promise((resolve) => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let onLost!: () => void;
    const lost = new Promise<void>((r) => (onLost = r));
    const options: LockOptions = steal ? { steal: true } : { ifAvailable: true };
    navigator.locks
      .request(`vetrellis-world:${key}`, options, async (lock) => {
        if (!lock) return resolve(null);
        resolve({ release, lost });
        await held;
      })
      .catch(() => onLost());
  });
}
