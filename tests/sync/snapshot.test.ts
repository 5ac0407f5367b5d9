// Snapshots (docs/finality.md "Snapshots and compaction", src/sync/replica/snapshot.ts): a
// replica started from a zone's snapshot at its final seal, without the history below it, folds
// the rest of the log to exactly the state of a replica that folded everything; its chains go on
// from the snapshot's heads (what a player signs next is the same), later seals are judged the
// same way, and its own snapshot at a later seal is byte for byte the other's. A snapshot whose
// state is not the state its seal names is refused; one with a changed head hashes differently
// from what any replica holding the history computes. A character copied by a second arrive
// naming an old travel is refused alike with and without the history (the journey rule).
import { describe, expect, it } from 'vitest';
import type { GameState } from '../../src/engine/state.ts';
import { createIdentity, type Identity } from '../../src/sync/intent/identity.ts';
import { createIntent, type VerifiedIntent } from '../../src/sync/intent/intent.ts';
import type { SyncAction } from '../../src/sync/intent/sync-action.ts';
import { CrossingBoard } from '../../src/sync/replica/crossing-board.ts';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { checkSnapshot, snapshotHash, type ZoneSnapshot } from '../../src/sync/replica/snapshot.ts';
import { ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import { arriveFor, crossingPlan } from '../../src/sync/world/traveller.ts';
import { Author, content, entry, identities, SEED, SHARED_VERDICTS, WORLD } from './fixture.ts';
import { fuzzRuns, fuzzSeed, fuzzTimeout, prng, randomAction, shuffle } from './harness.ts';

const OWNER = createIdentity();

function replica(zone = 'harbor', snapshot?: ZoneSnapshot, crossings?: CrossingBoard): ZoneReplica {
  return new ZoneReplica({ rules: engineRules, content, world: WORLD, zone, seed: SEED, checkpointEvery: 4, verifier: SHARED_VERDICTS, owner: OWNER.player, ...(snapshot ? { snapshot } : {}), ...(crossings ? { crossings } : {}) });
}

/** The owner's seal of everything `r` placed up to `upTo`, or null when there is nothing new. */
function sealOf(r: ZoneReplica, upTo: number): VerifiedIntent | null {
  const s = r.sealToWrite(upTo, 1);
  if (s === null) return null;
  return createIntent(OWNER, { world: WORLD, zone: r.zone, seq: s.n, prev: s.prev, turn: s.point, at: 0, action: { kind: 'seal', heads: s.heads, state: s.state } });
}

function feed(r: ZoneReplica, log: readonly VerifiedIntent[], rnd: ReturnType<typeof prng>): void {
  const order = shuffle(log, rnd);
  for (let i = 0; i < order.length; ) {
    const n = 1 + rnd.int(6);
    r.ingest(order.slice(i, i + n).map(entry));
    i += n;
  }
}

describe('snapshots', () => {
  it('a replica started from a snapshot agrees with the whole history, now and as play goes on (property)', () => {
    const seed = fuzzSeed('snapshots');
    const rnd = prng(seed);
    let checked = 0;
    for (let run = 0; run < fuzzRuns(10); run++) {
      const where = `seed ${seed} run ${run}`;
      const authors = identities(4).map((id) => new Author('harbor', id));
      const reference = replica();
      const log: VerifiedIntent[] = [];
      const put = (i: VerifiedIntent): void => {
        log.push(i);
        reference.ingest([entry(i)]);
      };
      const play = (steps: number): void => {
        for (let step = 0; step < steps; step++) {
          const a = rnd.pick(authors);
          put(a.write(randomAction(rnd, authors.filter((x) => x !== a).map((x) => x.player)), reference.headTurn + 1));
          if (rnd.chance(0.15)) {
            const s = sealOf(reference, reference.headTurn - rnd.int(4));
            if (s !== null) put(s);
          }
          if (rnd.chance(0.08)) {
            // A second signature for a seq already used (maybe sealed by now), or a backdated newcomer.
            const a2 = rnd.pick(authors);
            const last = log.filter((i) => i.player === a2.player).at(-1)!;
            if (rnd.chance(0.5)) put(createIntent(a2.id, { world: WORLD, zone: 'harbor', seq: last.seq, prev: last.prev, turn: last.signedTurn, at: 0, action: { kind: 'say', text: 'not what I said' } }));
            else {
              const m = new Author('harbor', createIdentity());
              put(m.write({ kind: 'join', name: 'Mallory' }, 1));
              put(m.write({ kind: 'take', target: 'moonpetal' }, 2));
            }
          }
        }
      };
      authors.forEach((a, i) => put(a.write({ kind: 'join', name: `P${i}` }, 1 + i)));
      play(40);
      const snap = reference.snapshot();
      if (snap === null) continue;
      checked++;
      expect(checkSnapshot(snap, engineRules, { world: WORLD, zone: 'harbor' }), where).toBeNull();
      // A new device: the snapshot, then the log in any order (history included, which it ignores).
      const joiner = replica('harbor', snap);
      feed(joiner, log, rnd);
      expect(joiner.stateHash, where).toBe(reference.stateHash);
      expect(joiner.finalSeal?.id, where).toBe(reference.finalSeal?.id);
      expect(joiner.diagnostics.snapshot()['intent/unexpected'] ?? 0, where).toBe(0);
      for (const a of authors) expect(joiner.nextFields(a.player, 0), `${where} ${a.player.slice(0, 6)}`).toEqual(reference.nextFields(a.player, 0));
      // Play goes on; both hear the same; the joiner's own snapshot at a later seal is the reference's.
      const before = log.length;
      play(30);
      joiner.ingest(log.slice(before).map(entry));
      expect(joiner.stateHash, where).toBe(reference.stateHash);
      const later = reference.snapshot()!;
      if (later.seal.n > snap.seal.n) expect(snapshotHash(joiner.snapshot()!), where).toBe(snapshotHash(later));
    }
    expect(checked).toBeGreaterThan(0);
  }, fuzzTimeout(10));

  it('a snapshot whose state differs from its seal is refused, and one with a changed head is told apart by anyone holding the history', () => {
    const [ia, ib] = identities(2);
    const ana = new Author('harbor', ia);
    const bo = new Author('harbor', ib);
    const r = replica();
    r.ingest([ana.write({ kind: 'join', name: 'Ana' }, 1), bo.write({ kind: 'join', name: 'Bo' }, 2), ana.write({ kind: 'take', target: 'moonpetal' }, 3), bo.write({ kind: 'wait' }, 4)].map(entry));
    r.ingest([entry(sealOf(r, 4)!)]);
    const honest = r.snapshot()!;
    expect(checkSnapshot(honest, engineRules, { world: WORLD, zone: 'harbor' })).toBeNull();
    // The moonpetal moved to Bo's pack.
    const players = { ...honest.state.players };
    players[bo.player] = { ...players[bo.player]!, inventory: [{ item: 'moonpetal', qty: 1 }] };
    players[ana.player] = { ...players[ana.player]!, inventory: [] };
    const lying: ZoneSnapshot = { ...honest, state: { ...honest.state, players } as GameState };
    expect(checkSnapshot(lying, engineRules, { world: WORLD, zone: 'harbor' })).toBe("the snapshot's state is not the state its seal names");
    // Bo's chain said to end earlier: his sealed wait would be signed again by whoever holds his key.
    const shortened: ZoneSnapshot = { ...honest, heads: honest.heads.map((h) => (h.player === bo.player ? { ...h, seq: 1 } : h)) };
    expect(checkSnapshot(shortened, engineRules, { world: WORLD, zone: 'harbor' })).toBeNull();
    expect(snapshotHash(shortened)).not.toBe(snapshotHash(r.snapshot()!));
    expect(snapshotHash(honest)).toBe(snapshotHash(r.snapshot()!));
    expect(checkSnapshot(honest, engineRules, { world: WORLD, zone: 'village' })).toBe('the snapshot is of another world or zone');
  });

  it('a second arrive naming an old travel (a copy of a character) is refused alike with and without the history', () => {
    const [ia] = identities(1) as [Identity];
    const heads: Record<string, { seq: number; prev: string | null; turn: number }> = { harbor: { seq: 0, prev: null, turn: 0 }, village: { seq: 0, prev: null, turn: 0 } };
    let clock = 10_000;
    const logs: Record<string, VerifiedIntent[]> = { harbor: [], village: [] };
    const sign = (zone: 'harbor' | 'village', action: SyncAction, turn?: number): VerifiedIntent => {
      const h = heads[zone]!;
      const t = Math.max(turn ?? 0, h.turn + 1);
      clock += 1_000;
      const made = createIntent(ia, { world: WORLD, zone, seq: h.seq + 1, prev: h.prev, turn: t, at: clock, action });
      heads[zone] = { seq: h.seq + 1, prev: made.id, turn: t };
      logs[zone]!.push(made);
      return made;
    };
    const board = new CrossingBoard();
    const full = { harbor: replica('harbor', undefined, board), village: replica('village', undefined, board) };
    const ingest = (i: VerifiedIntent): void => void full[i.env.zone as 'harbor' | 'village'].ingest([entry(i)]);
    const cross = (from: 'harbor' | 'village', to: 'harbor' | 'village', dir: 'north' | 'south'): VerifiedIntent => {
      const plan = crossingPlan({ rules: engineRules, content, player: ia.player, dir, at: clock + 1_000, zone: from, state: full[from].state, alreadyThere: false });
      if (plan.kind !== 'cross' || !plan.arrive) throw new Error('expected a crossing');
      const travel = sign(from, plan.travel);
      ingest(travel);
      ingest(sign(to, arriveFor(plan.arrive, travel.id), full[from].headTurn + 1));
      return travel;
    };
    ingest(sign('harbor', { kind: 'join', name: 'Ana' }));
    ingest(sign('harbor', { kind: 'take', target: 'rope' }));
    const first = cross('harbor', 'village', 'north');
    cross('village', 'harbor', 'south');
    for (const zone of ['harbor', 'village'] as const) ingest(sealOf(full[zone], full[zone].headTurn)!);
    expect(full.harbor.state.players[ia.player]?.inventory).toEqual([{ item: 'rope', qty: 1 }]);
    // A world cut: both zones' snapshots, taken together.
    const cut = { harbor: full.harbor.snapshot()!, village: full.village.snapshot()! };
    // Her modified client signs a second arrive in the village naming her first travel: a copy of
    // her, rope and all, beside the real one at the harbor. Then she walks north for real.
    const copy = sign('village', arriveFor({ kind: 'arrive', from: 'harbor', fromLocation: 'pier', dir: 'north', state: full.harbor.state.players[ia.player]! }, first.id), full.village.headTurn + 1);
    ingest(copy);
    cross('harbor', 'village', 'north');

    const joinerBoard = new CrossingBoard();
    const joiner = { harbor: replica('harbor', cut.harbor, joinerBoard), village: replica('village', cut.village, joinerBoard) };
    joiner.village.ingest(logs.village!.map(entry));
    joiner.harbor.ingest(logs.harbor!.map(entry));
    for (const zone of ['harbor', 'village'] as const) {
      expect(joiner[zone].stateHash, zone).toBe(full[zone].stateHash);
      expect(joiner[zone].diagnostics.snapshot()['intent/unexpected'] ?? 0, zone).toBe(0);
    }
    // No copy anywhere: the village never holds her (her chain there waits at the copy), and the
    // harbor let her go north.
    expect(full.village.state.players[ia.player]).toBeUndefined();
    expect(full.harbor.state.players[ia.player]).toBeUndefined();
  });
});
