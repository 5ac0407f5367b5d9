/**
 * WHAT CAN I CRAFT leads with what is within reach (issue 17, the last play-test): it led a player
 * fresh off the boat with an iron helm (iron from the moor, a forge, an anvil). Now: what can be
 * made now, then what the player is closest to (fewest gathers, crafts, fights and walks still to
 * do), each saying what is missing. Questions write nothing.
 */
import { describe, expect, it } from 'vitest';
import type { Session } from '../../src/session/index.ts';
import { ask, newPlayer } from './isle-questions.ts';

const play = () => newPlayer();
const lines = async (s: Session, line: string) => (await ask(s, line)).split('\n');

describe('what can I craft', () => {
  it('off the boat: the harbor\'s own makings first, nothing of iron or copper', async () => {
    const s = play();
    await s.handle('west');
    const listed = await lines(s, 'what can I craft');
    expect(listed[0]).toBe('Nothing you carry makes anything yet.');
    // The beach's flint and driftwood make a knife: that leads.
    expect(listed[1]).toBe('A flint knife: you still need a flint and a driftwood stick.');
    expect(listed[2]).toBe('A kelp cord: you still need two kelp fronds.');
    expect(listed.slice(1, 5).join('\n')).not.toMatch(/iron|copper/);
    expect(listed[5]).toMatch(/^\(And \d+ more; EXAMINE a recipe to see what it needs\.\)$/);
  });

  it('with some makings in the pack: what can be made now, then the nearest, each with what is missing', async () => {
    const s = play();
    for (const l of ['west', 'gather driftwood', 'gather flint']) await s.handle(l);
    const listed = await lines(s, 'what can I craft');
    expect(listed[0]).toBe('You could craft now: a flint knife. CRAFT one by name.');
    // The cord the rest wait on; then one thing short (that cord) before two things short; none of the smithy's work.
    expect(listed.slice(1, 4)).toEqual([
      'A kelp cord: you still need two kelp fronds.',
      'A flint spear: you still need a kelp cord.',
      'A flint pickaxe: you still need one more flint (you have one) and a kelp cord.',
    ]);
    expect(listed.slice(1, 5).join('\n')).not.toMatch(/helm|ingot/);
  });
});
