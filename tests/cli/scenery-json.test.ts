/**
 * Scenery through the `--json` agent API (issue 16): what the harbor's text names answers `x`,
 * and taking it is refused in words, the same as in the terminal and the web app.
 */
import { describe, expect, it } from 'vitest';
import { replies, runAgent } from './helpers.ts';

describe('scenery in --json', () => {
  it('x quay answers with the quay, take quay is refused politely', async () => {
    const { stdout, code } = await runAgent(['x quay', 'take the quay', 'x steps']);
    expect(code).toBe(0);
    const [look, take, steps] = replies(stdout);
    expect(look!.text).toContain('Salt-grey stone, laid without mortar');
    expect(look!.intents).toEqual([{ kind: 'examine', target: 'quay' }]);
    expect(take!.text).toBe('The quay is hardly portable.');
    expect(steps!.text).toContain('A flight of stone steps');
  });
});
