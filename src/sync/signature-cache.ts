/**
 * Signature checks are the expensive part of reading an intent (~1 ms each with noble), so each
 * (intent id, sig) pair is verified once per process and the verdict memoised. The verdict is a
 * pure function of the id (a hash of the signed body) and the signature, so sharing it between
 * replicas in one process cannot change any outcome. Bounded: the memo is cleared when full.
 */
const MAX_ENTRIES = 500_000;
/** id -> the signature that verified: keyed by id alone so a lookup allocates nothing, and the
 * value is the string itself (no pair to reach first: this is read once per intent read). */
let valid = new Map<string, string>();
/** id -> the last signature that failed, kept apart so a bad one never shadows a good one. */
let invalid = new Map<string, string>();
let hits = 0;
let checks = 0;

/** The memoised verdict for (id, sig), if any (lets a caller skip building its `verify`). */
export function knownVerdict(id: string, sig: string): boolean | undefined {
  if (valid.get(id) === sig) {
    hits++;
    return true;
  }
  if (invalid.size > 0 && invalid.get(id) === sig) {
    hits++;
    return false;
  }
  return undefined;
}

/** `verify` runs only when this (id, sig) has no verdict yet. */
export function verifyCached(id: string, sig: string, verify: () => boolean): boolean {
  const known = knownVerdict(id, sig);
  if (known !== undefined) return known;
  checks++;
  const ok = verify();
  if (valid.size + invalid.size >= MAX_ENTRIES) clearVerdicts();
  // A valid verdict is never replaced by another signature's for the same id.
  if (ok) {
    if (!valid.has(id)) valid.set(id, sig);
  } else invalid.set(id, sig);
  return ok;
}

function clearVerdicts(): void {
  valid = new Map();
  invalid = new Map();
}

/** Record verdicts known good from trusted local storage (e.g. a persisted verified set). */
export function rememberVerified(keys: Iterable<readonly [id: string, sig: string]>): void {
  for (const [id, sig] of keys) valid.set(id, sig);
}

export function signatureCacheStats(): { readonly entries: number; readonly hits: number; readonly checks: number } {
  return { entries: valid.size + invalid.size, hits, checks };
}

/** Tests and benchmarks measure cold verification with this. */
export function clearSignatureCache(): void {
  clearVerdicts();
  hits = 0;
  checks = 0;
}
