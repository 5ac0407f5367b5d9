// A zone opened while the traveller's chain there waits for a zone not held yet must not make
// the traveller vanish from where they already arrived. Ana walks harbor -> village -> forest ->
// village -> harbor on one device (a board holding all three zones). Then the village is opened
// again while the forest is not held (a prefetch): its chain for Ana waits at the arrive from the
// forest, so the travel that brought her back to the harbor is not known there yet. The harbor
// keeps her, as it would if the village were not held at all, and the village catches up once
// the forest is held again.
import { describe, expect, it } from 'vitest';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { createIntent } from '../../src/sync/intent/intent.ts';
import type { SyncAction } from '../../src/sync/intent/sync-action.ts';
import { CrossingBoard } from '../../src/sync/replica/crossing-board.ts';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import { arriveFor, crossingPlan } from '../../src/sync/world/traveller.ts';
import type { Direction } from '../../src/content/schema.ts';
import { vetrellis } from '../golden/transcript.ts';
import { SEED, SHARED_VERDICTS, WORLD } from './fixture.ts';

const content = vetrellis();
type Zone = 'harbor' | 'village' | 'forest';

describe('a zone opened while its chain waits for another', () => {
  it('does not make a traveller who already arrived elsewhere vanish', () => {
    const ana = createIdentity();
    const board = new CrossingBoard();
    const replica = (zone: Zone): ZoneReplica => new ZoneReplica({ rules: engineRules, content, world: WORLD, zone, seed: SEED, verifier: SHARED_VERDICTS, crossings: board });
    const zones: Record<Zone, ZoneReplica> = { harbor: replica('harbor'), village: replica('village'), forest: replica('forest') };
    const logs: Record<Zone, [string, string][]> = { harbor: [], village: [], forest: [] };
    let at = 1_000_000;
    const sign = (zone: Zone, action: SyncAction, after = 0): { id: string; turn: number } => {
      const f = zones[zone].nextFields(ana.player, (at += 10_000), after);
      const i = createIntent(ana, { world: WORLD, zone, ...f, action });
      logs[zone].push([i.id, i.raw]);
      zones[zone].ingest([[i.id, i.raw]]);
      return { id: i.id, turn: i.turn };
    };
    const cross = (from: Zone, to: Zone, dir: Direction): void => {
      const plan = crossingPlan({ rules: engineRules, content, player: ana.player, dir, at: at + 10_000, zone: from, state: zones[from].state, alreadyThere: false });
      if (plan.kind !== 'cross' || !plan.arrive) throw new Error(`no crossing ${dir} out of the ${from}`);
      const travel = sign(from, plan.travel);
      sign(to, arriveFor(plan.arrive, travel.id), travel.turn);
      expect(zones[to].state.players[ana.player]?.location, `${from} -> ${to}`).toBeDefined();
    };
    sign('harbor', { kind: 'join', name: 'Ana' });
    cross('harbor', 'village', 'north');
    cross('village', 'forest', 'north');
    cross('forest', 'village', 'south');
    cross('village', 'harbor', 'south');
    expect(zones.harbor.state.players[ana.player]?.location).toBe('harbor-quay');

    // The village and the forest are closed; the village alone is opened again.
    zones.village.close();
    zones.forest.close();
    const village = replica('village');
    village.ingest(logs.village);
    expect(village.state.players[ana.player]).toBeUndefined(); // waits for the forest there
    expect(zones.harbor.state.players[ana.player]?.location).toBe('harbor-quay');

    // Once the forest is held again, the village catches up, and the harbor still has her.
    const forest = replica('forest');
    forest.ingest(logs.forest);
    expect(village.state.players[ana.player]).toBeUndefined(); // she has left it again
    expect(village.applied).toBe(logs.village.length);
    expect(zones.harbor.state.players[ana.player]?.location).toBe('harbor-quay');
  });
});
