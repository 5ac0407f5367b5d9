// Settings (display name, the language-model option) and the list of your worlds.
import { expect, test } from './fixtures.ts';
import { lastEntry, log, openGame, play, prompt, snap } from './helpers.ts';

test('the settings name field renames you in the world', async ({ page }, testInfo) => {
  await openGame(page);
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  const llm = dialog.getByRole('checkbox', { name: /Understand free phrasing/ });
  await expect(llm).toBeDisabled();
  await expect(dialog.locator('#llm-reason')).not.toHaveText(/Checking/);
  await snap(page, testInfo, 'settings');
  await dialog.getByLabel('Display name').fill('Mira');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(log(page).locator('.entry').last()).toContainText('Mira');
  await expect(page.getByRole('complementary', { name: 'Character' }).getByRole('heading', { name: /Mira/ })).toBeVisible();
  await expect(prompt(page)).toBeVisible();
});

test('worlds can be made, renamed, switched and left', async ({ page }, testInfo) => {
  await openGame(page);
  await play(page, 'e');
  const first = page.url();
  await page.getByRole('button', { name: 'Worlds' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your worlds' });
  await dialog.getByRole('button', { name: 'New world' }).click();
  await expect(page).not.toHaveURL(first);
  await expect(lastEntry(page).getByRole('heading', { name: 'Harbor of Vetrellis' })).toBeVisible();
  const second = page.url();

  await page.getByRole('button', { name: 'Worlds' }).click();
  await expect(dialog.getByRole('listitem')).toHaveCount(2);
  await dialog.getByRole('listitem').filter({ hasText: 'playing now' }).getByRole('button', { name: 'Rename' }).click();
  await dialog.getByLabel('World name').fill('Stormy isle');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toContainText('Stormy isle');
  await snap(page, testInfo, 'worlds');

  // Back to the first world: it is where we left it.
  await dialog.getByRole('listitem').filter({ hasNotText: 'Stormy isle' }).getByRole('button', { name: 'Open' }).click();
  await expect(page).toHaveURL(first);
  await expect(lastEntry(page).getByRole('heading', { name: 'Net Sheds' })).toBeVisible();

  // Leave the renamed one.
  await page.getByRole('button', { name: 'Worlds' }).click();
  const stormy = dialog.getByRole('listitem').filter({ hasText: 'Stormy isle' });
  await stormy.getByRole('button', { name: 'Leave' }).click();
  await stormy.getByRole('button', { name: 'Really leave?' }).click();
  await expect(dialog.getByRole('listitem')).toHaveCount(1);
  expect(page.url()).not.toBe(second);
});

test('on a phone the character sheet is a drawer', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openGame(page);
  await play(page, 'w');
  await snap(page, testInfo, 'phone-story');
  const side = page.getByRole('complementary', { name: 'Character' });
  await expect(side).toBeHidden();
  await page.getByRole('button', { name: 'Character' }).click();
  await expect(side).toBeVisible();
  await snap(page, testInfo, 'phone-character');
  await page.getByRole('button', { name: 'Story' }).click();
  await expect(side).toBeHidden();
  // An exit button in the drawer goes there and shows the story.
  await page.getByRole('button', { name: 'Character' }).click();
  await side.getByRole('group', { name: 'Exits' }).getByRole('button', { name: 'east' }).click();
  await expect(side).toBeHidden();
  await expect(lastEntry(page).getByRole('heading', { name: 'Harbor of Vetrellis' })).toBeVisible();
});
