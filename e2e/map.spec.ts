// The map names the rooms you know, writes in/out/up/down on their exits, and walks you to a room
// you click, by typing "go to <room>" into the story (the walk is GO TO's).
import { expect, test } from './fixtures.ts';
import { lastEntry, log, openGame, play, side, snap } from './helpers.ts';

test('the map names known rooms, shows "in" and "out", and a click types "go to" the room', async ({ page }, testInfo) => {
  await openGame(page);
  await play(page, 'e');
  await play(page, 'w');
  await play(page, 'in');
  const map = side(page).getByRole('figure');
  // Every room explored, by name, beside the map; you are marked where you stand.
  const known = map.getByRole('list', { name: /Rooms you know/ });
  await expect(known.first()).toBeVisible();
  const names = (await known.allInnerTexts()).join(' ');
  expect(names).toContain('Harbor of Vetrellis');
  expect(names).toContain('Net Sheds');
  const here = map.locator('[aria-current="location"]');
  await expect(here).toHaveCount(1);
  const office = (await here.innerText()).replace(/^\d+\s*/, '');
  await expect(lastEntry(page).getByRole('heading', { name: office })).toBeVisible();
  // The way in is written as such on the map, both ways.
  await expect(map.locator('svg text[data-exit="in"]')).toHaveCount(1);
  await expect(map.locator('svg text[data-exit="out"]')).toHaveCount(1);
  await snap(page, testInfo, 'map');

  // A click on a room on the map types the walk into the story.
  await map.locator('svg g[data-room]', { has: page.locator('title', { hasText: 'Net Sheds' }) }).click();
  await expect(log(page).locator('.cmd').last()).toHaveText(/go to Net Sheds$/);
  // ... and the walk gets there, out of the office and east across the harbor.
  await expect(lastEntry(page).getByRole('heading', { name: 'Net Sheds' })).toBeVisible();
  await expect(map.locator('[aria-current="location"]')).toContainText('Net Sheds');
  // So does the room's name beside the map (a button, for the keyboard).
  await map.getByRole('button', { name: /Harbor of Vetrellis/ }).click();
  await expect(log(page).locator('.cmd').last()).toHaveText(/go to Harbor of Vetrellis$/);
  await expect(lastEntry(page).getByRole('heading', { name: 'Harbor of Vetrellis' })).toBeVisible();
  await expect(map.locator('[aria-current="location"]')).toContainText('Harbor of Vetrellis');
});
