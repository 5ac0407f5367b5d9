// A companion lives in the inviting tab (issue 18): while Ana's tab is open, Pip plays and Bea,
// in another browser, sees it beside Ana; when Ana closes her tab, Pip falls asleep with her (Bea
// sees both asleep); when Ana opens the world again in a
// new tab, Pip wakes as the same character and follows her again, as Bea sees.
import { expect, test } from './fixtures.ts';
import { type Page } from '@playwright/test';
import { connection, inThisRoom, openGame, play, player, players, prompt, side } from './helpers.ts';

const companionSays = (page: Page) => side(page).locator('[data-companion]');
const row = (page: Page, name: string, state: string) => players(page).locator(`li[data-state="${state}"]`, { hasText: new RegExp(`^\\s*${name}`) });

test('the companion sleeps when the inviting tab closes and wakes when the world opens again', async ({ browser }) => {
  const ana = await player(browser, 'Ana');
  const bea = await player(browser, 'Bea');
  await openGame(ana.page);
  await expect(connection(ana.page)).toHaveAttribute('data-connection', 'synced');
  const link = ana.page.url();

  await side(ana.page).getByRole('button', { name: 'Invite a companion' }).click();
  await ana.page.getByRole('dialog', { name: 'Invite a companion' }).getByRole('button', { name: 'Invite' }).click();
  await expect(companionSays(ana.page)).toHaveAttribute('data-companion', 'awake', { timeout: 20_000 });
  await expect(inThisRoom(ana.page)).toContainText('Pip');

  await openGame(bea.page, link);
  await expect(connection(bea.page)).toHaveAttribute('data-connection', 'synced');
  await expect(row(bea.page, 'Pip', 'here')).toBeVisible({ timeout: 15_000 });
  await expect(row(bea.page, 'Ana', 'here')).toBeVisible();

  // Ana's tab closes: Pip's worker goes with it.
  await expect(connection(ana.page)).toHaveAttribute('data-pending', '0');
  await ana.page.close();
  await expect(row(bea.page, 'Ana', 'asleep')).toBeVisible({ timeout: 45_000 });
  await expect(row(bea.page, 'Pip', 'asleep')).toBeVisible({ timeout: 45_000 });

  // Ana opens the world again (a new tab, her own browser): Pip wakes, the same Pip.
  const again = await ana.context.newPage();
  await openGame(again, link);
  await expect(prompt(again)).toBeFocused();
  await expect(companionSays(again)).toHaveAttribute('data-companion', 'awake', { timeout: 20_000 });
  await expect(row(bea.page, 'Pip', 'here')).toBeVisible({ timeout: 15_000 });
  await expect(players(bea.page).locator('li', { hasText: /^\s*Pip/ })).toHaveCount(1);
  // Awake, it follows Ana again: west onto the beach, away from Bea, as Bea sees.
  await play(again, 'w');
  await expect(inThisRoom(again)).toContainText('Pip', { timeout: 15_000 });
  await expect(inThisRoom(bea.page)).not.toContainText('Pip', { timeout: 15_000 });
});
