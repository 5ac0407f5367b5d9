/**
 * The intent envelope's schema (zod: the single source of truth for its type and its error
 * messages) and a reader of canonical envelopes by position for the hot path of reading a log.
 *
 *   const scan = scanEnvelope(raw, { world, zone }, verifier);  // ScannedEnvelope | null
 *   const env = scan ? scan.env : IntentEnvelope.safeParse(JSON.parse(raw)).data;
 *
 * `scanEnvelope` is one-sided and partial (see its comment): it answers only for canonical
 * envelopes of the expected world and zone, leaves two fields for the caller's signature checks
 * to settle, and gives up on anything unusual (a kind that is not lowercase letters, a
 * `__proto__` key in `args`, which zod strips, any escape or whitespace), even when zod would
 * accept it. Null decides nothing: JSON.parse, zod and the canonical encoder then decide.
 */
import { z } from 'zod/mini';
import { Id } from '../../content/id.ts';
import { isCanonicalText } from './canonical.ts';
import { Hex64 } from './sync-action.ts';
import { MAX_MEMO_ARGS_CHARS, type Verifier } from './verifier.ts';

export const INTENT_VERSION = 1;
const SEQ_MAX = 2 ** 31 - 1;
const KIND_MAX = 32;
/**
 * The latest game time an intent may carry (ms; 2^44 is about the year 2527): far above any real
 * clock, and far enough below 2^53 that game time plus any duration stays a safe integer.
 */
export const AT_MAX = 2 ** 44;
const SIG_PATTERN = /^[A-Za-z0-9_-]{128}$/;

export const IntentEnvelope = z.strictObject({
  v: z.literal(INTENT_VERSION),
  world: Hex64,
  zone: Id,
  player: Hex64,
  seq: z.int().check(z.minimum(1), z.maximum(SEQ_MAX)),
  prev: z.nullable(Hex64),
  turn: z.int().check(z.minimum(1), z.maximum(Number.MAX_SAFE_INTEGER)),
  at: z.int().check(z.minimum(0), z.maximum(AT_MAX)),
  kind: z.string().check(z.minLength(1), z.maxLength(KIND_MAX)),
  args: z.record(z.string(), z.unknown()),
  sig: z.string().check(z.regex(SIG_PATTERN)),
});
export type IntentEnvelope = z.infer<typeof IntentEnvelope>;

export interface ScannedEnvelope {
  readonly seq: number;
  readonly turn: number;
  readonly at: number;
  readonly kind: string;
  readonly args: Record<string, unknown>;
  /** `player` is raw[playerAt, playerAt + 64). */
  readonly playerAt: number;
  /** `prev` is raw[prevAt, prevAt + 64), or null when -1. */
  readonly prevAt: number;
  /** The first 43 characters of `sig`: the signing key, base64url. */
  readonly sigKey: string;
  /** The `sig` text. */
  readonly sig: string;
  /** The whole envelope (built on read: readers take the fields above). */
  readonly env: IntentEnvelope;
  /** Canonical JSON of the envelope without `sig`: what the id hashes and the signature signs. */
  readonly body: string;
}

/**
 * The fields of a canonical envelope, read by position. The strings a reader may never need
 * (`player`, `prev`, `sig`, the body) are not cut out of `raw` here: a replica keeps `prev` by
 * position, compares `player` in place, and a string whose checks are memoised needs neither
 * `sig` nor its body.
 */
class Scanned implements ScannedEnvelope {
  constructor(
    readonly raw: string,
    readonly world: string,
    readonly zone: string,
    readonly seq: number,
    readonly turn: number,
    readonly at: number,
    readonly kind: string,
    readonly args: Record<string, unknown>,
    readonly playerAt: number,
    readonly prevAt: number,
    /** `,"sig":"<128 characters>"` is raw[sigField, sigEnd). */
    readonly sigField: number,
    readonly sigEnd: number,
  ) {}
  get sig(): string {
    return this.raw.slice(this.sigField + 8, this.sigEnd - 1);
  }
  get sigKey(): string {
    return this.raw.slice(this.sigField + 8, this.sigField + 8 + 43);
  }
  get env(): IntentEnvelope {
    const { world, zone, seq, turn, at, kind, args, raw, playerAt, prevAt } = this;
    const player = raw.slice(playerAt, playerAt + 64);
    const prev = prevAt < 0 ? null : raw.slice(prevAt, prevAt + 64);
    return { v: INTENT_VERSION, world, zone, player, seq, prev, turn, at, kind, args, sig: this.sig };
  }
  get body(): string {
    return this.raw.slice(0, this.sigField) + this.raw.slice(this.sigEnd);
  }
}

/**
 * `args` parsed when `text` is the canonical JSON of an object zod's record keeps as is, else
 * null. Small plain-valued args are memoised by their text in the verifier, frozen (players
 * repeat a few actions, and the answer depends on the text alone); intents with the same args
 * text then share one object, which readers may use as a memo key of their own.
 */
function canonicalArgs(text: string, memo: Verifier): Record<string, unknown> | null {
  const cacheable = text.length <= MAX_MEMO_ARGS_CHARS;
  if (cacheable) {
    const hit = memo.argsOf(text);
    if (hit !== undefined) return hit;
  }
  let args: unknown;
  try {
    args = JSON.parse(text);
  } catch {
    return null;
  }
  // args sits at depth 1 of the envelope, whose canonical encoding allows depth 8.
  const ok = typeof args === 'object' && args !== null && !Array.isArray(args) && !Object.hasOwn(args, '__proto__') && isCanonicalText(text, args, 7);
  const out = ok ? (args as Record<string, unknown>) : null;
  if (cacheable && (out === null || Object.values(out).every((v) => v === null || typeof v !== 'object'))) {
    memo.rememberArgs(text, out === null ? null : Object.freeze(out));
  }
  return out;
}

/** Where intents are read: the world and zone they must name, and the envelope's fixed tail for them. */
export interface Expected {
  readonly world: string;
  readonly zone: string;
  /** `envelopeTail(world, zone)`, worked out once by a reader of many intents; computed when absent. */
  readonly tail?: string | null;
  /**
   * Entries a world cut vouches for in this zone's epoch (epoch-ref.ts `AttestedTail`): id ->
   * sha256 of the exact string. Those strings skip the cryptographic checks for this reader only:
   * they are never remembered as checked by the world's verifier nor persisted (a challenged cut's
   * word must not outlive its epoch's fold).
   */
  readonly vouched?: ReadonlyMap<string, string>;
}

const HEX64 = /^[0-9a-f]{64}$/;
/** The fixed end of every canonical envelope of one world and zone, after the turn's digits. */
export function envelopeTail(world: string, zone: string): string | null {
  // Only for a world and zone the schema accepts: then equal text implies a valid field.
  const ok = HEX64.test(world) && Id.safeParse(zone).success;
  return ok ? `,"v":${INTENT_VERSION},"world":"${world}","zone":"${zone}"}` : null;
}

/**
 * The value of `text` when it is a canonical non-negative safe integer ("0", "17"; not "017",
 * "1e3", "-0", "1.5"), else -1. Builtins only: `charCodeAt` loops are slow on the sliced and
 * concatenated strings log values often are.
 */
function canonicalUint(text: string): number {
  const n = Number(text);
  return Number.isSafeInteger(n) && n >= 0 && String(n) === text ? n : -1;
}

/**
 * The head of a canonical envelope, up to the opening quote of `sig`. The lazy `args` group ends
 * at the first `}` followed by `,"at":` whose rest matches; `args` must then parse as one whole
 * JSON object, so that `}` closes `args` itself. `player` is any 64 characters (see scanEnvelope).
 */
const HEAD = /^\{"args":(\{[^]*?\}),"at":(0|[1-9][0-9]{0,15}),"kind":"([a-z]{1,32})","player":"[^]{64}","prev":(?:null|"[0-9a-f]{64}"),"seq":([1-9][0-9]{0,9}),"sig":"/;
/** Where `player` starts, from the lengths of args, at and kind (HEAD's text before it). */
const PLAYER_OFFSET = '{"args":,"at":,"kind":"","player":"'.length;
/** From the start of `player` to the first character after `"prev":`. */
const PREV_OFFSET = 64 + '","prev":'.length;

/**
 * A canonical envelope naming `expect`'s world and zone: the keys of a canonical envelope always
 * come in the same order (args, at, kind, player, prev, seq, sig, turn, v, world, zone), so the
 * world and zone are one comparison of the envelope's fixed tail, the head one regular
 * expression, `sig` a fixed length, and only `args` is parsed (JSON.parse, memoised by its
 * text). Anything else returns null, which decides nothing: the caller then asks JSON.parse,
 * zod and the canonical encoder.
 *
 * Partial by design: it does not look at the characters of `player` (64) and `sig` (128),
 * because the caller's own checks settle them: `player` must equal the id of the key inside
 * `sig` (64 hex digits by construction) and `sig` must have verified (only 128 base64url
 * characters can). So: when it returns and the caller has established those two, `raw` is
 * exactly the canonical JSON of `env`, `IntentEnvelope` accepts `JSON.parse(raw)` and gives
 * `env`, and `body` is the canonical JSON of the envelope without `sig`.
 * tests/sync/envelope-scan.test.ts checks this against JSON.parse + zod + canonicalJson.
 */
export function scanEnvelope(raw: string, expect: Expected, memo: Verifier): ScannedEnvelope | null {
  const tail = expect.tail === undefined ? envelopeTail(expect.world, expect.zone) : expect.tail;
  if (tail === null || !raw.endsWith(tail)) return null;
  const m = HEAD.exec(raw);
  if (m === null) return null;
  // `sig` is the next 128 characters, then `","turn":` and the turn's digits up to the tail.
  const sigStart = m[0].length;
  const turnKey = sigStart + 128;
  if (!raw.startsWith('","turn":', turnKey)) return null;
  const turn = canonicalUint(raw.slice(turnKey + 9, raw.length - tail.length));
  const at = Number(m[2]);
  const seq = Number(m[4]);
  if (turn < 1 || at > AT_MAX || seq > SEQ_MAX) return null;
  const args = canonicalArgs(m[1]!, memo);
  if (args === null) return null;
  const playerAt = PLAYER_OFFSET + m[1]!.length + m[2]!.length + m[3]!.length;
  // After `"prev":` comes `null` or the quoted id.
  const prevAt = raw.charCodeAt(playerAt + PREV_OFFSET) === 0x6e ? -1 : playerAt + PREV_OFFSET + 1;
  return new Scanned(raw, expect.world, expect.zone, seq, turn, at, m[3]!, args, playerAt, prevAt, sigStart - 8, turnKey + 1);
}
