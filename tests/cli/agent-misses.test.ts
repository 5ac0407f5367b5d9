/**
 * The lines of issue 16 an agent types through `--json` (a real child process, a world in
 * memory): GO BACK and GO TO come back as the moves walked; questions come back with no intent
 * and an unchanged state hash.
 */
import { describe, expect, it } from 'vitest';
import { replies, runAgent } from './helpers.ts';

describe('the --json agent API answers what players typed', () => {
  it('go back, go to, map, where is, time, who, consider, what should I do now', async () => {
    const lines = ['west', 'go back', 'south', 'go to the beach', 'map', 'where is the breakwater', 'time', 'who', 'consider crab', 'what should I do now'];
    const { stdout, code } = await runAgent(lines, ['--seed', '1']);
    expect(code).toBe(0);
    const r = replies(stdout);
    expect(r[1]!.intents).toEqual([{ kind: 'move', dir: 'east' }]);
    expect(r[3]!.intents).toEqual([{ kind: 'move', dir: 'north' }, { kind: 'move', dir: 'west' }]);
    expect(r[3]!.observation.location?.id).toBe('driftwood-beach');
    for (const [i, reply] of r.slice(4).entries()) {
      expect(reply.status, lines[i + 4]).toBe('ok');
      expect(reply.intents, lines[i + 4]).toEqual([]);
      expect(reply.observation.stateHash, lines[i + 4]).toBe(r[3]!.observation.stateHash);
    }
    expect(r[5]!.text).toBe('The Breakwater is 2 moves away (east, south).');
    expect(r[8]!.text).toMatch(/^The tide crab looks/);
  }, 60_000);
});
