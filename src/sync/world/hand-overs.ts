/**
 * Keeps a traveller's hand-overs right: after any fold change, the player's travels folded in the
 * loaded zones are compared with their arrives (traveller.ts `settlesDue`), and the first settle
 * that can be written now is signed. Its write re-folds that zone, which queues the next pass, so
 * settles cascade (a settled arrive changes that zone's next travel) with every decision made on
 * the folds as they then are.
 *
 *   const handOvers = new HandOvers({ player, zones, timeoutMs, mayWrite, writeSettle });
 *   handOvers.queue();   // after a fold changed; runs once per microtask
 */
import type { Arrival, Departure } from '../replica/crossing.ts';
import type { SettleAction } from '../intent/sync-action.ts';
import { settleFor, settlesDue, type CrossingFolds } from './traveller.ts';
import type { ZoneHandle } from './zone-handle.ts';
import type { ZoneSet } from './zone-set.ts';

export interface HandOverHost {
  readonly player: string;
  readonly zones: ZoneSet;
  /** How long a zone's first sync is waited for before a settle is signed there. */
  readonly timeoutMs: number;
  /** The player may sign in `h`'s zone now (a writing tab, chain not stopped, own history there loaded). */
  mayWrite(h: ZoneHandle): boolean;
  /** Sign and write `settle` in `to` (the zone entered); `from` is the zone left. */
  writeSettle(from: ZoneHandle, to: ZoneHandle, settle: SettleAction): void;
}

export class HandOvers {
  readonly #host: HandOverHost;
  /** Departure -> the arrival it was last compared with (states are immutable: same pair, same verdict). */
  readonly #checked = new WeakMap<Departure, Arrival>();
  #queued = false;
  #closed = false;

  constructor(host: HandOverHost) {
    this.#host = host;
  }

  queue(): void {
    if (this.#queued || this.#closed) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      if (!this.#closed) this.#pass();
    });
  }

  close(): void {
    this.#closed = true;
  }

  #pass(): void {
    const { player, zones } = this.#host;
    const folds = new Map<string, CrossingFolds>();
    for (const h of zones.values()) if (h.replica) folds.set(h.zone, h.replica.fold);
    for (const due of settlesDue(player, folds, this.#checked)) {
      const to = zones.get(due.to)!;
      if (!this.#host.mayWrite(to)) continue;
      if (zones.syncing(to)) {
        void to.link!.whenSynced(this.#host.timeoutMs).then(() => this.queue());
        continue;
      }
      this.#checked.set(due.departure, due.arrival);
      this.#host.writeSettle(zones.get(due.from)!, to, settleFor(due));
      return;
    }
  }
}
