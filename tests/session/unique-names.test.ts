// In a kept shared world, a second player who asks for a name another player holds (case and
// look-alike letters aside) joins under a numbered name and is told why, and a rename to a held
// name is refused with a sentence the player understands.
import { afterEach, describe, expect, it } from 'vitest';
import { KeptWorld } from './kept-world.ts';

let kept: KeptWorld | undefined;
afterEach(async () => {
  await kept?.dispose();
  kept = undefined;
});

describe('names unique per world, through a kept world', () => {
  it('"\u0410NA" (Cyrillic A) then "Ana": the second is Ana 2, and cannot rename to the first', async () => {
    kept = await KeptWorld.create('Ana', { companion: '\u0410NA' });
    const greeting = kept.session.start();
    expect(greeting.text).toContain('The name Ana is taken on this isle, so you are known here as Ana 2. (NAME changes it.)');
    expect(kept.me?.name).toBe('Ana 2');
    // The roster (the Players panel, names of players who are away) says the name the rules gave.
    expect(kept.backend.status().roster.find((r) => r.player === kept!.player)?.name).toBe('Ana 2');
    const taken = await kept.session.handle('name ana');
    expect(taken.status).toBe('refused');
    expect(taken.text).toBe('That name is taken on this isle.');
    const free = await kept.session.handle('name Ana of the Quay');
    expect(free.text).toBe('You are now known as Ana of the Quay.');
    await kept.reopen();
    expect(kept.me?.name).toBe('Ana of the Quay');
    expect(Object.values(kept.state.players).map((p) => p.name).sort()).toEqual(['Ana of the Quay', '\u0410NA']);
  }, 60_000);
});
