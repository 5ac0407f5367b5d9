// Verified crossings (docs/finality.md): zone replicas of one world on a CrossingBoard believe
// nothing an `arrive` says about the traveller. It brings what its travel took out of the zone
// left, as that zone's fold computed it; it waits while that travel is not known; it is placed
// after the travel (a crossing is a Lamport message), and re-read when the zone left re-folds.
// Attacks replayed: an arrive naming a travel that exists nowhere, an inflated arrive after a
// real travel, an arrive that borrows another player's travel; and a random property run with a
// hostile peer, where every replica of a zone agrees and nothing is ever made by crossing.
import { describe, expect, it } from 'vitest';
import type { GameState, PlayerState } from '../../src/engine/state.ts';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { createIntent } from '../../src/sync/intent/intent.ts';
import type { Identity } from '../../src/sync/intent/identity.ts';
import type { SyncAction } from '../../src/sync/intent/sync-action.ts';
import { arriveFor, carriedState, crossingPlan } from '../../src/sync/world/traveller.ts';
import { ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import { CrossingBoard } from '../../src/sync/replica/crossing-board.ts';
import { content, identities, SEED, WORLD, SHARED_VERDICTS } from './fixture.ts';
import { fuzzRuns, fuzzSeed, prng, randomAction, shuffle } from './harness.ts';

type Zone = 'harbor' | 'village';
type Msg = readonly [string, string];

/** One device: a replica of each zone on one board. */
function device(viewer: string | null = null): Record<Zone, ZoneReplica> {
  const crossings = new CrossingBoard();
  const make = (zone: Zone): ZoneReplica =>
    new ZoneReplica({ rules: engineRules, content, world: WORLD, zone, seed: SEED, viewer, checkpointEvery: 8, verifier: SHARED_VERDICTS, crossings });
  return { harbor: make('harbor'), village: make('village') };
}

/** Signs intents for one player with explicit or replica-chosen chain fields. */
function signer(id: Identity) {
  const heads: Record<Zone, { seq: number; prev: string | null; turn: number }> = {
    harbor: { seq: 0, prev: null, turn: 0 },
    village: { seq: 0, prev: null, turn: 0 },
  };
  let clock = 10_000;
  return (zone: Zone, action: SyncAction, opts: { turn?: number } = {}): Msg => {
    const h = heads[zone];
    const turn = opts.turn ?? h.turn + 1;
    clock += 1_000;
    const made = createIntent(id, { world: WORLD, zone, seq: h.seq + 1, prev: h.prev, turn, at: clock, action });
    heads[zone] = { seq: h.seq + 1, prev: made.id, turn };
    return [made.id, made.raw];
  };
}

/** The travel and (unsigned) arrive of `player` walking north out of the harbor, as a client plans them. */
function northFrom(state: GameState, player: string, at: number) {
  const plan = crossingPlan({ rules: engineRules, content, player, dir: 'north', at, zone: 'harbor', state, alreadyThere: false });
  if (plan.kind !== 'cross' || !plan.arrive) throw new Error('expected a crossing');
  return { travel: plan.travel, arrive: plan.arrive };
}

const pack = (s: GameState, player: string): Record<string, number> =>
  Object.fromEntries((s.players[player]?.inventory ?? []).map((st) => [st.item, st.qty]));

describe('verified crossings', () => {
  const [ana, mallory, bo] = identities(3) as [Identity, Identity, Identity];

  it('an arrive naming a travel that exists nowhere never brings anyone in, and its author can do nothing there', () => {
    const m = signer(mallory);
    const a = signer(ana);
    const forged: PlayerState = {
      ...(engineRules.apply(content, engineRules.createWorld(content, SEED), { id: 'x', player: mallory.player, at: 0, action: { kind: 'join', name: 'Ana' } }).state.players[mallory.player]!),
      location: 'green', hp: 1_000_000_000, level: 10_000, inventory: [{ item: 'moonpetal', qty: 5 }],
    };
    const harbor = [a('harbor', { kind: 'join', name: 'Ana' })];
    const village = [
      m('village', { kind: 'arrive', from: 'harbor', fromLocation: 'pier', dir: 'north', travel: 'f'.repeat(64), state: carriedState(forged) }),
      m('village', { kind: 'give', target: 'moonpetal', to: ana.player }),
    ];
    const d = device();
    d.harbor.ingest(harbor);
    d.village.ingest(village);
    expect(d.village.state.players[mallory.player]).toBeUndefined();
    expect(d.village.applied).toBe(0);
    // The same forgery on a replica that believes arrives (no board) lets her in: the board is what stops it.
    const believing = new ZoneReplica({ rules: engineRules, content, world: WORLD, zone: 'village', seed: SEED, verifier: SHARED_VERDICTS });
    believing.ingest(village);
    expect(believing.state.players[mallory.player]?.hp).toBe(1_000_000_000);
  });

  it('an inflated arrive after a real travel brings exactly what walked out, and is placed after the travel', () => {
    const m = signer(mallory);
    const harbor = [m('harbor', { kind: 'join', name: 'Mallory' }), m('harbor', { kind: 'take', target: 'pebble', qty: 1 })];
    const d = device();
    d.harbor.ingest(harbor);
    const plan = northFrom(d.harbor.state, mallory.player, 20_000);
    const travel = m('harbor', plan.travel, { turn: 40 });
    const honest = arriveFor(plan.arrive, travel[0]);
    const inflated = { ...honest, state: { ...honest.state, hp: 999_999, level: 99, inventory: [{ item: 'moonpetal', qty: 5 }, { item: 'pebble', qty: 4 }] } };
    // Signed with the village's own low turn, as clients before this change did.
    const arrive = m('village', inflated, { turn: 1 });
    d.harbor.ingest([travel]);
    d.village.ingest([arrive]);
    const there = d.village.state.players[mallory.player]!;
    expect(there.hp).toBe(honest.state.hp);
    expect(there.level).toBe(honest.state.level);
    expect(pack(d.village.state, mallory.player)).toEqual({ pebble: 1 });
    expect(d.village.fold.entries[0]!.turn).toBe(41);
    // Another device, delivered the other way round, agrees.
    const e = device();
    e.village.ingest([arrive]);
    expect(e.village.applied).toBe(0); // waits for its travel
    e.harbor.ingest(shuffle([...harbor, travel], prng(7)));
    expect(e.village.stateHash).toBe(d.village.stateHash);
  });

  it("an arrive cannot borrow someone else's travel", () => {
    const a = signer(ana);
    const m = signer(mallory);
    const d = device();
    d.harbor.ingest([a('harbor', { kind: 'join', name: 'Ana' })]);
    const plan = northFrom(d.harbor.state, ana.player, 20_000);
    const travel = a('harbor', plan.travel);
    d.harbor.ingest([travel]);
    d.village.ingest([m('village', arriveFor({ ...plan.arrive, state: { ...plan.arrive.state, id: mallory.player } }, travel[0]), { turn: 5 })]);
    expect(d.village.state.players[mallory.player]).toBeUndefined();
  });

  it('a revision in the zone left reaches the zone entered with no settle: the lost moonpetal is not in the pack', () => {
    const a = signer(ana);
    const b = signer(bo);
    const joins = [a('harbor', { kind: 'join', name: 'Ana' }), b('harbor', { kind: 'join', name: 'Bo' })];
    const anaView = device(ana.player);
    anaView.harbor.ingest(joins);
    // Ana takes the last moonpetal and walks north before Bo's take (signed at an earlier turn) reaches her.
    const anaTake = a('harbor', { kind: 'take', target: 'moonpetal', qty: 1 }, { turn: 10 });
    anaView.harbor.ingest([anaTake]);
    const plan = northFrom(anaView.harbor.state, ana.player, 30_000);
    const travel = a('harbor', plan.travel, { turn: 11 });
    anaView.harbor.ingest([travel]);
    const arrive = a('village', arriveFor(plan.arrive, travel[0]), { turn: 12 });
    anaView.village.ingest([arrive]);
    expect(pack(anaView.village.state, ana.player)).toEqual({ moonpetal: 1 });
    const changes: number[] = [];
    anaView.village.onCrossingChange = (c) => changes.push(c.refolded);
    anaView.harbor.ingest([b('harbor', { kind: 'take', target: 'moonpetal', qty: 1 }, { turn: 3 })]);
    expect(pack(anaView.village.state, ana.player)).toEqual({});
    expect(changes.length).toBeGreaterThan(0);
    expect(pack(anaView.harbor.state, bo.player)).toEqual({ moonpetal: 1 });
  });

  it('the zone left unknown: the traveller waits outside, and walks in when it is', () => {
    const a = signer(ana);
    const join = a('harbor', { kind: 'join', name: 'Ana' });
    const d = device();
    d.harbor.ingest([join]);
    const plan = northFrom(d.harbor.state, ana.player, 20_000);
    const travel = a('harbor', plan.travel);
    const village = [a('village', arriveFor(plan.arrive, travel[0]), { turn: 3 }), a('village', { kind: 'say', text: 'hello' })];
    const later = device();
    later.harbor.close(); // this device does not hold the harbor yet
    later.village.ingest(village);
    expect(later.village.state.players[ana.player]).toBeUndefined();
    const board = new CrossingBoard();
    const village2 = new ZoneReplica({ rules: engineRules, content, world: WORLD, zone: 'village', seed: SEED, verifier: SHARED_VERDICTS, crossings: board });
    village2.ingest(village);
    expect(village2.applied).toBe(0);
    const harbor2 = new ZoneReplica({ rules: engineRules, content, world: WORLD, zone: 'harbor', seed: SEED, verifier: SHARED_VERDICTS, crossings: board });
    harbor2.ingest([join, travel]);
    expect(village2.state.players[ana.player]?.location).toBe('green');
    expect(village2.applied).toBe(2);
  });

  it("a travel dropped in the zone left (its author equivocated) takes the arrive back", () => {
    const m = signer(mallory);
    const join = m('harbor', { kind: 'join', name: 'Mallory' });
    const d = device();
    d.harbor.ingest([join]);
    const plan = northFrom(d.harbor.state, mallory.player, 20_000);
    const travel = m('harbor', plan.travel);
    d.harbor.ingest([travel]);
    d.village.ingest([m('village', arriveFor(plan.arrive, travel[0]), { turn: 3 })]);
    expect(d.village.state.players[mallory.player]).toBeDefined();
    // A second signed intent for the travel's seq: her chain in the harbor stops before it.
    const twin = createIntent(mallory, { world: WORLD, zone: 'harbor', seq: 2, prev: join[0], turn: 2, at: 5, action: { kind: 'wait' } });
    d.harbor.ingest([[twin.id, twin.raw]]);
    expect(d.village.state.players[mallory.player]).toBeUndefined();
  });
});

describe('verified crossings under a hostile peer (property)', () => {
  it('every replica of a zone agrees, and no item is made by crossing', () => {
    const runs = fuzzRuns(12);
    const seed = fuzzSeed('verified crossings');
    for (let r = 0; r < runs; r++) {
      const rnd = prng(seed + r);
      const ids = identities(3);
      const hostile = ids[2]!;
      const views = ids.map((id) => device(id.player));
      const signers = ids.map((id) => signer(id));
      const all: Record<Zone, Msg[]> = { harbor: [], village: [] };
      const publish = (c: number, zone: Zone, action: SyncAction, turn?: number): Msg => {
        const msg = signers[c]!(zone, action, turn === undefined ? {} : { turn });
        all[zone].push(msg);
        views[c]![zone].ingest([msg]);
        return msg;
      };
      ids.forEach((_, c) => publish(c, 'harbor', { kind: 'join', name: `P${c}` }));
      for (let s = 0; s < 30; s++) {
        const c = rnd.int(ids.length);
        const me = ids[c]!.player;
        const v = views[c]!;
        const others = ids.filter((_, o) => o !== c).map((x) => x.player);
        if (v.village.state.players[me]) publish(c, 'village', randomAction(rnd, others));
        else if (v.harbor.state.players[me] && rnd.chance(0.3)) {
          const plan = crossingPlan({ rules: engineRules, content, player: me, dir: 'north', at: 50_000 + s, zone: 'harbor', state: v.harbor.state, alreadyThere: false });
          if (plan.kind !== 'cross' || !plan.arrive) continue;
          const travel = publish(c, 'harbor', plan.travel);
          const arrive = arriveFor(plan.arrive, travel[0]);
          if (ids[c] === hostile) {
            // Inflate, or name a travel that is not there, at a low turn.
            const lie = rnd.chance(0.5)
              ? { ...arrive, state: { ...arrive.state, inventory: [{ item: 'moonpetal', qty: 5 }, { item: 'rope', qty: 1 }] } }
              : { ...arrive, travel: 'e'.repeat(64) };
            publish(c, 'village', lie, 1 + rnd.int(3));
          } else publish(c, 'village', arrive);
        } else if (v.harbor.state.players[me]) publish(c, 'harbor', randomAction(rnd, others));
        // Deliver a little of everything to everyone, late and out of order.
        for (const view of views) {
          for (const zone of ['harbor', 'village'] as const) view[zone].ingest(shuffle(all[zone], rnd).slice(0, rnd.int(all[zone].length + 1)));
        }
      }
      const fresh = device();
      fresh.village.ingest(shuffle(all.village, rnd));
      fresh.harbor.ingest(shuffle(all.harbor, rnd));
      for (const view of views) {
        view.harbor.ingest(all.harbor);
        view.village.ingest(all.village);
        expect(view.harbor.stateHash, `seed ${seed + r}`).toBe(fresh.harbor.stateHash);
        expect(view.village.stateHash, `seed ${seed + r}`).toBe(fresh.village.stateHash);
      }
      // Nothing was made by crossing: each counted item's total over both zones is what the isle
      // had, less what the hostile peer carried out of the harbor on travels that brought her
      // nowhere (her forged arrives): that is lost with her, never doubled.
      const lostWithHer: Record<string, number> = {};
      for (const [travel, dep] of fresh.harbor.fold.departuresOf(hostile.player)) {
        if (dep.state === null || fresh.village.fold.arrivalOf(hostile.player, travel)?.entered) continue;
        for (const x of dep.state.inventory) lostWithHer[x.item] = (lostWithHer[x.item] ?? 0) + x.qty;
      }
      for (const [item, had] of [['moonpetal', 1], ['rope', 1], ['pebble', 4]] as const) {
        let n = lostWithHer[item] ?? 0;
        for (const zone of ['harbor', 'village'] as const) {
          const st = fresh[zone].state;
          for (const p of Object.values(st.players)) for (const x of p.inventory) if (x.item === item) n += x.qty;
          for (const [loc, floor] of Object.entries(st.floors)) if (content.locations.get(loc)?.zone === zone) n += floor[item] ?? 0;
        }
        expect(n, `seed ${seed + r}: ${item}`).toBe(had);
      }
    }
  });
});
