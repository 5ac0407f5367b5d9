/**
 * The first-sync and reachability half of a relay link, shared by its implementations
 * (websocket-link.ts, memory-relay.ts):
 *
 *   const first = new FirstSync();
 *   first.markSynced();              // a sync with the relay completed
 *   first.markClosed();              // a connection ended (unreachable if never synced)
 *   await first.whenSynced(3000, { untilUnreachable: true });
 */
export class FirstSync {
  #synced = false;
  #unreachable = false;
  readonly #waiters = new Set<(synced: boolean) => void>();

  get synced(): boolean {
    return this.#synced;
  }
  get unreachable(): boolean {
    return this.#unreachable;
  }

  markSynced(): void {
    this.#unreachable = false;
    if (this.#synced) return;
    this.#synced = true;
    for (const w of [...this.#waiters]) w(true);
  }

  /** A connection attempt ended; it counts as "unreachable" only before the first sync. */
  markClosed(): void {
    if (this.#synced) return;
    this.#unreachable = true;
    for (const w of [...this.#waiters]) w(false);
  }

  whenSynced(timeoutMs: number, o?: { readonly untilUnreachable?: boolean }): Promise<boolean> {
    if (this.#synced) return Promise.resolve(true);
    if ((o?.untilUnreachable && this.#unreachable) || timeoutMs <= 0) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const done = (synced: boolean): void => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
        resolve(synced);
      };
      const waiter = (synced: boolean): void => {
        if (synced || o?.untilUnreachable) done(synced);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      this.#waiters.add(waiter);
    });
  }
}
