/**
 * Issue 16, "misses that players typed": each line a player typed and got nothing useful from,
 * played through a session on the real isle. Questions (time, map, who, where, consider, hints,
 * what can I craft) write nothing: the world's tick does not move.
 */
import { describe, expect, it } from 'vitest';
import { findRoute } from '../../src/session/route.ts';
import { ask, newPlayer, run } from './isle-questions.ts';

const play = newPlayer;

describe('getting about', () => {
  it('go back takes the way you came', async () => {
    const s = play();
    await s.handle('west');
    const back = await s.handle('go back');
    expect(back.intents).toEqual([{ kind: 'move', dir: 'east' }]);
    expect(back.observation.location?.id).toBe('harbor-quay');
    expect((await s.handle('back')).observation.location?.id).toBe('driftwood-beach');
  });

  it('go to / head to / walk to a known room walks the route, one move per room, naming the rooms passed', async () => {
    const s = play();
    await run(s, 'north', 'in', 'out', 'south', 'south');
    const walk = await s.handle('go to the inn');
    expect(walk.intents).toEqual([{ kind: 'move', dir: 'north' }, { kind: 'move', dir: 'north' }, { kind: 'move', dir: 'in' }]);
    expect(walk.observation.location?.id).toBe('anchor-inn');
    expect(walk.text).toContain('Harbor of Vetrellis\nYou go north.\nVillage Square\nYou go in.\nAnchor Inn');
    // Room names as the web app's map types them.
    expect((await s.handle('walk to Breakwater')).observation.location?.id).toBe('breakwater');
    expect((await s.handle('head to the village')).observation.location?.id).toBe('village-square');
    const here = await s.handle('go to the village square');
    expect(here.text).toBe('You are already at the Village Square.');
    expect(here.intents).toEqual([]);
  });

  it('go to stops where an enemy is, and refuses a place never visited', async () => {
    const s = play();
    expect((await s.handle('go to the lighthouse')).text).toMatch(/You have not been there yet/);
    await run(s, 'west', 'north', 'south', 'east', 'south');
    const walk = await s.handle('go to the cliff path');
    expect(walk.observation.location?.id).toBe('driftwood-beach');
    expect(walk.text).toContain('(You stop here: the tide crab is here.)');
  });

  it('routes are the same for the same state: fewest moves, exits in content order', () => {
    const s = play();
    expect(findRoute(s.content, s.world.state, s.world.player, 'harbor-quay')).toEqual([]);
    expect(findRoute(s.content, s.world.state, s.world.player, 'anchor-inn')).toBeNull();
  });

  it('run away / flee / retreat leave a fight the way you came, with the parting blow', async () => {
    const s = play();
    expect((await s.handle('flee')).text).toBe('You are not fighting anything; there is nothing to run from.');
    await run(s, 'west', 'attack crab');
    const fled = await s.handle('run away');
    expect(fled.intents).toEqual([{ kind: 'move', dir: 'east' }]);
    expect(fled.text).toMatch(/^\(fleeing east, back the way you came\)\nThe tide crab /);
    expect(fled.observation.location?.id).toBe('harbor-quay');
    expect(fled.observation.player?.fighting).toBeNull();
  });
});

describe('the things that are the way through an exit', () => {
  it('climb the steps, open the door, enter the door go that way', async () => {
    const s = play();
    expect((await s.handle('climb the steps')).intents).toEqual([{ kind: 'move', dir: 'north' }]);
    expect((await s.handle('climb the steps')).intents).toEqual([{ kind: 'move', dir: 'south' }]);
    const door = await s.handle("open the harbormaster's door");
    expect(door.intents).toEqual([{ kind: 'move', dir: 'in' }]);
    expect(door.observation.location?.id).toBe('harbormaster-office');
    await s.handle('out');
    expect((await s.handle('enter the door')).observation.location?.id).toBe('harbormaster-office');
  });

  it('the steps are no threat: CONSIDER agrees with a plural name', async () => {
    const s = play();
    expect(await ask(s, 'consider the steps')).toBe('The steps are no threat to anyone.');
    expect(await ask(s, 'consider the quay')).toBe('The quay is no threat to anyone.');
  });
});

describe('an islander named short who is elsewhere', () => {
  it('is named in full: "talk to hesk" on the quay says Mother Hesk is not here', async () => {
    const s = play();
    expect((await s.handle('talk to hesk')).text).toBe('Mother Hesk is not here.');
    // Old Teodor keeps hours (his stone by day, the net sheds of an evening): he is somewhere now, and said to be.
    expect((await s.handle('ask teodor about the breakwater')).text).toBe('Old Teodor is at the Breakwater at this hour.');
    expect((await s.handle('talk to the innkeeper')).text).toBe("You can't see any innkeeper here.");
  });
});

describe('questions write nothing', () => {
  it('where is, time, map, who', async () => {
    const s = play();
    await run(s, 'west', 'east');
    expect(await ask(s, 'where is archon')).toBe('You have not come across Archon yet. Ask around: the islanders all know each other.');
    expect(await ask(s, 'where is the beach')).toBe('The Driftwood Beach is west of here.');
    expect(await ask(s, 'what time is it')).toMatch(/^It is [a-z ]+ on the isle, \d\d:\d\d\. (Night falls|Dawn comes) in about \d+ minutes?\.\n(The sky is clear|Grey cloud|Fog|Rain|A storm)[^\n]*; the tide is [^\n]+\.$/);
    const map = await ask(s, 'map');
    expect(map).toContain('Harbor of Vetrellis (you are here): north (unexplored); west to Driftwood Beach;');
    expect(await ask(s, 'who')).toBe('You are the only one on this isle.\n  Ana (you), at the Harbor of Vetrellis.');
  });

  it('consider crab weighs the crab against you', async () => {
    const s = play();
    await s.handle('west');
    expect(await ask(s, 'consider crab')).toBe('The tide crab looks like a fair fight, in your favour.\n(It has 12 of 12 HP, attack 4, defence 1. Your blows would do about 2 damage, its about 3, against your 30 HP.)');
  });

  it('how do I ..., what should I do now: a hint from what the player knows', async () => {
    const s = play();
    const now = await ask(s, 'what should I do now');
    expect(now).toContain("Your journal says (Nobody Met the Boat): Look in at the harbormaster's office.");
    expect(now).toContain('You have not yet been north from the Harbor of Vetrellis.');
    // A lock not yet found is not given away (tests/session/hints-follow-story.test.ts has the rest).
    const mine = await ask(s, 'how do I get into the mine');
    expect(mine).toContain('You have not found your way to the mine yet.');
    expect(mine).not.toContain('Stone');
    expect(await ask(s, 'how do I open the cave')).not.toContain('TideKeeper');
  });

  it('how do I get to a place: the way GO TO knows, or that it is not found yet; nothing of the lamp before the story gets there', async () => {
    const s = play();
    // It answered "Archon is waiting on something Archon has to say. ASK ARCHON ABOUT LAMP, then go back."
    const far = await ask(s, 'how do I get to the lighthouse');
    expect(far).toBe([
      'You have not found your way to the lighthouse yet.',
      "Your journal says (Nobody Met the Boat): Look in at the harbormaster's office.",
      'You have not yet been north from the Harbor of Vetrellis.',
    ].join('\n'));
    expect(await ask(s, 'how do I kindle the lamp')).toMatch(/^You know of nothing yet that would help with that\./);
    await run(s, 'west', 'east');
    expect(await ask(s, 'how do I get to the beach')).toBe('GO TO DRIFTWOOD BEACH walks you there: west.');
  });

  it('what can I craft, can you make me a sword?, smelt ore: recipes with what is missing', async () => {
    const s = play();
    await run(s, 'west', 'gather driftwood', 'gather flint');
    expect(await ask(s, 'what can I craft')).toContain('You could craft now: a flint knife.');
    // Every sword the isle knows how to make, each with what it still needs, nearest first (a barrow wight drops
    // both twists of silver at once, a wolf's pelt is not always there).
    expect(await ask(s, 'can you make me a sword?')).toBe([
      'A copper sword: you still need two copper ingots and to be at the anvil (in the Smithy).',
      'A barrow blade: you still need three iron ingots, two twists of barrow silver and to be at the anvil (in the Smithy).',
      'An iron sword: you still need three iron ingots, a wolf pelt and to be at the anvil (in the Smithy).',
    ].join('\n'));
    // Two ores smelt now (copper, and the moor's iron): each, with what it still needs.
    const smelting = [
      'A copper ingot: you still need a copper nugget and to be at the forge (in the Smithy).',
      'An iron ingot: you still need two lumps of iron ore, a peat slab and to be at the forge (in the Smithy).',
    ];
    expect(await ask(s, 'smelt ore')).toBe(smelting.join('\n'));
    // Only smelting: it listed every recipe of the isle.
    expect(await ask(s, 'what can I smelt')).toBe(['Nothing you carry makes anything yet.', ...smelting].join('\n'));
  });
});

describe('tell to an islander who is elsewhere', () => {
  it('says where to look, not that nobody has that name', async () => {
    const s = play();
    // It answered "There is nobody on the isle by that name to tell. WHO lists the players."
    expect((await s.handle('tell hesk hello')).text).toBe('Mother Hesk is not here to hear you. Islanders hear only those who stand before them: WHERE IS MOTHER HESK tells you where to find her.');
    expect((await s.handle('tell the tidekeeper hello')).text).toMatch(/^The TideKeeper is not here to hear you\./);
    expect((await s.handle('tell zed hello')).text).toBe('There is nobody on the isle by that name to tell. WHO lists the players.');
  });
});

describe('everyday phrasings mapped to what exists', () => {
  it('heal without the skill says so; attack it again, with bare hands', async () => {
    const s = play();
    expect((await s.handle('heal me')).text).toBe('You have not learned a healing skill yet. REST, or eat or drink something that mends, to recover.');
    await s.handle('west');
    expect((await s.handle('attack the crab with my bare hands')).intents).toEqual([{ kind: 'attack', target: 'tide-crab' }]);
    expect((await s.handle('attack it again')).intents).toEqual([{ kind: 'attack', target: 'tide-crab' }]);
  });

  it('order food and rent a bed ask the innkeeper; go to sleep rests', async () => {
    const s = play();
    expect((await s.handle('order food')).text).toMatch(/^There is nobody here to serve you/);
    await run(s, 'north', 'in');
    const food = await s.handle('order food');
    expect(food.text).toContain('Mother Hesk gives you two sea biscuits.');
    const bed = await s.handle('rent a bed');
    expect(bed.intents.map((i) => i.kind)).toEqual(['talk', 'rest']);
    expect((await s.handle('go to sleep')).intents).toEqual([{ kind: 'rest' }]);
  });

  it('brief shows a room seen before by its name and what is there; verbose in full', async () => {
    const s = play();
    const full = 'A quay of salt-grey stone curls around a small harbor.';
    await s.handle('brief');
    await s.handle('west');
    const back = await s.handle('east');
    expect(back.text).toContain('Harbor of Vetrellis');
    expect(back.text).toContain('You can go north');
    expect(back.text).not.toContain(full);
    expect((await s.handle('look')).text).toContain(full);
    await s.handle('verbose');
    await s.handle('west');
    expect((await s.handle('east')).text).toContain(full);
  });
});
