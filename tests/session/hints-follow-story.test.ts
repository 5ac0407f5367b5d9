/**
 * HOW DO I ... follows the story (issue 17, the last play-test): "how do I light the lamp" gave
 * the lamp's answer (ask the TideKeeper about Archon) to a player fresh off the boat. A hint now
 * answers from what this player knows: the quest they are on and its stage, the islanders they
 * have met, the locks they have stood before. Questions write nothing.
 */
import { describe, expect, it } from 'vitest';
import type { Session } from '../../src/session/index.ts';
import { ask, newPlayer } from './isle-questions.ts';

const play = () => newPlayer();

/** Types each line; each must be understood and done. */
async function run(session: Session, ...lines: string[]): Promise<void> {
  for (const l of lines) {
    const r = await session.handle(l);
    expect(r.status, `${l}: ${r.text}`).toBe('ok');
  }
}

describe('hints follow the story', () => {
  it('the lamp: nothing before the quest, then the stage the player is at', async () => {
    const s = play();
    const fresh = await ask(s, 'how do I light the lamp');
    expect(fresh).toBe([
      'You know of nothing yet that would help with that.',
      "Your journal says (Nobody Met the Boat): Look in at the harbormaster's office.",
      'You have not yet been north from the Harbor of Vetrellis.',
    ].join('\n'));
    for (const q of ['how do I kindle the lamp', 'how do I open the cave', 'how do I get the bosun\'s key']) {
      expect(await ask(s, q), q).not.toMatch(/TideKeeper|Archon|Teodor/);
    }

    await run(s, 'in', 'out', 'north', 'in', 'ask hesk about the harbormaster');
    // Hesk has told of the lamp: the quest that mentions it is the one to follow.
    expect(await ask(s, 'how do I light the lamp')).toBe('Your journal says (Where Pell Went): Go down to the tide pools.');

    await run(s, 'out', 'south', 'west', 'north', 'north', 'up', 'talk to archon');
    expect(await ask(s, 'how do I light the lamp')).toBe('Your journal says (The Dark Lamp): Ask the TideKeeper what the sea holds against Archon.');
    // Still on both quests: the one about Pell answers a question about Pell.
    expect(await ask(s, 'how do I find pell')).toBe('Your journal says (Where Pell Went): Go down to the tide pools.');

    await run(s, 'down', 'east');
    expect(await ask(s, 'how do I light the lamp')).toBe('Your journal says (The Dark Lamp): Ask the TideKeeper what the sea holds against Archon.');
    await run(s, 'ask the tidekeeper about archon', 'west');
    expect(await ask(s, 'how do I light the lamp')).toBe('Your journal says (The Dark Lamp): Tell Archon that the sea forgives him.');
    await run(s, 'up', 'ask archon about the lamp');
    // The lamp is lit: the quest is done, and no stage is offered for it.
    expect(await ask(s, 'how do I light the lamp')).not.toContain('Dark Lamp');
  });

  it('a lock the player has stood before names what opens it; the same lock unseen does not', async () => {
    const s = play();
    expect(await ask(s, 'how do I get past the brambles')).not.toContain('machete');
    await run(s, 'north', 'north');
    const brambles = await ask(s, 'how do I get past the brambles');
    expect(brambles).toContain('The brambles are too thick to push through; they would need cutting with a blade.');
    expect(brambles).toMatch(/A machete can be crafted; you still need .*copper ingots/);
  });

  it('an islander\'s gift that waits on the story is not promised early', async () => {
    const s = play();
    await run(s, 'south');
    const key = await ask(s, 'how do I get the bosun\'s key');
    expect(key).toBe("Nobody on the isle will part with the bosun's key yet.");
  });
});
