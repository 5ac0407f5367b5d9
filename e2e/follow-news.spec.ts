// FOLLOW in the browser (issue 18): the follower's page walks after its leader, tells the walk and
// shows the new room without the follower typing anything, also when the leader walks on at once
// (across a zone border too), and also when nothing else comes from the world to redraw the page
// (the session's own news, Session.onNews, is what tells it). Two browsers in one world through
// the real relay.
import { expect, test } from './fixtures.ts';
import { type Browser, type Page } from '@playwright/test';
import { connection, log, openGame, play, player, players, prompt, side } from './helpers.ts';

/** Copies the world link with the Share button and reads it back from the clipboard. */
async function shareLink(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.getByRole('button', { name: 'Link copied' })).toBeVisible();
  return page.evaluate(() => navigator.clipboard.readText());
}

/** The name of the room the character sheet shows (the Here panel's heading). */
const hereHeading = (page: Page) => side(page).locator('#h-here');

/** Ana makes a world, Bea opens its link, and Bea follows Ana. */
async function beaFollowsAna(browser: Browser) {
  const ana = await player(browser, 'Ana');
  const bea = await player(browser, 'Bea');
  await openGame(ana.page);
  await expect(connection(ana.page)).toHaveAttribute('data-connection', 'synced');
  const link = await shareLink(ana.page);
  await openGame(bea.page, link);
  await expect(connection(bea.page)).toHaveAttribute('data-connection', 'synced');
  await expect(side(bea.page).getByRole('list', { name: 'In this room' })).toContainText('Ana');
  expect(await play(bea.page, 'follow Ana')).toContain('You fall in behind Ana');
  await expect(log(ana.page)).toContainText('Bea falls in behind you.');
  return { ana, bea };
}

test('a follower in the browser walks after a leader who walks away twice, and sees it without typing', async ({ browser }) => {
  const { ana, bea } = await beaFollowsAna(browser);
  const typedByBea = await log(bea.page).locator('.cmd').count();

  // Ana walks west onto the beach and at once north up the cliffs (into another part of the isle),
  // the second line sent without waiting for the first's answer.
  await prompt(ana.page).fill('w');
  await prompt(ana.page).press('Enter');
  await prompt(ana.page).fill('n');
  await prompt(ana.page).press('Enter');
  await expect(hereHeading(ana.page)).toContainText('Cliff Path');

  // Bea's page tells both walks and shows where she stands now; she typed nothing.
  await expect(log(bea.page)).toContainText('You follow Ana west.');
  await expect(log(bea.page)).toContainText('You follow Ana north.', { timeout: 15_000 });
  await expect(hereHeading(bea.page)).toContainText('Cliff Path');
  await expect(side(bea.page).getByRole('list', { name: 'In this room' })).toContainText('Ana');
  expect(await log(bea.page).locator('.cmd').count()).toBe(typedByBea);

  // The walk was Bea's own (signed by her): Ana sees her arrive on the cliffs.
  await expect(side(ana.page).getByRole('list', { name: 'In this room' })).toContainText('Bea');
  await ana.context.close();
  await bea.context.close();
});

test('the follow is told by the session itself when nothing else comes from the world (offline)', async ({ browser }) => {
  const { ana, bea } = await beaFollowsAna(browser);
  // Bea's timers stand still (her follow, and the intake of what the relay sends, wait), so Ana's
  // step reaches her page while it is online and is taken in only once it is offline: after her
  // own move there is no acknowledgement, reconnection or news from the world to redraw the page.
  // A second ahead: pausing at a time the page's clock has passed already is refused, and on a
  // busy machine more than a few milliseconds go by between reading the time and pausing.
  const now = await bea.page.evaluate(() => Date.now());
  await bea.page.clock.pauseAt(now + 1_000);
  await play(ana.page, 'w');
  await expect(connection(ana.page)).toHaveAttribute('data-pending', '0');
  await expect(players(bea.page).locator('li', { hasText: 'Ana' })).toContainText('Driftwood Beach');
  await bea.context.setOffline(true);
  await expect(connection(bea.page)).toHaveAttribute('data-connection', 'offline');
  await bea.page.clock.resume();

  await expect(log(bea.page)).toContainText('Ana goes west.');
  await expect(log(bea.page)).toContainText('You follow Ana west.');
  await expect(hereHeading(bea.page)).toContainText('Driftwood Beach');
  // Her move waits to reach the relay; back online, Ana sees her arrive.
  await expect(connection(bea.page)).not.toHaveAttribute('data-pending', '0');
  await bea.context.setOffline(false);
  await expect(connection(bea.page)).toHaveAttribute('data-pending', '0', { timeout: 40_000 });
  await expect(side(ana.page).getByRole('list', { name: 'In this room' })).toContainText('Bea');
  await ana.context.close();
  await bea.context.close();
});
