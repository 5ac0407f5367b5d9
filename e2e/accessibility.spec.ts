// Keyboard-only and screen-reader play (WCAG 2.2 AA): axe finds no serious or critical problem
// on the main screens (story, character sheet, dialogs, menus, the phone's drawer); the regions
// are named landmarks; the story is a focusable live log; dialogs hold focus and give it back.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures.ts';
import { type Page } from '@playwright/test';
import { log, openGame, pack, play, prompt, side } from './helpers.ts';

async function noSeriousViolations(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n')[1] ?? ''}`).join('\n  ')}`);
  expect(serious, `${screen}:\n${serious.join('\n')}`).toEqual([]);
}

test('axe finds nothing serious on the story, the sheet, the menus and the dialogs', async ({ page }) => {
  await openGame(page);
  await play(page, 'in');
  await play(page, 'take coat');
  await noSeriousViolations(page, 'story and character sheet');

  await pack(page).getByRole('button', { name: /oilskin coat/ }).click();
  await expect(side(page).getByRole('menu')).toBeVisible();
  await noSeriousViolations(page, 'an item menu');
  await page.keyboard.press('Escape');

  for (const [button, dialog] of [['Settings', 'Settings'], ['Worlds', 'Your worlds'], ['Members', 'Members']] as const) {
    await page.getByRole('button', { name: button, exact: true }).click();
    await expect(page.getByRole('dialog', { name: dialog })).toBeVisible();
    await noSeriousViolations(page, `the ${dialog} dialog`);
    await page.keyboard.press('Escape');
  }
  await side(page).getByRole('button', { name: 'Invite a companion' }).click();
  await expect(page.getByRole('dialog', { name: 'Invite a companion' })).toBeVisible();
  await noSeriousViolations(page, 'the companion dialog');
  await page.keyboard.press('Escape');
});

test('axe finds nothing serious on a phone, story and drawer, nor in the name question', async ({ browser, page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openGame(page);
  await noSeriousViolations(page, 'phone story');
  await page.getByRole('button', { name: 'Character' }).click();
  await expect(side(page)).toBeVisible();
  await noSeriousViolations(page, 'phone character drawer');

  const fresh = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await fresh.goto('/');
  await expect(fresh.getByRole('dialog', { name: 'Who comes ashore?' })).toBeVisible();
  await noSeriousViolations(fresh, 'the name question');
});

test('landmarks are named, the story is a focusable polite log, and Tab reaches every part', async ({ page }) => {
  await openGame(page);
  await play(page, 'e');
  await expect(page.getByRole('banner')).toBeVisible();
  await expect(page.getByRole('main')).toBeVisible();
  await expect(side(page)).toBeVisible();
  const story = log(page);
  await expect(story).toHaveAttribute('aria-live', 'polite');
  await expect(story).toHaveAccessibleName('Story');
  for (const region of ['Map', 'Equipment', 'Pack', 'Players']) {
    await expect(side(page).getByRole('region', { name: new RegExp(`^${region}`) })).toBeVisible();
  }

  // From the prompt, Tab walks on through the sheet (exits, the map's rooms) and Shift+Tab back
  // reaches the story itself, which the keyboard can then scroll.
  await prompt(page).focus();
  const reached = new Set<string>();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    reached.add(await page.evaluate(() => {
      const el = document.activeElement!;
      if (el.closest('[role="log"]')) return 'Story';
      return el.closest('section[aria-labelledby]')?.getAttribute('aria-labelledby') ?? el.closest('[aria-label]')?.getAttribute('aria-label') ?? el.tagName;
    }));
  }
  expect([...reached].join(' ')).toMatch(/Story/);
  expect([...reached].join(' ')).toMatch(/h-map/);
  expect([...reached].join(' ')).toMatch(/h-here/);
  await story.focus();
  await expect(story).toBeFocused();
  const before = await story.evaluate((el) => el.scrollTop);
  await play(page, 'look');
  await play(page, 'look');
  await story.focus();
  await page.keyboard.press('Home');
  await expect.poll(() => story.evaluate((el) => el.scrollTop)).toBeLessThan(Math.max(1, before + 1));
});

test('a dialog holds the focus while open and gives it back to the button that opened it', async ({ page }) => {
  await openGame(page);
  const opener = page.getByRole('button', { name: 'Worlds', exact: true });
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Your worlds' });
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
});
