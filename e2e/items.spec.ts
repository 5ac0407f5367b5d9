// Things in the pack and on the body act on a click or Enter: a small menu of the commands a
// player would type (drink, wear, remove, drop, examine), and the chosen one is typed into the
// story, so it is heard and can be replayed.
import { expect, test } from './fixtures.ts';
import { type Page } from '@playwright/test';
import { lastEntry, log, openGame, pack, play, prompt, side } from './helpers.ts';

const typed = (page: Page) => log(page).locator('.cmd').last();

test('a click on a carried thing offers what to do with it, and the choice is typed into the story', async ({ page }) => {
  await openGame(page);
  await play(page, 'in');
  await play(page, 'take coat');
  await play(page, 'take draught');

  // Mouse: the coat offers wear, drop and examine; wear types it.
  const coat = pack(page).getByRole('button', { name: /oilskin coat/ });
  await coat.click();
  const menu = side(page).getByRole('menu', { name: 'oilskin coat' });
  await expect(menu.getByRole('menuitem')).toHaveText(['wear', 'drop', 'examine']);
  await menu.getByRole('menuitem', { name: 'wear' }).click();
  await expect(typed(page)).toHaveText(/wear the oilskin coat$/);
  await expect(menu).toBeHidden();
  await expect(prompt(page)).toBeFocused();
  const worn = side(page).getByRole('region', { name: 'Equipment' });
  await expect(worn).toContainText('oilskin coat');

  // Keyboard: Enter opens the draught's menu on its first command (drink, as the content says),
  // arrows move, Escape closes back to the thing, Enter on a command types it.
  const draught = pack(page).getByRole('button', { name: /healing draught/ });
  await draught.focus();
  await page.keyboard.press('Enter');
  const drinkMenu = side(page).getByRole('menu', { name: 'healing draught' });
  await expect(drinkMenu.getByRole('menuitem', { name: 'drink' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(drinkMenu).toBeHidden();
  await expect(draught).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(drinkMenu.getByRole('menuitem', { name: 'examine' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(typed(page)).toHaveText(/examine the healing draught$/);
  await expect(lastEntry(page)).not.toContainText("can't see");

  // A worn thing offers remove.
  await worn.getByRole('button', { name: /oilskin coat/ }).click();
  await side(page).getByRole('menu', { name: 'oilskin coat' }).getByRole('menuitem', { name: 'remove' }).click();
  await expect(typed(page)).toHaveText(/remove the oilskin coat$/);
  await expect(pack(page)).toContainText('oilskin coat');
  // Typed into the story like anything else: the prompt's history holds it.
  await prompt(page).press('ArrowUp');
  await expect(prompt(page)).toHaveValue('remove the oilskin coat');
});
