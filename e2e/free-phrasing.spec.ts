// The language-model path in the page, with a stand-in engine (no weights, no WebGPU): a phrase
// the rule parser does not know becomes a valid intent; an invalid reply falls back; commands the
// rule parser knows never reach the model.
import { expect, test } from './fixtures.ts';
import { openGame, play, snap } from './helpers.ts';

declare global {
  interface Window {
    vetrellisTest: { useEngine(engine: { name: string; complete(messages: unknown, options: unknown): Promise<string> }): Promise<void> };
    modelCalls: number;
  }
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('vetrellis:test-hooks', '1'));
});

test('a phrase the rule parser does not know is read by the model; a bad reply falls back', async ({ page }) => {
  await openGame(page);
  await play(page, 'e');
  await page.evaluate(async () => {
    window.modelCalls = 0;
    await window.vetrellisTest.useEngine({
      name: 'stand-in',
      complete: async (messages) => {
        window.modelCalls += 1;
        const text = JSON.stringify(messages);
        if (text.includes('pocket the cord')) return JSON.stringify({ intents: [{ kind: 'take', target: 'kelp-cord', qty: null }] });
        if (text.includes('juggle')) return 'I am not JSON';
        return JSON.stringify({ intents: [{ kind: 'take', target: 'no-such-thing' }] });
      },
    });
  });

  const taken = await play(page, 'pocket the cord');
  expect(taken).toContain('You take the kelp cord');
  expect(taken).toContain('read by the language model');

  const bad = await play(page, 'juggle the nets');
  expect(bad).toContain('not JSON');
  expect(bad).not.toContain('You take');

  const before = await page.evaluate(() => window.modelCalls);
  expect(await play(page, 'look')).toContain('Net Sheds');
  expect(await page.evaluate(() => window.modelCalls)).toBe(before);
});

test('without WebGPU the option explains why it is off', async ({ page }, testInfo) => {
  await openGame(page);
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const option = dialog.getByRole('checkbox', { name: /Understand free phrasing/ });
  await expect(option).toBeDisabled();
  await expect(dialog.locator('#llm-reason')).toHaveText(/WebGPU|graphics adapter/);
  await snap(page, testInfo, 'settings-no-webgpu');
});
