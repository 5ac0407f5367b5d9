// Convergence: 3-5 replicas, each a client writing from its own view; random intents (including
// leaving the zone and coming back: travel/arrive), delivery
// order, duplication, delays and partitions (one replica offline for long, then merging). Every
// replica, and a fresh one fed the whole log, ends with the same state hash. Run count from
// SYNC_FUZZ_RUNS (default small; 10,000+ nightly, same code).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { createIntent } from '../../src/sync/intent/intent.ts';
import { ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import { content, identities, SEED, WORLD, SHARED_VERDICTS } from './fixture.ts';
import type { PlayerState } from '../../src/engine/state.ts';
import { sha256Hex } from '../../src/sync/intent/bytes.ts';
import { canonicalJson } from '../../src/content/canonical.ts';
import type { SyncAction } from '../../src/sync/intent/sync-action.ts';
import { crossingPlan } from '../../src/sync/world/traveller.ts';
import { fuzzRuns, fuzzSeed, fuzzTimeout, prng, randomAction, shuffle } from './harness.ts';

type Msg = readonly [string, string];

function newReplica(viewer: string | null): ZoneReplica {
  return new ZoneReplica({ rules: engineRules, content, world: WORLD, zone: 'harbor', seed: SEED, viewer, checkpointEvery: 8, verifier: SHARED_VERDICTS });
}

export function runSchedule(seed: number): { hashes: string[]; fresh: string; applied: number } {
  const rnd = prng(seed);
  const n = 3 + rnd.int(3);
  const ids = identities(n);
  const replicas = ids.map((id) => newReplica(id.player));
  const clocks = ids.map(() => 1_000 + rnd.int(5_000));
  const inbox: Msg[][] = ids.map(() => []);
  const seen: Msg[][] = ids.map(() => []);
  const all: Msg[] = [];
  const offline = new Set<number>();
  const away: (PlayerState | undefined)[] = ids.map(() => undefined);
  const longOffline = rnd.chance(0.5) ? rnd.int(n) : -1;
  if (longOffline >= 0) offline.add(longOffline);
  const steps = 20 + rnd.int(30);
  for (let s = 0; s < steps; s++) {
    const op = rnd.int(10);
    const c = rnd.int(n);
    if (op < 4) {
      const r = replicas[c]!;
      const me = ids[c]!;
      const here = r.state.players[me.player];
      const joined = here !== undefined || r.fold.entries.some((e) => e.player === me.player);
      const others = ids.filter((x) => x !== me).map((x) => x.player);
      let action: SyncAction = joined ? randomAction(rnd, others) : { kind: 'join', name: `P${c}` };
      if (here && rnd.chance(0.1)) {
        // Leave for the village as SharedWorld decides it (a refused move stays a plain move).
        const plan = crossingPlan({ rules: engineRules, content, player: me.player, dir: 'north', at: clocks[c]!, zone: 'harbor', state: r.state, alreadyThere: false });
        if (plan.kind === 'cross') away[c] = plan.arrive!.state;
        action = plan.kind === 'refused' ? plan.move : plan.travel;
      } else if (!here && away[c] && rnd.chance(0.5)) {
        // Come back from the village with what was carried out.
        action = { kind: 'arrive', from: 'village', fromLocation: 'green', dir: 'south', travel: sha256Hex(`travel ${c}/${s}`), state: JSON.parse(canonicalJson({ ...away[c]!, location: 'pier' })) as PlayerState };
      }
      clocks[c]! += rnd.int(3) === 0 ? -rnd.int(2_000) : rnd.int(4_000); // clocks drift and even go back
      const f = r.nextFields(me.player, clocks[c]!);
      const made = createIntent(me, { world: WORLD, zone: 'harbor', ...f, action });
      const msg: Msg = [made.id, made.raw];
      all.push(msg);
      r.ingest([msg]);
      seen[c]!.push(msg);
      for (let o = 0; o < n; o++) if (o !== c) inbox[o]!.push(msg);
    } else if (op < 8) {
      if (offline.has(c) || inbox[c]!.length === 0) continue;
      const take = 1 + rnd.int(Math.min(4, inbox[c]!.length));
      for (let k = 0; k < take; k++) {
        const i = rnd.int(inbox[c]!.length);
        const [msg] = inbox[c]!.splice(i, 1);
        replicas[c]!.ingest([msg!]);
        seen[c]!.push(msg!);
      }
    } else if (op === 8) {
      if (seen[c]!.length > 0) replicas[c]!.ingest([rnd.pick(seen[c]!)]); // duplicate delivery
    } else if (c !== longOffline) {
      if (offline.has(c)) offline.delete(c);
      else offline.add(c);
    }
  }
  // Everyone comes back online and everything in flight arrives, in random order and batches.
  offline.clear();
  for (let c = 0; c < n; c++) {
    const rest = shuffle(inbox[c]!, rnd);
    while (rest.length > 0) replicas[c]!.ingest(rest.splice(0, 1 + rnd.int(5)));
  }
  const fresh = newReplica(null);
  fresh.ingest(shuffle(all, rnd));
  return { hashes: replicas.map((r) => r.stateHash), fresh: fresh.stateHash, applied: fresh.applied };
}

describe('convergence', () => {
  it('replicas holding the same intents have the same state hash, whatever the schedule', () => {
    const seed = fuzzSeed('convergence');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x7fffffff }), (schedule) => {
        const r = runSchedule(schedule);
        for (const h of r.hashes) expect(h).toBe(r.fresh);
      }),
      { seed, numRuns: fuzzRuns(25) },
    );
  }, fuzzTimeout(25));

  // Seeds that once failed (or exercise rare paths) stay as named regressions.
  it.each([1, 2, 3, 42, 20261122])('schedule %i converges', (schedule) => {
    const r = runSchedule(schedule);
    expect(new Set([...r.hashes, r.fresh]).size).toBe(1);
    expect(r.applied).toBeGreaterThan(0);
  });
});
