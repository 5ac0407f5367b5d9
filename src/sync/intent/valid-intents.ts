/**
 * The device's persisted verified set, as this process holds it: (id, sha256 of the stored
 * string) pairs of intents that passed every check on this device before (`trustStoredIntents`,
 * seeded as zones load from local storage). Local storage is trusted, and the hash pins the exact
 * bytes that passed, so `readIntent` skips the cryptographic checks for them (it still runs the
 * schemas, which also give the action its parsed form). Within one process, verdicts are
 * memoised by the exact string (signature-cache.ts); parsed intents are not kept here, so a zone
 * that is closed frees its intents.
 *
 *   trustStoredIntents(await stored.verified.load());
 *   const pinned = trustedRawHash(key);   // sha256 of the stored string that passed, or undefined
 */
const MAX_ENTRIES = 500_000;
/** id -> rawHash, from storage. One per id: a second valid string for the same id (another
 * signature of the same body) is simply checked in full. */
let trusted = new Map<string, string>();

export function trustStoredIntents(records: Iterable<readonly [id: string, rawHash: string]>): void {
  if (trusted.size >= MAX_ENTRIES) trusted = new Map();
  for (const [id, rawHash] of records) trusted.set(id, rawHash);
}

export function trustedRawHash(id: string): string | undefined {
  // Most processes trust nothing stored: then not even the id's hash is looked at.
  return trusted.size === 0 ? undefined : trusted.get(id);
}

/** Forget the persisted verdicts this process was given (tests and benchmarks). */
export function clearValidIntents(): void {
  trusted = new Map();
}
