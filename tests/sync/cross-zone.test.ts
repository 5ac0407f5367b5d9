// Conservation across a zone border: players take the isle's last moonpetal, its rope and its
// pebbles at the harbor, some walk north carrying what their own view says they hold, and go on
// dropping, taking and giving in the village; deliveries are late, reordered, duplicated and
// partitioned per zone. Once everything is delivered and each traveller's client has settled its
// hand-overs with SharedWorld's own decisions (traveller.ts: crossingPlan, settlesDue),
// every replica of a zone agrees, and each item's total across the two zones is what the isle
// started with: nothing crossed twice. Run count from SYNC_FUZZ_RUNS, seed printed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Action } from '../../src/engine/action.ts';
import type { GameState } from '../../src/engine/state.ts';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { createIntent } from '../../src/sync/intent/intent.ts';
import type { SyncAction } from '../../src/sync/intent/sync-action.ts';
import { arriveFor, crossingPlan, settleFor, settlesDue } from '../../src/sync/world/traveller.ts';
import { ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import { content, identities, SEED, WORLD, SHARED_VERDICTS } from './fixture.ts';
import { fuzzRuns, fuzzSeed, fuzzTimeout, prng, randomAction, shuffle } from './harness.ts';

type Zone = 'harbor' | 'village';
type Msg = readonly [string, string];
const ZONES: readonly Zone[] = ['harbor', 'village'];
const COUNTED = { moonpetal: 1, rope: 1, pebble: 4 } as const;

const replica = (zone: Zone, viewer: string | null): ZoneReplica =>
  new ZoneReplica({ rules: engineRules, content, world: WORLD, zone, seed: SEED, viewer, checkpointEvery: 8, verifier: SHARED_VERDICTS });

/** How many of `item` a zone holds: its players' packs and the floors of its own locations. */
function held(state: GameState, zone: Zone, item: string): number {
  let n = 0;
  for (const p of Object.values(state.players)) for (const s of p.inventory) if (s.item === item) n += s.qty;
  for (const [loc, floor] of Object.entries(state.floors)) if (content.locations.get(loc)?.zone === zone) n += floor[item] ?? 0;
  return n;
}

function villageAction(rnd: ReturnType<typeof prng>, others: readonly string[]): Action {
  const item = rnd.pick(['moonpetal', 'rope', 'pebble']);
  const roll = rnd.int(4);
  if (roll === 0) return { kind: 'drop', target: item };
  if (roll === 1) return { kind: 'take', target: item };
  if (roll === 2 && others.length > 0) return { kind: 'give', target: item, to: rnd.pick(others) };
  return { kind: 'wait' };
}

function runBorder(seed: number): { hashes: Record<Zone, string[]>; fresh: Record<Zone, GameState>; freshHash: Record<Zone, string>; settles: number } {
  const rnd = prng(seed);
  const n = 2 + rnd.int(3);
  const ids = identities(n);
  const views = ids.map((id) => ({ harbor: replica('harbor', id.player), village: replica('village', id.player) }));
  const inbox = { harbor: ids.map((): Msg[] => []), village: ids.map((): Msg[] => []) };
  const all: Record<Zone, Msg[]> = { harbor: [], village: [] };
  const clocks = ids.map(() => 1_000 + rnd.int(5_000));
  const offline = new Set<number>();
  let settles = 0;

  const publish = (c: number, zone: Zone, action: SyncAction): string => {
    clocks[c]! += 1 + rnd.int(3_000);
    const r = views[c]![zone];
    const made = createIntent(ids[c]!, { world: WORLD, zone, ...r.nextFields(ids[c]!.player, clocks[c]!), action });
    const msg: Msg = [made.id, made.raw];
    all[zone].push(msg);
    r.ingest([msg]);
    for (let o = 0; o < n; o++) if (o !== c) inbox[zone][o]!.push(msg);
    return made.id;
  };
  const deliver = (c: number, zone: Zone, count: number): void => {
    const box = inbox[zone][c]!;
    for (let k = 0; k < count && box.length > 0; k++) {
      const [msg] = box.splice(rnd.int(box.length), 1);
      views[c]![zone].ingest([msg!]);
      if (rnd.chance(0.1)) views[c]![zone].ingest([msg!]); // duplicate delivery
    }
  };

  const steps = 25 + rnd.int(40);
  for (let s = 0; s < steps; s++) {
    const op = rnd.int(10);
    const c = rnd.int(n);
    const me = ids[c]!.player;
    const v = views[c]!;
    const others = ids.filter((_, o) => o !== c).map((x) => x.player);
    if (op < 5) {
      const atHarbor = v.harbor.state.players[me];
      if (v.village.state.players[me]) publish(c, 'village', villageAction(rnd, others));
      else if (!atHarbor) {
        if (!v.harbor.fold.entries.some((e) => e.player === me)) publish(c, 'harbor', { kind: 'join', name: `P${c}` });
      } else if (rnd.chance(0.25)) {
        // Walk north with what this view says we carry: travel here, arrive there.
        const at = v.harbor.nextFields(me, clocks[c]!).at;
        const plan = crossingPlan({ rules: engineRules, content, player: me, dir: 'north', at, zone: 'harbor', state: v.harbor.state, alreadyThere: v.village.state.players[me] !== undefined });
        if (plan.kind === 'cross') {
          const travel = publish(c, 'harbor', plan.travel);
          if (plan.arrive) publish(c, 'village', arriveFor(plan.arrive, travel));
        }
      } else publish(c, 'harbor', randomAction(rnd, others));
    } else if (op < 9) {
      if (!offline.has(c)) deliver(c, rnd.pick(ZONES), 1 + rnd.int(4));
    } else if (offline.has(c)) offline.delete(c);
    else offline.add(c);
  }

  // Everyone comes back; everything in flight arrives; travellers settle until nothing changes.
  const drain = (): void => {
    for (let c = 0; c < n; c++) for (const zone of ZONES) deliver(c, zone, Number.POSITIVE_INFINITY);
  };
  drain();
  for (let round = 0; round < 5; round++) {
    let wrote = false;
    for (let c = 0; c < n; c++) {
      const me = ids[c]!.player;
      const folds = new Map(ZONES.map((zone) => [zone, views[c]![zone].fold] as const));
      for (const due of settlesDue(me, folds)) {
        publish(c, due.to as Zone, settleFor(due));
        settles += 1;
        wrote = true;
      }
    }
    drain();
    if (!wrote) break;
  }

  const fresh = { harbor: replica('harbor', null), village: replica('village', null) };
  for (const zone of ZONES) fresh[zone].ingest(shuffle(all[zone], rnd));
  return {
    hashes: { harbor: views.map((x) => x.harbor.stateHash), village: views.map((x) => x.village.stateHash) },
    fresh: { harbor: fresh.harbor.state, village: fresh.village.state },
    freshHash: { harbor: fresh.harbor.stateHash, village: fresh.village.stateHash },
    settles,
  };
}

describe('conservation across a zone border', () => {
  it('after travellers settle, every item is in exactly one zone and every replica of a zone agrees', () => {
    const seed = fuzzSeed('cross-zone conservation');
    let settled = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x7fffffff }), (schedule) => {
        const r = runBorder(schedule);
        settled += r.settles;
        for (const zone of ZONES) for (const h of r.hashes[zone]) expect(h).toBe(r.freshHash[zone]);
        for (const [item, count] of Object.entries(COUNTED)) {
          expect(held(r.fresh.harbor, 'harbor', item) + held(r.fresh.village, 'village', item), `${item} (schedule ${schedule})`).toBe(count);
        }
      }),
      { seed, numRuns: fuzzRuns(60) },
    );
    // The property is only worth its name if some schedules needed a settle.
    expect(settled).toBeGreaterThan(0);
  }, fuzzTimeout(60, 1_000));
});
