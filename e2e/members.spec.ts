// The Members dialog (issue 19), three browsers in one world through the real relay: Ana made the
// world and names Bo a moderator from the dialog; Bo's dialog then offers him ban and mute for Mal
// (never for Ana), his ban reaches Mal's browser and Ana's list; once Ana unmakes him, his dialog
// offers nothing. Mal, a player, sees who moderates and has no buttons at all.
import { expect, test } from './fixtures.ts';
import { type Locator, type Page } from '@playwright/test';
import { connection, log, openGame, player, players } from './helpers.ts';

const dialog = (page: Page): Locator => page.getByRole('dialog', { name: 'Members' });
const row = (page: Page, name: string): Locator => dialog(page).getByRole('list', { name: 'Members of this world' }).locator('li', { hasText: name });

async function openMembers(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Members' }).click();
  await expect(dialog(page)).toBeVisible();
}

test('the owner names a moderator in the Members dialog, who bans from it until unmade', async ({ browser }) => {
  const ana = await player(browser, 'Ana');
  const bo = await player(browser, 'Bo');
  const mal = await player(browser, 'Mal');
  await openGame(ana.page);
  await expect(connection(ana.page)).toHaveAttribute('data-connection', 'synced');
  const link = ana.page.url();
  await openGame(bo.page, link);
  await openGame(mal.page, link);
  await expect(players(ana.page)).toContainText('Bo');
  await expect(players(ana.page)).toContainText('Mal');

  // Ana's list: herself the owner, two players, and every button an owner has, but none for herself.
  await openMembers(ana.page);
  await expect(row(ana.page, 'Ana')).toHaveAttribute('data-role', 'owner');
  await expect(row(ana.page, 'Ana').getByRole('button')).toHaveCount(0);
  await expect(row(ana.page, 'Bo')).toHaveAttribute('data-role', 'player');
  await row(ana.page, 'Bo').getByRole('button', { name: 'Make moderator Bo' }).click();
  await expect(row(ana.page, 'Bo')).toHaveAttribute('data-role', 'moderator');
  await expect(log(ana.page)).toContainText('Bo is now a moderator');

  // Bo hears it; his dialog lets him ban and mute Mal, and do nothing to Ana.
  await expect(log(bo.page)).toContainText('names you a moderator');
  await openMembers(bo.page);
  await expect(dialog(bo.page)).toContainText('You are a moderator');
  await expect(row(bo.page, 'Ana').getByRole('button')).toHaveCount(0);
  await expect(row(bo.page, 'Mal').getByRole('button', { name: 'Make moderator Mal' })).toHaveCount(0);
  await row(bo.page, 'Mal').getByRole('button', { name: 'Ban Mal' }).click();
  await expect(row(bo.page, 'Mal').locator('.tag.banned')).toBeVisible();
  await expect(log(mal.page)).toContainText("One of the isle's moderators has banished you");
  await expect(row(ana.page, 'Mal').locator('.tag.banned')).toBeVisible();

  // Mal, a player (and banned), reads the list and has no buttons.
  await openMembers(mal.page);
  await expect(row(mal.page, 'Bo')).toHaveAttribute('data-role', 'moderator');
  await expect(dialog(mal.page).getByRole('button', { name: /Ban|Mute|moderator/ })).toHaveCount(0);

  // Unmade, Bo's dialog offers nothing any more; Ana lets Mal back.
  await row(ana.page, 'Bo').getByRole('button', { name: 'Unmake moderator Bo' }).click();
  await expect(row(bo.page, 'Bo')).toHaveAttribute('data-role', 'player');
  await expect(row(bo.page, 'Mal').getByRole('button')).toHaveCount(0);
  await row(ana.page, 'Mal').getByRole('button', { name: 'Unban Mal' }).click();
  await expect(row(mal.page, 'Mal').locator('.tag.banned')).toHaveCount(0);
  for (const p of [ana, bo, mal]) await p.context.close();
});
