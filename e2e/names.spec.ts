// Names the rules refuse (control, text-direction or invisible characters) never break a world:
// typed in Settings, the story says why and you keep your name; the refused name Settings kept
// is not used for the next world, which opens under the default name instead of failing.
import { expect, test } from './fixtures.ts';
import { log, openGame, prompt, side } from './helpers.ts';

test('a name with a zero-width space is refused in Settings, and a new world still opens', async ({ page }) => {
  await openGame(page);
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Display name').fill('Ana\u200b');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(log(page).locator('.entry').last()).toContainText("That can't be a name: it holds control, text-direction or invisible characters.");
  await expect(side(page).getByRole('heading', { name: /Wanderer/ })).toBeVisible();

  await page.getByRole('button', { name: 'Worlds' }).click();
  await page.getByRole('dialog', { name: 'Your worlds' }).getByRole('button', { name: 'New world' }).click();
  await expect(prompt(page)).toBeFocused();
  await expect(log(page).locator('.entry').last()).toContainText('You step onto Vetrellis Isle as Wanderer.');
});
