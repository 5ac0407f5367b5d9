// Walks the whole isle through the prompt (a depth-first tour of the content's exits, going back
// the way it came) and checks the explored map grows with it; saves a screenshot of the map.
import { expect, test } from './fixtures.ts';
import { loadContentDir } from '../src/content/node-load.ts';
import { openGame, play, snap } from './helpers.ts';

const content = loadContentDir();

function tour(): { dir: string; to: string }[] {
  const steps: { dir: string; to: string }[] = [];
  const seen = new Set<string>([content.world.start]);
  const visit = (id: string) => {
    for (const exit of content.locations.get(id)!.exits) {
      if (seen.has(exit.to) || exit.lock) continue;
      const back = content.locations.get(exit.to)!.exits.find((x) => x.to === id && !x.lock);
      if (!back) continue;
      seen.add(exit.to);
      steps.push({ dir: exit.dir, to: exit.to });
      visit(exit.to);
      steps.push({ dir: back.dir, to: id });
    }
  };
  visit(content.world.start);
  return steps;
}

test('touring the isle fills in the map', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await openGame(page);
  const side = page.getByRole('complementary', { name: 'Character' });
  const rooms = new Set([content.world.start]);
  for (const step of tour()) {
    const text = await play(page, step.dir);
    if (!text.includes(content.locations.get(step.to)!.name)) continue; // a guard or a creature may bar the way
    rooms.add(step.to);
  }
  await expect(side.locator('svg .room')).toHaveCount(rooms.size);
  expect(rooms.size).toBeGreaterThan(10);
  await side.locator('figure').scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'explored-map');
  const map = side.locator('figure');
  await map.screenshot({ path: testInfo.outputPath('map.png') });
  await testInfo.attach('map', { path: testInfo.outputPath('map.png'), contentType: 'image/png' });
});
