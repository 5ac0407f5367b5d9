// The prompt behaves like a good command line: history on Up/Down, completion on Tab.
import { expect, test } from './fixtures.ts';
import { openGame, play, prompt } from './helpers.ts';

test('Up and Down walk the command history, keeping the draft', async ({ page }) => {
  await openGame(page);
  await play(page, 'look');
  await play(page, 'inventory');
  const box = prompt(page);
  await box.fill('exa');
  await box.press('ArrowUp');
  await expect(box).toHaveValue('inventory');
  await box.press('ArrowUp');
  await expect(box).toHaveValue('look');
  await box.press('ArrowUp');
  await expect(box).toHaveValue('look');
  await box.press('ArrowDown');
  await expect(box).toHaveValue('inventory');
  await box.press('ArrowDown');
  await expect(box).toHaveValue('exa');
});

test('Tab completes verbs and names in scope, and cycles through several', async ({ page }) => {
  await openGame(page);
  const box = prompt(page);
  await box.fill('inve');
  await box.press('Tab');
  await expect(box).toHaveValue('inventory ');

  await play(page, 'e');
  await box.fill('take ke');
  await box.press('Tab');
  await expect(box).toHaveValue('take kelp cord ');
  await expect(box).toBeFocused();

  await play(page, 'take kelp cord');
  await play(page, 'w');
  await play(page, 'w');
  await play(page, 'gather driftwood');
  await box.fill('x drift');
  await box.press('Tab');
  await expect(box).toHaveValue('x driftwood ');
  await expect(page.getByRole('list', { name: 'Completions' })).toContainText('driftwood pile');
  await box.press('Tab');
  await expect(box).toHaveValue('x driftwood pile');
  await box.press('Tab');
  await expect(box).toHaveValue('x driftwood stick');
  expect(await play(page, (await box.inputValue()))).toContain('sea-bleached wood');
});
