/**
 * Signature checks are the expensive part of reading an intent (~1 ms each with noble), so each
 * (intent id, sig) pair is verified once per process and the verdict memoised. The verdict is a
 * pure function of the id (a hash of the signed body) and the signature, so sharing it between
 * replicas in one process cannot change any outcome. Bounded: the memo is cleared when full.
 */
const MAX_ENTRIES = 500_000;
/** id -> [sig, verdict]; keyed by id alone so a lookup allocates nothing. */
let memo = new Map<string, readonly [string, boolean]>();
let hits = 0;
let checks = 0;

/** The memoised verdict for (id, sig), if any (lets a caller skip building its `verify`). */
export function knownVerdict(id: string, sig: string): boolean | undefined {
  const known = memo.get(id);
  if (known === undefined || known[0] !== sig) return undefined;
  hits++;
  return known[1];
}

/** `verify` runs only when this (id, sig) has no verdict yet. */
export function verifyCached(id: string, sig: string, verify: () => boolean): boolean {
  const known = memo.get(id);
  if (known !== undefined && known[0] === sig) {
    hits++;
    return known[1];
  }
  checks++;
  const ok = verify();
  if (memo.size >= MAX_ENTRIES) memo = new Map();
  // A valid verdict is never replaced by another signature's for the same id.
  if (known === undefined || !known[1]) memo.set(id, [sig, ok]);
  return ok;
}

/** Record verdicts known good from trusted local storage (e.g. a persisted verified set). */
export function rememberVerified(keys: Iterable<readonly [id: string, sig: string]>): void {
  for (const [id, sig] of keys) memo.set(id, [sig, true]);
}

export function signatureCacheStats(): { readonly entries: number; readonly hits: number; readonly checks: number } {
  return { entries: memo.size, hits, checks };
}

/** Tests and benchmarks measure cold verification with this. */
export function clearSignatureCache(): void {
  memo = new Map();
  hits = 0;
  checks = 0;
}
