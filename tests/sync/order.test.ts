// The ordering lottery H(worldSeed, turn, player) as docs/intent-format.md states it, against a
// byte-wise transcription of that text (MurmurHash3 x86_32 over a byte array, sha256 of the key
// string): replicas written from the document must draw the same tickets as ours.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/sync/intent/bytes.ts';
import { compareOrder, lotteryOf } from '../../src/sync/replica/order.ts';
import { fuzzRuns, fuzzSeed } from './harness.ts';

/** MurmurHash3 x86_32 over bytes, as published (little-endian blocks, tail, length, fmix). */
function murmur3(bytes: readonly number[], seed: number): number {
  let h = seed >>> 0;
  const blocks = bytes.length - (bytes.length % 4);
  const round = (k: number): number => Math.imul(((Math.imul(k, 0xcc9e2d51) << 15) | (Math.imul(k, 0xcc9e2d51) >>> 17)), 0x1b873593);
  for (let i = 0; i < blocks; i += 4) {
    h ^= round(bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
    h = (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0;
  }
  let tail = 0;
  for (let i = bytes.length - 1; i >= blocks; i--) tail = (tail << 8) | bytes[i]!;
  if (bytes.length > blocks) h ^= round(tail);
  h ^= bytes.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function documented(worldSeed: number, turn: number, player: string): number {
  const k = sha256Hex(`${worldSeed}:${player}`);
  const le = (n: number): number[] => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];
  const bytes = [...le(turn % 2 ** 32), ...le(Math.floor(turn / 2 ** 32))];
  return murmur3(bytes, parseInt(k.slice(0, 8), 16)) * 2 ** 21 + (murmur3(bytes, parseInt(k.slice(8, 16), 16)) >>> 11);
}

describe('the ordering lottery', () => {
  it('murmur3 transcription matches the published test vectors', () => {
    expect(murmur3([], 0)).toBe(0);
    expect(murmur3([], 1)).toBe(0x514e28b7);
    expect(murmur3([0x61, 0x61, 0x61, 0x61], 0x9747b28c)).toBe(0x5a97808a);
    expect(murmur3([0x21, 0x43, 0x65, 0x87], 0x5082edee)).toBe(0x2362f9de);
  });

  it('draws the documented ticket for any seed, turn and player', () => {
    const seed = fuzzSeed('ordering lottery');
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 32 - 1 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.stringMatching(/^[0-9a-f]{64}$/), (worldSeed, turn, player) => {
        const ticket = lotteryOf(worldSeed, turn, player);
        expect(ticket).toBe(documented(worldSeed, turn, player));
        expect(Number.isSafeInteger(ticket) && ticket >= 0).toBe(true);
      }),
      { seed, numRuns: fuzzRuns(500) },
    );
  });

  it('is a fair draw: over many turns each of three players goes first about a third of the time', () => {
    const players = ['a', 'b', 'c'].map((p) => sha256Hex(p));
    const firsts = new Map<string, number>();
    for (let turn = 1; turn <= 3_000; turn++) {
      const order = players.map((player) => ({ player, turn, lottery: lotteryOf(7, turn, player), seq: 1, id: player })).sort(compareOrder);
      firsts.set(order[0]!.player, (firsts.get(order[0]!.player) ?? 0) + 1);
    }
    for (const p of players) expect(Math.abs((firsts.get(p) ?? 0) - 1_000)).toBeLessThan(120);
  });
});
