// Hostile input through real Yjs documents: forged signatures, equivocation, replays (same
// entry again, an intent from another world or zone), schema garbage, overwritten and deleted
// log entries. Documents exchange updates in random order with duplicates; every replica, and
// a late joiner loading the merged document, ends with the same state as a clean replica fed
// only the validly signed intents.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { canonicalJson } from '../../src/content/canonical.ts';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { createIntent, type VerifiedIntent } from '../../src/sync/intent/intent.ts';
import { ZoneDoc } from '../../src/sync/world/world-docs.ts';
import { bindZoneLog } from '../../src/sync/world/zone-log.ts';
import { ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import { Author, content, entry, identities, SEED, WORLD, SHARED_VERDICTS } from './fixture.ts';
import { fuzzRuns, fuzzSeed, fuzzTimeout, prng, randomAction, shuffle } from './harness.ts';

function replica(): ZoneReplica {
  return new ZoneReplica({ rules: engineRules, content, world: WORLD, zone: 'harbor', seed: SEED, checkpointEvery: 4, verifier: SHARED_VERDICTS });
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) await Promise.resolve();
};

interface Peer {
  readonly doc: Y.Doc;
  readonly zone: ZoneDoc;
  readonly replica: ZoneReplica;
  readonly inbox: Uint8Array[];
}

async function runHostile(schedule: number): Promise<void> {
  const rnd = prng(schedule);
  const [ia, ib, im] = identities(3);
  const ana = new Author('harbor', ia);
  const bo = new Author('harbor', ib);
  const mal = new Author('harbor', im);
  const honest: VerifiedIntent[] = [];
  const hostile: [string, unknown][] = [];
  honest.push(ana.write({ kind: 'join', name: 'Ana' }, 1), bo.write({ kind: 'join', name: 'Bo' }, 1), mal.write({ kind: 'join', name: 'Mal' }, 1));
  for (let t = 2; t < 8; t++) {
    const who = rnd.pick([ana, bo, mal]);
    honest.push(who.write(randomAction(rnd, [ana.player, bo.player]), t));
  }
  // Mal equivocates: a second, different intent for one seq (both validly signed).
  const fork = Object.assign(new Author('harbor', im), { seq: mal.seq, prev: mal.prev, lastTurn: mal.lastTurn, at: mal.at });
  honest.push(mal.write({ kind: 'take', target: 'rope' }, 9), fork.write({ kind: 'take', target: 'moonpetal' }, 9));
  honest.push(mal.write({ kind: 'wait' }, 10));
  // Forged: Bo's intent with its args changed and the id recomputed; the signature cannot match.
  const victim = honest[1]!;
  const env = JSON.parse(victim.raw) as Record<string, unknown>;
  const forgedBody: Record<string, unknown> = { ...env, kind: 'say', args: { text: 'I give up' } };
  const { sig: _sig, ...bodyOnly } = forgedBody;
  const { sha256Hex } = await import('../../src/sync/intent/bytes.ts');
  hostile.push([sha256Hex(canonicalJson(bodyOnly)), canonicalJson(forgedBody)]);
  // Replays from elsewhere, and garbage.
  hostile.push(entry(createIntent(ia!, { world: 'f'.repeat(64), zone: 'harbor', seq: 1, prev: null, turn: 1, at: 1, action: { kind: 'join', name: 'Ana' } })));
  hostile.push(entry(createIntent(ia!, { world: WORLD, zone: 'village', seq: 1, prev: null, turn: 1, at: 1, action: { kind: 'join', name: 'Ana' } })));
  hostile.push(['garbage', { not: 'an intent' }], ['x'.repeat(64), 'y'.repeat(20_000)], ['z', 12]);

  const peers: Peer[] = [0, 1, 2].map(() => {
    const doc = new Y.Doc();
    const zone = new ZoneDoc(doc, 'harbor');
    const r = replica();
    bindZoneLog(zone, r, () => {});
    return { doc, zone, replica: r, inbox: [] };
  });
  for (const p of peers) {
    p.doc.on('update', (u: Uint8Array) => {
      for (const q of peers) if (q !== p) q.inbox.push(u);
    });
  }
  const writes = shuffle([...honest.map(entry), ...hostile], rnd);
  for (const [k, v] of writes) {
    const p = rnd.pick(peers);
    p.doc.transact(() => p.zone.intents.set(k, v));
    if (rnd.chance(0.3)) {
      // Someone deletes or overwrites an entry they can see.
      const q = rnd.pick(peers);
      const keys = [...q.zone.intents.keys()];
      if (keys.length > 0) {
        const victimKey = rnd.pick(keys);
        q.doc.transact(() => (rnd.chance(0.5) ? q.zone.intents.delete(victimKey) : q.zone.intents.set(victimKey, 'overwritten')));
      }
    }
    for (let d = rnd.int(4); d > 0; d--) {
      const q = rnd.pick(peers);
      if (q.inbox.length === 0) continue;
      const u = q.inbox.splice(rnd.int(q.inbox.length), 1)[0]!;
      Y.applyUpdate(q.doc, u);
      if (rnd.chance(0.2)) Y.applyUpdate(q.doc, u); // duplicated frame
    }
    await flush();
  }
  // Quiesce: deliver everything (healing writes make more updates) until nothing is in flight.
  for (let round = 0; round < 50 && peers.some((p) => p.inbox.length > 0); round++) {
    for (const q of peers) for (const u of shuffle(q.inbox.splice(0), rnd)) Y.applyUpdate(q.doc, u);
    await flush();
  }
  const clean = replica();
  clean.ingest(honest.map(entry));
  for (const p of peers) expect(p.replica.stateHash).toBe(clean.stateHash);
  const late = new Y.Doc();
  Y.applyUpdate(late, Y.mergeUpdates(peers.map((p) => Y.encodeStateAsUpdate(p.doc))));
  const lateReplica = replica();
  bindZoneLog(new ZoneDoc(late, 'harbor'), lateReplica, () => {});
  expect(lateReplica.stateHash).toBe(clean.stateHash);
  expect(clean.stoppedPlayers()).toEqual([mal.player]);
}

describe('hostile input', () => {
  it('changes nothing, never throws, and leaves every replica (and late joiners) identical', async () => {
    const seed = fuzzSeed('hostile input');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 0x7fffffff }), (schedule) => runHostile(schedule)),
      { seed, numRuns: fuzzRuns(10) },
    );
  }, fuzzTimeout(10));
});
