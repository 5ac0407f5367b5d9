// The world lives in the browser: a reload keeps it, and after one visit the app opens offline.
import { expect, test } from '@playwright/test';
import { lastEntry, log, openGame, play, prompt, snap } from './helpers.ts';

test('reload keeps the world, the address and the history', async ({ page }) => {
  await openGame(page);
  await play(page, 'e');
  await play(page, 'take kelp cord');
  const url = page.url();
  await expect(page.locator('[data-unsaved="0"]')).toBeVisible();
  await page.reload();
  await expect(prompt(page)).toBeFocused();
  expect(page.url()).toBe(url);
  await expect(lastEntry(page).getByRole('heading', { name: 'Net Sheds' })).toBeVisible();
  const side = page.getByRole('complementary', { name: 'Character' });
  await expect(side.getByRole('list', { name: 'Pack contents' })).toContainText('kelp cord');
  await prompt(page).press('ArrowUp');
  await expect(prompt(page)).toHaveValue('take kelp cord');
  // The story so far is still there, above a mark where you came back.
  await expect(log(page)).toContainText('You take the kelp cord');
  await expect(log(page).getByRole('separator')).toHaveText(/You return to the isle/);

  // Opening `/` again resumes the last world.
  await page.goto('/');
  await expect(prompt(page)).toBeFocused();
  expect(page.url()).toBe(url);
});

test('the app shell loads offline after the first visit', async ({ page, context }, testInfo) => {
  await openGame(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // The first visit is not controlled yet; a reload is, once the worker has claimed the page.
  await page.reload();
  await expect(prompt(page)).toBeFocused();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await play(page, 'w');

  await context.setOffline(true);
  await page.reload();
  await expect(prompt(page)).toBeFocused();
  await expect(lastEntry(page).getByRole('heading', { name: 'Driftwood Beach' })).toBeVisible();
  expect(await play(page, 'gather flint')).toMatch(/You gather .*flint/);
  await snap(page, testInfo, 'offline');
  await context.setOffline(false);
});

test('a second tab of the same world waits, and can take it over', async ({ page, context }) => {
  await openGame(page);
  await play(page, 'e');
  const second = await context.newPage();
  await second.goto(page.url());
  await expect(second.getByText('This world is open in another tab.')).toBeVisible();
  await expect(prompt(second)).toHaveCount(0);

  await second.getByRole('button', { name: 'Play here instead' }).click();
  await expect(prompt(second)).toBeFocused();
  await expect(lastEntry(second).getByRole('heading', { name: 'Net Sheds' })).toBeVisible();
  await expect(page.getByText('This world is open in another tab.')).toBeVisible();
  await expect(prompt(page)).toHaveCount(0);
  expect(await play(second, 'take kelp cord')).toContain('You take the kelp cord');
});

test('the install manifest and its icons are served', async ({ request }) => {
  const manifest = await (await request.get('/manifest.webmanifest')).json();
  expect(manifest.name).toBe('Vetrellis');
  for (const icon of manifest.icons as { src: string }[]) expect((await request.get(`/${icon.src}`)).status()).toBe(200);
});
