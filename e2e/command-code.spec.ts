// The code that plays a typed line (src/session/command-play.ts) is not in the app shell: the first
// screen describes the world and nothing has been typed yet, so it loads right after the first
// paint, with the rule parser. Here it is held back on the way, as a slow network would: a command
// typed before it is in waits for it and is answered in full; one whose code cannot be fetched at
// all says so plainly, changes nothing, and the next command plays once the code is reachable.
import { expect, test } from './fixtures.ts';
import { type Page } from '@playwright/test';
import { log, openGame, play, prompt } from './helpers.ts';

const COMMAND_CODE = /\/assets\/command-play-[\w-]+\.js$/;
const commandEntries = (page: Page) => log(page).locator('.entry:has(> .cmd)');

test('a command typed before the command code has arrived is answered in full once it is in', async ({ page }) => {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let asked = 0;
  await page.route(COMMAND_CODE, async (route) => {
    asked += 1;
    await held;
    await route.continue();
  });
  await openGame(page);
  // The first screen needs none of it.
  await expect(log(page)).toContainText('You step onto Vetrellis Isle as Wanderer.');
  await expect.poll(() => asked).toBeGreaterThan(0);

  await prompt(page).fill('look then w');
  await prompt(page).press('Enter');
  await expect(prompt(page)).toHaveValue('');
  // Taken, and waiting for the code rather than answered without it.
  expect(await commandEntries(page).count()).toBe(0);
  release();
  await expect(commandEntries(page)).toHaveCount(1);
  const answer = (await commandEntries(page).last().innerText()).trim();
  expect(answer).toContain('Harbor of Vetrellis');
  expect(answer).toContain('You go west.');
  expect(answer).toContain('Driftwood Beach');
  expect(await play(page, 'gather driftwood')).toMatch(/You gather .* driftwood/);
});

test('a command whose code cannot be fetched says so and changes nothing; the next one plays', async ({ page }) => {
  await page.route(COMMAND_CODE, (route) => route.abort('internetdisconnected'));
  await openGame(page);
  await expect(log(page)).toContainText('You step onto Vetrellis Isle as Wanderer.');
  expect(await play(page, 'w')).toContain("The game's code for commands has not reached this device yet");
  await expect(page.getByRole('complementary', { name: 'Character' }).locator('#h-here')).toContainText('Harbor of Vetrellis');
  await page.unroute(COMMAND_CODE);
  expect(await play(page, 'w')).toContain('You go west.');
});
