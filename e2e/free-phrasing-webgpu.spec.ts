// With a (software) WebGPU adapter the option is offered; switching it on starts the real WebLLM
// loader in its worker. Model hosts are blocked here, so the download fails and says so; no
// weights are ever fetched by the tests.
import { expect, test } from './fixtures.ts';
import { openGame, snap } from './helpers.ts';

test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  },
});

test('switching free phrasing on runs the loader and reports a failed download', async ({ page, context }, testInfo) => {
  const blocked: string[] = [];
  await context.route(/huggingface\.co|hf\.co|raw\.githubusercontent\.com/, async (route) => {
    blocked.push(route.request().url());
    await new Promise((r) => setTimeout(r, 1500)); // long enough to see the progress bar
    return route.abort('internetdisconnected');
  });
  await openGame(page);
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const option = dialog.getByRole('checkbox', { name: /Understand free phrasing/ });
  const support = await page.evaluate(async () => {
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    return Boolean(gpu && (await gpu.requestAdapter()));
  });
  // Debian's Chromium gives a software adapter with --enable-unsafe-webgpu (TOOLCHAIN.md); if a
  // build stops doing so, this test must say so rather than pass without testing anything.
  expect(support, 'a WebGPU adapter with --enable-unsafe-webgpu').toBe(true);
  await expect(option).toBeEnabled();
  await option.check();
  await expect(dialog.getByRole('progressbar', { name: 'Model download' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await snap(page, testInfo, 'settings-downloading');
  await expect(dialog.getByRole('alert')).toContainText('could not be loaded', { timeout: 30_000 });
  await expect(option).not.toBeChecked();
  expect(blocked.length).toBeGreaterThan(0);
});

test('Cancel stops a model download: its worker ends, no error, the option off', async ({ page, context }) => {
  await context.route(/huggingface\.co|hf\.co|raw\.githubusercontent\.com/, async (route) => {
    await new Promise((r) => setTimeout(r, 30_000)); // a slow host: the download is still running when Cancel is pressed
    return route.abort('internetdisconnected');
  });
  await openGame(page);
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const option = dialog.getByRole('checkbox', { name: /Understand free phrasing/ });
  await expect(option).toBeEnabled();
  const started = page.waitForEvent('worker');
  await option.check();
  const worker = await started;
  await expect(dialog.getByRole('progressbar', { name: 'Model download' })).toBeVisible();
  const ended = new Promise<void>((resolve) => worker.on('close', () => resolve()));
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  // The download's worker (and its fetches) is gone at once, long before the slow host answers.
  const gone = await Promise.race([ended.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5000))]);
  expect(gone, 'the worker ended within 5 s of Cancel').toBe(true);
  await expect(dialog.getByRole('progressbar', { name: 'Model download' })).toBeHidden();
  await expect(option).not.toBeChecked();
  await expect(dialog.getByRole('alert')).toHaveCount(0);
});
