/**
 * The dice: a mulberry32 generator over one uint32 of state (kept in `GameState.rng`), and the
 * hashes that seed it from the world seed, the intent id and the state so far.
 *
 *   const r = createRng(seedForIntent(state.seed, state.rng, intent.id));
 *   const roll = rngInt(r, 6); // 0..5
 *   state = { ...state, rng: r.state };
 *
 * Pure integer arithmetic (Math.imul, >>> 0): the same numbers on every JavaScript engine.
 */

/** A generator's state, advanced in place by `rngNext` (local to one apply, never shared). */
export interface Rng {
  state: number;
}

/** FNV-1a 32-bit over the UTF-16 code units of `text`. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's finaliser: spreads every input bit over the whole word. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The seed an intent rolls with: world seed, intent id and the generator state so far. */
export function seedForIntent(worldSeed: number, rngState: number, intentId: string): number {
  return mix32((mix32(worldSeed ^ rngState) + fnv1a32(intentId)) >>> 0);
}

export function createRng(seed: number): Rng {
  return { state: seed >>> 0 };
}

/** The next uint32 (mulberry32). */
export function rngNext(rng: Rng): number {
  rng.state = (rng.state + 0x6d2b79f5) >>> 0;
  let t = rng.state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

/** A whole number in 0..n-1 (n >= 1). */
export function rngInt(rng: Rng, n: number): number {
  return Math.floor((rngNext(rng) / 4294967296) * n);
}

/** True with `percent` in 100 odds. */
export function rngChance(rng: Rng, percent: number): boolean {
  return rngInt(rng, 100) < percent;
}
