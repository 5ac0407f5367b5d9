// The hot path of reading a log entry against the general one it stands in for. The scanner of
// canonical envelopes may give up on anything, but when it answers (and the two fields it leaves
// to the signature checks, player and sig, are well-formed), JSON.parse + the zod envelope
// schema + canonicalJson must give the same envelope and body, for the world and zone expected;
// and readIntent (fast paths on) must reach the same verdict and intent as the plain algorithm
// of docs/intent-format.md, on random, mutated and hostile entries.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/sync/intent/bytes.ts';
import { canonicalJson, canonicalJsonBounded } from '../../src/content/canonical.ts';
import { AT_MAX, IntentEnvelope, scanEnvelope } from '../../src/sync/intent/envelope.ts';
import { playerIdOf } from '../../src/sync/intent/identity.ts';
import { fromBase64Url } from '../../src/sync/intent/bytes.ts';
import { createIntent, MAX_ARRIVE_CHARS, MAX_INTENT_CHARS, readIntent, type VerifiedIntent } from '../../src/sync/intent/intent.ts';
import { Verifier } from '../../src/sync/intent/verifier.ts';
import { SyncAction } from '../../src/sync/intent/sync-action.ts';
import { identities, WORLD } from './fixture.ts';
import { fuzzRuns, fuzzSeed } from './harness.ts';

/** JSON.parse + zod + canonical encoding: what the scanner must agree with when it answers. */
function reference(raw: string): { env: IntentEnvelope; body: string } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  const r = IntentEnvelope.safeParse(parsed);
  if (!r.success) return null;
  if (canonicalJsonBounded(r.data, MAX_ARRIVE_CHARS * 4) !== raw) return null;
  const { sig: _sig, ...body } = r.data;
  return { env: r.data, body: canonicalJson(body) };
}

/** readIntent as docs/intent-format.md states it, with no fast path (signatures: the memo's verdict). */
function plainRead(key: string, raw: unknown, expect: { world: string; zone: string }, verdict: (id: string, sig: string) => boolean): string | { id: string; env: unknown; action: unknown } {
  if (typeof raw !== 'string') return 'intent/not-string';
  if (raw.length > MAX_ARRIVE_CHARS) return 'intent/too-large';
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return 'intent/not-json';
  }
  const r = IntentEnvelope.safeParse(parsed);
  if (!r.success) return 'intent/schema';
  const e = r.data;
  if (e.kind !== 'arrive' && raw.length > MAX_INTENT_CHARS) return 'intent/too-large';
  if ('kind' in e.args) return 'intent/action';
  const action = SyncAction.safeParse({ kind: e.kind, ...e.args });
  if (!action.success) return 'intent/action';
  const { sig, ...body } = e;
  const bodyJson = canonicalJsonBounded(body, MAX_ARRIVE_CHARS);
  if (bodyJson === null || canonicalJson(e) !== raw) return 'intent/not-canonical';
  if ((e.seq === 1) !== (e.prev === null)) return 'intent/chain-fields';
  if (e.world !== expect.world) return 'intent/wrong-world';
  if (e.zone !== expect.zone) return 'intent/wrong-zone';
  const id = sha256Hex(bodyJson);
  if (id !== key) return 'intent/id-mismatch';
  const pk = fromBase64Url(`${sig.slice(0, 43)}A`)?.subarray(0, 32);
  if (!pk || pk.length !== 32) return 'intent/bad-signature';
  if (playerIdOf(pk) !== e.player) return 'intent/key-mismatch';
  if (!verdict(id, sig)) return 'intent/bad-signature';
  return { id, env: e, action: action.data };
}

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const anyString = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom('', '__proto__', 'kind', '10', '2', 'a"b', 'a\\b', '\u2028', '\ud800', 'take', 'say'));
const jsonish = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(-0, 1.5, 2 ** 53, -1, 1e21, Number.MAX_SAFE_INTEGER, '', ' x ', 'x'.repeat(300), [], {}, null, true),
);
/** Args: real actions' args, or any JSON object (hostile keys included). */
const args = fc.oneof(
  fc.constantFrom({ target: 'rope', qty: 1 }, { text: 'fair winds' }, { text: '  spaced  ' }, {}, { name: 'Ana' }, { target: 'pebble' }, { dir: 'north' }),
  fc.dictionary(anyString, jsonish, { maxKeys: 4 }),
  fc.constant(JSON.parse('{"__proto__":{"kind":"take"},"target":"rope"}') as Record<string, unknown>),
);
/** Mostly a valid value, sometimes a hostile one. */
const mostly = <T, U>(valid: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) => fc.oneof({ arbitrary: valid, weight: 15 }, { arbitrary: bad, weight: 1 });
const kind = mostly(fc.oneof(fc.constantFrom('take', 'say', 'wait', 'look', 'join', 'move', 'travel', 'arrive'), fc.stringMatching(/^[a-z]{1,32}$/)), fc.oneof(fc.stringMatching(/^[a-z]{33}$/), anyString));
const envelope = fc.record({
  v: mostly(fc.constant(1), fc.constantFrom(0, 2, '1', 1.0)),
  world: mostly(fc.oneof(fc.constant(WORLD), fc.constant(WORLD), hex64), anyString),
  zone: mostly(fc.constantFrom('harbor', 'village', 'a-b'), fc.oneof(fc.constantFrom('-x', 'Harbor', 'a--b', '', 'x'.repeat(300)), anyString)),
  player: mostly(hex64, fc.constantFrom('A'.repeat(64), 'a'.repeat(63))),
  seq: mostly(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(0, -1, 2 ** 31, 1.5, 2 ** 53)),
  prev: mostly(fc.oneof(fc.constant(null), hex64), fc.constant('A'.repeat(64))),
  turn: mostly(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(0, 2 ** 53, 1e21, -5)),
  at: mostly(fc.integer({ min: 0, max: AT_MAX }), fc.constantFrom(-0, -1, 0.5, 1e300, AT_MAX + 1, Number.MAX_SAFE_INTEGER)),
  kind,
  args,
  sig: mostly(fc.stringMatching(/^[A-Za-z0-9_-]{128}$/), fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{127,129}$/), fc.constant('+'.repeat(128)))),
});

/** Canonical when it has a canonical form, else plain JSON.stringify (insertion order). */
function encode(env: Record<string, unknown>): string {
  return canonicalJsonBounded(env, 1_000_000, 64) ?? JSON.stringify(env);
}

const SNIPPETS = [' ', '\n', ',', '"', '\\', '{', '}', '0', '-', 'e1', '.0', '\\u0061', '"__proto__":1,', ',"x":1', ',"at":1', 'null', '"}', '\u0000', '9'.repeat(20)];
/** One or more edits at random positions: insert, delete, replace. */
const mutated = (raw: string) => fc.array(fc.tuple(fc.nat(raw.length), fc.nat(3), fc.constantFrom(...SNIPPETS), fc.nat(3)), { minLength: 1, maxLength: 3 }).map((edits) => {
  let s = raw;
  for (const [pos, op, snip, n] of edits) {
    const p = Math.min(pos, s.length);
    if (op === 0) s = s.slice(0, p) + snip + s.slice(p);
    else if (op === 1) s = s.slice(0, p) + s.slice(p + 1 + n);
    else s = s.slice(0, p) + snip + s.slice(p + snip.length);
  }
  return s;
});

const ZONES = ['harbor', 'village', 'a-b'] as const;
const SETTLED_BY_CALLER = { player: /^[0-9a-f]{64}$/, sig: /^[A-Za-z0-9_-]{128}$/ };
let answered = 0;
/** The scanner against the reference for one expected zone; true when the scanner answered. */
function agreesIn(raw: string, zone: string): boolean {
  const scan = scanEnvelope(raw, { world: WORLD, zone }, new Verifier());
  if (scan === null) return false; // the general path decides
  // The caller's signature checks settle these two; anything else is the scanner's to get right.
  if (!SETTLED_BY_CALLER.player.test(scan.env.player) || !SETTLED_BY_CALLER.sig.test(scan.env.sig)) return false;
  const ref = reference(raw);
  expect(ref).not.toBeNull();
  expect(ref!.env.world).toBe(WORLD);
  expect(ref!.env.zone).toBe(zone);
  expect(scan.env).toEqual(ref!.env);
  expect(Object.keys(scan.env).sort()).toEqual(Object.keys(ref!.env).sort());
  expect(Object.keys(scan.env.args).sort()).toEqual(Object.keys(ref!.env.args).sort());
  expect(scan.body).toBe(ref!.body);
  return true;
}
function agrees(raw: string): void {
  for (const zone of ZONES) if (agreesIn(raw, zone)) answered++;
}

describe('canonical envelope scanner', () => {
  it('answers only when JSON.parse + zod + canonicalJson give the same envelope and body', () => {
    const seed = fuzzSeed('envelope scanner vs zod');
    const raws = fc.oneof(
      envelope.map((e) => encode(e)),
      envelope.map((e) => encode(e)).chain(mutated),
      fc.string({ maxLength: 600 }),
      fc.json({ maxDepth: 3 }),
    );
    answered = 0;
    fc.assert(fc.property(raws, agrees), { seed, numRuns: fuzzRuns(3_000) });
    // Not vacuous: a good share of the strings were canonical envelopes the scanner read.
    expect(answered).toBeGreaterThan(fuzzRuns(3_000) / 50);
  });

  it('answers for every canonical envelope of an honest intent (the fast path is the common path)', () => {
    const seed = fuzzSeed('envelope scanner completeness');
    const honest = fc.record({
      player: hex64, seq: fc.integer({ min: 1, max: 2 ** 31 - 1 }), prev: fc.option(hex64, { nil: null }),
      turn: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), at: fc.integer({ min: 0, max: AT_MAX }),
      zone: fc.constantFrom('harbor', 'village', 'north-coast'), sig: fc.stringMatching(/^[A-Za-z0-9_-]{128}$/),
      action: fc.constantFrom<[string, Record<string, unknown>]>(['take', { target: 'rope', qty: 2 }], ['say', { text: 'a "quoted" \\ line\n' }], ['wait', {}], ['move', { dir: 'north' }], ['join', { name: 'Ana' }]),
    });
    fc.assert(fc.property(honest, (h) => {
      const env = { v: 1, world: WORLD, zone: h.zone, player: h.player, seq: h.seq, prev: h.prev, turn: h.turn, at: h.at, kind: h.action[0], args: h.action[1], sig: h.sig };
      const raw = canonicalJson(env);
      expect(scanEnvelope(raw, { world: WORLD, zone: h.zone }, new Verifier())).not.toBeNull();
      expect(agreesIn(raw, h.zone)).toBe(true);
    }), { seed, numRuns: fuzzRuns(1_000) });
  });

  it('gives up on hostile spellings that zod would accept or that are not canonical', () => {
    const made = createIntent(identities(1)[0]!, { world: WORLD, zone: 'harbor', seq: 1, prev: null, turn: 1, at: 5, action: { kind: 'take', target: 'rope', qty: 1 } }, () => new Uint8Array(64));
    const harbor = { world: WORLD, zone: 'harbor' };
    expect(scanEnvelope(made.raw, harbor, new Verifier())).not.toBeNull();
    expect(scanEnvelope(made.raw, { world: WORLD, zone: 'village' }, new Verifier())).toBeNull();
    expect(scanEnvelope(made.raw, { world: 'f'.repeat(64), zone: 'harbor' }, new Verifier())).toBeNull();
    for (const bad of [
      made.raw.replace('{"args":{', '{"args":{"__proto__":{"kind":"x"},'), // zod strips __proto__
      made.raw.replace('"at":5', '"at":5.0'), made.raw.replace('"at":5', '"at":05'), made.raw.replace('"at":5', '"at":5e0'),
      made.raw.replace('"qty":1,', '"qty":1, '), made.raw.replace('"rope"', '"r\\u006fpe"'), made.raw.replace('{"args":{"qty":1,"target":"rope"}', '{"args":{"target":"rope","qty":1}'),
      made.raw.replace('"seq":1', `"seq":${2 ** 31}`), made.raw.replace('"turn":1', '"turn":9007199254740992'), `${made.raw} `,
    ]) {
      expect(scanEnvelope(bad, harbor, new Verifier())).toBeNull();
      agrees(bad);
    }
  });
});

describe('readIntent with its fast paths = the plain algorithm', () => {
  it('same verdict and the same intent for honest, mutated and hostile entries', () => {
    const seed = fuzzSeed('readIntent vs plain');
    const ids = identities(2);
    const sign = (): Uint8Array => new Uint8Array(64);
    const good = new Set<string>();
    const verdict = (id: string, sig: string): boolean => good.has(`${id} ${sig}`);
    const intents: VerifiedIntent[] = [];
    const actions = [{ kind: 'take', target: 'rope', qty: 1 }, { kind: 'say', text: 'hi there' }, { kind: 'wait' }, { kind: 'join', name: 'Ana' }, { kind: 'move', dir: 'north' }] as const;
    for (let i = 0; i < 10; i++) {
      const made = createIntent(ids[i % 2]!, { world: WORLD, zone: 'harbor', seq: i + 1, prev: i === 0 ? null : 'c'.repeat(64), turn: i + 1, at: i * 7, action: actions[i % actions.length]! }, sign);
      intents.push(made);
      good.add(`${made.id} ${made.env.sig}`);
    }
    const verdicts = intents.map((i) => [i.id, i.raw] as const);
    /** A world that checked the honest intents before (stand-in signatures cannot be verified). */
    const knowing = (): Verifier => {
      const v = new Verifier();
      for (const [id, raw] of verdicts) v.rememberSound(id, raw);
      return v;
    };
    const expect_ = { world: WORLD, zone: 'harbor' };
    const entries = fc.oneof(
      fc.constantFrom(...intents).map((i) => [i.id, i.raw] as [string, unknown]),
      fc.constantFrom(...intents).chain((i) => mutated(i.raw).map((raw) => [i.id, raw] as [string, unknown])),
      // Rebuilt envelopes with one field changed, stored under their own new id.
      fc.tuple(fc.constantFrom(...intents), envelope).map(([i, e]) => {
        const env = { ...(JSON.parse(i.raw) as Record<string, unknown>), ...e };
        const raw = encode(env);
        const { sig: _s, ...body } = env;
        return [sha256Hex(canonicalJsonBounded(body, 1_000_000, 64) ?? ''), raw] as [string, unknown];
      }),
      fc.tuple(hex64, fc.oneof(fc.string(), fc.jsonValue())).map(([k, v]) => [k, v] as [string, unknown]),
    );
    const seen = new Map<string, number>();
    fc.assert(fc.property(entries, ([key, raw]) => {
      const verifier = knowing();
      const want = plainRead(key, raw, expect_, verdict);
      const label = typeof want === 'string' ? want : 'ok';
      seen.set(label, (seen.get(label) ?? 0) + 1);
      const got = readIntent(key, raw, expect_, verifier);
      if (typeof want === 'string') expect(got.ok ? 'ok' : got.reason).toBe(want);
      else {
        expect(got.ok).toBe(true);
        if (got.ok) expect({ id: got.intent.id, env: got.intent.env, action: got.intent.action }).toEqual(want);
      }
      // A second read (memo by stored string) agrees with the first.
      const again = readIntent(key, raw, expect_, verifier);
      expect(again.ok ? again.intent.id : again.reason).toBe(got.ok ? got.intent.id : got.reason);
    }), { seed, numRuns: fuzzRuns(2_000) });
    console.log(`[sync fuzz] readIntent verdicts: ${[...seen].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    expect(seen.get('ok') ?? 0).toBeGreaterThan(fuzzRuns(2_000) / 50);
  });
});
