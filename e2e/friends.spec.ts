// Playing together: two browsers (separate contexts, so two players with their own keys) in one
// world through the real relay, and two tabs of the same player.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from './fixtures.ts';
import { type Page } from '@playwright/test';
import { connection, inThisRoom, lastEntry, log, openGame, pack, play, player, players, prompt, side, snap } from './helpers.ts';


/** Copies the world link with the Share button and reads it back from the clipboard. */
async function shareLink(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.getByRole('button', { name: 'Link copied' })).toBeVisible();
  return page.evaluate(() => navigator.clipboard.readText());
}

test('two players share a world: arrive, talk, race for one knife, and one leaves', async ({ browser }, testInfo) => {
  const ana = await player(browser, 'Ana');
  const bea = await player(browser, 'Bea');
  await openGame(ana.page);
  await expect(connection(ana.page)).toHaveAttribute('data-connection', 'synced');
  const link = await shareLink(ana.page);
  expect(link).toBe(ana.page.url());
  // The play key is P, the world's secret, then Ana's public key: the world is hers (issue 19's owner).
  // A new world is private (docs/links.md): its play key says so by its first letter.
  expect(link).toMatch(/#\/w\/E[A-Za-z0-9_-]{86}$/);
  await play(ana.page, 'e');

  // Bea opens the link: the same world (Ana is in its roster), and Ana sees her arrive.
  await openGame(bea.page, link);
  await expect(connection(bea.page)).toHaveAttribute('data-connection', 'synced');
  await expect(players(bea.page)).toContainText('Ana');
  await expect(players(ana.page).locator('li', { hasText: 'Bea' })).toBeVisible();
  await play(bea.page, 'e');
  await expect(log(ana.page)).toContainText(/Bea/);
  await expect(players(ana.page).locator('li[data-state="here"]', { hasText: 'Bea' })).toBeVisible();
  await expect(players(bea.page).locator('li[data-state="here"]', { hasText: 'Ana' })).toBeVisible();
  await expect(inThisRoom(ana.page)).toContainText('Bea');
  expect(await play(ana.page, 'look')).toMatch(/^Bea is here\.$/m);
  expect(await play(bea.page, 'who')).toMatch(/^ *Ana, who made this isle, at /m);
  await expect(ana.page.getByText('different version of Vetrellis')).toHaveCount(0);

  // Talk.
  await play(ana.page, 'say ahoy there');
  await expect(log(bea.page)).toContainText(/Ana says.*ahoy there/i);
  await play(bea.page, 'say fair winds');
  await expect(log(ana.page)).toContainText(/Bea says.*fair winds/i);

  // Both grab the only flint knife at once: exactly one has it, the same one in both views.
  // Both lines typed first, then Enter in both at once, so each take is signed before the other arrives.
  for (const p of [ana.page, bea.page]) await prompt(p).fill('take flint knife');
  await Promise.all([prompt(ana.page).press('Enter'), prompt(bea.page).press('Enter')]);
  for (const p of [ana.page, bea.page]) await expect(log(p).locator('.cmd', { hasText: 'take flint knife' })).toHaveCount(1);
  const holds = async (page: Page) => (await pack(page).getByText('flint knife').count()) > 0;
  await expect.poll(async () => [await holds(ana.page), await holds(bea.page)].filter(Boolean).length, { timeout: 15_000 }).toBe(1);
  // Settled: wait for both to be synced with nothing pending, then check once more in both views.
  for (const p of [ana.page, bea.page]) await expect(connection(p)).toHaveAttribute('data-pending', '0');
  const anaHas = await holds(ana.page);
  expect(await holds(bea.page)).toBe(!anaHas);
  const [winner, loser] = anaHas ? [ana.page, bea.page] : [bea.page, ana.page];
  const winnerName = anaHas ? 'Ana' : 'Bea';
  for (const p of [ana.page, bea.page]) await expect(side(p).getByText('flint knife', { exact: true })).toHaveCount(anaHas === (p === ana.page) ? 1 : 0);
  expect(await play(loser, 'take flint knife')).toMatch(/can't see any (such thing|flint knife)|no flint knife|not here|isn't here/i);
  expect(await play(winner, 'i')).toContain('flint knife');
  await snap(ana.page, testInfo, 'shared-ana');
  await snap(bea.page, testInfo, 'shared-bea');
  // Whoever took it first in their own view and lost the lottery is told so, as a revision.
  const revised = await log(loser).locator('.revision').count();
  const loserTookIt = (await log(loser).locator('.entry', { hasText: 'take flint knife' }).first().innerText()).includes('You take the flint knife');
  if (loserTookIt) await expect(log(loser).locator('.revision').first()).toContainText('reached the flint knife first');
  testInfo.annotations.push({ type: 'race', description: `${winnerName} won the flint knife; the other's view was revised ${revised} time(s)` });
  console.log(`race: ${winnerName} won; revisions in the loser's view: ${revised}`);

  // Bea leaves the room (Ana sees her go), then closes her browser (she goes offline, stays in the roster).
  await play(bea.page, 'w');
  await expect(log(ana.page)).toContainText(/Bea (leaves|goes|heads)/);
  await expect(players(ana.page).locator('li[data-state="online"]', { hasText: 'Bea' })).toBeVisible();
  await bea.context.close();
  // Same zone, relay synced: Ana's panel knows Bea's client left, and says so as the story does.
  await expect(players(ana.page).locator('li[data-state="asleep"]', { hasText: 'Bea' })).toContainText('asleep', { timeout: 40_000 });
  await snap(ana.page, testInfo, 'bea-gone');
  await ana.context.close();
});

test('offline play merges when the network returns, and the other player sees it', async ({ browser }, testInfo) => {
  // A connection that goes silent is noticed by y-websocket's 30 s message timeout.
  test.setTimeout(150_000);
  const ana = await player(browser, 'Ana');
  const bea = await player(browser, 'Bea');
  await openGame(ana.page);
  await play(ana.page, 'e');
  await openGame(bea.page, ana.page.url());
  await play(bea.page, 'e');
  await expect(players(ana.page).locator('li[data-state="here"]', { hasText: 'Bea' })).toBeVisible();
  await expect(inThisRoom(ana.page)).toContainText('kelp cord×2');

  await bea.context.setOffline(true);
  // The browser says the network is gone; the indicator follows within a moment (the socket's own
  // 30 s silence timeout is not waited for).
  await expect(connection(bea.page)).toHaveAttribute('data-connection', 'offline', { timeout: 5_000 });
  expect(await play(bea.page, 'take kelp cord')).toContain('You take the kelp cord');
  expect(await play(bea.page, 'take flint knife')).toContain('You take the flint knife');
  // Meanwhile Ana, online, takes the same knife: the merge must leave it with exactly one of them.
  expect(await play(ana.page, 'take flint knife')).toContain('You take the flint knife');
  await expect(connection(bea.page)).not.toHaveAttribute('data-pending', '0');
  await expect(connection(bea.page)).toContainText('waiting to sync');
  await snap(bea.page, testInfo, 'offline-bea');
  // Ana has not heard of it yet.
  await expect(inThisRoom(ana.page)).toContainText('kelp cord×2');

  await bea.context.setOffline(false);
  await expect(connection(bea.page)).toHaveAttribute('data-connection', 'synced', { timeout: 40_000 });
  await expect(connection(bea.page)).toHaveAttribute('data-pending', '0');
  await expect(log(ana.page)).toContainText(/Bea takes a kelp cord/);
  await expect(inThisRoom(ana.page)).not.toContainText('kelp cord×2');
  const holds = async (page: Page) => (await pack(page).getByText('flint knife').count()) > 0;
  await expect.poll(async () => [await holds(ana.page), await holds(bea.page)].filter(Boolean).length).toBe(1);
  await expect(connection(ana.page)).toHaveAttribute('data-pending', '0');
  const loser = (await holds(ana.page)) ? bea.page : ana.page;
  // The loser took it in their own view, so the merge tells them, as a revision.
  await expect(log(loser).locator('.revision').first()).toContainText('reached the flint knife first');
  await snap(ana.page, testInfo, 'merged-ana');
  await snap(bea.page, testInfo, 'merged-bea');
  // Bea closes her browser: her character stays in the room, asleep, as the story says.
  await bea.context.close();
  await expect(inThisRoom(ana.page).locator('li', { hasText: 'Bea' })).toContainText('asleep', { timeout: 40_000 });
  // And the story says so the next time Ana looks: nobody is playing Bea now. (Ana's own link must
  // be synced for her client to know who is awake; on a loaded machine her socket may be reconnecting.)
  await expect(connection(ana.page)).toHaveAttribute('data-connection', 'synced', { timeout: 40_000 });
  expect(await play(ana.page, 'look')).toContain('Bea is here, fast asleep.');
  await snap(ana.page, testInfo, 'bea-asleep');
  await ana.context.close();
});

test('a name being typed in Settings survives a friend talking meanwhile', async ({ browser }) => {
  const ana = await player(browser, 'Ana');
  const bea = await player(browser, 'Bea');
  await openGame(ana.page);
  await expect(connection(ana.page)).toHaveAttribute('data-connection', 'synced');
  const link = await shareLink(ana.page);
  await openGame(bea.page, link);
  await expect(players(ana.page).locator('li', { hasText: 'Bea' })).toBeVisible();

  await ana.page.getByRole('button', { name: 'Settings' }).click();
  const dialog = ana.page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Display name').fill('Mira');
  // Bea's words reach Ana's world while her dialog is open: a new observation, not a new name.
  await play(bea.page, 'say hello there');
  await expect(log(ana.page)).toContainText(/Bea says.*hello there/i);
  await expect(dialog.getByLabel('Display name')).toHaveValue('Mira');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(lastEntry(ana.page)).toContainText('Mira');
  await expect(side(ana.page).getByRole('heading', { name: /Mira/ })).toBeVisible();
  await ana.context.close();
  await bea.context.close();
});

test('a second tab of the same player watches the world live instead of writing', async ({ page, context }, testInfo) => {
  await openGame(page);
  await play(page, 'e');
  const second = await context.newPage();
  await second.goto(page.url());
  await expect(second.getByRole('status').filter({ hasText: 'Watching.' })).toBeVisible();
  await expect(lastEntry(second).getByRole('heading', { name: 'Net Sheds' })).toBeVisible();

  // The writing tab plays; the watching tab follows it.
  await play(page, 'take kelp cord');
  await expect(side(second).getByRole('list', { name: 'Pack contents' })).toContainText('kelp cord', { timeout: 15_000 });
  expect(await play(second, 'take kelp cord')).toContain('only watches');
  await snap(second, testInfo, 'watching-tab');

  // Closing the writing tab hands the world to the watching one.
  await page.close();
  await expect(second.getByRole('status').filter({ hasText: 'Watching.' })).toHaveCount(0, { timeout: 15_000 });
  expect(await play(second, 'take kelp cord')).toContain('You take the kelp cord');
  await expect(prompt(second)).toBeVisible();
});

test('a link naming another relay joins through it, and its Share link names it too', async ({ browser }) => {
  const ana = await player(browser, 'Ana');
  await openGame(ana.page);
  await play(ana.page, 'e');
  // The same relay reached under another name: to a page on localhost it is "another host".
  const base = new URL(ana.page.url());
  const relay = `ws://127.0.0.1:${base.port}/`;
  const link = `http://localhost:${base.port}/${base.hash}?relay=${encodeURIComponent(relay)}`;
  const bea = await player(browser, 'Bea');
  await openGame(bea.page, link);
  await expect(connection(bea.page)).toHaveAttribute('data-connection', 'synced');
  await expect(players(bea.page)).toContainText('Ana');
  expect(await shareLink(bea.page)).toBe(link);
  await play(bea.page, 'e');
  await expect(log(ana.page)).toContainText('Bea arrives from the west.');
  // Reopened from the worlds list (no ?relay= in the address), the world still uses that relay.
  await bea.page.goto(`http://localhost:${base.port}/`);
  await expect(prompt(bea.page)).toBeFocused();
  expect(bea.page.url()).toBe(link);
  await expect(connection(bea.page)).toHaveAttribute('data-connection', 'synced');
  await ana.context.close();
  await bea.context.close();
});

test('a link to a world nobody has says so, and makes no world', async ({ page }) => {
  await page.goto(`/#/w/${'Q'.repeat(43)}`);
  await expect(page.getByRole('alert')).toContainText('No world was found at this link');
  await expect(prompt(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Worlds' }).click();
  await expect(page.getByRole('dialog').getByRole('listitem')).toHaveCount(0);
});

test('a world made with another version of the content says so, calmly', async ({ page }, testInfo) => {
  // A terminal client with edited content makes the world through this relay; the page runs the real content.
  const root = resolve(import.meta.dirname, '..');
  const tmp = mkdtempSync(join(tmpdir(), 'vetrellis-e2e-version-'));
  try {
    const content = join(tmp, 'content');
    cpSync(join(root, 'content/vetrellis'), content, { recursive: true });
    const world = join(content, 'world.yaml');
    writeFileSync(world, readFileSync(world, 'utf8').replace('Nobody came to meet the boat.', 'Nobody came to meet the boat at all.'));
    const port = process.env.E2E_PORT; // the relay Playwright started (see playwright.config.ts)
    const cli = spawnSync(join(root, 'node_modules/.bin/tsx'), [
      'src/cli/main.ts', '--json', '--world', join(tmp, 'cy'), '--relay', `ws://127.0.0.1:${port}`, '--name', 'Cy', '--content', content,
    ], { cwd: root, input: 'look\n', encoding: 'utf8', timeout: 60_000 });
    expect(cli.status, cli.stderr).toBe(0);
    const link = (JSON.parse(cli.stdout.trim().split('\n')[0]!) as { observation: { world: { link: string } } }).observation.world.link;

    await openGame(page, link);
    await expect(page.getByRole('status').filter({ hasText: 'This world was made with a different version of Vetrellis. Some things may not match for everyone.' })).toBeVisible();
    // Still the same world, played as usual.
    expect(await play(page, 'look')).toContain('Cy is here, fast asleep.');
    await snap(page, testInfo, 'content-mismatch');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
