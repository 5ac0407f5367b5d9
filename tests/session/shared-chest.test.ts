// A container's contents are world state, replicated like everything else (issue 17): Ana puts
// things in the salter's crate in the Saltings and takes some out; Bo, playing the same world from
// his own kept world on another disk, walks there and finds exactly what she left, takes it, and
// Ana's replica agrees. Through the memory relay and the project's relay (a process), every line
// typed into a session, the game clock pinned (a shared clock from a fixed start).
import { describe, expect, it } from 'vitest';
import { hashState } from '../../src/engine/index.ts';
import { KeptWorld } from './kept-world.ts';
import { RELAYS, relayForBlock, until } from '../sync/relay-pair.ts';

/** Game time 0 is dawn: the walk below is made by day, whatever the machine's clock says. */
const START = 60_000;

describe.each(RELAYS)('a chest two players share, through %s', (_name, start) => {
  const relays = relayForBlock(start);

  it('what Ana puts in the crate Bo finds there, and takes out', async () => {
    const { relay, close } = relays();
    const clock = { at: START };
    const ana = await KeptWorld.create('Ana', { relay, clock, stepMs: 1000 });
    ana.session.start();
    const bo = await KeptWorld.create('Bo', { relay, clock, stepMs: 1000, worldKey: ana.worldKey });
    bo.session.start();
    try {
      const does = async (k: KeptWorld, line: string) => {
        const r = await k.session.handle(line);
        expect(r.status, `${k.name}> ${line}: ${r.text}`).toBe('ok');
        return r;
      };
      const mine = (k: KeptWorld, item: string) => (k.backend.state.players[k.backend.player]?.inventory ?? []).filter((s) => s.item === item).reduce((n, s) => n + s.qty, 0);

      for (const line of ['west', 'gather driftwood', 'south', 'west', 'south']) await does(ana, line);
      const seen = await does(ana, 'look in the crate');
      expect(seen.text).toContain('In the salter\'s crate you see a kelp cord and three salt crystals.');
      const took = await does(ana, 'take all from the crate');
      expect(took.text).toContain('You take the kelp cord from the salter\'s crate.');
      expect(mine(ana, 'sea-salt')).toBe(3);
      const put = await does(ana, 'put the driftwood sticks and the salt crystals in the crate');
      expect(put.text).toContain('You put the two driftwood sticks in the salter\'s crate.');
      const obs = (await does(ana, 'look')).observation.here.containers;
      expect(obs).toEqual([{ id: 'salters-crate', name: "salter's crate", open: true, locked: false, items: [
        { id: 'driftwood', name: 'driftwood stick', qty: 2 }, { id: 'sea-salt', name: 'salt crystal', qty: 3 },
      ] }]);

      // Bo comes down from the harbor and finds what Ana left, not what the crate began with.
      for (const line of ['west', 'south', 'west', 'south']) await does(bo, line);
      // Bo's replica of the Saltings catches up with Ana's deeds there (the relay's delivery).
      await until(() => bo.backend.state.tick >= ana.backend.state.tick);
      const found = await does(bo, 'look in the crate');
      expect(found.text).toContain("In the salter's crate you see two driftwood sticks and three salt crystals.");
      await does(bo, 'take all except the salt from the crate');
      expect(mine(bo, 'driftwood')).toBe(2);
      await until(() => ana.backend.state.tick === bo.backend.state.tick);
      expect(hashState(ana.backend.state)).toBe(hashState(bo.backend.state));
      expect((await does(ana, 'look in the crate')).text).toContain("In the salter's crate you see three salt crystals.");
      for (const k of [ana, bo]) {
        expect(k.violations).toEqual([]);
        expect(k.errors).toEqual([]);
      }
      // Ana's world, reopened from her disk, still remembers the crate as it was left.
      await ana.reopen();
      expect((await does(ana, 'look in the crate')).text).toContain("In the salter's crate you see three salt crystals.");
    } finally {
      await ana.dispose();
      await bo.dispose();
      close();
    }
  }, 120_000);
});
