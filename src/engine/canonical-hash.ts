/**
 * The state hash replicas compare: sha256 over the canonical JSON of the state
 * (src/content/canonical.ts), so the hash never depends on the order keys were inserted in.
 *
 *   hashState(state) // "3f1c…" (64 hex digits)
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from '../content/canonical.ts';
import type { GameState } from './state.ts';

export function hashState(state: GameState): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(state))));
}
