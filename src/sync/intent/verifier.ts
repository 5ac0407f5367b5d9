/**
 * What one world remembers about the intents it has checked, so each stored string is checked
 * once: the verdicts of the cryptographic checks (the id is the sha256 of the body, the key in
 * `sig` is its author's, the Ed25519 signature verifies), the device's persisted verified set,
 * the player id of each signing key, and the parsed `args` and actions players repeat. A world
 * owns one (`new Verifier()`); nothing here is shared between worlds or kept by the module.
 *
 *   const verifier = new Verifier();
 *   verifier.trust(await stored.verified.load());          // (id, sha256 of the string) checked before on this device
 *   readIntent(key, raw, { world, zone }, verifier);       // checks, memoised here
 *   createIntent(me, fields, signBytes, verifier);          // our own intents are never verified again
 *
 * Verdicts are a pure function of the stored string, so remembering them changes no outcome:
 * - sound: id -> the exact stored string that passed. A canonical envelope is the only valid
 *   spelling of its (body, sig), and the body is fixed by its hash, so the one string per id
 *   that passed is all there is to remember; a lookup is one string comparison.
 * - failed: id -> the last signature that did not verify, so junk sent again is not verified
 *   again (kept apart, so a bad one never shadows a good one).
 * - the device's persisted verdicts: (id, sha256 of the string) that passed every check here
 *   before, and those whose signature failed, so a reload neither verifies its log again nor
 *   the junk a hostile member left in it.
 * Every memo is bounded (bounded-memo.ts): the oldest entries leave first, never all at once.
 */
import { BoundedMemo } from './bounded-memo.ts';
import { fromBase64Url } from './bytes.ts';
import { playerIdOf } from './identity.ts';
import type { SyncAction } from './sync-action.ts';

const MAX_SOUND = 500_000;
const MAX_SOUND_CHARS = 64 * 1024 * 1024;
const MAX_FAILED = 100_000;
const MAX_PERSISTED = 500_000;
const MAX_SIG_KEYS = 100_000;
/** Args texts longer than this are not memoised (players repeat short ones). */
export const MAX_MEMO_ARGS_CHARS = 200;
const MAX_ARGS = 4_096;

/** One persisted verdict: the id, the sha256 of the exact string, and whether its signature failed. */
export type PersistedVerdict = readonly [id: string, rawHash: string, verdict?: 'rejected'];
/** Base64url characters of the public key at the start of `sig` (32 bytes). */
export const SIG_KEY_CHARS = 43;

export interface VerifierStats {
  readonly entries: number;
  readonly chars: number;
  /** Checks answered from memory. */
  readonly hits: number;
  /** Signatures verified. */
  readonly checks: number;
}

/** How much one verifier may remember (the relay keeps one per loaded room, with smaller bounds). */
export interface VerifierBounds {
  readonly maxSound: number;
  readonly maxSoundChars: number;
  readonly maxFailed: number;
}

export class Verifier {
  readonly #sound: BoundedMemo<string, string>;
  readonly #failed: BoundedMemo<string, string>;
  #hits = 0;
  #checks = 0;
  readonly #trusted = new BoundedMemo<string, string>(MAX_PERSISTED);
  readonly #rejected = new BoundedMemo<string, string>(MAX_PERSISTED);
  readonly #playerBySigKey = new BoundedMemo<string, string | null>(MAX_SIG_KEYS);
  readonly #argsByText = new BoundedMemo<string, Readonly<Record<string, unknown>> | null>(MAX_ARGS);
  readonly #actionByArgs = new WeakMap<object, Map<string, SyncAction | null>>();

  constructor(bounds: VerifierBounds = { maxSound: MAX_SOUND, maxSoundChars: MAX_SOUND_CHARS, maxFailed: MAX_FAILED }) {
    this.#sound = new BoundedMemo<string, string>(bounds.maxSound, bounds.maxSoundChars, (raw) => raw.length);
    this.#failed = new BoundedMemo<string, string>(bounds.maxFailed);
  }

  /** True when exactly this stored string passed the cryptographic checks under this id. */
  knownSound(id: string, raw: string): boolean {
    if (this.#sound.get(id) !== raw) return false;
    this.#hits++;
    return true;
  }

  /** Record that `raw` passed every cryptographic check under `id` (or is our own, just signed). */
  rememberSound(id: string, raw: string): void {
    // The first string that passed stays: for a given id there is only one.
    if (this.#sound.has(id)) return;
    this.#sound.set(id, raw);
  }

  /** True when this (id, sig) failed its signature check here before (checking it again costs nothing). */
  failedBefore(id: string, sig: string): boolean {
    return this.#failed.size > 0 && this.#failed.get(id) === sig;
  }

  /** The signature check: `verify` runs unless this (id, sig) already failed here. */
  verifySignature(id: string, sig: string, verify: () => boolean): boolean {
    if (this.failedBefore(id, sig)) {
      this.#hits++;
      return false;
    }
    this.#checks++;
    const ok = verify();
    if (!ok) this.#failed.set(id, sig);
    return ok;
  }

  /**
   * The device's persisted verdicts. Sound ones: (id, sha256 of the stored string) of intents
   * that passed every check here before; local storage is trusted, and the hash pins the exact
   * bytes that passed, so their cryptographic checks are skipped (the schemas still run).
   * Rejected ones: strings whose signature failed here, refused again for the price of a hash.
   */
  trust(records: Iterable<PersistedVerdict>): void {
    for (const [id, rawHash, verdict] of records) (verdict === 'rejected' ? this.#rejected : this.#trusted).set(id, rawHash);
  }

  trustedRawHash(id: string): string | undefined {
    // Most worlds trust nothing stored: then not even the id's hash is looked at.
    return this.#trusted.size === 0 ? undefined : this.#trusted.get(id);
  }

  /** The hash of a string under `id` whose signature failed on this device before, if any. */
  rejectedRawHash(id: string): string | undefined {
    return this.#rejected.size === 0 ? undefined : this.#rejected.get(id);
  }

  /** The player id of the public key that starts a `sig` (null: not a key); a player signs many intents with one. */
  playerOfSigKey(sigKey: string): string | null {
    let p = this.#playerBySigKey.get(sigKey);
    if (p === undefined) {
      const key = fromBase64Url(`${sigKey}A`)?.subarray(0, 32);
      p = key && key.length === 32 ? playerIdOf(key) : null;
      this.#playerBySigKey.set(sigKey, p);
    }
    return p;
  }

  /**
   * Parsed `args` by their canonical text (undefined: not seen). Intents with the same short
   * args text then share one frozen object, which `actionOf` uses as its own memo key.
   */
  argsOf(text: string): Readonly<Record<string, unknown>> | null | undefined {
    return this.#argsByText.get(text);
  }

  rememberArgs(text: string, args: Readonly<Record<string, unknown>> | null): void {
    this.#argsByText.set(text, args);
  }

  /** The parsed action of shared (frozen) args of this kind (undefined: not seen). */
  actionOf(args: object, kind: string): SyncAction | null | undefined {
    return this.#actionByArgs.get(args)?.get(kind);
  }

  rememberAction(args: object, kind: string, action: SyncAction | null): void {
    const byKind = this.#actionByArgs.get(args);
    if (byKind === undefined) this.#actionByArgs.set(args, new Map([[kind, action]]));
    else byKind.set(kind, action);
  }

  stats(): VerifierStats {
    return { entries: this.#sound.size + this.#failed.size, chars: this.#sound.weight, hits: this.#hits, checks: this.#checks };
  }
}
