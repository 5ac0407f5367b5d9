/**
 * The intent envelope's schema (zod: the single source of truth for its type and its error
 * messages) and a hand-written reader of canonical envelopes for the hot path of reading a log.
 *
 *   const scan = scanCanonicalEnvelope(raw);  // { env, body } | null
 *   const env = scan ? scan.env : IntentEnvelope.safeParse(JSON.parse(raw)).data;
 *
 * `scanCanonicalEnvelope(raw)` is one-sided: when it returns, `raw` is exactly the canonical JSON
 * of `env`, `IntentEnvelope` accepts `JSON.parse(raw)` and gives `env` (same own keys and values),
 * and `body` is the canonical JSON of the envelope without `sig`. When it returns null nothing is
 * decided: ask JSON.parse, zod and the canonical encoder, whose verdicts stand. It reads the
 * fixed part of the envelope by position (a canonical envelope's keys always come in the same
 * order) and only `args` with JSON.parse, so honest intents cost one small parse; it gives up on
 * anything unusual (a kind that is not lowercase letters, a `__proto__` key in `args`, which zod
 * strips, any escape or whitespace), even when zod would accept it. tests/sync/envelope-scan.test.ts
 * checks both sides against JSON.parse + zod + canonicalJson with random and hostile strings.
 */
import { z } from 'zod';
import { Id } from '../content/schema.ts';
import { isCanonicalText } from './canonical.ts';
import { Hex64 } from './sync-action.ts';

export const INTENT_VERSION = 1;
const SEQ_MAX = 2 ** 31 - 1;
const KIND_MAX = 32;
const SIG_PATTERN = /^[A-Za-z0-9_-]{128}$/;

export const IntentEnvelope = z
  .object({
    v: z.literal(INTENT_VERSION),
    world: Hex64,
    zone: Id,
    player: Hex64,
    seq: z.number().int().min(1).max(SEQ_MAX),
    prev: Hex64.nullable(),
    turn: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    at: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    kind: z.string().min(1).max(KIND_MAX),
    args: z.record(z.string(), z.unknown()),
    sig: z.string().regex(SIG_PATTERN),
  })
  .strict();
export type IntentEnvelope = z.infer<typeof IntentEnvelope>;

/** Zone ids seen, judged by zod's own `Id` (a log names one zone, so this stays tiny). */
const zoneVerdicts = new Map<string, boolean>();
/** The last zone read: a log's entries all name one, so comparing is cheaper than hashing. */
let lastZone = '';

/** `zone` as the shared string when zod's `Id` accepts it, else null. */
function zoneId(zone: string): string | null {
  if (zone === lastZone) return lastZone;
  let ok = zoneVerdicts.get(zone);
  if (ok === undefined) {
    ok = Id.safeParse(zone).success;
    if (zoneVerdicts.size >= 256) zoneVerdicts.clear();
    zoneVerdicts.set(zone, ok);
  }
  if (!ok) return null;
  lastZone = zone;
  return zone;
}

export interface ScannedEnvelope {
  readonly env: IntentEnvelope;
  /** Canonical JSON of the envelope without `sig`: what the id hashes and the signature signs. */
  readonly body: string;
}

/**
 * A canonical envelope, field by field: keys in code-unit order, no whitespace, integers without
 * leading zeros, and the fixed fields in character classes JSON writes without escapes. The
 * lazy `args` group ends at the first split whose rest matches the anchored tail (the tail's
 * literals cannot occur inside its own fields, so there is only one such split).
 */
const CANONICAL_ENVELOPE = new RegExp(
  '^\\{"args":(\\{[^]*?\\}),"at":(0|[1-9][0-9]{0,15}),"kind":"([a-z]{1,' + KIND_MAX + '})","player":"([0-9a-f]{64})",' +
  '"prev":(?:null|"([0-9a-f]{64})"),"seq":([1-9][0-9]{0,9}),"sig":"([A-Za-z0-9_-]{128})","turn":([1-9][0-9]{0,15}),' +
  '"v":' + INTENT_VERSION + ',"world":"([0-9a-f]{64})","zone":"([a-z0-9-]{1,256})"\\}$',
);

/**
 * `args` parsed when `text` is the canonical JSON of an object zod's record keeps as is, else
 * null. Small plain-valued args are memoised by their text, frozen (players repeat a few
 * actions, and the answer depends on the text alone); intents with the same args text then
 * share one object, which readers may use as a memo key of their own.
 */
const argsByText = new Map<string, Readonly<Record<string, unknown>> | null>();
const MAX_CACHED_ARGS = 200;
function canonicalArgs(text: string): Record<string, unknown> | null {
  const cacheable = text.length <= MAX_CACHED_ARGS;
  if (cacheable) {
    const hit = argsByText.get(text);
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
    if (argsByText.size >= 4_096) argsByText.clear();
    argsByText.set(text, out === null ? null : Object.freeze(out));
  }
  return out;
}

/** Characters after `sig` besides the turn's digits and the zone: `,"turn":…,"v":1,"world":"<64>","zone":"…"}`. */
const TAIL_AFTER_SIG = `,"turn":,"v":${INTENT_VERSION},"world":"","zone":""}`.length + 64;
/** `,"sig":"<128 chars>"`. */
const SIG_FIELD = `,"sig":""`.length + 128;

/** See the module comment: the envelope and its body when `raw` is a canonical envelope. */
export function scanCanonicalEnvelope(raw: string): ScannedEnvelope | null {
  const m = CANONICAL_ENVELOPE.exec(raw);
  if (m === null) return null;
  const [, argsText, atText, kind, player, prev, seqText, sig, turnText, world, zone] = m as unknown as string[];
  const at = Number(atText);
  const seq = Number(seqText);
  const turn = Number(turnText);
  const zoneShared = zoneId(zone!);
  if (!Number.isSafeInteger(at) || !Number.isSafeInteger(turn) || seq > SEQ_MAX || zoneShared === null) return null;
  const args = canonicalArgs(argsText!);
  if (args === null) return null;
  const env: IntentEnvelope = { v: INTENT_VERSION, world: world!, zone: zoneShared, player: player!, seq, prev: prev ?? null, turn, at, kind: kind!, args: args as Record<string, unknown>, sig: sig! };
  // The body is the envelope without `,"sig":"<128 chars>"`, which ends right before `,"turn":`.
  const sigEnd = raw.length - (TAIL_AFTER_SIG + turnText!.length + zone!.length);
  const sigStart = sigEnd - SIG_FIELD;
  return { env, body: raw.slice(0, sigStart) + raw.slice(sigEnd) };
}
