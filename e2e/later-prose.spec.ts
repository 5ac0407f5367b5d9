// Most of the game's prose (the player's own deeds, what others are seen doing) is not in the app
// shell: it loads right after the first paint (src/narrate/later-prose.ts). Here its code is held
// back on the way, as a slow network would, so a command typed and news arriving before it is in
// must wait for it: the player reads the full answer, never a line in its place.
import { expect, test } from './fixtures.ts';
import { type Page } from '@playwright/test';
import { log, openGame, play, player, players, prompt } from './helpers.ts';

const PLACEHOLDER = /not reached this device/;
/** The chunks of the later prose: the own deeds and what others are seen doing. */
const LATER_PROSE = /\/assets\/(own-deeds|seen)-[\w-]+\.js$/;

/** Holds the later prose's code until `release` is called; `asked` tells whether the page asked for it. */
async function holdLaterProse(page: Page): Promise<{ release: () => void; asked: () => number }> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let asked = 0;
  await page.route(LATER_PROSE, async (route) => {
    asked += 1;
    await held;
    await route.continue();
  });
  return { release, asked: () => asked };
}

const commandEntries = (page: Page) => log(page).locator('.entry:has(> .cmd)');

test('a command typed before the later prose has arrived is answered in full once it is in', async ({ page }) => {
  const prose = await holdLaterProse(page);
  await openGame(page);
  // The first screen needs none of it: the arrival, the room and the quest begun are all there.
  await expect(log(page)).toContainText('You step onto Vetrellis Isle as Wanderer.');
  await expect(log(page)).toContainText('New quest: Nobody Met the Boat.');
  await expect.poll(prose.asked).toBeGreaterThan(0);

  await prompt(page).fill('inventory');
  await prompt(page).press('Enter');
  await expect(prompt(page)).toHaveValue('');
  // Taken, and waiting for the prose rather than told without it.
  expect(await commandEntries(page).count()).toBe(0);
  prose.release();
  await expect(commandEntries(page)).toHaveCount(1);
  const answer = (await commandEntries(page).last().innerText()).trim();
  expect(answer).toContain('You are carrying nothing.');
  expect(answer).toContain('Your purse is empty.');
  expect(await play(page, 'w')).toContain('You go west.');
  expect(await play(page, 'gather driftwood')).toMatch(/You gather .* driftwood/);
  await expect(log(page)).not.toContainText(PLACEHOLDER);
});

test("another player's deed seen before the later prose has arrived is told once it is in", async ({ browser }) => {
  const ana = await player(browser, 'Ana');
  const bea = await player(browser, 'Bea');
  await openGame(ana.page);
  const link = ana.page.url();
  const prose = await holdLaterProse(bea.page);
  await openGame(bea.page, link);
  await expect(log(bea.page)).toContainText('You step onto Vetrellis Isle as Bea.');
  await expect.poll(prose.asked).toBeGreaterThan(0);

  await expect(players(bea.page).locator('li[data-state="here"]', { hasText: 'Ana' })).toBeVisible();
  await play(ana.page, 'say ahoy there');
  await play(ana.page, 'w');
  // Bea's page has had the news (Ana is no longer beside her) but holds its prose until it can tell it.
  await expect(players(bea.page).locator('li[data-state="here"]', { hasText: 'Ana' })).toHaveCount(0);
  await expect(log(bea.page)).not.toContainText('ahoy there');
  prose.release();
  await expect(log(bea.page)).toContainText('Ana says, "ahoy there"');
  await expect(log(bea.page)).toContainText('Ana goes west.');
  const text = await log(bea.page).innerText();
  expect(text.indexOf('ahoy there')).toBeLessThan(text.indexOf('Ana goes west.'));
  await expect(log(bea.page)).not.toContainText(PLACEHOLDER);
  await ana.context.close();
  await bea.context.close();
});
