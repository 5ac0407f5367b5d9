// The world lives in the browser: a reload keeps it, and after one visit the app opens offline.
import { expect, test } from './fixtures.ts';
import { type Page } from '@playwright/test';
import { lastEntry, log, openGame, play, prompt, snap } from './helpers.ts';

test('reload keeps the world, the address and the history', async ({ page }) => {
  await openGame(page);
  await play(page, 'e');
  await play(page, 'take kelp cord');
  const url = page.url();
  await expect(page.locator('[data-connection="synced"][data-pending="0"]')).toBeVisible();
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

/** Puts a single-player world as the app kept it before sharing (no `kind`) into this browser. */
async function seedOldWorld(page: Page, key: string): Promise<void> {
  await page.evaluate(async (key) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('vetrellis-local', 1);
      req.onupgradeneeded = () => {
        req.result.createObjectStore('worlds', { keyPath: 'key' });
        req.result.createObjectStore('intents', { keyPath: ['world', 'seq'] });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const tx = db.transaction(['worlds', 'intents'], 'readwrite');
    tx.objectStore('worlds').put({ key, name: 'Old isle', seed: 7, player: 'p-old', created: 1, lastPlayed: 2 });
    tx.objectStore('intents').put({ world: key, seq: 0, intent: { id: 'p-old:0', player: 'p-old', at: 1000, action: { kind: 'join', name: 'Old' } } });
    tx.objectStore('intents').put({ world: key, seq: 1, intent: { id: 'p-old:1', player: 'p-old', at: 2000, action: { kind: 'move', dir: 'east' } } });
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  }, key);
}

test('a single-player world from before sharing stays playable, one tab at a time', async ({ page, context }) => {
  await page.goto('/manifest.webmanifest');
  const key = 'old-world-key-0123456789abcdef';
  await seedOldWorld(page, key);
  await openGame(page, `/#/w/${key}`);
  await expect(lastEntry(page).getByRole('heading', { name: 'Net Sheds' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Share' })).toHaveCount(0);
  expect(await play(page, 'take kelp cord')).toContain('You take the kelp cord');
  await expect(page.locator('[data-unsaved="0"]')).toHaveText('Saved');
  await page.getByRole('button', { name: 'Worlds' }).click();
  await expect(page.getByRole('dialog')).toContainText('single-player, this browser only');
  await page.keyboard.press('Escape');

  const second = await context.newPage();
  await second.goto(page.url());
  await expect(second.getByText('This world is open in another tab.')).toBeVisible();
  await expect(prompt(second)).toHaveCount(0);
  await second.getByRole('button', { name: 'Play here instead' }).click();
  await expect(prompt(second)).toBeFocused();
  await expect(page.getByText('This world is open in another tab.')).toBeVisible();
  expect(await play(second, 'i')).toContain('kelp cord');
});

test('the install manifest and its icons are served', async ({ request }) => {
  const manifest = await (await request.get('/manifest.webmanifest')).json();
  expect(manifest.name).toBe('Vetrellis');
  for (const icon of manifest.icons as { src: string }[]) expect((await request.get(`/${icon.src}`)).status()).toBe(200);
});
