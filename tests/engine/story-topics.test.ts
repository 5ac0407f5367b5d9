// Every islander round the story has something to say on its main threads (issue 17, the last
// play-test: Ysolde had nothing on the harbormaster): the boat, the harbormaster, the lamp, the
// wraith, the mine and the Stone. And what they say follows the story: after the lamp is lit,
// after Pell is found, after the wraith is laid to rest, nobody still speaks as if it were not.
// On the real content, through the engine's TALK.
import { describe, expect, it } from 'vitest';
import { loadContentDir } from '../../src/content/node-load.ts';
import { npcLocationAt, type GameEvent } from '../../src/engine/index.ts';
import { Game } from './fixture.ts';

const content = loadContentDir('content/vetrellis');

/** The islanders the main story passes through, and the threads each should know (not themselves). */
const STORY_NPCS = ['archon', 'tidekeeper', 'stone-who-counts', 'bram', 'ysolde', 'hesk', 'teodor', 'pell'];
const THREADS = ['boat', 'harbormaster', 'lamp', 'wraith', 'mine', 'stone'];
const themselves: Record<string, string> = { pell: 'harbormaster', 'stone-who-counts': 'stone' };

function beside(npc: string): Game {
  const g = new Game(content, 7);
  g.do('ana', { kind: 'join', name: 'Ana' });
  const at = npcLocationAt(content, content.npcs.get(npc)!, g.at + 1000);
  g.state = { ...g.state, players: { ...g.state.players, ana: { ...g.player('ana'), location: at } } };
  return g;
}

/** What the NPC answers about `topic`: the topic's id and words, or the refusal. */
function ask(g: Game, npc: string, topic: string): { id: string | null; text: string } {
  const events: GameEvent[] = g.do('ana', { kind: 'talk', target: npc, topic });
  const talked = events.find((e) => e.type === 'talked');
  if (talked?.type === 'talked') return { id: talked.topic, text: talked.text };
  return { id: null, text: g.refusal ?? '' };
}

describe('the story\'s threads, islander by islander', () => {
  it.each(STORY_NPCS)('%s answers about the boat, the harbormaster, the lamp, the wraith, the mine and the Stone', (npc) => {
    for (const thread of THREADS.filter((t) => themselves[npc] !== t)) {
      const g = beside(npc);
      const said = ask(g, npc, thread);
      expect(said.id, `${npc} on ${thread}: ${said.text}`).not.toBeNull();
    }
  });

  it('Ysolde on the harbormaster: what he asked her before he went, and what he wants once found', () => {
    const g = beside('ysolde');
    const before = ask(g, 'ysolde', 'harbormaster');
    expect(before.text).toMatch(/Pell was in nine days ago/);
    g.state = { ...g.state, flags: [...g.state.flags, 'pell-freed'].sort() };
    const after = ask(g, 'ysolde', 'pell');
    expect(after.id).toBe('ysolde-pell-found');
    expect(after.text).toMatch(/splint/);
  });

  it.each(STORY_NPCS.filter((n) => n !== 'pell'))('%s speaks of the lamp otherwise once it is lit', (npc) => {
    const g = beside(npc);
    const dark = ask(g, npc, 'lamp');
    g.state = { ...g.state, flags: [...g.state.flags, 'lamp-lit', 'tide-forgiven'].sort() };
    const lit = ask(g, npc, 'lamp');
    expect(lit.id).not.toBeNull();
    expect(lit.id, `${npc} says the same of the lamp, lit or dark`).not.toBe(dark.id);
  });

  it.each(STORY_NPCS.filter((n) => n !== 'pell'))('%s speaks of the wraith otherwise once it is laid to rest', (npc) => {
    const g = beside(npc);
    const walking = ask(g, npc, 'wraith');
    const p = g.player('ana');
    g.state = { ...g.state, players: { ...g.state.players, ana: { ...p, quests: [...(p.quests ?? []).filter((q) => q.id !== 'the-drowned-sailor'), { id: 'the-drowned-sailor', stage: 1, have: [], done: true }] } } };
    const laid = ask(g, npc, 'wraith');
    expect(laid.id).not.toBeNull();
    expect(laid.id, `${npc} says the same of the wraith, walking or laid to rest`).not.toBe(walking.id);
  });
});
