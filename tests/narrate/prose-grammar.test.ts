/**
 * Prose as a player reads it over the real isle: names agree with their verbs, NPCs are spoken of
 * by their own pronouns, gestures read in the second person to the one who made them, and a
 * shout is a shout. The English comes from one helper (src/content/english.ts), checked here
 * over every item, enemy, NPC and piece of scenery in the content.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agree, counted, isProper, pluralOf, pronounOf, subject, withArticle } from '../../src/content/english.ts';
import { apply, createWorld, type GameEvent } from '../../src/engine/index.ts';
import { narrateEvents, plainText } from '../../src/narrate/index.ts';
import { LocalWorld, memoryLogStore } from '../../src/session/local-world.ts';
import { Session } from '../../src/session/index.ts';
import { ROOT, vetrellis } from '../golden/transcript.ts';

function newSession(): Session {
  let t = 0;
  const session = new Session(LocalWorld.open(vetrellis(), memoryLogStore(3)), { name: 'Critic', clock: () => (t += 1) * 10_000 });
  session.start();
  return session;
}

async function say(session: Session, ...commands: string[]): Promise<string> {
  let text = '';
  for (const c of commands) text = (await session.handle(c)).text;
  return text;
}

describe('grammar over the real content', () => {
  it('gives every item, enemy and node a plural that differs from its name, and the right article', () => {
    const content = vetrellis();
    for (const thing of [...content.items.values(), ...content.enemies.values(), ...content.nodes.values(), ...content.stations.values()]) {
      const plural = pluralOf(thing.name, thing.plural);
      expect(plural, thing.id).not.toBe(thing.name);
      expect(counted(2, thing.name, thing.plural), thing.id).toBe(`two ${plural}`);
      expect(counted(1, thing.name, thing.plural), thing.id).toMatch(/^(a [^aeiou]|an [aeiou])/i);
      expect(subject(thing, 'is'), thing.id).toMatch(/ is$/);
    }
  });

  it('says "are" of every piece of scenery whose name is plural, and every such name says so', () => {
    const content = vetrellis();
    for (const location of content.locations.values()) {
      for (const s of location.scenery) {
        const looksPlural = /[^s]s$/.test(s.name) && !/(ss|us|is)$/.test(s.name);
        expect(s.number === 'plural', `${location.id}: "${s.name}" (number: plural?)`).toBe(looksPlural);
        expect(agree(s, 'is'), s.name).toBe(s.number === 'plural' ? 'are' : 'is');
      }
    }
  });

  it('names every NPC properly, and content declares the pronouns of each', () => {
    const yaml = readFileSync(resolve(ROOT, 'content/vetrellis/npcs.yaml'), 'utf8');
    for (const npc of vetrellis().npcs.values()) {
      expect(isProper(npc.name), npc.id).toBe(true);
      expect(withArticle(npc.name), npc.id).toBe(npc.name);
      expect(yaml, npc.id).toMatch(new RegExp(`- id: ${npc.id}\\n(?:  .*\\n)*?  pronouns: ${npc.pronouns}\\n`));
    }
    expect(vetrellis().npcs.get('ysolde')?.pronouns).toBe('she');
    expect(pronounOf('she').verb('decline')).toBe('declines');
    expect(pronounOf('they').verb('decline')).toBe('decline');
  });
});

describe('replies in play', () => {
  it('makes the verb agree with a plural name: "The jars are hardly portable."', async () => {
    expect(await say(newSession(), 'north', 'east', 'take the jars')).toBe('The jars are hardly portable.');
  });

  it('does not count one of a plural name: no "You count 1 nets."', async () => {
    const text = await say(newSession(), 'east', 'count the nets');
    expect(text).toBe('There are more nets than you can count.');
  });

  it('tells a gesture to its maker in the second person, with a full stop', async () => {
    const session = newSession();
    expect(await say(session, 'dance')).toBe('You dance.');
    expect(await say(session, 'wave')).toBe('You wave.');
  });

  it('shouts a shout', async () => {
    expect(await say(newSession(), 'shout hello')).toBe('You shout, "hello"');
  });

  it('lets the player thank someone, instead of the game saying "You\'re welcome."', async () => {
    expect(await say(newSession(), 'north', 'in', 'thank hesk')).toBe('You thank Mother Hesk.');
    expect(await say(newSession(), 'thanks')).toBe('You nod gratefully.');
  });

  it('speaks of an NPC by her pronouns: "She politely declines."', async () => {
    const text = await say(newSession(), 'east', 'take cord', 'west', 'north', 'east', 'give the cord to ysolde');
    expect(text).toBe('She politely declines.');
  });

  it('asks for what a recipe needs without "one more ... (you have none)"', async () => {
    const text = await say(newSession(), 'craft kelp cord');
    expect(text).toBe("You can't make that yet: you need two kelp fronds.");
  });
});

describe('what others see', () => {
  it('tells witnesses the gesture and the shout in the third person', () => {
    const content = vetrellis();
    let state = createWorld(content, 1);
    for (const [id, name] of [['ana', 'Ana'], ['critic', 'Critic']] as const) {
      state = apply(content, state, { id: `j-${id}`, player: id, at: 0, action: { kind: 'join', name } }).state;
    }
    const where = state.players['critic']!.location;
    const events: GameEvent[] = [
      { type: 'emoted', player: 'critic', location: where, text: 'dances' },
      { type: 'said', player: 'critic', location: where, text: 'hello', shout: true },
    ];
    expect(plainText(narrateEvents(content, state, events, 'ana', 0))).toBe('Critic dances.\nCritic shouts, "hello"');
    expect(plainText(narrateEvents(content, state, events, 'critic', 0))).toBe('You dance.\nYou shout, "hello"');
  });
});
