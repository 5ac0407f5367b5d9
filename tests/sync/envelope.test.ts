// The signed intent envelope: round trip, ids, signatures, and every kind of broken entry.
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/content/canonical.ts';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { createIntent, MAX_INTENT_CHARS, readIntent } from '../../src/sync/intent/intent.ts';
import { Verifier } from '../../src/sync/intent/verifier.ts';
import { fromBase64Url, sha256Hex, toBase64Url } from '../../src/sync/intent/bytes.ts';
import { WORLD } from './fixture.ts';

const me = createIdentity();
const expect_ = { world: WORLD, zone: 'harbor' };
const base = { world: WORLD, zone: 'harbor', seq: 1, prev: null, turn: 1, at: 1000 } as const;

describe('intent envelope', () => {
  it('round-trips and verifies', () => {
    const made = createIntent(me, { ...base, action: { kind: 'take', target: 'rope', qty: 1 } });
    expect(made.id).toMatch(/^[0-9a-f]{64}$/);
    const read = readIntent(made.id, made.raw, expect_, new Verifier());
    expect(read.ok).toBe(true);
    if (read.ok) {
      expect(read.intent.env.player).toBe(me.player);
      expect(read.intent.action).toEqual({ kind: 'take', target: 'rope', qty: 1 });
      expect(read.intent.env.args).toEqual({ target: 'rope', qty: 1 });
    }
  });

  it('canonical JSON sorts keys by code unit and rejects non-integers', () => {
    expect(canonicalJson({ b: 1, a: 'x', B: [true, null] })).toBe('{"B":[true,null],"a":"x","b":1}');
    expect(() => canonicalJson({ a: 1.5 })).toThrow();
  });

  it('base64url is strict', () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 251, 252, 253]);
    expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    expect(fromBase64Url('A')).toBeNull();
    expect(fromBase64Url('AB')).toBeNull(); // non-zero leftover bits
    expect(fromBase64Url('a+b/')).toBeNull();
  });

  const made = createIntent(me, { ...base, action: { kind: 'say', text: 'hello' } });
  const env = JSON.parse(made.raw) as Record<string, unknown>;
  const cases: [string, string, unknown, string][] = [
    ['not a string', made.id, { ...env }, 'intent/not-string'],
    ['not JSON', made.id, '{"v":1', 'intent/not-json'],
    ['not canonical (whitespace)', made.id, JSON.stringify(env, null, 1), 'intent/not-canonical'],
    ['huge', made.id, 'x'.repeat(100_000), 'intent/too-large'],
    ['schema garbage', made.id, canonicalJson({ hello: 'world' }), 'intent/schema'],
    ['unknown kind', made.id, canonicalJson({ ...env, kind: 'fly' }), 'intent/action'],
    ['args smuggling kind', made.id, canonicalJson({ ...env, args: { kind: 'take', text: 'x' } }), 'intent/action'],
    ['wrong world', made.id, canonicalJson({ ...env, world: 'f'.repeat(64) }), 'intent/wrong-world'],
    ['wrong zone', made.id, canonicalJson({ ...env, zone: 'village' }), 'intent/wrong-zone'],
    ['stored under another key', 'a'.repeat(64), made.raw, 'intent/id-mismatch'],
    ['seq 1 with a prev', made.id, canonicalJson({ ...env, prev: 'a'.repeat(64) }), 'intent/chain-fields'],
  ];
  for (const [name, key, value, reason] of cases) {
    it(`rejects ${name}`, () => {
      const r = readIntent(key, value, expect_, new Verifier());
      expect(r.ok ? 'ok' : r.reason).toBe(reason);
    });
  }

  it('rejects a tampered body (forged: id recomputed, signature no longer matches)', () => {
    const other = createIntent(me, { ...base, action: { kind: 'say', text: 'goodbye' } });
    const forged = canonicalJson({ ...(JSON.parse(other.raw) as object), sig: env.sig });
    const r = readIntent(other.id, forged, expect_, new Verifier());
    expect(r.ok ? 'ok' : r.reason).toBe('intent/bad-signature');
  });

  it('rejects a signature by another key claiming my player id', () => {
    const mallory = createIdentity();
    const theirs = createIntent(mallory, { ...base, action: { kind: 'say', text: 'hello' } });
    const { sig, ...body } = JSON.parse(theirs.raw) as Record<string, unknown>;
    const claimedBody = { ...body, player: me.player };
    const claimed = canonicalJson({ ...claimedBody, sig });
    const r = readIntent(sha256Hex(canonicalJson(claimedBody)), claimed, expect_, new Verifier());
    expect(r.ok ? 'ok' : r.reason).toBe('intent/key-mismatch');
  });

  it('bounds ordinary intents', () => {
    expect(made.raw.length).toBeLessThan(MAX_INTENT_CHARS);
    expect(() => createIntent(me, { ...base, action: { kind: 'say', text: 'x'.repeat(281) } })).toThrow();
  });
});

describe('reading intents: fixed divergences', () => {
  it('a replica reloading from its verified set reaches the state of one that checked everything (text the schema trims)', async () => {
    const { signBytes } = await import('../../src/sync/intent/identity.ts');
    const { engineRules } = await import('../../src/sync/replica/engine-rules.ts');
    const { ZoneReplica } = await import('../../src/sync/replica/zone-replica.ts');
    const { content, SEED } = await import('./fixture.ts');
    // A hand-signed join whose name has spaces around it (createIntent would trim them).
    const ana = createIdentity();
    const body = { v: 1, world: WORLD, zone: 'harbor', player: ana.player, seq: 1, prev: null, turn: 1, at: 0, kind: 'join', args: { name: '  Ana  ' } };
    const bodyJson = canonicalJson(body);
    const sigBytes = new Uint8Array(96);
    sigBytes.set(ana.publicKey, 0);
    sigBytes.set(signBytes(ana, new TextEncoder().encode(`vetrellis/intent/v1\n${bodyJson}`)), 32);
    const raw = canonicalJson({ ...body, sig: toBase64Url(sigBytes) });
    const id = sha256Hex(bodyJson);
    const replica = (verifier: InstanceType<typeof Verifier>) => new ZoneReplica({ rules: engineRules, content, world: WORLD, zone: 'harbor', seed: SEED, verifier });
    const checked = replica(new Verifier());
    checked.ingest([[id, raw]]);
    const trusting = new Verifier();
    trusting.trust([[id, sha256Hex(raw)]]);
    const reloaded = replica(trusting);
    reloaded.ingest([[id, raw]]);
    expect(checked.state.players[ana.player]?.name).toBe('Ana');
    expect(reloaded.stateHash).toBe(checked.stateHash);
  });

  it('accepts a large honest arrive under the size limit (arrays were counted twice)', () => {
    const visited = Array.from({ length: 600 }, (_, i) => `location-number-${i}`);
    const state = { id: me.player, name: 'Ana', location: 'green', hp: 20, mp: 10, sp: 50, level: 1, exp: 0, inventory: [], equipment: {}, effects: [], visited, gifts: [], fighting: null, turns: 1 };
    const made = createIntent(me, { world: WORLD, zone: 'village', seq: 1, prev: null, turn: 1, at: 0, action: { kind: 'arrive', from: 'harbor', fromLocation: 'pier', dir: 'north', travel: 'a'.repeat(64), state } });
    expect(made.raw.length).toBeGreaterThan(12_000);
    const r = readIntent(made.id, made.raw, { world: WORLD, zone: 'village' }, new Verifier());
    expect(r.ok ? 'ok' : r.reason).toBe('ok');
  });
});
