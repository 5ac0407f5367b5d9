/**
 * Web Locks in Node for tests: an in-memory lock manager with the part of the API tab-lock.ts
 * uses, and a helper that installs it as `navigator.locks` for the duration of a test.
 */
import type { LockManagerLike } from '../../src/sync/world/tab-lock.ts';

interface Holder {
  /** Rejects the holder's request, as a browser does when another tab steals the lock. */
  stolen(): void;
}

/** Exclusive locks: asked now (ifAvailable), stolen (steal), or waited for (with signal). */
export class FakeLocks implements LockManagerLike {
  readonly #held = new Map<string, Holder>();
  readonly #queue = new Map<string, (() => void)[]>();
  request(name: string, options: { ifAvailable?: boolean; steal?: boolean; signal?: AbortSignal }, cb: (lock: unknown) => Promise<void> | void): Promise<unknown> {
    const run = (): Promise<unknown> =>
      new Promise((resolve, reject) => {
        const holder: Holder = { stolen: () => reject(new DOMException('stolen', 'AbortError')) };
        this.#held.set(name, holder);
        void Promise.resolve(cb({ name })).finally(() => {
          if (this.#held.get(name) !== holder) return;
          this.#held.delete(name);
          resolve(undefined);
          this.#queue.get(name)?.shift()?.();
        });
      });
    const holder = this.#held.get(name);
    if (!holder) return run();
    if (options.steal) {
      this.#held.delete(name);
      holder.stolen();
      return run();
    }
    if (options.ifAvailable) return Promise.resolve(cb(null));
    return new Promise((resolve, reject) => {
      const q = this.#queue.get(name) ?? [];
      const go = () => resolve(run());
      q.push(go);
      this.#queue.set(name, q);
      options.signal?.addEventListener('abort', () => {
        q.splice(q.indexOf(go), 1);
        reject(new Error('aborted'));
      });
    });
  }
}

/** Run `fn` with `navigator.locks` set to a fresh FakeLocks, restoring `navigator` afterwards. */
export async function withLocks<T>(fn: () => Promise<T>): Promise<T> {
  const g = globalThis as { navigator?: unknown };
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  Object.defineProperty(globalThis, 'navigator', { value: { locks: new FakeLocks() }, configurable: true, writable: true });
  try {
    return await fn();
  } finally {
    if (saved) Object.defineProperty(globalThis, 'navigator', saved);
    else delete g.navigator;
  }
}
