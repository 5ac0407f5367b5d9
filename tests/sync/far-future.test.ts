// An intent signed with a game time near 2^53 once froze a zone's clock and made every --json
// client answer "error" (game time plus a duration was no longer a safe integer). `at` is
// bounded in the envelope (2^44 ms, about the year 2527): such an intent is refused by every
// replica and changes nothing, and the zone's clock keeps running for everyone else.
import { ed25519 } from '@noble/curves/ed25519.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/content/canonical.ts';
import { sha256Hex, toBase64Url } from '../../src/sync/intent/bytes.ts';
import { AT_MAX } from '../../src/sync/intent/envelope.ts';
import type { Identity } from '../../src/sync/intent/identity.ts';
import { Verifier } from '../../src/sync/intent/verifier.ts';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import { Author, content, entry, identities, SEED, WORLD } from './fixture.ts';

/** A hostile client's intent: signed over the wire format by hand, skipping createIntent's checks. */
function signedByHand(identity: Identity, fields: { seq: number; turn: number; at: number; kind: string; args: Record<string, unknown> }): [string, string] {
  const body = { v: 1, world: WORLD, zone: 'harbor', player: identity.player, prev: null, ...fields };
  const bodyJson = canonicalJson(body);
  const signature = ed25519.sign(utf8ToBytes(`vetrellis/intent/v1\n${bodyJson}`), identity.secretKey);
  const sig = new Uint8Array(96);
  sig.set(identity.publicKey, 0);
  sig.set(signature, 32);
  return [sha256Hex(bodyJson), canonicalJson({ ...body, sig: toBase64Url(sig) })];
}

describe('a game time from the far future', () => {
  it('is refused by the envelope; the zone clock keeps running', () => {
    const [ia, im] = identities(2);
    const replica = new ZoneReplica({ rules: engineRules, content, world: WORLD, zone: 'harbor', seed: SEED, verifier: new Verifier() });
    const ana = new Author('harbor', ia!);
    replica.ingest([entry(ana.write({ kind: 'join', name: 'Ana' }, 1))]);
    const far = signedByHand(im!, { seq: 1, turn: 2, at: 2 ** 53 - 1, kind: 'join', args: { name: 'Mal' } });
    const justOver = signedByHand(im!, { seq: 1, turn: 2, at: AT_MAX + 1, kind: 'join', args: { name: 'Mal' } });
    replica.ingest([far, justOver]);
    expect(replica.applied).toBe(1);
    expect(Object.values(replica.state.players).map((p) => p.name)).toEqual(['Ana']);
    const before = replica.state.time;
    replica.ingest([entry(ana.write({ kind: 'wait' }, 3, 60_000))]);
    expect(replica.state.time).toBe(before + 60_000);
    // At the bound itself the intent is well formed.
    const atBound = signedByHand(im!, { seq: 1, turn: 4, at: AT_MAX, kind: 'join', args: { name: 'Mal' } });
    replica.ingest([atBound]);
    expect(replica.applied).toBe(3);
  });
});
