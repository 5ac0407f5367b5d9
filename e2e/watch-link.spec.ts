// A watch link in the web app (issue 19, docs/links.md): Ana copies her world's watch link from the
// Share control; Wendel opens it in another browser and follows the story as it happens under a
// watching banner, but whatever he types is refused with words that say how to play.
import { expect, test } from './fixtures.ts';
import { connection, log, openGame, play, player, players, prompt } from './helpers.ts';

test('a watch link opened in a second browser follows the world and cannot act', async ({ browser }) => {
  const ana = await player(browser, 'Ana');
  const wendel = await player(browser, 'Wendel');
  await openGame(ana.page);
  await expect(connection(ana.page)).toHaveAttribute('data-connection', 'synced');
  await ana.page.getByRole('button', { name: 'Watch link' }).click();
  await expect(ana.page.getByRole('button', { name: 'Watch link copied' })).toBeVisible();
  const watch = await ana.page.evaluate(() => navigator.clipboard.readText());
  expect(watch).toMatch(/#\/w\/V[A-Za-z0-9_-]{129}$/);
  expect(watch).not.toBe(ana.page.url());

  await wendel.page.goto(watch);
  await expect(prompt(wendel.page)).toBeVisible();
  await expect(wendel.page.getByRole('status').filter({ hasText: 'watch link' })).toContainText('Ask its owner for the play link to join.');
  await expect(log(wendel.page)).toContainText('You are watching this world through its watch link');

  // Beside the story: who is where (the watcher is not among them: he has no character).
  await expect(players(wendel.page)).toContainText('Ana');
  await expect(players(wendel.page)).not.toContainText('Wendel');
  await play(ana.page, 'say the tide is turning');
  await expect(log(wendel.page)).toContainText('Ana says, "the tide is turning"');

  expect(await play(wendel.page, 'take flint knife')).toContain('You are watching this world; ask its owner for the play link to join.');
  // Nothing of Wendel's reached the world: Ana's players list has no Wendel.
  expect(await play(ana.page, 'who')).not.toContain('Wendel');
  await ana.context.close();
  await wendel.context.close();
});
