// A link is anyone's to write: opening `#/w/<a world you know>?relay=ws://elsewhere/` must not
// move that world to another relay (and upload all of it there) without asking. The app asks,
// naming the relay's host; "Cancel" keeps the world where it was, and only "OK" moves it.
import { expect, test } from './fixtures.ts';
import { type BrowserContext, type Page } from '@playwright/test';
import { connection, lastEntry, openGame, play, prompt } from './helpers.ts';

/** A relay address nothing listens on: a move there would be visible as a socket to it. */
const ELSEWHERE = 'ws://127.0.0.1:9/';

/** Opens `path` in a new tab, answering the app's question (if any) with `answer`; returns the questions asked and the sockets opened. */
async function openLink(context: BrowserContext, path: string, answer: 'accept' | 'dismiss'): Promise<{ page: Page; questions: string[]; sockets: string[] }> {
  const page = await context.newPage();
  const questions: string[] = [];
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  page.on('dialog', (dialog) => {
    questions.push(dialog.message());
    void (answer === 'accept' ? dialog.accept() : dialog.dismiss());
  });
  await page.goto(path);
  await expect(prompt(page)).toBeFocused();
  return { page, questions, sockets };
}

test('a link naming another relay for a known world asks first, and Cancel keeps the world where it was', async ({ page, context }) => {
  await openGame(page);
  await play(page, 'e');
  await expect(page.locator('[data-connection="synced"][data-pending="0"]')).toBeVisible();
  const key = /#\/w\/([A-Za-z0-9_-]+)/.exec(page.url())![1]!;
  const home = new URL(page.url()).host;
  await page.close();

  const kept = await openLink(context, `/#/w/${key}?relay=${encodeURIComponent(ELSEWHERE)}`, 'dismiss');
  expect(kept.questions).toHaveLength(1);
  expect(kept.questions[0]).toContain('to the relay at 127.0.0.1:9');
  expect(kept.questions[0]).toContain(`Cancel keeps it on ${home}`);
  await expect(lastEntry(kept.page).getByRole('heading', { name: 'Net Sheds' })).toBeVisible();
  await expect(kept.page.locator('[data-connection="synced"]')).toBeVisible();
  expect(kept.page.url()).toMatch(new RegExp(`#/w/${key}$`));
  expect(kept.sockets.some((url) => url.startsWith(ELSEWHERE))).toBe(false);
  await kept.page.close();

  // The same link once more, answered OK: now the world moves (the relay there is down).
  const moved = await openLink(context, `/#/w/${key}?relay=${encodeURIComponent(ELSEWHERE)}`, 'accept');
  expect(moved.questions).toHaveLength(1);
  await expect(connection(moved.page)).toHaveAttribute('data-connection', 'offline');
  expect(moved.page.url()).toContain(`?relay=${encodeURIComponent(ELSEWHERE)}`);
  await moved.page.close();

  // Its own link (the relay it now uses) asks nothing.
  const same = await openLink(context, `/#/w/${key}?relay=${encodeURIComponent(ELSEWHERE)}`, 'dismiss');
  expect(same.questions).toEqual([]);
});
