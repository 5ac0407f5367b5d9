// An NPC's gift carried across a zone border (issue 12): the gift must stay in the pack, the
// character must survive the crossing and a reload, and a friend on the share link must see them.
// Before the fix, the crossing after Ysolde's gift answered "Something went wrong inside the game",
// blanked the side panel, and a reload brought back a fresh level-1 character with an empty pack.
import { expect, test } from './fixtures.ts';
import { type Page } from '@playwright/test';
import { connection, lastEntry, log, openGame, pack, play, player, players, prompt, side, snap } from './helpers.ts';

/** The name heading of the character sheet (empty when the sheet has no character to show). */
const sheetName = (page: Page) => side(page).locator('#h-vitals > span').first();
/** The room the story last described: the newest room heading in the story. */
const room = (page: Page) => log(page).getByRole('heading').last();

/** The island's introduction, told once to a new player. */
const INTRO = 'The ferry leaves before the gangplank is fully stowed';

/** What the page showed when a crossing lost the character; none of it may ever appear. */
async function expectNoFailure(page: Page): Promise<void> {
  await expect(page.getByText(/Something went wrong/)).toHaveCount(0);
  await expect(page.getByText(/not in this part of the world/)).toHaveCount(0);
}

/** Plays a move and checks the story arrived at `place`, with no failure anywhere. */
async function go(page: Page, dir: string, place: string): Promise<string> {
  const text = await play(page, dir);
  expect(text, `"${dir}" should lead to ${place}`).toContain(place);
  await expect(room(page)).toHaveText(place);
  await expectNoFailure(page);
  return text;
}

/** Copies the world link with the Share button and reads it back from the clipboard. */
async function shareLink(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.getByRole('button', { name: 'Link copied' })).toBeVisible();
  return page.evaluate(() => navigator.clipboard.readText());
}

test("Ysolde's draught crosses to the harbor, survives a reload, and a friend sees its owner", async ({ browser }, testInfo) => {
  const ana = await player(browser, 'Ana');
  await openGame(ana.page);
  await expect(connection(ana.page)).toHaveAttribute('data-connection', 'synced');
  await expect(log(ana.page)).toContainText(INTRO);
  await expect(sheetName(ana.page)).toHaveText('Ana');

  // The path of issue 12, typed as a player types it.
  await go(ana.page, 'n', 'Village Square');
  await go(ana.page, 'e', "Alchemist's House");
  const gift = await play(ana.page, 'ask ysolde about help');
  expect(gift).toContain('one draught on the house');
  expect(gift).toContain('Ysolde gives you a healing draught.');
  await expect(pack(ana.page)).toContainText('healing draught');
  await go(ana.page, 'w', 'Village Square');
  // The crossing back into the Harbor: the move that used to fail.
  await go(ana.page, 's', 'Harbor of Vetrellis');
  await expect(sheetName(ana.page)).toHaveText('Ana');
  await expect(pack(ana.page)).toContainText('healing draught');
  await expect(side(ana.page).getByRole('meter', { name: /Level 1/ })).toBeVisible();
  // Commands after the crossing still play in the Harbor.
  expect(await play(ana.page, 'i')).toContain('healing draught');
  expect(await play(ana.page, 'look')).toContain('Harbor of Vetrellis');
  await expectNoFailure(ana.page);
  await snap(ana.page, testInfo, 'after-crossing');

  // Reload once everything is saved and synced: the same character comes back, not a new one.
  await expect(connection(ana.page)).toHaveAttribute('data-connection', 'synced');
  await expect(connection(ana.page)).toHaveAttribute('data-pending', '0');
  const url = ana.page.url();
  await ana.page.reload();
  await expect(prompt(ana.page)).toBeFocused();
  expect(ana.page.url()).toBe(url);
  await expect(log(ana.page).getByRole('separator')).toHaveText(/You return to the isle/);
  await expect(lastEntry(ana.page).getByRole('heading', { name: 'Harbor of Vetrellis' })).toBeVisible();
  // No second welcome: the introduction is the one from the first visit, above the return mark.
  await expect(lastEntry(ana.page)).not.toContainText(INTRO);
  await expect(lastEntry(ana.page)).not.toContainText('You step onto Vetrellis Isle');
  await expect(log(ana.page).getByText(INTRO)).toHaveCount(1);
  await expect(sheetName(ana.page)).toHaveText('Ana');
  await expect(pack(ana.page)).toContainText('healing draught');
  // The map remembers the village: the square and the alchemist's house were visited.
  await expect(side(ana.page).locator('svg .room')).toHaveCount(3);
  await expect(side(ana.page).locator('svg .room.current')).toHaveAttribute('data-room', 'harbor-quay');
  expect(await play(ana.page, 'i')).toContain('healing draught');
  await expectNoFailure(ana.page);
  await snap(ana.page, testInfo, 'after-reload');

  // A friend opens the share link through the relay, waits in the village square, and sees Ana come.
  const link = await shareLink(ana.page);
  const bea = await player(browser, 'Bea');
  await openGame(bea.page, link);
  await expect(connection(bea.page)).toHaveAttribute('data-connection', 'synced');
  await expect(players(bea.page).locator('li', { hasText: 'Ana' })).toBeVisible();
  await expect(players(ana.page).locator('li', { hasText: 'Bea' })).toBeVisible();
  await go(bea.page, 'n', 'Village Square');
  await expect(connection(bea.page)).toHaveAttribute('data-pending', '0');

  await go(ana.page, 'n', 'Village Square');
  await expect(pack(ana.page)).toContainText('healing draught');
  await expect(log(bea.page)).toContainText('Ana arrives from the south.');
  await expect(players(bea.page).locator('li[data-state="here"]', { hasText: 'Ana' })).toBeVisible();
  await expect(players(ana.page).locator('li[data-state="here"]', { hasText: 'Bea' })).toBeVisible();
  expect(await play(bea.page, 'look')).toMatch(/^Ana is here\.$/m);
  expect(await play(ana.page, 'look')).toMatch(/^Bea is here\.$/m);
  await snap(ana.page, testInfo, 'square-ana');
  await snap(bea.page, testInfo, 'square-bea');

  // Ysolde's gift is once per player: the reloaded, twice-crossed character is the one who had it.
  await go(ana.page, 'e', "Alchemist's House");
  await expect(log(bea.page)).toContainText('Ana goes east.');
  const again = await play(ana.page, 'ask ysolde about help');
  expect(again).toContain('Ysolde says');
  expect(again).not.toContain('gives you');
  await expect(pack(ana.page).locator('li', { hasText: 'healing draught' })).not.toContainText('×');
  for (const p of [ana.page, bea.page]) await expectNoFailure(p);
  await ana.context.close();
  await bea.context.close();
});

test("Mother Hesk's biscuits cross into the forest and back, and her gift stays given", async ({ browser }, testInfo) => {
  const ana = await player(browser, 'Ana');
  await openGame(ana.page);
  await expect(connection(ana.page)).toHaveAttribute('data-connection', 'synced');

  await go(ana.page, 'n', 'Village Square');
  await go(ana.page, 'in', 'Anchor Inn');
  const gift = await play(ana.page, 'ask hesk about food');
  expect(gift).toContain('Two biscuits, and mind your teeth.');
  expect(gift).toMatch(/Mother Hesk gives you (two|2) sea biscuits\./);
  await expect(pack(ana.page).locator('li', { hasText: 'sea biscuit' })).toContainText('×2');
  await go(ana.page, 'out', 'Village Square');

  // Into the Forest and back into the Village: two crossings with the gift in the pack.
  await go(ana.page, 'n', 'Forest Edge');
  await expect(sheetName(ana.page)).toHaveText('Ana');
  await expect(pack(ana.page).locator('li', { hasText: 'sea biscuit' })).toContainText('×2');
  await go(ana.page, 's', 'Village Square');
  await expect(pack(ana.page).locator('li', { hasText: 'sea biscuit' })).toContainText('×2');

  // The gift was recorded as given, and that record crossed too: asking again gives nothing more.
  await go(ana.page, 'in', 'Anchor Inn');
  const again = await play(ana.page, 'ask hesk about food');
  expect(again).toContain('Mother Hesk says');
  expect(again).not.toContain('gives you');
  await expect(pack(ana.page).locator('li', { hasText: 'sea biscuit' })).toContainText('×2');

  // The biscuits are real: one can be eaten after the crossings.
  expect(await play(ana.page, 'eat biscuit')).toMatch(/You eat the sea biscuit/);
  await expect(pack(ana.page).locator('li', { hasText: 'sea biscuit' })).not.toContainText('×');
  await go(ana.page, 'out', 'Village Square');
  await go(ana.page, 's', 'Harbor of Vetrellis');
  await expect(pack(ana.page)).toContainText('sea biscuit');
  expect(await play(ana.page, 'i')).toContain('sea biscuit');
  await expectNoFailure(ana.page);
  await snap(ana.page, testInfo, 'biscuits-home');
  await ana.context.close();
});
