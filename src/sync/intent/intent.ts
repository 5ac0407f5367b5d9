/**
 * The signed intent envelope: how one player's action travels and is stored in a zone log.
 *
 *   const made = createIntent(me, { world, zone, seq: 1, prev: null, turn: 1, at: Date.now(),
 *                                   action: { kind: 'join', name: 'Ana' } });
 *   log.set(made.id, made.raw);                       // Y.Map<string, string>
 *   const read = readIntent(made.id, made.raw, { world, zone }, verifier);  // { ok: true, intent } | { ok: false, reason }
 *
 * Envelope `{ v, world, zone, player, seq, prev, turn, at, kind, args, sig }` (docs/intent-format.md):
 * `args` is the action minus `kind`; `sig` is base64url(publicKey ‖ Ed25519 signature), so each
 * intent verifies on its own. The body is the envelope without `sig`; the id is sha256 (hex) of
 * the body's canonical JSON, so re-encoding a signature cannot make a second id. The log stores
 * the canonical JSON string of the whole envelope; anything else under a key is invalid.
 */
import { fromBase64Url, sha256Hex, toBase64Url, utf8ToBytes } from './bytes.ts';
import { canonicalJson, canonicalJsonBounded } from '../../content/canonical.ts';
import { IntentEnvelope, INTENT_VERSION, scanEnvelope, type Expected } from './envelope.ts';
import { signBytes, verifyBytes, type Identity } from './identity.ts';
import { carriesPlayerState, SyncAction } from './sync-action.ts';
import { SIG_KEY_CHARS, type Verifier } from './verifier.ts';

export { IntentEnvelope, INTENT_VERSION };
/** Largest stored intent (canonical JSON chars) of any kind but `arrive` and `settle`. */
export const MAX_INTENT_CHARS = 2_048;
/** Largest `arrive` or `settle` intent: they carry a whole player state. */
export const MAX_ARRIVE_CHARS = 16_384;
const SIGNING_PREFIX = 'vetrellis/intent/v1\n';

/**
 * An intent that passed every check that needs only the intent itself. A replica keeps one per
 * intent for as long as the zone is open, so it holds only what ordering, chains and the fold
 * read; the rest of the envelope stays in `raw` (each byte kept per intent costs intake time
 * too: the young-generation collector copies it, and it needs fresh pages).
 */
export interface VerifiedIntent {
  readonly id: string;
  readonly action: SyncAction;
  /** The stored canonical JSON. */
  readonly raw: string;
  /** The author: one string per signing key, shared by all their intents (the rules key state
   * by player, and a string used as a property key is looked up in V8's string table once, not
   * once per intent). */
  readonly player: string;
  readonly seq: number;
  readonly prev: string | null;
  /** The turn as signed; once a chain places the intent, its placed turn (PlacedIntent's). */
  readonly turn: number;
  /** The turn as signed, always (chains link by it). */
  readonly signedTurn: number;
  /** `at` as signed (the fold's game time is its ChainEntry's `at`, clamped along the chain). */
  readonly signedAt: number;
  /** The whole envelope, parsed from `raw` when read (nothing on the hot path reads it). */
  readonly env: IntentEnvelope;
  /** sha256 of `raw` (hex): the persisted verified set knows intents by it. Worked out on first
   * use (only a device that persists verdicts needs it). */
  readonly rawHash: string;
}

/**
 * An intent a player chain accepted (replica/player-chains.ts calls it a ChainEntry): its place in
 * the agreed order and the game time the fold uses. Declared on this floor so that a checked
 * intent can be its own entry.
 */
export interface PlacedIntent {
  readonly id: string;
  readonly seq: number;
  /**
   * The turn it sorts by: the signed turn, unless an arrive names a travel placed at or after it
   * in the zone left (the arrive, and the author's later intents here, are then placed after
   * it: replica/player-chains.ts, docs/finality.md "Verified crossings").
   */
  readonly turn: number;
  /** The ordering lottery's ticket for this turn (replica/order.ts). */
  readonly lottery: number;
  readonly player: string;
  /** `at` clamped non-decreasing along the player's chain: the game time the fold uses. */
  readonly at: number;
  readonly intent: VerifiedIntent;
}

/**
 * A checked intent is also its own chain entry once a chain accepts it (`placeIntent`): one
 * object per intent, not two. Each replica reads its own intent objects, and an intent is
 * accepted at most once (a chain that drops it stops there for good), so the two fields a chain
 * sets are written once.
 */
class CheckedIntent implements VerifiedIntent, PlacedIntent {
  /** The id, or where its 64 characters start in `raw` (a number kept in place of a string). */
  readonly #prev: string | number | null;
  #rawHash: string | null;
  /** PlacedIntent's: set by `placeIntent`. */
  lottery = -1;
  at: number;
  turn: number;
  constructor(
    readonly id: string,
    readonly action: SyncAction,
    readonly raw: string,
    readonly player: string,
    readonly seq: number,
    prev: string | number | null,
    readonly signedTurn: number,
    readonly signedAt: number,
    rawHash: string | null,
  ) {
    this.#prev = prev;
    this.#rawHash = rawHash;
    this.at = signedAt;
    this.turn = signedTurn;
  }
  get intent(): VerifiedIntent {
    return this;
  }
  get prev(): string | null {
    const p = this.#prev;
    return typeof p === 'number' ? this.raw.slice(p, p + 64) : p;
  }
  get env(): IntentEnvelope {
    // Only strings that passed every check get here, so the envelope parses.
    return IntentEnvelope.parse(JSON.parse(this.raw));
  }
  get rawHash(): string {
    return (this.#rawHash ??= sha256Hex(this.raw));
  }
}

/** An accepted intent placed in its chain: a checked intent itself, else a separate object. */
export function placeIntent(intent: VerifiedIntent, turn: number, lottery: number, at: number): PlacedIntent {
  // Placed again (a chain dropped it, then a seal or its travel brought it back): a new entry, as
  // the fold may still hold the old one where it sorted.
  if (intent instanceof CheckedIntent && intent.lottery === -1) {
    intent.turn = turn;
    intent.lottery = lottery;
    intent.at = at;
    return intent;
  }
  return { id: intent.id, seq: intent.seq, turn, lottery, intent, player: intent.player, at };
}

/** The checked intent of a parsed envelope (the general path and new intents). */
function checkedOf(id: string, e: IntentEnvelope, action: SyncAction, raw: string, rawHash: string | null): VerifiedIntent {
  return new CheckedIntent(id, action, raw, e.player, e.seq, e.prev, e.turn, e.at, rawHash);
}

export type InvalidReason =
  | 'intent/not-string' | 'intent/too-large' | 'intent/not-json' | 'intent/not-canonical'
  | 'intent/schema' | 'intent/action' | 'intent/chain-fields' | 'intent/wrong-world' | 'intent/wrong-zone'
  | 'intent/id-mismatch' | 'intent/key-mismatch' | 'intent/bad-signature';

export type ReadResult = { readonly ok: true; readonly intent: VerifiedIntent } | { readonly ok: false; readonly reason: InvalidReason };

export interface IntentFields {
  readonly world: string;
  readonly zone: string;
  readonly seq: number;
  readonly prev: string | null;
  readonly turn: number;
  readonly at: number;
  readonly action: SyncAction;
}

type Body = Omit<IntentEnvelope, 'sig'>;

function bodyOf(env: IntentEnvelope): Body {
  const { sig: _sig, ...body } = env;
  return body;
}

function splitAction(action: SyncAction): { kind: string; args: Record<string, unknown> } {
  const { kind, ...args } = action as { kind: string } & Record<string, unknown>;
  return { kind, args };
}

/** Produces the 64-byte signature of a message; `signBytes` with the player's key by default. */
export type Signer = (identity: Identity, message: Uint8Array) => Uint8Array;

/**
 * Make, sign and encode an intent. Throws on an action that is not valid (a bug at the caller).
 * With the world's `verifier`, the new intent is known sound there: reading it back from the log
 * checks no signature. Benchmarks pass a stand-in `sign` to build large logs fast (their verdicts
 * are then given to the verifier, as a persisted verified set would be).
 */
export function createIntent(identity: Identity, f: IntentFields, sign: Signer = signBytes, verifier?: Verifier): VerifiedIntent {
  const action = SyncAction.parse(f.action);
  const { kind, args } = splitAction(action);
  const body: Body = {
    v: INTENT_VERSION, world: f.world, zone: f.zone, player: identity.player,
    seq: f.seq, prev: f.prev, turn: f.turn, at: Math.max(0, Math.floor(f.at)), kind, args,
  };
  const bodyJson = canonicalJson(body);
  const signature = sign(identity, utf8ToBytes(SIGNING_PREFIX + bodyJson));
  const sigBytes = new Uint8Array(96);
  sigBytes.set(identity.publicKey, 0);
  sigBytes.set(signature, 32);
  const env = IntentEnvelope.parse({ ...body, sig: toBase64Url(sigBytes) });
  const raw = canonicalJson(env);
  if (raw.length > (carriesPlayerState(kind) ? MAX_ARRIVE_CHARS : MAX_INTENT_CHARS)) throw new Error(`intent too large (${raw.length} chars)`);
  const id = sha256Hex(bodyJson);
  verifier?.rememberSound(id, raw);
  return checkedOf(id, env, action, raw, null);
}

function fail(reason: InvalidReason): ReadResult {
  return { ok: false, reason };
}

/**
 * Check a log entry: stored under `key`, for this world and zone. Never throws.
 * Chain checks (seq/prev/turn against the player's other intents) are player-chains.ts's job.
 * The checks and their order are docs/intent-format.md's (`readInFull`); the fast paths
 * (`readCanonical`, the verdicts memoised by exact string, the persisted verified set) only
 * accept what passes every check, and leave anything else, and naming the reason, to `readInFull`.
 */
export function readIntent(key: string, raw: unknown, expect: Expected, verifier: Verifier): ReadResult {
  if (typeof raw !== 'string') return fail('intent/not-string');
  if (raw.length > MAX_ARRIVE_CHARS) return fail('intent/too-large');
  // These exact bytes failed their signature check on this device before (persisted verdicts).
  const rejected = verifier.rejectedRawHash(key);
  if (rejected !== undefined && sha256Hex(raw) === rejected) return fail('intent/bad-signature');
  const intent = readCanonical(key, raw, expect, verifier);
  return intent !== null ? { ok: true, intent } : readInFull(key, raw, expect, verifier);
}

/**
 * The common case, an honest intent: a canonical envelope of this world and zone (read by
 * position, envelope.ts) that passes every check. Null when the scan gives up or any check
 * fails; `readInFull` then decides, with the reason. The scan leaves `player` and `sig` to the
 * checks here: `player` must equal the id of the key in `sig`, and `sig` must verify, or these
 * exact bytes passed the cryptographic checks before (in this world: the verifier's memo; on
 * this device: the persisted verified set), which verified that same `sig`.
 */
function readCanonical(key: string, raw: string, expect: Expected, v: Verifier): VerifiedIntent | null {
  const scan = scanEnvelope(raw, expect, v);
  if (scan === null) return null;
  if (!carriesPlayerState(scan.kind) && raw.length > MAX_INTENT_CHARS) return null;
  if ((scan.seq === 1) !== (scan.prevAt < 0) || 'kind' in scan.args) return null;
  const action = parseAction(scan, v);
  if (action === null) return null;
  // As for the world: one string per signing key, not one per intent.
  const player = v.playerOfSigKey(scan.sigKey);
  if (player === null || !raw.startsWith(player, scan.playerAt)) return null;
  let rawHash: string | null = null;
  if (!v.knownSound(key, raw)) {
    // This device checked exactly these bytes under this id before (the persisted verified set),
    // or a world cut vouches for them in this epoch (for this reader only: not remembered).
    const pinned = v.trustedRawHash(key);
    const vouched = expect.vouched?.get(key);
    rawHash = pinned === undefined && vouched === undefined ? null : sha256Hex(raw);
    if (rawHash !== null && rawHash === vouched && rawHash !== pinned) {
      return new CheckedIntent(key, action, raw, player, scan.seq, scan.prevAt < 0 ? null : scan.prevAt, scan.turn, scan.at, rawHash);
    }
    if (rawHash === null || rawHash !== pinned) {
      const body = scan.body;
      const sig = scan.sig;
      if (sha256Hex(body) !== key || !v.verifySignature(key, sig, () => verifySig(sig, body))) return null;
    }
    v.rememberSound(key, raw);
  }
  return new CheckedIntent(key, action, raw, player, scan.seq, scan.prevAt < 0 ? null : scan.prevAt, scan.turn, scan.at, rawHash);
}

/** The envelope a stored string holds, by JSON.parse and its schema; else why not. */
function parseEnvelope(raw: string): IntentEnvelope | 'intent/not-json' | 'intent/schema' {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return 'intent/not-json';
  }
  const env = IntentEnvelope.safeParse(parsed);
  return env.success ? env.data : 'intent/schema';
}

/** Every check of docs/intent-format.md in its order, on any string: the reference path. */
function readInFull(key: string, raw: string, expect: Expected, v: Verifier): ReadResult {
  const e = parseEnvelope(raw);
  if (typeof e === 'string') return fail(e);
  if (!carriesPlayerState(e.kind) && raw.length > MAX_INTENT_CHARS) return fail('intent/too-large');
  if ('kind' in e.args) return fail('intent/action');
  const action = parseAction(e, v);
  if (action === null) return fail('intent/action');
  const pinned = v.trustedRawHash(key);
  const vouched = expect.vouched?.get(key);
  const rawHash = pinned === undefined && vouched === undefined ? null : sha256Hex(raw);
  if (rawHash !== null && (rawHash === pinned || rawHash === vouched)) {
    if ((e.seq === 1) !== (e.prev === null)) return fail('intent/chain-fields');
    return placed(checkedOf(key, e, action, raw, rawHash), key, expect);
  }
  const bodyJson = canonicalBody(raw, e);
  if (bodyJson === null) return fail('intent/not-canonical');
  if ((e.seq === 1) !== (e.prev === null)) return fail('intent/chain-fields');
  if (e.world !== expect.world) return fail('intent/wrong-world');
  if (e.zone !== expect.zone) return fail('intent/wrong-zone');
  const known = v.knownSound(key, raw);
  if (!known && sha256Hex(bodyJson) !== key) return fail('intent/id-mismatch');
  const player = v.playerOfSigKey(e.sig.slice(0, SIG_KEY_CHARS));
  if (player === null) return fail('intent/bad-signature');
  if (player !== e.player) return fail('intent/key-mismatch');
  if (!known) {
    if (!v.verifySignature(key, e.sig, () => verifySig(e.sig, bodyJson))) return fail('intent/bad-signature');
    v.rememberSound(key, raw);
  }
  e.world = expect.world;
  e.player = player;
  return { ok: true, intent: checkedOf(key, e, action, raw, rawHash) };
}

/** What `checkEnvelope` finds: an entry's world and zone when its check holds, else why not. */
export type EnvelopeCheck =
  | { readonly ok: true; readonly world: string; readonly zone: string }
  | { readonly ok: false; readonly reason: InvalidReason }
  /** Sound but for its signature, which was not verified (`mayVerify` said no). */
  | { readonly ok: false; readonly reason: 'intent/unchecked'; readonly world: string; readonly zone: string };

const refused = (reason: InvalidReason): EnvelopeCheck => ({ ok: false, reason });

/**
 * The checks of a log entry that need neither the world key nor the rules: the envelope is
 * canonical, `key` is the sha256 of its body, `player` is the id of the key in `sig`, and the
 * signature verifies (memoised in `v`, failures included). The relay judges what it stores with
 * it (server/intent-checks.ts); replicas use `readIntent`, which checks all of this and more.
 * `mayVerify` is asked before a signature is verified for real (not answered from `v`'s memo);
 * false gives `intent/unchecked` and verifies nothing. `verify` is the Ed25519 primitive (the
 * replicas' own by default; the relay may use a faster one: where two primitives could disagree,
 * on a hostile edge-case signature, the replicas' verdict is the one that counts).
 */
export function checkEnvelope(key: string, raw: unknown, v: Verifier, mayVerify: () => boolean = () => true, verify: VerifyBytes = verifyBytes): EnvelopeCheck {
  if (typeof raw !== 'string') return refused('intent/not-string');
  if (raw.length > MAX_ARRIVE_CHARS) return refused('intent/too-large');
  const e = parseEnvelope(raw);
  if (typeof e === 'string') return refused(e);
  const sound = { ok: true, world: e.world, zone: e.zone } as const;
  if (v.knownSound(key, raw)) return sound;
  const bodyJson = canonicalBody(raw, e);
  if (bodyJson === null) return refused('intent/not-canonical');
  if (sha256Hex(bodyJson) !== key) return refused('intent/id-mismatch');
  const player = v.playerOfSigKey(e.sig.slice(0, SIG_KEY_CHARS));
  if (player === null) return refused('intent/bad-signature');
  if (player !== e.player) return refused('intent/key-mismatch');
  if (!v.failedBefore(key, e.sig) && !mayVerify()) return { ok: false, reason: 'intent/unchecked', world: e.world, zone: e.zone };
  if (!v.verifySignature(key, e.sig, () => verifySig(e.sig, bodyJson, verify))) return refused('intent/bad-signature');
  v.rememberSound(key, raw);
  return sound;
}

/**
 * Parsed actions by (args, kind): players repeat a few actions (look, wait, go north, take the
 * same item), and the action schema is a pure function of (kind, args). The scan hands out one
 * frozen args object per small args text (envelope.ts), so that object is the key: no string
 * is built or hashed per intent. Only actions of plain values are kept, frozen, as they are
 * shared between intents.
 */
function parseAction(e: { readonly kind: string; readonly args: Record<string, unknown> }, v: Verifier): SyncAction | null {
  const shared = Object.isFrozen(e.args);
  const hit = shared ? v.actionOf(e.args, e.kind) : undefined;
  if (hit !== undefined) return hit;
  const r = SyncAction.safeParse({ kind: e.kind, ...e.args });
  const action = r.success ? r.data : null;
  if (shared && (action === null || Object.values(action).every((x) => x === null || typeof x !== 'object'))) {
    v.rememberAction(e.args, e.kind, action === null ? null : Object.freeze(action));
  }
  return action;
}

/** An Ed25519 verification: (public key, message, signature) -> true when it verifies; never throws. */
export type VerifyBytes = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean;

function verifySig(sig: string, bodyJson: string, verify: VerifyBytes = verifyBytes): boolean {
  const sigBytes = fromBase64Url(sig);
  return sigBytes !== null && sigBytes.length === 96 && verify(sigBytes.subarray(0, 32), utf8ToBytes(SIGNING_PREFIX + bodyJson), sigBytes.subarray(32));
}

/** A valid intent is only valid here under its own id, in this world and zone. */
function placed(intent: VerifiedIntent, key: string, expect: { readonly world: string; readonly zone: string }): ReadResult {
  if (intent.id !== key) return fail('intent/id-mismatch');
  if (intent.env.world !== expect.world) return fail('intent/wrong-world');
  if (intent.env.zone !== expect.zone) return fail('intent/wrong-zone');
  return { ok: true, intent };
}

/** The canonical body (envelope without `sig`) when `raw` is exactly the canonical JSON of the envelope, else null. */
function canonicalBody(raw: string, e: IntentEnvelope): string | null {
  const bodyJson = canonicalJsonBounded(bodyOf(e), MAX_ARRIVE_CHARS);
  return bodyJson !== null && withSig(bodyJson, e.sig) === raw ? bodyJson : null;
}

/**
 * The canonical JSON of the whole envelope from its body's: keys sort as
 * args, at, kind, player, prev, seq, sig, turn, ..., so `sig` goes right before the top-level
 * `turn` (the last `,"turn":`; any inside `args` come earlier, and string contents cannot
 * hold an unescaped quote).
 */
function withSig(bodyJson: string, sig: string): string {
  const at = bodyJson.lastIndexOf(',"turn":');
  return at < 0 ? '' : `${bodyJson.slice(0, at)},"sig":${JSON.stringify(sig)}${bodyJson.slice(at)}`;
}
