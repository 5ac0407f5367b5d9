/**
 * A process-wide memo of intents that passed every check, by id, answering only for exactly the
 * stored string that passed: a string read again (by another replica in this process, or a zone
 * reopened as the player walks back) is not parsed, checked or hashed again. Keyed by the id, not
 * the whole string, so a miss (every intent's first read) costs no hash of the long string: the
 * key's hash is one V8 computes once per key string for all the lookups of it. Plus the device's
 * persisted verified set (`trustStoredIntents`, seeded on reload): (id, sha256 of the stored
 * string) pairs of intents that passed every check here before. Local storage is trusted, and the
 * hash pins the exact bytes that passed, so `readIntent` skips the canonical, id and signature
 * checks for them (it still runs the schemas, which also give the action its parsed form).
 *
 *   const hit = knownValid(key, raw);     // VerifiedIntent | null
 *   const pinned = trustedRawHash(key);   // sha256 of the stored string that passed, or undefined
 */
import type { VerifiedIntent } from './intent.ts';

const MAX_ENTRIES = 500_000;
let byId = new Map<string, VerifiedIntent>();
/** id -> rawHash, from storage. One per id: a second valid string for the same id (another
 * signature of the same body) is simply checked in full. */
let trusted = new Map<string, string>();

export function rememberValid(intent: VerifiedIntent): void {
  if (byId.size >= MAX_ENTRIES) byId = new Map();
  byId.set(intent.id, intent);
}

export function trustStoredIntents(records: Iterable<readonly [id: string, rawHash: string]>): void {
  if (trusted.size >= MAX_ENTRIES) trusted = new Map();
  for (const [id, rawHash] of records) trusted.set(id, rawHash);
}

export function knownValid(id: string, raw: string): VerifiedIntent | null {
  const hit = byId.get(id);
  return hit !== undefined && hit.raw === raw ? hit : null;
}

export function trustedRawHash(id: string): string | undefined {
  // Most processes trust nothing stored: then not even the id's hash is looked at.
  return trusted.size === 0 ? undefined : trusted.get(id);
}

/** Benchmarks measure the full checks with this. */
export function clearValidIntents(): void {
  byId = new Map();
  trusted = new Map();
}
