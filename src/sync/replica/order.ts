/**
 * The agreed order of a zone's intents: `(turn, H(worldSeed, turn, player), seq)`, then id.
 * The hash tiebreak is a per-turn lottery among players (Yjs's own order would favour low client
 * ids, which a client picks itself). All comparisons are explicit: numbers, then hex ids by code
 * unit.
 *
 *   const key = lotteryKey(worldSeed, player);   // once per player (one sha256)
 *   const ticket = lotteryTicket(key, turn);     // per intent: a few integer multiplications
 *   entries.sort(compareOrder);
 *
 * H (docs/intent-format.md "Order and fold"): the player's lottery key is the first 64 bits of
 * sha256(`${worldSeed}:${player}`), as two big-endian uint32 words k0, k1; the ticket for a turn
 * t is MurmurHash3 x86_32 of the 8 bytes (t mod 2^32, floor(t / 2^32)) as little-endian uint32
 * words, once with seed k0 (h0) and once with seed k1 (h1), combined as the 53-bit integer
 * h0 * 2^21 + (h1 >>> 11); lower tickets go first. The cryptographic part is the key: a player
 * cannot choose it (their id is a hash of their public key, and the key also mixes the world
 * seed); per turn a well-mixing hash of the turn under that key is enough for a fair draw, and
 * it costs a few multiplications where a sha256 per intent cost more than the rest of ordering.
 */
import { compareCodeUnits } from '../../content/canonical.ts';
import { sha256Hex } from '../intent/bytes.ts';
import { mix32 } from '../../engine/prng.ts';

export interface OrderKey {
  readonly turn: number;
  /** H(worldSeed, turn, player): a 53-bit integer (see the module comment). */
  readonly lottery: number;
  readonly seq: number;
  readonly id: string;
}

/** A player's lottery key in one world: [k0, k1], worked out once per player. */
export type LotteryKey = readonly [number, number];

export function lotteryKey(worldSeed: number, player: string): LotteryKey {
  const h = sha256Hex(`${worldSeed >>> 0}:${player}`);
  return [parseInt(h.slice(0, 8), 16) >>> 0, parseInt(h.slice(8, 16), 16) >>> 0];
}

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function mixWord(h: number, word: number): number {
  let k = Math.imul(word, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3 x86_32 of two little-endian uint32 words (8 bytes) under `seed`. */
function murmur2Words(seed: number, w0: number, w1: number): number {
  // Blocks, then the length (8 bytes), then murmur3's finaliser.
  return mix32(mixWord(mixWord(seed | 0, w0), w1) ^ 8);
}

/** H for a turn under a player's key: an integer below 2^53. */
export function lotteryTicket(key: LotteryKey, turn: number): number {
  const lo = turn >>> 0;
  const hi = Math.floor(turn / 0x1_0000_0000) >>> 0;
  return murmur2Words(key[0], lo, hi) * 0x20_0000 + (murmur2Words(key[1], lo, hi) >>> 11);
}

/** H(worldSeed, turn, player), for one-off use (the chains keep each player's key). */
export function lotteryOf(worldSeed: number, turn: number, player: string): number {
  return lotteryTicket(lotteryKey(worldSeed, player), turn);
}

export function compareOrder(a: OrderKey, b: OrderKey): number {
  if (a.turn !== b.turn) return a.turn - b.turn;
  if (a.lottery !== b.lottery) return a.lottery - b.lottery;
  if (a.seq !== b.seq) return a.seq - b.seq;
  return compareCodeUnits(a.id, b.id);
}

/** Index of the first element of sorted `list` that sorts after `key` (upper bound). */
export function insertionIndex<T extends OrderKey>(list: readonly T[], key: OrderKey): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareOrder(list[mid]!, key) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
