// The Journal panel beside the story (issue 17): the quest under way and what it asks, ticked off
// as the player does it; JOURNAL typed answers in the story and changes nothing.
import { expect, test } from './fixtures.ts';
import { lastEntry, openGame, play, side } from './helpers.ts';

test('the Journal panel shows the quest, ticks the objective done, and JOURNAL answers in the story', async ({ page }) => {
  await openGame(page);
  const journal = side(page).getByRole('list', { name: 'Quests under way' });
  await expect(journal).toContainText('Nobody Met the Boat');
  await expect(journal).toContainText("Look in at the harbormaster's office (to do)");
  await play(page, 'in');
  await expect(lastEntry(page)).toContainText('An open ledger, a cold lamp');
  await expect(journal).toContainText('Ask Mother Hesk at the Anchor Inn about the harbormaster (to do)');
  await play(page, 'journal');
  await expect(lastEntry(page)).toContainText('[ ] Ask Mother Hesk at the Anchor Inn about the harbormaster');
});
