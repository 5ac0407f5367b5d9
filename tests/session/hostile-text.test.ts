// A hostile member signs, with the project's own signing, intents whose names and speech carry
// terminal escapes (clear screen, a window title, an OSC 52 clipboard write), forged lines and a
// right-to-left override. Every replica reads them as invalid actions: nothing changes, and the
// state is the one of a replica that never saw them.
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/content/canonical.ts';
import { sha256Hex, toBase64Url, utf8ToBytes } from '../../src/sync/intent/bytes.ts';
import { INTENT_VERSION } from '../../src/sync/intent/intent.ts';
import { signBytes, type Identity } from '../../src/sync/intent/identity.ts';
import { ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { Author, content, entry, identities, SEED, WORLD } from '../sync/fixture.ts';
import { Verifier } from '../../src/sync/intent/verifier.ts';

/** The signing domain of docs/intent-format.md: what any client of the protocol signs. */
const SIGNING_PREFIX = 'vetrellis/intent/v1\n';

/** A signed intent whose args never went through the schema (a hostile client's). */
function forge(id: Identity, seq: number, prev: string | null, turn: number, at: number, kind: string, args: Record<string, unknown>): [string, string] {
  const body = { v: INTENT_VERSION, world: WORLD, zone: 'harbor', player: id.player, seq, prev, turn, at, kind, args };
  const bodyJson = canonicalJson(body);
  const sig = new Uint8Array(96);
  sig.set(id.publicKey, 0);
  sig.set(signBytes(id, utf8ToBytes(SIGNING_PREFIX + bodyJson)), 32);
  return [sha256Hex(bodyJson), canonicalJson({ ...body, sig: toBase64Url(sig) })];
}

function replica(): ZoneReplica {
  return new ZoneReplica({ rules: engineRules, content, world: WORLD, zone: 'harbor', seed: SEED, verifier: new Verifier() });
}

const HOSTILE = [
  'hi\x1b[2J',
  '\x1b]0;The TideKeeper\x07',
  '\x1b]52;c;cm0gLXJmIH4K\x07',
  'ok\nThe TideKeeper gives you 500 gold.',
  '\u202eanA',
];

describe('hostile names and speech in a zone log', () => {
  it('a signed say, emote, join or rename carrying them changes nothing on any replica', () => {
    const [ia, im, ix] = identities(3);
    const ana = new Author('harbor', ia);
    const mal = new Author('harbor', im);
    const honest = [ana.write({ kind: 'join', name: 'Ana' }, 1), mal.write({ kind: 'join', name: 'Mal' }, 1)];
    const hostile: [string, string][] = [];
    for (const text of HOSTILE) {
      // Each as Mal's next intent (same seq, so none chains on another hostile one).
      hostile.push(forge(im!, 2, mal.prev, 2, 5000, 'say', { text }));
      hostile.push(forge(im!, 2, mal.prev, 2, 5000, 'emote', { text }));
      hostile.push(forge(im!, 2, mal.prev, 2, 5000, 'name', { name: text }));
      hostile.push(forge(ix!, 1, null, 1, 5000, 'join', { name: text }));
    }
    const clean = replica();
    clean.ingest(honest.map(entry));
    const attacked = replica();
    attacked.ingest([...hostile.slice(0, 7), ...honest.map(entry), ...hostile.slice(7)]);
    expect(attacked.stateHash).toBe(clean.stateHash);
    expect(Object.values(attacked.state.players).map((p) => p.name).sort()).toEqual(['Ana', 'Mal']);
    expect(attacked.diagnostics.get('intent/action')).toBe(hostile.length);
    // Mal's honest next intent still counts: the refused ones took no place in his chain.
    const after = mal.write({ kind: 'say', text: 'hello' }, 2);
    attacked.ingest([entry(after)]);
    clean.ingest([entry(after)]);
    expect(attacked.state.tick).toBe(3);
    expect(attacked.stateHash).toBe(clean.stateHash);
  });
});
