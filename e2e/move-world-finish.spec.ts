// Finishing a move from the web app (issue 19), four browsers through the real relay: Ana made
// the world, Bo and Cy play in it. As Ana presses "Move world" (leaving Cy behind) her browser
// cannot reach the relay for the new world's documents, so the move stops halfway: the old isle is
// frozen, nobody follows yet, and Bo's actions there are refused. Ana's page is reloaded halfway
// (the move's memory must outlive it: move-memory.ts), the relay is reachable again, and "Finish
// moving" in the Members dialog finishes the same move without asking anything: Ana and Bo go to
// the new link, Cy (still left out) and Mal (who only ever had the old link) find a frozen copy.
import { type BrowserContext } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { connection, log, openGame, play, player, players } from './helpers.ts';

const keyOf = (url: string): string => /#\/w\/([A-Za-z0-9_-]+)/.exec(url)![1]!;
const FROZEN_HERE = 'This world has moved, and its maker did not give you the new link';

/**
 * Ana's way to the relay: once `cutOff()` is called, rooms her browser had not opened by then
 * cannot be reached (their sockets close at once, as when the relay is out of reach), but for the
 * first one opened after (the new world's root, as moving makes it first): the old world and the
 * new world's root are written, the new world's zones are not. `restore()` lets everything through.
 */
async function gatedRelay(context: BrowserContext): Promise<{ cutOff(): void; restore(): void }> {
  const seen = new Set<string>();
  let cut = false;
  let allowOne = false;
  await context.routeWebSocket(/\/vetrellis-[0-9a-f]+/, (ws) => {
    const room = new URL(ws.url()).pathname.slice(1);
    if (cut && !seen.has(room)) {
      if (!allowOne) return void ws.close({ code: 1013, reason: 'out of reach (test)' });
      allowOne = false;
    }
    seen.add(room);
    ws.connectToServer();
  });
  return {
    cutOff: () => {
      cut = true;
      allowOne = true;
    },
    restore: () => {
      cut = false;
    },
  };
}

test('a move cut short halfway is finished from the Members dialog after a reload; members follow, the old link stays frozen', async ({ browser }) => {
  test.setTimeout(180_000);
  const ana = await player(browser, 'Ana');
  const gate = await gatedRelay(ana.context);
  await openGame(ana.page);
  await expect(connection(ana.page)).toHaveAttribute('data-connection', 'synced');
  const oldLink = ana.page.url();
  const oldKey = keyOf(oldLink);
  const bo = await player(browser, 'Bo');
  await openGame(bo.page, oldLink);
  const cy = await player(browser, 'Cy');
  await openGame(cy.page, oldLink);
  await expect(players(ana.page)).toContainText('Bo');
  await expect(players(ana.page)).toContainText('Cy');

  // The move, with the relay out of reach for the new world's parts: halfway.
  gate.cutOff();
  await ana.page.getByRole('button', { name: 'Members' }).click();
  let members = ana.page.getByRole('dialog', { name: 'Members' });
  await members.getByRole('group', { name: 'Leave behind when moving' }).getByRole('checkbox', { name: 'Cy' }).check();
  ana.page.once('dialog', (d) => void d.accept());
  await members.getByRole('button', { name: 'Move world' }).click();
  await expect(log(ana.page)).toContainText('The old isle is frozen, but what happened on it could not be carried to the new link yet', { timeout: 60_000 });
  expect(keyOf(ana.page.url())).toBe(oldKey);
  // The old isle is frozen for Bo already, and nobody has followed yet.
  await expect.poll(() => play(bo.page, 'say anyone there'), { timeout: 20_000 }).toContain(FROZEN_HERE);
  expect(keyOf(bo.page.url())).toBe(oldKey);

  // Ana's page is reloaded halfway; the relay is back.
  await ana.page.reload();
  await expect(log(ana.page).getByRole('heading').first()).toBeVisible();
  gate.restore();
  await ana.page.getByRole('button', { name: 'Members' }).click();
  members = ana.page.getByRole('dialog', { name: 'Members' });
  await expect(members).toContainText('A move of this world stopped halfway');
  await members.getByRole('button', { name: 'Finish moving' }).click();
  // The same move: Cy is still left out, and nothing asks whom to leave behind.
  await expect(log(ana.page)).toContainText('The move is finished.', { timeout: 60_000 });
  await expect(log(ana.page)).toContainText('1 member follows you there by themselves: Bo.');
  await expect(log(ana.page)).toContainText('Left behind: Cy (you left them out).');
  await expect(log(ana.page)).not.toContainText('does not know whom you meant to leave behind');
  await expect.poll(() => keyOf(ana.page.url())).not.toBe(oldKey);
  const newKey = keyOf(ana.page.url());

  // Bo's page follows by itself, with his character, and plays on with Ana at the new link.
  await expect(log(bo.page)).toContainText('your client follows it there', { timeout: 30_000 });
  await expect.poll(() => keyOf(bo.page.url())).toBe(newKey);
  expect(await play(bo.page, 'say we made it')).toContain('we made it');
  await expect(log(ana.page)).toContainText('we made it');

  // The old link: Cy stays there, frozen; Mal, who only ever had it, finds the frozen copy.
  expect(keyOf(cy.page.url())).toBe(oldKey);
  expect(await play(cy.page, 'say wait for me')).toContain(FROZEN_HERE);
  const mal = await player(browser, 'Mal');
  await mal.page.goto(oldLink);
  await expect(log(mal.page)).toContainText(FROZEN_HERE);
  expect(keyOf(mal.page.url())).toBe(oldKey);
  for (const p of [ana, bo, cy, mal]) await p.context.close();
});
