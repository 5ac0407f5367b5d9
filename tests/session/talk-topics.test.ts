/**
 * Issue 16: NPC topics match plurals and stems ("ask ysolde about moonpetals" when the keyword is
 * "moonpetal"), and an unknown topic gets a few things the NPC can talk about.
 */
import { describe, expect, it } from 'vitest';
import type { Content } from '../../src/content/schema.ts';
import { topicStem } from '../../src/engine/rules/talk.ts';
import { LocalWorld, memoryLogStore } from '../../src/session/local-world.ts';
import { Session } from '../../src/session/index.ts';
import { vetrellis } from '../golden/transcript.ts';

function at(location: string): Session {
  const base = vetrellis();
  const content: Content = { ...base, world: { ...base.world, start: location } };
  let t = 0;
  const session = new Session(LocalWorld.open(content, memoryLogStore(5)), { name: 'Ana', clock: () => (t += 1) * 10_000 });
  session.start();
  return session;
}

describe('NPC topics', () => {
  it('stems drop plural and possessive endings only', () => {
    expect(['moonpetals', 'potions', "lamp's", 'berries', 'torches', 'glass', 'moss', 'tide'].map(topicStem))
      .toEqual(['moonpetal', 'potion', 'lamp', 'berry', 'torch', 'glass', 'moss', 'tide']);
  });

  it('ask ysolde about moonpetals answers (the keyword is moonpetal)', async () => {
    const r = await at('alchemist-house').handle('ask ysolde about moonpetals');
    expect(r.status).toBe('ok');
    expect(r.text).toMatch(/^Ysolde says, "Kelp and salt for healing/);
  });

  it('a new player asking Hesk about the boat nobody met hears about Pell (it was "nothing to say about that")', async () => {
    const r = await at('anchor-inn').handle('ask hesk about the boat');
    expect(r.text).toMatch(/^Mother Hesk says, "Nobody met the boat\? No, love/);
  });

  it('a plural or a word of a longer phrase finds the topic', async () => {
    const s = at('alchemist-house');
    expect((await s.handle('ask ysolde about poisons')).text).toMatch(/Gloomweb venom/);
    expect((await s.handle('ask ysolde about her healing draughts')).text).toMatch(/Kelp and salt for healing/);
  });

  it('a greeting whispered or told to an islander is talk, not a topic (it answered "nothing to say about that")', async () => {
    const s = at('alchemist-house');
    for (const line of ['whisper to ysolde hello', 'tell ysolde hi', 'whisper hello there to ysolde', 'ysolde, hello']) {
      const r = await s.handle(line);
      expect(r.intents, line).toEqual([{ kind: 'talk', target: 'ysolde' }]);
      // The first time she greets a stranger; after that, someone she has met (NPC memory).
      expect(r.text, line).toMatch(line === 'whisper to ysolde hello' ? /^Ysolde says, "Touch nothing with a red label/ : /^Ysolde says, "You again\. Still touching nothing with a red label/);
    }
  });

  it('an unknown topic names a few things the NPC can talk about', async () => {
    const r = await at('alchemist-house').handle('ask ysolde about the weather');
    expect(r.status).toBe('refused');
    expect(r.text).toMatch(/nothing to say about that\. Ask about help, potion, poison or harbormaster, or just talk to her\./);
  });
});
