/**
 * Quests in a shared world through the memory relay (issue 17): two players each keep their own
 * progress (Ana's stage moves, Bo's does not), and the world quest on the breakwater is one
 * tally both deliveries fill: each replica counts both, and each contributor is rewarded once.
 */
import { describe, expect, it } from 'vitest';
import { MemoryRelay } from '../../src/sync/world/memory-relay.ts';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { heard, joinShared as join, until } from './shared-players.ts';

describe('quests through the memory relay', () => {
  it('each player has their own progress; both advance the world quest', async () => {
    const memory = new MemoryRelay();
    const worldKey = createWorldKey();
    const ana = await join(memory.connect, worldKey, 'Ana', { name: 'Quests' });
    const bo = await join(memory.connect, worldKey, 'Bo');
    const stage = (who: typeof ana) => who.world.state.players[who.world.player]?.quests?.find((q) => q.id === 'nobody-met-the-boat');

    expect((await ana.session.handle('in')).text).toContain('An open ledger');
    await until(() => bo.world.state.players[ana.world.player]?.location === 'harbormaster-office');
    expect(stage(ana)?.stage).toBe(1);
    expect(stage(bo)?.stage).toBe(0);
    expect((await bo.session.handle('journal')).observation.quests[0]).toMatchObject({ stage: 'the-empty-office' });
    await ana.session.handle('out');

    // Each gathers driftwood and makes two kelp cords, then both bring them to Old Teodor.
    for (const who of [ana, bo]) {
      for (const c of ['west', 'gather 5 driftwood', 'east', 'south', 'gather 4 kelp', 'craft kelp cord', 'craft kelp cord']) {
        const r = await who.session.handle(c);
        expect(r.status, `${c}: ${r.text}`).toBe('ok');
      }
    }
    const first = await ana.session.handle('give 5 driftwood to teodor');
    expect(first.text).toContain('(Mend the Breakwater: Bring Old Teodor driftwood, 5 of 10, by everyone together.)');
    await until(() => bo.world.state.quests?.['mend-the-breakwater']?.have[0] === 5);
    const second = await bo.session.handle('give 5 driftwood to teodor');
    expect(second.observation.quests.find((q) => q.id === 'mend-the-breakwater')?.objectives[0]).toEqual({ text: 'Bring Old Teodor driftwood', done: true, progress: [10, 10] });
    await ana.session.handle('give 2 kelp cords to teodor');
    await until(() => bo.world.state.quests?.['mend-the-breakwater']?.have[1] === 2);
    const last = await bo.session.handle('give 2 kelp cords to teodor');
    expect(last.text).toContain('Quest complete: Mend the Breakwater. You gain 25 EXP.');
    await heard(ana.session, 'Bo hands two kelp cords to Old Teodor.');
    await until(() => ana.world.state.quests?.['mend-the-breakwater']?.done === true);
    // Ana is rewarded at her next deed here, once.
    const waited = await ana.session.handle('wait');
    expect(waited.text).toContain('Quest complete: Mend the Breakwater.');
    expect((await ana.session.handle('wait')).text).not.toContain('Quest complete');
    await until(() => bo.world.state.quests?.['mend-the-breakwater']?.rewarded.length === 2);
    expect(ana.world.state.quests).toEqual(bo.world.state.quests);
    expect((await ana.session.handle('ask teodor about the breakwater')).text).toContain('Stand on it.');
    memory.close();
  }, 60_000);
});
