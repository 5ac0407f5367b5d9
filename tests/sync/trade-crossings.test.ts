// Offers and acceptances across zone round trips, in memory: players on the pier take the rope
// and the pebbles, offer them to each other, accept and decline, and walk north to the green
// (another zone's log) and back south between offer and answer, all on their own views, with
// deliveries late, reordered, duplicated and partitioned per zone. Once everything is delivered
// and each traveller's client has settled its hand-overs (traveller.ts), every replica of a zone
// agrees, each thing is in exactly one place across the two zones (nothing crossed or traded
// twice), and an acceptance folded after its offerer or acceptor had left the pier (even one who
// came back) settled nothing. Run count from SYNC_FUZZ_RUNS, seed printed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Action } from '../../src/engine/action.ts';
import type { GameEvent, GameState } from '../../src/engine/index.ts';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { createIntent } from '../../src/sync/intent/intent.ts';
import type { SyncAction } from '../../src/sync/intent/sync-action.ts';
import { arriveFor, crossingPlan, settleFor, settlesDue } from '../../src/sync/world/traveller.ts';
import { ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import { content, identities, SEED, WORLD, SHARED_VERDICTS } from './fixture.ts';
import { fuzzRuns, fuzzSeed, fuzzTimeout, prng, shuffle } from './harness.ts';

type Zone = 'harbor' | 'village';
type Msg = readonly [string, string];
const ZONES: readonly Zone[] = ['harbor', 'village'];
const COUNTED = { moonpetal: 1, rope: 1, pebble: 4 } as const;
const WAY = { harbor: { dir: 'north', to: 'village' }, village: { dir: 'south', to: 'harbor' } } as const;

const replica = (zone: Zone, viewer: string | null): ZoneReplica =>
  new ZoneReplica({ rules: engineRules, content, world: WORLD, zone, seed: SEED, viewer, checkpointEvery: 8, verifier: SHARED_VERDICTS });

function held(state: GameState, zone: Zone, item: string): number {
  let n = 0;
  for (const p of Object.values(state.players)) for (const s of p.inventory) if (s.item === item) n += s.qty;
  for (const [loc, floor] of Object.entries(state.floors)) if (content.locations.get(loc)?.zone === zone) n += floor[item] ?? 0;
  return n;
}

/** A trade-minded deed among the players this view shows in the same zone. */
function tradeAction(rnd: ReturnType<typeof prng>, here: readonly string[]): Action {
  const item = rnd.pick(['moonpetal', 'rope', 'pebble']);
  const to = here.length > 0 ? rnd.pick(here) : undefined;
  switch (rnd.int(9)) {
    case 0: case 1: return to ? { kind: 'offer', to, gives: { items: [{ item, qty: 1 }] }, wants: rnd.chance(0.5) ? { items: [{ item: rnd.pick(['moonpetal', 'rope', 'pebble']), qty: 1 }] } : {} } : { kind: 'wait' };
    case 2: case 3: return rnd.chance(0.5) || !to ? { kind: 'accept' } : { kind: 'accept', from: to };
    case 4: return { kind: 'decline' };
    case 5: return { kind: 'take', target: item };
    case 6: return { kind: 'drop', target: item };
    case 7: return to ? { kind: 'give', target: item, to } : { kind: 'wait' };
    default: return { kind: 'wait' };
  }
}

interface Run {
  readonly hashes: Record<Zone, string[]>;
  readonly fresh: Record<Zone, ZoneReplica>;
  readonly settles: number;
}

function runRoundTrips(seed: number): Run {
  const rnd = prng(seed);
  const n = 2 + rnd.int(2);
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
      if (rnd.chance(0.1)) views[c]![zone].ingest([msg!]);
    }
  };
  /** Walk the other way with what this view says we carry: travel in the zone left, arrive in the other. */
  const cross = (c: number, from: Zone): void => {
    const me = ids[c]!.player;
    const v = views[c]!;
    const to = WAY[from].to;
    const at = v[from].nextFields(me, clocks[c]!).at;
    const plan = crossingPlan({ rules: engineRules, content, player: me, dir: WAY[from].dir, at, zone: from, state: v[from].state, alreadyThere: v[to].state.players[me] !== undefined });
    if (plan.kind !== 'cross') return;
    const travel = publish(c, from, plan.travel);
    if (plan.arrive) publish(c, to, arriveFor(plan.arrive, travel));
  };

  // Everyone joins on the pier and sees everyone; the first two pick up what there is to trade.
  for (let c = 0; c < n; c++) publish(c, 'harbor', { kind: 'join', name: `P${c}` });
  for (let c = 0; c < n; c++) deliver(c, 'harbor', Number.POSITIVE_INFINITY);
  publish(0, 'harbor', { kind: 'take', target: 'rope' });
  publish(1, 'harbor', { kind: 'take', target: 'pebble', qty: 4 });

  const steps = 40 + rnd.int(40);
  for (let s = 0; s < steps; s++) {
    const op = rnd.int(10);
    const c = rnd.int(n);
    const me = ids[c]!.player;
    const v = views[c]!;
    const zone: Zone | null = v.village.state.players[me] ? 'village' : v.harbor.state.players[me] ? 'harbor' : null;
    if (op < 6 && zone !== null) {
      if (rnd.chance(0.2)) cross(c, zone);
      else publish(c, zone, tradeAction(rnd, Object.keys(v[zone].state.players).filter((p) => p !== me)));
    } else if (op < 9) {
      if (!offline.has(c)) deliver(c, rnd.pick(ZONES), 1 + rnd.int(4));
    } else if (offline.has(c)) offline.delete(c);
    else offline.add(c);
  }

  const drain = (): void => {
    for (let c = 0; c < n; c++) for (const zone of ZONES) deliver(c, zone, Number.POSITIVE_INFINITY);
  };
  drain();
  // Round trips chain hand-overs (a settle on the green re-reads the pier, whose own settles
  // follow), so settling takes a round per link of the chain: until nothing is due.
  let settled = false;
  for (let round = 0; round < 40 && !settled; round++) {
    let wrote = false;
    for (let c = 0; c < n; c++) {
      const folds = new Map(ZONES.map((zone) => [zone, views[c]![zone].fold] as const));
      for (const due of settlesDue(ids[c]!.player, folds)) {
        publish(c, due.to as Zone, settleFor(due));
        settles += 1;
        wrote = true;
      }
    }
    drain();
    settled = !wrote;
  }
  expect(settled, `settles still due after 40 rounds, schedule ${seed}`).toBe(true);

  const fresh = { harbor: replica('harbor', null), village: replica('village', null) };
  for (const zone of ZONES) fresh[zone].ingest(shuffle(all[zone], rnd));
  return { hashes: { harbor: views.map((x) => x.harbor.stateHash), village: views.map((x) => x.village.stateHash) }, fresh, settles };
}

/** Each fold position's intent and events, in fold order. */
function folded(r: ZoneReplica): { player: string; action: SyncAction; events: readonly GameEvent[] }[] {
  return r.fold.entries.map((e, i) => ({ player: e.player, action: e.intent.action, events: r.fold.eventsAt(i) }));
}

describe('offers across zone round trips, in memory', () => {
  it('whatever the delivery, replicas agree, nothing is traded or carried twice, and no offer outlives a departure', () => {
    const seed = fuzzSeed('trade across zone round trips');
    let traded = 0;
    let lapsedByLeaving = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x7fffffff }), (schedule) => {
        const r = runRoundTrips(schedule);
        const where = `schedule ${schedule}`;
        for (const zone of ZONES) for (const h of r.hashes[zone]) expect(h, `${zone}, ${where}`).toBe(r.fresh[zone].stateHash);
        for (const [item, count] of Object.entries(COUNTED)) {
          expect(held(r.fresh.harbor.state, 'harbor', item) + held(r.fresh.village.state, 'village', item), `${item}, ${where}`).toBe(count);
        }
        // Walk each zone's fold: a standing offer is forgotten when either side leaves the zone
        // (or the room), and a trade is only ever settled on an offer nobody walked away from.
        for (const zone of ZONES) {
          const standing = new Map<string, { to: string; broken: boolean }>();
          for (const f of folded(r.fresh[zone])) {
            for (const e of f.events) {
              if (e.type === 'offered') standing.set(e.player, { to: e.to, broken: false });
              if (e.type === 'traded') {
                traded += 1;
                expect(standing.get(e.with)?.broken, `a trade on an offer whose side had left, ${where}`).toBe(false);
                standing.delete(e.with);
              }
              if (e.type === 'declined') standing.delete(e.from);
            }
            if (f.action.kind === 'travel' || f.action.kind === 'move') {
              for (const [from, o] of standing) if (from === f.player || o.to === f.player) o.broken = true;
            }
            if (f.action.kind === 'accept' && f.events.some((e) => e.type === 'refused')) {
              const offerer = f.action.from ?? [...standing].find(([, o]) => o.to === f.player)?.[0];
              if (offerer !== undefined && standing.get(offerer)?.broken) lapsedByLeaving += 1;
            }
          }
          expect(r.fresh[zone].state.offers === undefined || Object.values(r.fresh[zone].state.offers).every((o) => r.fresh[zone].state.players[o.to] !== undefined), where).toBe(true);
        }
      }),
      { seed, numRuns: fuzzRuns(60) },
    );
    // The schedules did trade, and did meet acceptances that came after someone had walked off.
    // (Trades are rare in one schedule: in 25 of them, none traded now and then; in 60, hardly ever.)
    expect(traded).toBeGreaterThan(0);
    expect(lapsedByLeaving).toBeGreaterThan(0);
  }, fuzzTimeout(60, 2_000));
});
