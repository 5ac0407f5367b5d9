/**
 * Determinism of the living isle through the shared backend (issue 17): two players of one world
 * on the memory relay, each on their own clock (random jumps of up to two game hours a command,
 * from a random time of day), walk the harbor at random, wait, look, ask the time and the sky.
 * Once both replicas hold the same intents, they must agree on everything the clock decides,
 * which nobody ever writes: the weather and the tide, where every NPC is and what they are seen
 * to do, where the roaming lynx is and whether the night's shade is on the breakwater, hour by hour
 * through the next game day; and the state itself.
 *
 *   npx vitest run tests/sync/living-determinism.test.ts
 *   SYNC_FUZZ_SEED=123 SYNC_FUZZ_RUNS=1 npx vitest run tests/sync/living-determinism.test.ts
 */
import { describe, expect, it } from 'vitest';
import { ambientAt, clockAt, enemyAlive, hashState, npcsAt, roamerLocationAt, type GameState } from '../../src/engine/index.ts';
import { Session } from '../../src/session/index.ts';
import { SharedWorldBackend } from '../../src/session/shared-world-backend.ts';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { MemoryDocStore } from '../../src/sync/world/doc-store.ts';
import { MemoryRelay } from '../../src/sync/world/memory-relay.ts';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { until } from '../session/shared-players.ts';
import { vetrellis } from '../golden/transcript.ts';
import { fuzzRuns, fuzzSeed, fuzzTimeout, prng } from './harness.ts';

const content = vetrellis();
const DAY = content.world.dayLengthMs;
const HOUR = DAY / 24;
const RUNS = fuzzRuns(3);
const COMMANDS = 24;
const HARBOR = [...content.locations.values()].filter((l) => l.zone === 'harbor').map((l) => l.id).sort();
const LINES = ['west', 'east', 'south', 'north', 'in', 'out', 'wait', 'look', 'time', 'weather', 'look at the sky'];

/** Everything the clock decides at `at`, as one replica computes it from its own state. */
function living(state: GameState, at: number) {
  const lynx = content.enemies.get('grey-lynx')!;
  return {
    clock: clockAt(content, state.seed, at),
    npcs: HARBOR.map((loc) => [loc, npcsAt(content, loc, at).map((n) => n.id)]),
    doings: HARBOR.map((loc) => ambientAt(content, state.seed, loc, at - HOUR, at)),
    lynx: roamerLocationAt(content, state.seed, lynx, at),
    shade: enemyAlive(content, state, 'breakwater', 'harrow-shade', at) !== null,
  };
}

describe('the living isle on two replicas through the memory relay', () => {
  it('agrees on weather, tide, NPC places and doings, and creatures, whoever played when', async () => {
    const seed = fuzzSeed('living isle');
    const rnd = prng(seed);
    for (let run = 0; run < RUNS; run++) {
      const memory = new MemoryRelay();
      const worldKey = createWorldKey();
      const start = (Math.floor(Date.now() / DAY) + 1) * DAY + rnd.int(DAY);
      const open = async (name: string, create?: { name: string }) => {
        const world = await SharedWorldBackend.open({ content, worldKey, identity: createIdentity(), store: new MemoryDocStore(), name, relay: memory.connect, ...(create ? { create } : {}) });
        let at = start;
        const session = new Session(world, { name, clock: () => (at += 10_000 + rnd.int(2 * HOUR)) });
        session.start();
        return { world, session };
      };
      const ana = await open('Ana', { name: 'Living' });
      const bo = await open('Bo');
      for (let i = 0; i < COMMANDS; i++) {
        const p = rnd.chance(0.5) ? ana : bo;
        const line = rnd.pick(LINES);
        const r = await p.session.handle(line);
        expect(r.status, `seed ${seed}, run ${run}: ${line}: ${r.text}`).not.toBe('error');
        // Stay in the harbor's zone: a player who wandered out of it (up to the village, onto the
        // cliffs, over the causeway to the Saltings) walks back the way they came, waiting for the
        // tide if it closed the causeway behind them.
        const back: Record<string, string> = { north: 'south', south: 'north', east: 'west', west: 'east', in: 'out', out: 'in' };
        for (let tries = 0; tries < 60; tries++) {
          const me = p.world.state.players[p.world.player];
          if (!me || HARBOR.includes(me.location)) break;
          const r2 = await p.session.handle(back[line] ?? 'south');
          if (r2.status !== 'ok') await p.session.handle('wait');
        }
      }
      await until(() => ana.world.state.tick === bo.world.state.tick && hashState(ana.world.state) === hashState(bo.world.state), 10_000);
      const a = ana.world.state;
      const b = bo.world.state;
      expect(b.seed).toBe(a.seed);
      for (let h = 0; h <= 24; h++) {
        const at = a.time + h * HOUR;
        expect(living(b, at), `seed ${seed}, run ${run}, hour ${h}`).toEqual(living(a, at));
      }
      memory.close();
    }
  }, fuzzTimeout(3, 20_000));
});
