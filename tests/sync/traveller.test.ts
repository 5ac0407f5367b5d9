// The traveller's own decisions (src/sync/world/traveller.ts), without documents or relays: what a
// move out of the zone signs, and which hand-overs need a settle once the zone left re-folds.
import { describe, expect, it } from 'vitest';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { digestPlayer } from '../../src/sync/replica/crossing.ts';
import { ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import { arriveFor, crossingPlan, settleFor, settlesDue } from '../../src/sync/world/traveller.ts';
import { Author, content, entry, identities, SEED, WORLD } from './fixture.ts';

const replica = (zone: string) => new ZoneReplica({ rules: engineRules, content, world: WORLD, zone, seed: SEED });

describe('crossingPlan', () => {
  it('a move through the exit north signs a travel here and an arrive there carrying the moved player', () => {
    const [ia] = identities(1);
    const ana = new Author('harbor', ia);
    const harbor = replica('harbor');
    harbor.ingest([entry(ana.write({ kind: 'join', name: 'Ana' }, 1)), entry(ana.write({ kind: 'take', target: 'rope' }, 2))]);
    const plan = crossingPlan({ rules: engineRules, content, player: ana.player, dir: 'north', at: ana.at + 1000, zone: 'harbor', state: harbor.state, alreadyThere: false });
    expect(plan.kind).toBe('cross');
    if (plan.kind !== 'cross') return;
    expect(plan.arrive).toMatchObject({ kind: 'arrive', from: 'harbor', fromLocation: 'pier', dir: 'north' });
    expect(plan.arrive!.state.location).toBe('green');
    expect(plan.arrive!.state.inventory).toEqual([{ item: 'rope', qty: 1 }]);
    expect(plan.travel).toEqual({ kind: 'travel', dir: 'north', digest: digestPlayer(plan.arrive!.state) });
    expect(arriveFor(plan.arrive!, 'f'.repeat(64)).travel).toBe('f'.repeat(64));
    // Already standing in the zone entered (a crossing completed elsewhere): no second arrive.
    const again = crossingPlan({ rules: engineRules, content, player: ana.player, dir: 'north', at: ana.at + 1000, zone: 'harbor', state: harbor.state, alreadyThere: true });
    expect(again.kind === 'cross' && again.arrive).toBe(null);
  });

  it('a move that does not take the player out is a plain move, so every replica folds the same refusal', () => {
    const [ia] = identities(1);
    const harbor = replica('harbor');
    const nobody = crossingPlan({ rules: engineRules, content, player: ia!.player, dir: 'north', at: 5000, zone: 'harbor', state: harbor.state, alreadyThere: false });
    expect(nobody).toEqual({ kind: 'refused', move: { kind: 'move', dir: 'north' } });
  });
});

describe('settlesDue', () => {
  it('finds the arrive that carried a state the zone left no longer folds to, and its settle clears it', () => {
    const [ia, ib] = identities(2);
    const ana = new Author('harbor', ia);
    const bo = new Author('harbor', ib);
    const harbor = replica('harbor');
    const village = replica('village');
    harbor.ingest([entry(ana.write({ kind: 'join', name: 'Ana' }, 1)), entry(ana.write({ kind: 'take', target: 'moonpetal' }, 5))]);
    const plan = crossingPlan({ rules: engineRules, content, player: ana.player, dir: 'north', at: ana.at + 1000, zone: 'harbor', state: harbor.state, alreadyThere: false });
    if (plan.kind !== 'cross') throw new Error('expected a crossing');
    expect(plan.arrive!.state.inventory).toEqual([{ item: 'moonpetal', qty: 1 }]);
    const travel = ana.write(plan.travel, 6);
    harbor.ingest([entry(travel)]);
    const inVillage = new Author('village', ia);
    village.ingest([entry(inVillage.write(arriveFor(plan.arrive!, travel.id), 1))]);
    const folds = new Map([['harbor', harbor.fold], ['village', village.fold]] as const);
    expect(settlesDue(ana.player, folds)).toEqual([]);

    // Bo took the moonpetal first, in a turn before Ana's take: the travel now carries none out.
    harbor.ingest([entry(bo.write({ kind: 'join', name: 'Bo' }, 1)), entry(bo.write({ kind: 'take', target: 'moonpetal' }, 2))]);
    const due = settlesDue(ana.player, folds);
    expect(due.map((d) => [d.from, d.to])).toEqual([['harbor', 'village']]);
    const settle = settleFor(due[0]!);
    expect(settle.state?.inventory ?? []).toEqual([]);
    village.ingest([entry(inVillage.write(settle, 2))]);
    expect(settlesDue(ana.player, folds)).toEqual([]);
    expect(village.state.players[ana.player]!.inventory).toEqual([]);
  });
});
