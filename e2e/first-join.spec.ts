// The first visit asks who comes ashore (prefilled, skippable), so two new browsers in one world
// do not both arrive as the default name; a browser that answered (or skipped) is not asked again.
import { expect, test } from './fixtures.ts';
import { type Browser } from '@playwright/test';
import { log, players, prompt } from './helpers.ts';

/** A browser that never opened the app: nothing kept, so no name chosen yet. */
const newBrowser = async (browser: Browser) => (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();

test('a new browser is asked its name before it arrives; Skip keeps the default; neither is asked again', async ({ browser }) => {
  const ana = await newBrowser(browser);
  await ana.goto('/');
  const question = ana.getByRole('dialog', { name: 'Who comes ashore?' });
  await expect(question).toBeVisible();
  const name = question.getByRole('textbox', { name: 'Your name on the isle' });
  await expect(name).toHaveValue('Wanderer');
  await expect(name).toBeFocused();
  // Typing replaces the prefilled name.
  await ana.keyboard.type('Ana');
  await ana.keyboard.press('Enter');
  await expect(question).toBeHidden();
  await expect(prompt(ana)).toBeFocused();
  await expect(log(ana)).toContainText('You step onto Vetrellis Isle as Ana.');

  const bo = await newBrowser(browser);
  await bo.goto(ana.url());
  await expect(bo.getByRole('dialog', { name: 'Who comes ashore?' })).toBeVisible();
  await bo.getByRole('button', { name: 'Skip' }).click();
  await expect(log(bo)).toContainText('You step onto Vetrellis Isle as Wanderer.');
  await expect(players(ana).getByText('Wanderer', { exact: true })).toBeVisible();
  await expect(players(bo).getByText('Ana', { exact: true })).toBeVisible();

  // Back later: straight into the world.
  for (const page of [ana, bo]) {
    await page.reload();
    await expect(prompt(page)).toBeFocused();
    await expect(page.getByRole('dialog', { name: 'Who comes ashore?' })).toHaveCount(0);
  }
  await expect(log(ana).locator('.entry').last()).toContainText('Welcome back to Vetrellis, Ana.');
});

test('a name the rules refuse is explained in the question, which stays open', async ({ browser }) => {
  const page = await newBrowser(browser);
  await page.goto('/');
  const question = page.getByRole('dialog', { name: 'Who comes ashore?' });
  await question.getByRole('textbox', { name: 'Your name on the isle' }).fill('Ana\u202e');
  await question.getByRole('button', { name: 'Begin' }).click();
  await expect(question.getByRole('alert')).toContainText("That can't be your name");
  await question.getByRole('textbox', { name: 'Your name on the isle' }).fill('Mira');
  await question.getByRole('button', { name: 'Begin' }).click();
  await expect(log(page)).toContainText('You step onto Vetrellis Isle as Mira.');
});
