// Shared steps for the web app's tests: open a fresh world and play through the prompt.
import { expect, inTheMorning } from './fixtures.ts';
import { type Browser, type BrowserContext, type Locator, type Page, type TestInfo } from '@playwright/test';

export const log = (page: Page): Locator => page.getByRole('log');
/** The newest entry of the story (earlier visits' entries stay above it). */
export const lastEntry = (page: Page): Locator => log(page).locator('.entry').last();
export const prompt = (page: Page): Locator => page.getByRole('textbox', { name: 'Command' });

/** Opens the app at `/` (a new world in a fresh context) and waits for the first prompt. */
export async function openGame(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(prompt(page)).toBeFocused();
  await expect(log(page).getByRole('heading').first()).toBeVisible();
}

/** Entries of the story that answer a typed command (others' deeds arrive as entries without one). */
const commandEntries = (page: Page): Locator => log(page).locator('.entry:has(> .cmd)');

/** Types a command, presses Enter, and returns the text of the entry it produced. */
export async function play(page: Page, command: string): Promise<string> {
  const before = await commandEntries(page).count();
  await prompt(page).fill(command);
  await prompt(page).press('Enter');
  await expect(commandEntries(page)).toHaveCount(before + 1);
  return (await commandEntries(page).last().innerText()).trim();
}

/** Saves a full-page screenshot into the test's artifacts (test-results/ and the report). */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: false });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** A fresh browser (its own IndexedDB, so its own player) whose display name is `name`. */
export async function player(browser: Browser, name: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await inTheMorning(await browser.newContext());
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await context.addInitScript((n) => localStorage.setItem('vetrellis:name', n), name);
  return { context, page: await context.newPage() };
}

/** The character sheet, its pack, the world's players, and the connection badge. */
export const side = (page: Page): Locator => page.getByRole('complementary', { name: 'Character' });
export const pack = (page: Page): Locator => side(page).getByRole('list', { name: 'Pack contents' });
export const players = (page: Page): Locator => side(page).getByRole('list', { name: 'Players in this world' });
/** The Here panel's list: who and what is in your room. */
export const inThisRoom = (page: Page): Locator => side(page).getByRole('list', { name: 'In this room' });
export const connection = (page: Page): Locator => page.locator('[data-connection]');
