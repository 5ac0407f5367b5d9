/**
 * Counters of everything a replica refused or repaired, for the diagnostics panel and tests.
 * Counts are local (they depend on delivery order, e.g. duplicates); outcomes never do.
 */
import { compareCodeUnits } from '../../content/canonical.ts';

export class Diagnostics {
  readonly #counts = new Map<string, number>();

  count(what: string, n = 1): void {
    this.#counts.set(what, (this.#counts.get(what) ?? 0) + n);
  }

  get(what: string): number {
    return this.#counts.get(what) ?? 0;
  }

  /** All counters, sorted by name. */
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.#counts].sort(([a], [b]) => compareCodeUnits(a, b)));
  }
}
