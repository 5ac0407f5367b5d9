// Seals (docs/finality.md): the owner's signed record fixing a zone's order up to a point. What a
// player would notice: the past stops changing. A newcomer's backdated take cannot reach into it,
// a gift made before a seal stands when its giver later signs a second intent for the same seq,
// and a late intent costs a re-fold of the unsealed tail only.
import { describe, expect, it } from 'vitest';
import { createIdentity, type Identity } from '../../src/sync/intent/identity.ts';
import { createIntent, type VerifiedIntent } from '../../src/sync/intent/intent.ts';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import { Author, content, entry, identities, SEED, SHARED_VERDICTS, WORLD } from './fixture.ts';
import { fuzzRuns, fuzzSeed, fuzzTimeout, prng, randomAction, shuffle } from './harness.ts';

const OWNER = createIdentity();

function replica(viewer: string | null = null, owner: string | null = OWNER.player): ZoneReplica {
  return new ZoneReplica({ rules: engineRules, content, world: WORLD, zone: 'harbor', seed: SEED, viewer, checkpointEvery: 4, verifier: SHARED_VERDICTS, owner });
}

/** The seal the owner's device would write on `r`, sealing up to turn `upTo`. */
function sealOn(r: ZoneReplica, upTo: number, by: Identity = OWNER): VerifiedIntent {
  const s = r.sealToWrite(upTo, 1);
  if (s === null) throw new Error('nothing to seal');
  return createIntent(by, { world: WORLD, zone: 'harbor', seq: s.n, prev: s.prev, turn: s.point, at: 0, action: { kind: 'seal', heads: s.heads, state: s.state } });
}

function count(r: ZoneReplica, player: string, item: string): number {
  return r.state.players[player]?.inventory.filter((s) => s.item === item).reduce((n, s) => n + s.qty, 0) ?? 0;
}

/** Ana joins, waits, takes the last moonpetal at turn 3, then waits up to turn `upTo`. */
function anaPlays(ana: Author, upTo: number): VerifiedIntent[] {
  const out = [ana.write({ kind: 'join', name: 'Ana' }, 1), ana.write({ kind: 'wait' }, 2), ana.write({ kind: 'take', target: 'moonpetal' }, 3)];
  for (let t = 4; t <= upTo; t++) out.push(ana.write({ kind: 'wait' }, t));
  return out;
}

/** Mallory, a fresh key, signs a join at turn 1 and a take of the moonpetal at turn 2. */
function malloryBackdates(): VerifiedIntent[] {
  const m = new Author('harbor', createIdentity());
  return [m.write({ kind: 'join', name: 'Mallory' }, 1), m.write({ kind: 'take', target: 'moonpetal' }, 2)];
}

describe('seals', () => {
  it("a newcomer's backdated take cannot reach before the owner's seal", () => {
    const [ia] = identities(1);
    const ana = new Author('harbor', ia);
    const play = anaPlays(ana, 10);
    const mallory = malloryBackdates();

    // Without a seal the backdated take sorts first and wins: the past is rewritten.
    const open = replica(ana.player, null);
    open.ingest(play.map(entry));
    open.ingest(mallory.map(entry));
    expect(count(open, mallory[0]!.player, 'moonpetal')).toBe(1);
    expect(count(open, ana.player, 'moonpetal')).toBe(0);

    const sealed = replica(ana.player);
    sealed.ingest(play.map(entry));
    const seal = sealOn(sealed, 10);
    sealed.ingest([entry(seal)]);
    expect(sealed.finalSeal?.point).toBe(10);
    const change = sealed.ingest(mallory.map(entry));
    expect(count(sealed, ana.player, 'moonpetal')).toBe(1);
    expect(count(sealed, mallory[0]!.player, 'moonpetal')).toBe(0);
    expect(change.revision).toBeNull();
    // Mallory is here, after the sealed part: his join is placed after its point.
    expect(sealed.state.players[mallory[0]!.player]).toBeDefined();
    expect(sealed.fold.entries.find((e) => e.id === mallory[0]!.id)!.turn).toBe(11);

    // Any delivery order gives the same outcome.
    const rnd = prng(7);
    for (let i = 0; i < 5; i++) {
      const other = replica(null);
      for (const e of shuffle([...play, ...mallory, seal], rnd)) other.ingest([entry(e)]);
      expect(other.stateHash).toBe(sealed.stateHash);
    }
    expect(sealed.diagnostics.snapshot()['seal/false-state'] ?? 0).toBe(0);
  });

  it('a gift made before a seal stands when its giver signs a second intent for its seq', () => {
    const [ia, ib] = identities(2);
    const ana = new Author('harbor', ia);
    const bo = new Author('harbor', ib);
    const history = [
      ana.write({ kind: 'join', name: 'Ana' }, 1), bo.write({ kind: 'join', name: 'Bo' }, 1),
      ana.write({ kind: 'take', target: 'rope' }, 2),
    ];
    const giveSeq = ana.seq + 1;
    const givePrev = ana.prev;
    const giveTurn = ana.lastTurn + 1;
    const give = ana.write({ kind: 'give', target: 'rope', to: ib!.player }, 3);
    const later = [ana.write({ kind: 'wait' }, 4), bo.write({ kind: 'wait' }, 4), bo.write({ kind: 'wait' }, 5)];
    // Ana signs another intent for the give's seq: the swindle.
    const swindle = createIntent(ia!, { world: WORLD, zone: 'harbor', seq: giveSeq, prev: givePrev, turn: giveTurn, at: 1, action: { kind: 'wait' } });

    // Without a seal the second signature undoes the gift: Bo loses the rope.
    const open = replica(bo.player, null);
    open.ingest([...history, give, ...later].map(entry));
    expect(count(open, bo.player, 'rope')).toBe(1);
    open.ingest([entry(swindle)]);
    expect(count(open, bo.player, 'rope')).toBe(0);

    const r = replica(bo.player);
    r.ingest([...history, give, ...later].map(entry));
    const seal = sealOn(r, 3);
    r.ingest([entry(seal)]);
    r.ingest([entry(swindle)]);
    expect(count(r, bo.player, 'rope')).toBe(1);
    // The second signature for a sealed seq can undo nothing and is ignored: Ana's chain goes on
    // from the sealed give (a replica started from a snapshot, which never holds it, agrees).
    expect(r.fold.entries.some((e) => e.id === later[0]!.id)).toBe(true);
    expect(r.fold.entries.some((e) => e.id === later[2]!.id)).toBe(true);
    expect(r.diagnostics.snapshot()['chain/equivocation-after-seal']).toBe(1);
    expect(r.canWrite(ana.player)).toBe(true);

    // A replica that saw the swindle first (the chain stopped at the give) agrees once the seal
    // arrives: the sealed give counts, the swindle is ignored, and Ana's wait is folded again.
    const first = replica(null);
    first.ingest([...history, swindle, give, ...later].map(entry));
    expect(count(first, bo.player, 'rope')).toBe(0);
    first.ingest([entry(seal)]);
    expect(count(first, bo.player, 'rope')).toBe(1);
    expect(first.stateHash).toBe(r.stateHash);
  });

  it('a seal signed by anyone but the owner fixes nothing', () => {
    const [ia] = identities(1);
    const ana = new Author('harbor', ia);
    const play = anaPlays(ana, 6);
    const r = replica(ana.player);
    r.ingest(play.map(entry));
    const forged = sealOn(r, 6, createIdentity());
    r.ingest([entry(forged)]);
    expect(r.finalSeal).toBeNull();
    expect(r.diagnostics.snapshot()['seal/not-owner']).toBe(1);
    r.ingest(malloryBackdates().map(entry));
    expect(count(r, ana.player, 'moonpetal')).toBe(0);
  });

  it('a seal naming intents this replica lacks waits for them, then holds', () => {
    const [ia] = identities(1);
    const ana = new Author('harbor', ia);
    const play = anaPlays(ana, 8);
    const full = replica(null);
    full.ingest(play.map(entry));
    const seal = sealOn(full, 8);
    const mallory = malloryBackdates();

    const r = replica(null);
    r.ingest([entry(seal), ...play.slice(0, 4).map(entry), ...mallory.map(entry)]);
    expect(r.finalSeal).toBeNull();
    expect(count(r, mallory[0]!.player, 'moonpetal')).toBe(1);
    r.ingest(play.slice(4).map(entry));
    expect(r.finalSeal?.n).toBe(1);
    expect(count(r, ana.player, 'moonpetal')).toBe(1);
    expect(count(r, mallory[0]!.player, 'moonpetal')).toBe(0);
  });

  it('two seals of one number: the smaller id counts on every replica', () => {
    const [ia, ib] = identities(2);
    const ana = new Author('harbor', ia);
    const bo = new Author('harbor', ib);
    const log = [ana.write({ kind: 'join', name: 'Ana' }, 1), bo.write({ kind: 'join', name: 'Bo' }, 2), ana.write({ kind: 'take', target: 'moonpetal' }, 3), bo.write({ kind: 'wait' }, 4)];
    const base = replica(null);
    base.ingest(log.map(entry));
    const a = sealOn(base, 2);
    const b = sealOn(base, 4);
    const expected = a.id < b.id ? a : b;
    const hashes = new Set<string>();
    for (const order of [[a, b], [b, a]]) {
      const r = replica(null);
      r.ingest(log.map(entry));
      for (const s of order) r.ingest([entry(s)]);
      expect(r.finalSeal?.id).toBe(expected.id);
      hashes.add(r.stateHash);
    }
    expect(hashes.size).toBe(1);
  });

  it('a late intent re-folds the unsealed tail, not the history', () => {
    const [ia] = identities(1);
    const ana = new Author('harbor', ia);
    const play = anaPlays(ana, 400);
    const open = replica(null, null);
    open.ingest(play.map(entry));
    const sealed = replica(null);
    sealed.ingest(play.map(entry));
    sealed.ingest([entry(sealOn(sealed, 390))]);
    const late = malloryBackdates();
    const costOpen = open.ingest(late.map(entry)).refolded;
    const costSealed = sealed.ingest(late.map(entry)).refolded;
    expect(costOpen).toBeGreaterThan(390);
    expect(costSealed).toBeLessThan(20);
  });

  it('seals follow one another: the second seals only what the first left open', () => {
    const [ia, ib] = identities(2);
    const ana = new Author('harbor', ia);
    const bo = new Author('harbor', ib);
    const r = replica(null);
    const first = [ana.write({ kind: 'join', name: 'Ana' }, 1), bo.write({ kind: 'join', name: 'Bo' }, 2), ana.write({ kind: 'wait' }, 3)];
    r.ingest(first.map(entry));
    const s1 = sealOn(r, 3);
    r.ingest([entry(s1)]);
    const second = [bo.write({ kind: 'take', target: 'rope' }, 4), bo.write({ kind: 'wait' }, 5)];
    r.ingest(second.map(entry));
    const s2 = sealOn(r, 5);
    expect((s2.action as { heads: unknown[] }).heads).toEqual([[bo.player, 3, second[1]!.id]]);
    r.ingest([entry(s2)]);
    expect(r.finalSeal?.n).toBe(2);
    expect(r.finalSeal?.count).toBe(5);
    // A replica given the second seal before the first waits for it, then agrees.
    const other = replica(null);
    other.ingest([entry(s2), ...second.map(entry), ...first.map(entry)]);
    expect(other.finalSeal).toBeNull();
    other.ingest([entry(s1)]);
    expect(other.finalSeal?.id).toBe(s2.id);
    expect(other.stateHash).toBe(r.stateHash);
  });

  it('replicas fed the same intents and seals in any order agree (property)', () => {
    const seed = fuzzSeed('seals');
    const rnd = prng(seed);
    let sealedRuns = 0;
    for (let run = 0; run < fuzzRuns(12); run++) {
      const ids = identities(4);
      const authors = ids.map((id) => new Author('harbor', id));
      const reference = replica(null);
      const log: VerifiedIntent[] = [];
      const put = (i: VerifiedIntent): void => {
        log.push(i);
        reference.ingest([entry(i)]);
      };
      authors.forEach((a, i) => put(a.write({ kind: 'join', name: `P${i}` }, 1 + i)));
      for (let step = 0; step < 40; step++) {
        const a = rnd.pick(authors);
        put(a.write(randomAction(rnd, authors.filter((x) => x !== a).map((x) => x.player)), reference.headTurn + 1));
        if (rnd.chance(0.15)) {
          const s = reference.sealToWrite(reference.headTurn - rnd.int(4), 1);
          if (s !== null) put(createIntent(OWNER, { world: WORLD, zone: 'harbor', seq: s.n, prev: s.prev, turn: s.point, at: 0, action: { kind: 'seal', heads: s.heads, state: s.state } }));
        }
        if (rnd.chance(0.08)) {
          // A backdated newcomer, or a second signature for a seq already used.
          if (rnd.chance(0.5)) for (const i of malloryBackdates()) put(i);
          else {
            const a2 = rnd.pick(authors);
            const last = log.filter((i) => i.player === a2.player).at(-1)!;
            put(createIntent(a2.id, { world: WORLD, zone: 'harbor', seq: last.seq, prev: last.prev, turn: last.signedTurn, at: 0, action: { kind: 'say', text: 'not what I said' } }));
          }
        }
      }
      for (let k = 0; k < 3; k++) {
        const other = replica(null);
        const order = shuffle(log, rnd);
        let i = 0;
        while (i < order.length) {
          const n = 1 + rnd.int(6);
          other.ingest(order.slice(i, i + n).map(entry));
          i += n;
        }
        expect(other.finalSeal?.id ?? null, `seed ${seed} run ${run}`).toBe(reference.finalSeal?.id ?? null);
        expect(other.stateHash, `seed ${seed} run ${run}`).toBe(reference.stateHash);
        // The owner signed the state its own fold had for each set: every replica finds the same.
        expect(other.diagnostics.snapshot()['seal/false-state'] ?? 0, `seed ${seed} run ${run}`).toBe(0);
      }
      if ((reference.finalSeal?.n ?? 0) > 0) sealedRuns++;
    }
    expect(sealedRuns).toBeGreaterThan(0);
  }, fuzzTimeout(12));
});
