// A seal in one zone can wait for a seal in another (an arrive it holds names a travel that is
// final only once the zone left seals it: docs/finality.md "Seals"). When the zone left's seal
// arrives and is made final there, moving nothing there, the waiting zone must still be told:
// otherwise the device that received the two seals in the other order never makes the first
// final, and places what comes later differently from everyone else (found by the sealed world
// fuzz, schedule 2034193949: a player's rest time differed in the harbor on one client).
import { describe, expect, it } from 'vitest';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { createIntent, type VerifiedIntent } from '../../src/sync/intent/intent.ts';
import type { SyncAction } from '../../src/sync/intent/sync-action.ts';
import { CrossingBoard } from '../../src/sync/replica/crossing-board.ts';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import { arriveFor, crossingPlan } from '../../src/sync/world/traveller.ts';
import { vetrellis } from '../golden/transcript.ts';
import { SEED, SHARED_VERDICTS, WORLD } from './fixture.ts';

const content = vetrellis();
const OWNER = createIdentity();
type Zone = 'harbor' | 'village';
type Device = Record<Zone, ZoneReplica>;
type Entry = [string, string];

function device(): Device {
  const board = new CrossingBoard();
  const replica = (zone: Zone): ZoneReplica => new ZoneReplica({ rules: engineRules, content, world: WORLD, zone, seed: SEED, verifier: SHARED_VERDICTS, crossings: board, owner: OWNER.player });
  return { harbor: replica('harbor'), village: replica('village') };
}

const entry = (i: VerifiedIntent): Entry => [i.id, i.raw];

describe('a seal waiting for a seal in another zone', () => {
  it('is made final on every device, whichever of the two seals arrives first', () => {
    const ana = createIdentity();
    const owner = device();
    const logs: Record<Zone, Entry[]> = { harbor: [], village: [] };
    let at = 1_000_000;
    const sign = (zone: Zone, action: SyncAction, after = 0): VerifiedIntent => {
      const f = owner[zone].nextFields(ana.player, (at += 10_000), after);
      const i = createIntent(ana, { world: WORLD, zone, ...f, action });
      logs[zone].push(entry(i));
      owner[zone].ingest([entry(i)]);
      return i;
    };
    sign('harbor', { kind: 'join', name: 'Ana' });
    const plan = crossingPlan({ rules: engineRules, content, player: ana.player, dir: 'north', at: at + 10_000, zone: 'harbor', state: owner.harbor.state, alreadyThere: false });
    if (plan.kind !== 'cross' || !plan.arrive) throw new Error('no crossing north out of the harbor');
    const travel = sign('harbor', plan.travel);
    sign('village', arriveFor(plan.arrive, travel.id), travel.turn);
    for (let k = 0; k < 3; k++) sign('village', { kind: 'wait' });

    // The owner's device seals the harbor (the travel), then the village (the arrive naming it).
    const seal = (zone: Zone): Entry => {
      const s = owner[zone].sealToWrite(Number.MAX_SAFE_INTEGER, 1);
      if (s === null) throw new Error(`nothing to seal in the ${zone}`);
      const i = createIntent(OWNER, { world: WORLD, zone, seq: s.n, prev: s.prev, turn: s.point, at: 0, action: { kind: 'seal', heads: s.heads, state: s.state } });
      owner[zone].ingest([entry(i)]);
      return entry(i);
    };
    const harborSeal = seal('harbor');
    const villageSeal = seal('village');
    expect(owner.village.finalSeal?.n).toBe(1);
    const point = owner.village.finalSeal!.point;

    // Mallory, a fresh key, signs a backdated join in the village: it cannot sort before the seal.
    const mallory = createIdentity();
    const late = createIntent(mallory, { world: WORLD, zone: 'village', seq: 1, prev: null, turn: 1, at: 1_000_001, action: { kind: 'join', name: 'Mallory' } });
    owner.village.ingest([entry(late)]);

    // Another device gets the logs, Mallory's join and the village's seal first, the harbor's last.
    const other = device();
    other.harbor.ingest(logs.harbor);
    other.village.ingest(logs.village);
    other.village.ingest([entry(late)]);
    other.village.ingest([villageSeal]);
    expect(other.village.finalSeal).toBeNull(); // its arrive's travel is not sealed here yet
    other.harbor.ingest([harborSeal]);

    for (const d of [owner, other]) {
      expect(d.village.finalSeal?.point).toBe(point);
      expect(d.village.fold.entries.find((e) => e.id === late.id)?.turn).toBeGreaterThan(point);
    }
    expect(other.village.stateHash).toBe(owner.village.stateHash);
    expect(other.harbor.stateHash).toBe(owner.harbor.stateHash);
  });
});
