// Zone crossing at the replica level: travel removes the player from the zone left, arrive adds
// the carried state to the zone entered; hostile arrivals change nothing; a settle corrects an
// arrival a late intent in the zone left made wrong, in any delivery order. Plus: a hostile huge
// turn does not drag honest turns out of range.
import { describe, expect, it } from 'vitest';
import type { PlayerState } from '../../src/engine/state.ts';
import { canonicalJson } from '../../src/content/canonical.ts';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { createIntent, type VerifiedIntent } from '../../src/sync/intent/intent.ts';
import { lotteryOf } from '../../src/sync/replica/order.ts';
import { digestPlayer } from '../../src/sync/replica/crossing.ts';
import { TURN_SOFT_MAX, ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import { Author, content, entry, identities, SEED, WORLD } from './fixture.ts';

const replica = (zone: string) => new ZoneReplica({ rules: engineRules, content, world: WORLD, zone, seed: SEED });
const data = (p: PlayerState): PlayerState => JSON.parse(canonicalJson(p)) as PlayerState;

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

    // Arriving twice (by the same travel or another), or a stranger arriving with a forged pack,
    // changes nothing.
    const h = village.stateHash;
    village.ingest([entry(inVillage.write({ kind: 'arrive', from: 'harbor', fromLocation: 'pier', dir: 'north', travel: travel.id, state: data(moved) }, 2))]);
    village.ingest([entry(inVillage.write({ kind: 'arrive', from: 'harbor', fromLocation: 'pier', dir: 'north', travel: 'c'.repeat(64), state: data(moved) }, 3))]);
    const bo = new Author('village', ib);
    const forged = (s: Partial<PlayerState>) => bo.write({ kind: 'arrive', from: 'harbor', fromLocation: 'pier', dir: 'north', travel: 'b'.repeat(64), state: { ...data(moved), id: bo.player, ...s } }, 3);
    village.ingest([entry(forged({ inventory: [{ item: 'dragon-egg', qty: 1 }] }))]);
    expect(village.stateHash).toBe(h);
    expect(village.diagnostics.get('arrive/travel-reused')).toBeGreaterThanOrEqual(1);
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

describe('settling a hand-over that a late intent changed', () => {
  const moonpetals = (r: ZoneReplica): number =>
    Object.values(r.state.players).reduce((n, p) => n + p.inventory.filter((s) => s.item === 'moonpetal').reduce((m, s) => m + s.qty, 0), 0) +
    // Each zone's state holds every floor of the isle; only its own zone's floors are its to count.
    Object.entries(r.state.floors).reduce((n, [loc, floor]) => n + (content.locations.get(loc)?.zone === r.zone ? floor['moonpetal'] ?? 0 : 0), 0);

  /**
   * Ana takes the last moonpetal and walks north with it; Carl, offline, took it in the same turn
   * and wins that turn's lottery; his intents reach the harbor after Ana's arrive. In the village,
   * Ana dropped the moonpetal and Bo picked it up.
   */
  function scene() {
    const [ia, ib] = identities(2);
    let ic = createIdentity();
    const ana = new Author('harbor', ia);
    const harbor = replica('harbor');
    harbor.ingest([entry(ana.write({ kind: 'join', name: 'Ana' }, 1))]);
    const takeTurn = 2;
    while (lotteryOf(SEED, takeTurn, ic.player) >= lotteryOf(SEED, takeTurn, ana.player)) ic = createIdentity();
    harbor.ingest([entry(ana.write({ kind: 'take', target: 'moonpetal' }, takeTurn))]);
    const preview = engineRules.apply(content, harbor.state, { id: 'p', player: ana.player, at: ana.at + 1000, action: { kind: 'move', dir: 'north' } });
    const carriedOut = preview.state.players[ana.player]!;
    expect(carriedOut.inventory.some((s) => s.item === 'moonpetal')).toBe(true);
    const travel = ana.write({ kind: 'travel', dir: 'north', digest: digestPlayer(carriedOut) }, 3);
    harbor.ingest([entry(travel)]);

    const anaV = new Author('village', ia);
    const boV = new Author('village', ib);
    const boBase = { ...engineRules.apply(content, engineRules.createWorld(content, SEED), { id: 'j', player: ib!.player, at: 0, action: { kind: 'join', name: 'Bo' } }).state.players[ib!.player]!, location: 'green' };
    const village: VerifiedIntent[] = [
      boV.write({ kind: 'arrive', from: 'harbor', fromLocation: 'pier', dir: 'north', travel: 'b'.repeat(64), state: data(boBase) }, 1),
      anaV.write({ kind: 'arrive', from: 'harbor', fromLocation: 'pier', dir: 'north', travel: travel.id, state: data(carriedOut) }, 2),
      anaV.write({ kind: 'drop', target: 'moonpetal' }, 3),
      boV.write({ kind: 'take', target: 'moonpetal' }, 4),
    ];
    const carl = new Author('harbor', ic);
    const late = [carl.write({ kind: 'join', name: 'Carl' }, 1), carl.write({ kind: 'take', target: 'moonpetal' }, takeTurn)];
    return { ana, anaV, boV, harbor, travel, village, late, carl: ic };
  }

  it('the zone left folds the travel without the item, and the settle takes it back out of the zone entered', () => {
    const s = scene();
    const village = replica('village');
    village.ingest(s.village.map(entry));
    expect(moonpetals(s.harbor) + moonpetals(village)).toBe(1);

    s.harbor.ingest(s.late.map(entry)); // Carl's take sorts first: Ana's is too late
    const departed = s.harbor.fold.departuresOf(s.ana.player).get(s.travel.id)!;
    expect(departed.zone).toBe('village');
    expect(departed.state!.inventory.some((i) => i.item === 'moonpetal')).toBe(false);
    expect(s.harbor.diagnostics.get('travel/digest-mismatch')).toBeGreaterThanOrEqual(1);
    expect(moonpetals(s.harbor) + moonpetals(village)).toBe(2); // the duplicate a settle must remove

    const arrival = village.fold.arrivalOf(s.ana.player, s.travel.id)!;
    const settle = s.anaV.write({ kind: 'settle', arrive: arrival.id, state: data(departed.state!) }, 5);
    const change = village.ingest([entry(settle)]);
    expect(change.refolded).toBeGreaterThan(0);
    expect(moonpetals(s.harbor) + moonpetals(village)).toBe(1);
    expect(s.harbor.state.players[s.carl.player]!.inventory.some((i) => i.item === 'moonpetal')).toBe(true);
    // Ana's drop and Bo's take no longer happen.
    const bo = village.state.players[s.boV.player]!;
    expect(bo.inventory.some((i) => i.item === 'moonpetal')).toBe(false);
    expect(samePlayer(village.fold.arrivalOf(s.ana.player, s.travel.id)!.carried, departed.state)).toBe(true);

    // Every delivery order of the village log gives the same state.
    for (let k = 0; k < 20; k++) {
      const other = replica('village');
      const all = [...s.village, settle];
      for (let i = all.length - 1; i > 0; i--) {
        const j = (k * 7 + i * 13) % (i + 1);
        [all[i], all[j]] = [all[j]!, all[i]!];
      }
      for (const x of all) other.ingest([entry(x)]);
      expect(other.stateHash).toBe(village.stateHash);
    }
  });

  it('the latest settle of an arrive wins whatever the delivery order; null means the traveller never arrived', () => {
    const s = scene();
    const arriveId = s.village[1]!.id;
    const withPetal = s.village[1]!.action.kind === 'arrive' ? s.village[1]!.action.state : null;
    const first = s.anaV.write({ kind: 'settle', arrive: arriveId, state: null }, 5);
    const second = s.anaV.write({ kind: 'settle', arrive: arriveId, state: withPetal }, 6);
    const a = replica('village');
    a.ingest([...s.village, first].map(entry));
    expect(a.state.players[s.ana.player]).toBeUndefined();
    a.ingest([entry(second)]);
    const b = replica('village');
    b.ingest([second, first, ...s.village].reverse().map(entry));
    expect(a.stateHash).toBe(b.stateHash);
    expect(a.state.players[s.ana.player]).toBeDefined();
  });

  it("a settle naming someone else's arrive, or none, changes nothing", () => {
    const s = scene();
    const village = replica('village');
    village.ingest(s.village.map(entry));
    const h = village.stateHash;
    const arriveId = s.village[1]!.id;
    village.ingest([entry(s.boV.write({ kind: 'settle', arrive: arriveId, state: null }, 5)), entry(s.boV.write({ kind: 'settle', arrive: 'd'.repeat(64), state: null }, 6))]);
    expect(village.stateHash).toBe(h);
    expect(village.state.players[s.ana.player]).toBeDefined();
    expect(village.diagnostics.get('settle/unknown-arrive')).toBeGreaterThanOrEqual(2);
  });
});

function samePlayer(a: PlayerState | null, b: PlayerState | null): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
