// Who is around, told once: the Players heading, the Players list and the Here panel agree about
// each person, alone, together, and after one leaves.
import { expect, test } from './fixtures.ts';
import { connection, openGame, play, player, players, side } from './helpers.ts';

const heading = (page: import('@playwright/test').Page) => side(page).getByRole('heading', { name: /^Players/ });
const herePanel = (page: import('@playwright/test').Page) => side(page).getByRole('region', { name: /^Here/ });

test('alone is "just you"; a friend here is here in both panels; gone, asleep in both', async ({ browser }) => {
  test.setTimeout(120_000);
  const ana = await player(browser, 'Ana');
  await openGame(ana.page);
  await expect(connection(ana.page)).toHaveAttribute('data-connection', 'synced');
  await expect(heading(ana.page)).toContainText('just you online');
  await expect(heading(ana.page)).not.toContainText('0 online');

  const bea = await player(browser, 'Bea');
  await openGame(bea.page, ana.page.url());
  await expect(players(ana.page).locator('li[data-state="here"]', { hasText: 'Bea' })).toBeVisible();
  await expect(herePanel(ana.page).locator('li.player', { hasText: 'Bea' })).toHaveText(/Bea\s+player$/);
  await expect(heading(ana.page)).toContainText('2 online nearby');
  await expect(heading(bea.page)).toContainText('2 online nearby');

  await bea.context.close();
  await expect(players(ana.page).locator('li[data-state="asleep"]', { hasText: 'Bea' })).toBeVisible({ timeout: 45_000 });
  await expect(herePanel(ana.page).locator('li.player', { hasText: 'Bea' })).toContainText('asleep');
  await expect(heading(ana.page)).toContainText('just you online');
  expect(await play(ana.page, 'look')).toMatch(/Bea.*asleep/i);
  await ana.context.close();
});
