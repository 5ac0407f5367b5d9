// Zone crossing at the replica level: travel removes the player from the zone left, arrive adds
// the carried state to the zone entered; hostile arrivals change nothing. Plus: a hostile huge
// turn does not drag honest turns out of range.
import { describe, expect, it } from 'vitest';
import type { PlayerState } from '../../src/engine/state.ts';
import { canonicalJson } from '../../src/sync/canonical.ts';
import { engineRules } from '../../src/sync/engine-rules.ts';
import { createIntent } from '../../src/sync/intent.ts';
import type { PlayerStateData } from '../../src/sync/player-state-schema.ts';
import { digestPlayer } from '../../src/sync/zone-crossing.ts';
import { TURN_SOFT_MAX, ZoneReplica } from '../../src/sync/zone-replica.ts';
import { Author, content, entry, identities, SEED, WORLD } from './fixture.ts';

const replica = (zone: string) => new ZoneReplica({ rules: engineRules, content, world: WORLD, zone, seed: SEED });
const data = (p: PlayerState): PlayerStateData => JSON.parse(canonicalJson(p)) as PlayerStateData;

describe('zone crossing', () => {
  it('travel leaves one zone and arrive enters the other with the same pack', () => {
    const [ia, ib] = identities(2);
    const ana = new Author('harbor', ia);
    const harbor = replica('harbor');
    harbor.ingest([entry(ana.write({ kind: 'join', name: 'Ana' }, 1)), entry(ana.write({ kind: 'take', target: 'moonpetal' }, 2))]);
    const preview = engineRules.apply(content, harbor.state, { id: 'p', player: ana.player, at: ana.at + 1000, action: { kind: 'move', dir: 'north' } });
    const moved = preview.state.players[ana.player]!;
    const travel = ana.write({ kind: 'travel', dir: 'north', digest: digestPlayer(moved) }, 3);
    const t = harbor.ingest([entry(travel)]);
    expect(harbor.state.players[ana.player]).toBeUndefined();
    expect(t.news[0]!.events.some((e) => e.type === 'moved')).toBe(true);
    expect(harbor.diagnostics.get('travel/digest-mismatch')).toBe(0);

    const village = replica('village');
    const inVillage = new Author('village', ia);
    const arrive = inVillage.write({ kind: 'arrive', from: 'harbor', fromLocation: 'pier', dir: 'north', travel: travel.id, state: data(moved) }, 1);
    village.ingest([entry(arrive)]);
    const there = village.state.players[ana.player]!;
    expect(there.location).toBe('green');
    expect(there.inventory).toEqual([{ item: 'moonpetal', qty: 1 }]);
    expect(digestPlayer(there)).toBe(travel.action.kind === 'travel' ? travel.action.digest : '');

    // Arriving twice, or a stranger arriving with a forged pack, changes nothing.
    const h = village.stateHash;
    village.ingest([entry(inVillage.write({ kind: 'arrive', from: 'harbor', fromLocation: 'pier', dir: 'north', travel: travel.id, state: data(moved) }, 2))]);
    const bo = new Author('village', ib);
    const forged = (s: Partial<PlayerStateData>) => bo.write({ kind: 'arrive', from: 'harbor', fromLocation: 'pier', dir: 'north', travel: travel.id, state: { ...data(moved), id: bo.player, ...s } }, 3);
    village.ingest([entry(forged({ inventory: [{ item: 'dragon-egg', qty: 1 }] }))]);
    expect(village.stateHash).toBe(h);
    expect(village.diagnostics.get('arrive/already-here')).toBeGreaterThanOrEqual(1);
    expect(village.diagnostics.get('arrive/invalid-state')).toBeGreaterThanOrEqual(1);
  });

  it('an arrival naming a location in another zone, or someone else, is refused', () => {
    const [ia, ib] = identities(2);
    const village = replica('village');
    const a = new Author('village', ia);
    const base = engineRules.apply(content, engineRules.createWorld(content, SEED), { id: 'j', player: ia!.player, at: 0, action: { kind: 'join', name: 'Ana' } }).state.players[ia!.player]!;
    village.ingest([entry(a.write({ kind: 'arrive', from: 'harbor', fromLocation: 'pier', dir: 'north', travel: 'a'.repeat(64), state: data(base) }, 1))]);
    const b = new Author('village', ib);
    village.ingest([entry(b.write({ kind: 'arrive', from: 'harbor', fromLocation: 'pier', dir: 'north', travel: 'a'.repeat(64), state: { ...data(base), location: 'green' } }, 1))]);
    expect(Object.keys(village.state.players)).toEqual([]);
    expect(village.diagnostics.get('arrive/invalid-state')).toBeGreaterThanOrEqual(2); // fold issues count per application, re-folds included
  });
});

describe('turns', () => {
  it('a hostile huge turn sorts last and honest authors keep small turns', () => {
    const [ia, im] = identities(2);
    const r = replica('harbor');
    const mal = createIntent(im!, { world: WORLD, zone: 'harbor', seq: 1, prev: null, turn: Number.MAX_SAFE_INTEGER, at: 0, action: { kind: 'join', name: 'Mal' } });
    r.ingest([entry(mal)]);
    const next = r.nextFields(ia!.player, 1000);
    expect(next.turn).toBeLessThan(TURN_SOFT_MAX);
    const ana = createIntent(ia!, { world: WORLD, zone: 'harbor', ...next, action: { kind: 'join', name: 'Ana' } });
    r.ingest([entry(ana)]);
    expect(r.fold.entries.map((e) => e.player)).toEqual([ia!.player, im!.player]);
  });
});
