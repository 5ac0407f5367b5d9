// A long walk out and back, in a world kept on disk (issue 17's new isle made it reachable): the
// harbor, the north coast and back, then the village, the forest and Blackfell Moor, and back to
// the harbor. The harbor and the north coast are closed while the player is three zones away;
// coming home, the harbor's log holds her return from the north coast, which waits for that zone
// to open again. Before the fix her client signed its next harbor intent beside that waiting
// arrive (the same seq: "chain/equivocation"), and she stood nowhere. Now the way home waits a
// moment ("still loading", as for any zone opening) and she arrives, her chain whole. Played
// alone, and with a second player through the memory relay and the project's relay.
import { describe, expect, it } from 'vitest';
import { KeptWorld } from './kept-world.ts';
import { RELAYS, relayForBlock } from '../sync/relay-pair.ts';

/** Game time 0 is dawn: the walk is made by day (no lynx at the pines), whatever the machine's clock says. */
const START = 60_000;
const ROUTE = 'west north south east north north west north south east south south'.split(' ');

async function walk(kept: KeptWorld): Promise<void> {
  for (const dir of ROUTE) {
    let r = await kept.session.handle(dir);
    // A zone opening (from disk or the relay) answers "still loading": typed again a moment later.
    for (let i = 0; r.text.includes('still loading'); i++) {
      expect(i, `${dir}: still loading`).toBeLessThan(100);
      await new Promise((done) => setTimeout(done, 20));
      r = await kept.session.handle(dir);
    }
    expect(r.status, `${dir}: ${r.text}`).toBe('ok');
  }
  expect(kept.me?.location).toBe('harbor-quay');
  const harbor = kept.backend.shared.zoneReplica('harbor')!;
  expect(harbor.diagnostics.snapshot()['chain/equivocation'] ?? 0).toBe(0);
  expect(harbor.canWrite(kept.backend.player)).toBe(true);
  expect((await kept.session.handle('look')).text).toContain('Harbor of Vetrellis');
}

describe('a long walk out and back in a kept world', () => {
  it('alone: she comes home to the harbor, her chain whole, and is there after a reload', async () => {
    const kept = await KeptWorld.create('Ana', { clock: { at: START }, stepMs: 1000 });
    try {
      kept.session.start();
      await walk(kept);
      await kept.reopen();
      expect(kept.me?.location).toBe('harbor-quay');
    } finally {
      await kept.dispose();
    }
  }, 60_000);
});

describe.each(RELAYS)('a long walk out and back, through %s', (_name, start) => {
  const relays = relayForBlock(start);

  it('she comes home to the harbor, and the friend who waited there sees her arrive', async () => {
    const { relay, close } = relays();
    const clock = { at: START };
    const ana = await KeptWorld.create('Ana', { relay, clock, stepMs: 1000 });
    ana.session.start();
    const bo = await KeptWorld.create('Bo', { relay, clock, stepMs: 1000, worldKey: ana.worldKey });
    bo.session.start();
    try {
      await walk(ana);
      for (let i = 0; !(await bo.session.handle('look')).text.includes('Ana is here'); i++) {
        expect(i, 'Bo waiting to see Ana at the quay').toBeLessThan(200);
        await new Promise((done) => setTimeout(done, 20));
      }
      expect(bo.backend.shared.zoneReplica('harbor')!.stateHash).toBe(ana.backend.shared.zoneReplica('harbor')!.stateHash);
    } finally {
      await ana.dispose();
      await bo.dispose();
      await close();
    }
  }, 90_000);
});
