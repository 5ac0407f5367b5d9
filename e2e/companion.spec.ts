// A companion from the web app (issue 18): invited from the players panel, it plays in a Web
// Worker of the tab (its own key and character, through the real relay), follows its friend,
// listens when spoken to by name, wakes as the same character after a reload, and is dismissed.
import { expect, test } from './fixtures.ts';
import { type Page } from '@playwright/test';
import { connection, inThisRoom, log, openGame, play, player, players, prompt, side, snap } from './helpers.ts';

const companionSays = (page: Page) => side(page).locator('[data-companion]');
const pipRows = (page: Page) => players(page).locator('li', { hasText: /^\s*Pip/ });

test('a companion is invited, follows and listens, wakes after a reload as the same character, and is dismissed', async ({ browser }, testInfo) => {
  const { page } = await player(browser, 'Ana');
  await openGame(page);
  await expect(connection(page)).toHaveAttribute('data-connection', 'synced');

  await side(page).getByRole('button', { name: 'Invite a companion' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite a companion' });
  await expect(dialog.getByLabel("Your companion's name")).toHaveValue('Pip');
  await dialog.getByRole('button', { name: 'Invite' }).click();
  await expect(dialog).toBeHidden();
  await expect(companionSays(page)).toHaveAttribute('data-companion', 'awake', { timeout: 20_000 });
  await expect(companionSays(page)).toContainText('Pip is keeping you company.');
  await expect(inThisRoom(page)).toContainText('Pip');
  expect(await play(page, 'look')).toMatch(/^Pip, your companion, is here\.$/m);
  // The side panel names what Pip is, as the story does.
  await expect(page.getByRole('list', { name: 'In this room' }).getByRole('listitem').filter({ hasText: 'Pip' })).toContainText('companion');
  await expect(pipRows(page)).toHaveCount(1);
  await snap(page, testInfo, 'invited');

  // Ana goes west; Pip follows her onto the beach.
  await play(page, 'w');
  await expect(inThisRoom(page)).toContainText('Pip', { timeout: 15_000 });
  expect(await play(page, 'look')).toMatch(/^Pip, your companion, is here\.$/m);

  // Spoken to by name, with SAY and without: it answers in character and does as asked.
  await play(page, 'Pip, wait here');
  await expect(log(page)).toContainText(`Pip says, "I'll wait here, Ana."`, { timeout: 15_000 });
  await play(page, 'e');
  await play(page, 'w');
  expect(await play(page, 'look')).toMatch(/^Pip, your companion, is here\.$/m);
  await play(page, 'say Pip, follow me');
  await expect(log(page)).toContainText('Pip says, "Right behind you, Ana."', { timeout: 15_000 });
  await play(page, 'e');
  await expect(inThisRoom(page)).toContainText('Pip', { timeout: 15_000 });
  await expect(connection(page)).toHaveAttribute('data-pending', '0');

  // The tab closes (a reload): the worker dies with it, and the companion wakes again, as the
  // same character in the same place, not a second Pip.
  await page.reload();
  await expect(prompt(page)).toBeFocused();
  await expect(companionSays(page)).toHaveAttribute('data-companion', 'awake', { timeout: 20_000 });
  await expect(players(page).locator('li[data-state="here"]', { hasText: 'Pip' })).toBeVisible({ timeout: 15_000 });
  await expect(pipRows(page)).toHaveCount(1);
  expect(await play(page, 'look')).toMatch(/^Pip, your companion, is here\.$/m);
  await play(page, 'w');
  await expect(inThisRoom(page)).toContainText('Pip', { timeout: 15_000 });
  await snap(page, testInfo, 'woken');

  // Dismissed: it stops (and sleeps where it stands), and a reload does not wake it.
  await side(page).getByRole('button', { name: 'Dismiss Pip' }).click();
  await expect(side(page).getByRole('button', { name: 'Invite a companion' })).toBeVisible();
  await expect(players(page).locator('li[data-state="asleep"]', { hasText: 'Pip' })).toBeVisible({ timeout: 40_000 });
  await page.reload();
  await expect(prompt(page)).toBeFocused();
  await expect(side(page).getByRole('button', { name: 'Invite a companion' })).toBeVisible();
  await expect(players(page).locator('li[data-state="asleep"]', { hasText: 'Pip' })).toBeVisible({ timeout: 15_000 });
  await expect(pipRows(page)).toHaveCount(1);

  // Leaving the world forgets the companion's copy of it too (its databases are named after the world's rooms).
  const companionCopies = () => page.evaluate(async () => (await indexedDB.databases()).filter((d) => d.name?.startsWith('companion:')).length);
  expect(await companionCopies()).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Worlds' }).click();
  const worlds = page.getByRole('dialog', { name: 'Your worlds' });
  await worlds.getByRole('button', { name: 'Leave' }).click();
  await worlds.getByRole('button', { name: 'Really leave?' }).click();
  await expect.poll(companionCopies).toBe(0);
});
