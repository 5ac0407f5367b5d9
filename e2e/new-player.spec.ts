// A new player opens the page and plays the isle's first loop through the prompt alone:
// look, take, gather, craft, equip, fight, drink a potion. The side panel follows along.
import { expect, test } from './fixtures.ts';
import { loadContentDir } from '../src/content/node-load.ts';
import { log, openGame, play, prompt, snap } from './helpers.ts';

test('a new player looks, takes, gathers, crafts, equips, fights and drinks a potion', async ({ page }, testInfo) => {
  await openGame(page);
  // A new world's play key: P, its secret, then the player's own public key (they own the world they made).
  await expect(page).toHaveURL(/#\/w\/E[A-Za-z0-9_-]{86}$/);
  await expect(log(page).getByRole('heading', { name: 'Harbor of Vetrellis' })).toBeVisible();
  await snap(page, testInfo, 'first-screen');

  expect(await play(page, 'look')).toContain('Harbor of Vetrellis');

  // Take: kelp cord from the net sheds, a healing draught from the harbormaster's office.
  expect(await play(page, 'east')).toContain('Net Sheds');
  expect(await play(page, 'take the kelp cord')).toContain('You take the kelp cord');
  await play(page, 'west');
  expect(await play(page, 'in')).toContain("Harbormaster's Office");
  expect(await play(page, 'take draught')).toContain('You take the healing draught');
  await play(page, 'out');
  expect(await play(page, 'w')).toContain('Driftwood Beach');

  // Gather and craft.
  expect(await play(page, 'gather driftwood')).toMatch(/You gather .*driftwood/);
  await play(page, 'gather driftwood');
  expect(await play(page, 'gather flint')).toMatch(/You gather .*flint/);
  expect(await play(page, 'craft flint spear')).toContain('You craft a flint spear');

  // Equip: the equipment panel shows it in the main hand.
  expect(await play(page, 'wield spear')).toContain('flint spear');
  const side = page.getByRole('complementary', { name: 'Character' });
  await expect(side.locator('.slot', { hasText: 'Main hand' })).toContainText('flint spear');

  // Fight the tide crab until it falls.
  let fight = '';
  for (let round = 0; round < 12 && !/You gain \d+ EXP/.test(fight); round++) fight = await play(page, 'attack crab');
  // The crab's own end, from content, then the reward.
  expect(fight).toContain('The tide crab folds its legs under it and lies still');
  expect(fight).toMatch(/You gain \d+ EXP/);
  const level = side.getByRole('meter', { name: /Level 1/ });
  await expect(level).toHaveAttribute('aria-valuenow', /[1-9]/);
  // The first level needs 20 EXP however much of it is earned.
  await expect(level).toHaveAttribute('aria-valuetext', /^\d+ \/ 20 EXP$/);
  await snap(page, testInfo, 'after-fight');

  // Drink the potion.
  expect(await play(page, 'drink potion')).toContain('You drink the healing draught');
  await expect(side.getByRole('list', { name: 'Pack contents' })).not.toContainText('healing draught');

  // The pack shows its weight as kilograms of the limit, and its slot count.
  await expect(side.getByRole('meter', { name: 'Load' })).toHaveAttribute('aria-valuetext', /^\d+\.\d \/ 20\.0 kg$/);
  await expect(side.getByText(/\d+ of 12 slots/)).toBeVisible();
  // The map has every room visited, with the current one marked.
  await expect(side.locator('svg .room')).toHaveCount(4);
  await expect(side.locator('svg .room.current')).toHaveAttribute('data-room', 'driftwood-beach');
  await expect(prompt(page)).toBeFocused();
});

test('a disambiguation question is answered in the same box', async ({ page }) => {
  await openGame(page);
  await play(page, 'w');
  await play(page, 'gather driftwood');
  expect(await play(page, 'x driftwood')).toContain('Which do you mean');
  await expect(prompt(page)).toHaveAttribute('placeholder', /Answer/);
  await prompt(page).fill('sti');
  await prompt(page).press('Tab');
  await expect(prompt(page)).toHaveValue('stick ');
  expect(await play(page, await prompt(page).inputValue())).toContain('sea-bleached wood');
});

test('the page plays the same content as Node, and exits are buttons too', async ({ page }) => {
  await openGame(page);
  await expect(page.locator('html')).toHaveAttribute('data-content-version', loadContentDir().version);
  const exits = page.getByRole('complementary', { name: 'Character' }).getByRole('group', { name: 'Exits' });
  await exits.getByRole('button', { name: 'west' }).click();
  await expect(log(page).getByRole('heading', { name: 'Driftwood Beach' })).toBeVisible();
  await expect(prompt(page)).toBeFocused();
});

test('resting at the inn shows a buff with its turns left, counting down', async ({ page }, testInfo) => {
  await openGame(page);
  await play(page, 'n');
  expect(await play(page, 'in')).toContain('Anchor Inn');
  expect(await play(page, 'rest')).toContain('rested');
  const effects = page.getByRole('complementary', { name: 'Character' }).getByRole('list', { name: 'Effects' });
  await expect(effects).toContainText(/rested\s+30 turns/);
  await play(page, 'wait');
  await expect(effects).toContainText(/rested\s+29 turns/);
  await snap(page, testInfo, 'rested');
});
