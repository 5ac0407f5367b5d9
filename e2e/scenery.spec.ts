// Scenery in the web app (issue 16): what the harbor's text names answers `x` in the story, and
// taking it is refused in words, as in the terminal and --json (the same session code).
import { expect, test } from './fixtures.ts';
import { openGame, play } from './helpers.ts';

test('x quay answers with the quay; take the quay is refused politely', async ({ page }) => {
  await openGame(page);
  expect(await play(page, 'x quay')).toContain('Salt-grey stone, laid without mortar');
  expect(await play(page, 'take the quay')).toContain('The quay is hardly portable.');
  expect(await play(page, 'x the fish heads')).toContain('Cod heads, mostly');
});
