/**
 * A memo bounded by its number of entries and, optionally, by a weight (the characters it
 * holds): when full, its oldest entries leave one at a time, never all at once, so a flood of
 * junk costs each string its check once instead of making every check start over. Insertion
 * order is the Map's own; a few lines instead of an LRU library, which would weigh on the page.
 *
 *   const memo = new BoundedMemo<string, string>(100_000, 64 << 20, (raw) => raw.length);
 *   memo.set(id, raw); memo.get(id);
 */
export class BoundedMemo<K, V> {
  readonly #map = new Map<K, V>();
  readonly #maxEntries: number;
  readonly #maxWeight: number;
  readonly #weigh: (value: V) => number;
  #weight = 0;

  constructor(maxEntries: number, maxWeight = Infinity, weigh: (value: V) => number = () => 0) {
    this.#maxEntries = maxEntries;
    this.#maxWeight = maxWeight;
    this.#weigh = weigh;
  }

  get size(): number {
    return this.#map.size;
  }
  get weight(): number {
    return this.#weight;
  }
  get(key: K): V | undefined {
    return this.#map.get(key);
  }
  has(key: K): boolean {
    return this.#map.has(key);
  }

  set(key: K, value: V): void {
    this.delete(key);
    this.#map.set(key, value);
    this.#weight += this.#weigh(value);
    for (const [oldest, old] of this.#map) {
      if (this.#map.size <= this.#maxEntries && this.#weight <= this.#maxWeight) break;
      if (oldest === key) break;
      this.#map.delete(oldest);
      this.#weight -= this.#weigh(old);
    }
  }

  delete(key: K): void {
    const old = this.#map.get(key);
    if (old === undefined && !this.#map.has(key)) return;
    this.#map.delete(key);
    this.#weight -= this.#weigh(old as V);
  }
}
