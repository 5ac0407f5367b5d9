/**
 * The journal as a player reads it (issue 17): JOURNAL / QUESTS / J in the terminal's session,
 * `observation.quests` in --json, answered from the state on this device and writing nothing;
 * finishing a stage or a quest is told and rewarded; a kept world reopened keeps the progress, and
 * the quests cross into another zone with the player.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LocalWorld, memoryLogStore } from '../../src/session/local-world.ts';
import { Session } from '../../src/session/index.ts';
import { vetrellis } from '../golden/transcript.ts';
import { KeptWorld } from './kept-world.ts';

function local(): Session {
  let t = 0;
  const session = new Session(LocalWorld.open(vetrellis(), memoryLogStore(3)), { name: 'Ana', clock: () => (t += 1) * 10_000 });
  session.start();
  return session;
}

let kept: KeptWorld | undefined;
afterEach(async () => {
  await kept?.dispose();
  kept = undefined;
});

describe('the journal', () => {
  it('JOURNAL, QUESTS and J show the quest and what to do, and write no intent', async () => {
    const session = local();
    const before = (await session.handle('look')).observation.stateHash;
    for (const word of ['journal', 'quests', 'j']) {
      const r = await session.handle(word);
      expect(r.intents).toEqual([]);
      expect(r.observation.stateHash).toBe(before);
      expect(r.text).toBe([
        'Journal',
        'Nobody Met the Boat',
        "Nobody came to meet the boat. The harbormaster's door stands ajar on the quay; perhaps he is inside.",
        "  [ ] Look in at the harbormaster's office",
      ].join('\n'));
    }
  });

  it('--json: observation.quests holds id, name, status, stage and objectives', async () => {
    const session = local();
    const r = await session.handle('look');
    expect(r.observation.quests).toEqual([{
      id: 'nobody-met-the-boat', name: 'Nobody Met the Boat', status: 'active', stage: 'the-empty-office', world: false,
      text: "Nobody came to meet the boat. The harbormaster's door stands ajar on the quay; perhaps he is inside.",
      objectives: [{ text: "Look in at the harbormaster's office", done: false }],
    }]);
  });

  it('a stage and a quest finished are told, rewarded, and the next quest begins', async () => {
    const session = local();
    const office = await session.handle('go in');
    expect(office.text).toContain('An open ledger, a cold lamp, a coat left on its peg.');
    expect(office.text).toContain('Nobody Met the Boat: The harbormaster is gone');
    await session.handle('out');
    await session.handle('north');
    await session.handle('in');
    const told = await session.handle('ask hesk about the harbormaster');
    expect(told.text).toContain('Pell met every boat for thirty years');
    expect(told.text).toContain('Quest complete: Nobody Met the Boat. You gain 10 EXP and 5 coins. Mother Hesk thinks better of you.');
    expect(told.text).toContain('New quest: Where Pell Went.');
    expect(told.observation.player?.exp).toBe(10);
    expect(told.observation.quests.map((q) => [q.id, q.status])).toEqual([['nobody-met-the-boat', 'done'], ['where-pell-went', 'active']]);
    expect((await session.handle('j')).text).toContain('  [ ] Go down to the tide pools\n  [ ] Ask the TideKeeper about Pell the harbormaster\nDone: Nobody Met the Boat.');
  });

  it('a delivery counts in the journal: (3 of 4)', async () => {
    const session = local();
    for (const c of ['west', 'north', 'north', 'up', 'talk to archon', 'down', 'east', 'ask tidekeeper about archon', 'west', 'up', 'ask archon about the lamp']) await session.handle(c);
    const lit = await session.handle('j');
    expect(lit.observation.quests.find((q) => q.id === 'the-dark-lamp')?.status).toBe('done');
    for (const c of ['down', 'east', 'gather 3 mussels', 'west', 'south', 'south', 'east', 'north', 'in', 'ask hesk about the boats']) await session.handle(c);
    const gave = await session.handle('give 3 mussels to hesk');
    expect(gave.text).toContain('You hand the three mussels to Mother Hesk, who takes them gladly.');
    expect(gave.text).toContain('(Supper for the Boats: Bring Mother Hesk four mussels, 3 of 4.)');
    expect((await session.handle('journal')).text).toContain('  [ ] Bring Mother Hesk four mussels (3 of 4)');
    expect((await session.handle('ask hesk about gossip')).text).not.toContain('Since the light went out');
  }, 30_000);
});

describe('the journal in a kept world', () => {
  it('progress survives reopening, and crosses into the village zone with the player', async () => {
    kept = await KeptWorld.create('Ana');
    kept.session.start();
    await kept.session.handle('go in');
    await kept.reopen();
    expect((await kept.session.handle('journal')).observation.quests[0]).toMatchObject({ id: 'nobody-met-the-boat', stage: 'ask-in-the-village' });
    await kept.session.handle('out');
    expect((await kept.session.handle('north')).observation.location?.zone).toBe('village');
    await kept.session.handle('in');
    const told = await kept.session.handle('ask hesk about pell');
    expect(told.text).toContain('Quest complete: Nobody Met the Boat.');
    await kept.reopen();
    const after = await kept.session.handle('j');
    expect(after.observation.quests.map((q) => [q.id, q.status])).toEqual([['nobody-met-the-boat', 'done'], ['where-pell-went', 'active']]);
    expect(after.observation.player?.exp).toBe(10);
    expect(kept.violations).toEqual([]);
  }, 60_000);
});
