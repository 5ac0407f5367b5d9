// Moving the world from the web app (issue 19), four browsers through the real relay: Ana made
// the world and Bo and Cy play in it; Ana ticks Cy to leave behind and presses "Move world" in the
// Members dialog; Cy's page stays on the old link, frozen. Ana's and Bo's
// pages go to the new link (the address, the Share link and the Worlds list), and Bo is told in
// one line. Mal, who only ever had the old (leaked) link, opens it afterwards: the frozen copy,
// where her action is refused with a line that says why. The move carries nothing of the isle's
// state yet (the state transfer of issue 15 is not plugged in): the dialog says so.
import { expect, test } from './fixtures.ts';
import { connection, log, openGame, play, player, players } from './helpers.ts';

const keyOf = (url: string): string => /#\/w\/([A-Za-z0-9_-]+)/.exec(url)![1]!;

test('the owner moves the world from the Members dialog; a member follows, the old link opens a frozen copy', async ({ browser }) => {
  test.setTimeout(120_000);
  const ana = await player(browser, 'Ana');
  const bo = await player(browser, 'Bo');
  await openGame(ana.page);
  await expect(connection(ana.page)).toHaveAttribute('data-connection', 'synced');
  const oldLink = ana.page.url();
  await openGame(bo.page, oldLink);
  const cy = await player(browser, 'Cy');
  await openGame(cy.page, oldLink);
  await expect(players(ana.page)).toContainText('Bo');
  await expect(players(ana.page)).toContainText('Cy');

  // Only the owner is offered the move; the sentence says what it does, and that the state stays.
  await bo.page.getByRole('button', { name: 'Members' }).click();
  await expect(bo.page.getByRole('dialog', { name: 'Members' }).getByRole('button', { name: 'Move world' })).toHaveCount(0);
  await bo.page.keyboard.press('Escape');
  await ana.page.getByRole('button', { name: 'Members' }).click();
  const members = ana.page.getByRole('dialog', { name: 'Members' });
  await expect(members).toContainText('whoever holds only the old link');
  await expect(members).not.toContainText('does not move yet');
  // Ana leaves Cy behind.
  await members.getByRole('group', { name: 'Leave behind when moving' }).getByRole('checkbox', { name: 'Cy' }).check();
  ana.page.once('dialog', (d) => void d.accept());
  await members.getByRole('button', { name: 'Move world' }).click();
  await expect(log(ana.page)).toContainText('The world has moved to a new link');
  await expect(log(ana.page)).toContainText('1 member follows you there by themselves: Bo.');
  await expect(log(ana.page)).toContainText('Left behind: Cy (you left them out).');
  await expect.poll(() => keyOf(ana.page.url())).not.toBe(keyOf(oldLink));
  const newKey = keyOf(ana.page.url());

  // Bo's page follows by itself: told in one line, the address and his list of worlds name the new link.
  await expect(log(bo.page)).toContainText('your client follows it there');
  await expect.poll(() => keyOf(bo.page.url())).toBe(newKey);
  await bo.page.getByRole('button', { name: 'Worlds', exact: true }).click();
  const worlds = bo.page.getByRole('dialog', { name: 'Your worlds' });
  await expect(worlds.getByRole('textbox', { name: "This world's link" })).toHaveValue(new RegExp(`#/w/${newKey}`));
  // One entry: the world under its new link (the old link would only follow again).
  await expect(worlds.locator('ul.worlds > li')).toHaveCount(1);
  await bo.page.keyboard.press('Escape');
  expect(await play(bo.page, 'say we made it')).toContain('we made it');
  await expect(log(ana.page)).toContainText('we made it');

  // Mal only ever had the old link: a frozen copy; what she tries is refused, and says why.
  const mal = await player(browser, 'Mal');
  // Her join is refused like anything else there: the first screen says so.
  await mal.page.goto(oldLink);
  await expect(log(mal.page)).toContainText('This world has moved, and its maker did not give you the new link');
  expect(await play(mal.page, 'say let me in')).toContain('This world has moved, and its maker did not give you the new link');
  expect(keyOf(mal.page.url())).toBe(keyOf(oldLink));
  // Cy was left out: her page stays on the old link, frozen.
  await expect(log(cy.page)).toContainText("The isle's maker has moved this world to a new link");
  expect(keyOf(cy.page.url())).toBe(keyOf(oldLink));
  expect(await play(cy.page, 'say wait for me')).toContain('This world has moved, and its maker did not give you the new link');
  for (const p of [ana, bo, cy, mal]) await p.context.close();
});
