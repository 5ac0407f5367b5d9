/**
 * The tests' `test`: Playwright's, with every page in the isle's morning. The isle keeps hours
 * (src/engine/clock.ts: the net sheds are barred at night, the lynx hunts the forest after dark,
 * Bram's forge shuts), and the web app's game time is the machine's clock, so a test run at the
 * wrong minutes of a twenty-minute day would meet a barred door. Each context's clock starts a
 * minute into a game day and then runs as usual (Playwright's clock emulation).
 *
 *   import { expect, test } from './fixtures.ts';
 *   await inTheMorning(await browser.newContext());   // for a context a test makes itself
 */
import { test as base, type BrowserContext } from '@playwright/test';

export { expect } from '@playwright/test';

/** content/vetrellis/world.yaml `dayLengthMs`: a game day, starting at dawn. */
const DAY_MS = 1_200_000;

/** Start `context`'s clock a minute into the current game day: about thirteen minutes before night. */
export async function inTheMorning(context: BrowserContext): Promise<BrowserContext> {
  await context.clock.install({ time: Math.floor(Date.now() / DAY_MS) * DAY_MS + 60_000 });
  return context;
}

export const test = base.extend({
  context: async ({ context }, use) => {
    await use(await inTheMorning(context));
  },
});
