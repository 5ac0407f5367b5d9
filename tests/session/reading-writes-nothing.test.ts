// Reading writes nothing: look, examine, inventory and status are answered from the state on
// this device, in a kept world as in memory; they add nothing to the zone's log (which every
// replica stores and every new device replays), and they survive a reopen as if never typed.
import { afterEach, describe, expect, it } from 'vitest';
import { KeptWorld } from './kept-world.ts';

let kept: KeptWorld | undefined;
afterEach(async () => {
  await kept?.dispose();
  kept = undefined;
});

describe('reading writes nothing, through a kept world', () => {
  it('six looks, an examine, inventory and status leave the log as it was', async () => {
    kept = await KeptWorld.create('Ana');
    kept.session.start();
    const replica = () => kept!.backend.shared.zoneReplica(kept!.zone)!;
    const before = replica().applied;
    const hash = replica().stateHash;
    for (let i = 0; i < 6; i++) expect((await kept.session.handle('look')).status).toBe('ok');
    const reads = ['inventory', 'status', 'examine me'];
    for (const r of reads) expect((await kept.session.handle(r)).text.length).toBeGreaterThan(0);
    expect(replica().applied).toBe(before);
    expect(replica().stateHash).toBe(hash);
    // A deed still writes.
    await kept.session.handle('wait');
    expect(replica().applied).toBe(before + 1);
    // What the device kept holds the deed and none of the glances.
    await kept.reopen();
    expect(replica().applied).toBe(before + 1);
  }, 60_000);
});
