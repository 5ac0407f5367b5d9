// The web app on a phone: the first screen shows where you are and the way on, above the pinned
// HP/MP/SP strip, however long the arrival's prologue.
import { expect, test } from './fixtures.ts';
import { type Locator } from '@playwright/test';
import { lastEntry, log, openGame, snap } from './helpers.ts';

/** The element is inside the story's scrolled box, not clipped by it nor drawn under the strip. */
async function inView(line: Locator): Promise<boolean> {
  return line.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const story = el.closest('[role="log"]')!.getBoundingClientRect();
    const x = box.left + Math.min(20, box.width / 2);
    const onTop = (y: number) => el.contains(document.elementFromPoint(x, y));
    return box.top >= story.top && box.bottom <= story.bottom && onTop(box.top + 2) && onTop(box.bottom - 2);
  });
}

for (const [width, height] of [[390, 844], [360, 640]] as const) {
  test(`a ${width}x${height} phone's first screen shows the room's name and its exits`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width, height });
    await openGame(page);
    const exits = lastEntry(page).locator('p.exits');
    await expect(exits).toHaveText(/^You can go /);
    expect(await inView(exits)).toBe(true);
    expect(await inView(lastEntry(page).getByRole('heading', { name: 'Harbor of Vetrellis' }))).toBe(true);
    // The prologue above is still there, a scroll away.
    await expect(log(page)).toContainText('The ferry leaves');
    await snap(page, testInfo, `first-screen-${width}x${height}`);
  });
}
