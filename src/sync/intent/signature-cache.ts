/**
 * The cryptographic checks of a stored intent (its id is the sha256 of its body, the key in its
 * `sig` is its author's, the Ed25519 signature verifies over the body) are the expensive part of
 * reading it (~1 µs of hashing, ~1 ms of signature), and their outcome is a pure function of the
 * stored string and its key. So each string's verdict is memoised once per process:
 *
 * - sound: id -> the exact stored string that passed them. A canonical envelope is the only valid
 *   spelling of its (body, sig), and the body is fixed by its hash, so the one string per id
 *   that passed is all there is to remember; a lookup is one string comparison, no hashing.
 * - failed: id -> the last signature that did not verify, so a bad signature sent again is not
 *   verified again (kept apart, so a bad one never shadows a good one).
 *
 * Sharing verdicts between replicas in one process cannot change any outcome. The memo may hold
 * the only reference to strings of zones already closed, so it is bounded by the total length of
 * the strings it holds (~64 MiB of text) as well as by entries, and cleared when full (a device
 * then re-checks a reopened zone from its persisted verified set: one hash per string).
 *
 *   if (!knownSound(id, raw)) { ...hash, key and verifySignature(id, sig, verify)...; rememberSound(id, raw); }
 */
const MAX_ENTRIES = 500_000;
const MAX_CHARS = 64 * 1024 * 1024;
let sound = new Map<string, string>();
let failed = new Map<string, string>();
/** Total length of the strings held (stored strings and failed signatures). */
let chars = 0;
let hits = 0;
let checks = 0;

/** True when exactly this stored string passed the cryptographic checks under this id. */
export function knownSound(id: string, raw: string): boolean {
  if (sound.get(id) !== raw) return false;
  hits++;
  return true;
}

/** Record that `raw` passed every cryptographic check under `id`. */
export function rememberSound(id: string, raw: string): void {
  // The first string that passed stays: for a given id there is only one.
  if (sound.has(id)) return;
  makeRoom(raw.length);
  sound.set(id, raw);
}

function makeRoom(length: number): void {
  if (sound.size + failed.size >= MAX_ENTRIES || chars + length > MAX_CHARS) clearVerdicts();
  chars += length;
}

/** The signature check: `verify` runs unless this (id, sig) already failed here. */
export function verifySignature(id: string, sig: string, verify: () => boolean): boolean {
  if (failed.size > 0 && failed.get(id) === sig) {
    hits++;
    return false;
  }
  checks++;
  const ok = verify();
  if (!ok) {
    makeRoom(sig.length);
    failed.set(id, sig);
  }
  return ok;
}

function clearVerdicts(): void {
  sound = new Map();
  failed = new Map();
  chars = 0;
}

/**
 * Record strings known sound from trusted local data, as a device that checked them would hold
 * them (benchmarks and tests build large logs with a stand-in signer this way). Only for strings
 * that would pass: `readIntent` trusts these verdicts.
 */
export function rememberVerified(records: Iterable<readonly [id: string, raw: string]>): void {
  for (const [id, raw] of records) rememberSound(id, raw);
}

export function signatureCacheStats(): { readonly entries: number; readonly chars: number; readonly hits: number; readonly checks: number } {
  return { entries: sound.size + failed.size, chars, hits, checks };
}

/** Tests and benchmarks measure cold verification with this. */
export function clearSignatureCache(): void {
  clearVerdicts();
  hits = 0;
  checks = 0;
}
