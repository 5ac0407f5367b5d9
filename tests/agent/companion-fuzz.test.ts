/**
 * A companion through the memory relay under seeded delivery schedules (issue 18: "through the
 * memory relay in the fuzz"): every message between Ana's device, Pip's and the relay is held and
 * delivered in an order a seed picks, in bursts of random size, while Ana walks the isle at random
 * (crossing zone borders), tells Pip to wait and then to follow, and waits. Whatever the schedule,
 * once everything is delivered Pip stands with Ana, each sees the other where they are, and both
 * devices hold the same state of the zone they stand in.
 *
 *   SYNC_FUZZ_RUNS=20 npx vitest run tests/agent/companion-fuzz.test.ts      # more schedules
 *   SYNC_FUZZ_SEED=123 npx vitest run tests/agent/companion-fuzz.test.ts     # rerun a printed seed
 */
import { describe, expect, it } from 'vitest';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { vetrellis } from '../golden/transcript.ts';
import { fuzzRuns, fuzzSeed, prng } from '../sync/harness.ts';
import { agentsOnMemoryRelay, morningClock, until } from './relay-agents.ts';

const RUNS = fuzzRuns(3);
const STEPS = 14;

describe('a companion under seeded delivery schedules (memory relay)', () => {
  const agents = agentsOnMemoryRelay();
  const first = fuzzSeed('companion fuzz');

  for (let run = 0; run < RUNS; run++) {
    const seed = first + run;
    it(`seed ${seed}: Pip ends beside Ana, and both hold the same state`, async () => {
      const rnd = prng(seed);
      // Daytime on the isle (no night creatures), time running as the machine's.
      const clock = morningClock();
      const key = createWorldKey();
      const ana = await agents.open(key, 'Ana', true, undefined, { clock });
      const pipWorld = await agents.open(key, 'Pip', false, 'Ana', { clock });
      const { refused } = agents.companion(pipWorld, { minGapMs: 0 });
      const pipAt = () => pipWorld.observe().location?.id;
      await until(() => pipWorld.observe().party?.following?.id === ana.world.player, 'Pip falling in behind Ana');

      // From here the seed decides when each message arrives.
      const relay = agents.relay();
      relay.manual = true;
      let pumping = true;
      const pump = (async () => {
        while (pumping) {
          for (let n = rnd.int(12); n > 0; n--) if (!relay.deliverOne((k) => rnd.int(k))) break;
          await new Promise((r) => setTimeout(r, rnd.int(8)));
        }
      })();
      const said: string[] = [];
      try {
        for (let step = 0; step < STEPS; step++) {
          const here = ana.observe().location!;
          const open = here.exits.filter((x) => !x.locked);
          const roll = rnd.next();
          let line: string;
          if (roll < 0.15 && pipAt() === here.id) {
            line = 'Pip, wait here';
          } else if (roll < 0.3 && pipAt() === here.id) {
            line = 'Pip, follow me';
          } else if (roll < 0.4 || open.length === 0) {
            line = 'wait';
          } else {
            // Back towards Pip when it was told to wait elsewhere, else anywhere.
            line = rnd.pick(open).dir;
          }
          said.push(line);
          const r = await ana.step(line);
          expect(['ok', 'refused'], `seed ${seed}, Ana> ${line}: ${r.text}`).toContain(r.status);
          await new Promise((r2) => setTimeout(r2, rnd.int(120)));
        }
      } finally {
        pumping = false;
        await pump;
        relay.manual = false;
        relay.flush();
      }

      // Everything delivered: Ana goes back to Pip if it waits elsewhere, and calls it.
      const where = () => `seed ${seed}; Ana said: ${said.join(' / ')}; Ana at ${ana.observe().location?.id}, Pip at ${pipAt()}; Pip's refusals: ${refused.join(', ') || 'none'}`;
      if (pipAt() !== ana.observe().location?.id) {
        await until(() => pipAt() === ana.observe().location?.id || pipWorld.observe().party?.following?.id !== ana.world.player, `Pip catching up (${where()})`, 20_000);
      }
      if (pipAt() !== ana.observe().location?.id) {
        const waiting = pipAt()!;
        for (let i = 0; i < 12 && ana.observe().location?.id !== waiting; i++) {
          const way = await ana.step(`go to ${vetrellis().locations.get(waiting)!.name}`);
          expect(['ok', 'refused'], `${where()}; go to: ${way.text}`).toContain(way.status);
        }
      }
      await ana.step('Pip, follow me');
      await until(() => pipAt() === ana.observe().location?.id, `Pip beside Ana (${where()})`, 20_000);
      // Each sees the other where they stand, and their copies of that zone agree.
      await until(() => ana.world.state.players[pipWorld.world.player]?.location === pipAt() && pipWorld.world.state.players[ana.world.player]?.location === ana.observe().location?.id, `each seeing the other (${where()})`, 20_000);
      await until(() => engineRules.hashState(ana.world.state) === engineRules.hashState(pipWorld.world.state), `the same state on both devices (${where()})`, 20_000);
      expect(pipWorld.observe().player?.hp ?? 0, where()).toBeGreaterThan(0);
    }, 120_000);
  }
});
