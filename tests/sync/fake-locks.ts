/**
 * Web Locks in Node for tests: an in-memory lock manager with the part of the API claimWriterTab
 * uses, and a helper that installs it as `navigator.locks` for the duration of a test.
 */
/** The part of the Web Locks API claimWriterTab uses: exclusive locks, ifAvailable, signal. */
export class FakeLocks {
  readonly #held = new Set<string>();
  readonly #queue = new Map<string, (() => void)[]>();
  request(name: string, options: { ifAvailable?: boolean; signal?: AbortSignal }, cb: (lock: unknown) => Promise<void> | void): Promise<unknown> {
    const run = (): Promise<unknown> => {
      this.#held.add(name);
      return Promise.resolve(cb({ name })).finally(() => {
        this.#held.delete(name);
        this.#queue.get(name)?.shift()?.();
      });
    };
    if (!this.#held.has(name)) return run();
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
