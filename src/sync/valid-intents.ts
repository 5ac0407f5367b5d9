/**
 * A process-wide memo of intents that passed every check, by sha256 of their stored string, so
 * a string read again (by another replica in this process, or after a reload) is not parsed,
 * schema-checked and signature-checked again. Seeded on reload from the device's persisted
 * verified set (`trustStoredIntents`): local storage is trusted, and the hash pins the exact
 * bytes that passed. A memo hit still goes through the key/world/zone checks of its caller.
 *
 *   const hit = knownValid(sha256Hex(raw), raw);   // VerifiedIntent | null
 */
import type { IntentEnvelope, VerifiedIntent } from './intent.ts';
import type { SyncAction } from './sync-action.ts';

const MAX_ENTRIES = 500_000;
let byRaw = new Map<string, VerifiedIntent>();
/** rawHash -> id, from storage: these strings passed every check on this device before. */
let trusted = new Map<string, string>();

export function rememberValid(intent: VerifiedIntent): void {
  if (byRaw.size >= MAX_ENTRIES) byRaw = new Map();
  byRaw.set(intent.rawHash, intent);
}

export function trustStoredIntents(records: Iterable<readonly [id: string, rawHash: string]>): void {
  if (trusted.size >= MAX_ENTRIES) trusted = new Map();
  for (const [id, rawHash] of records) trusted.set(rawHash, id);
}

export function knownValid(rawHash: string, raw: string): VerifiedIntent | null {
  const hit = byRaw.get(rawHash);
  if (hit) return hit;
  const id = trusted.get(rawHash);
  if (id === undefined) return null;
  try {
    const env = JSON.parse(raw) as IntentEnvelope;
    const action = { kind: env.kind, ...env.args } as SyncAction;
    const intent: VerifiedIntent = { id, env, action, raw, rawHash };
    rememberValid(intent);
    return intent;
  } catch {
    return null;
  }
}

/** Benchmarks measure the full checks with this. */
export function clearValidIntents(): void {
  byRaw = new Map();
  trusted = new Map();
}
