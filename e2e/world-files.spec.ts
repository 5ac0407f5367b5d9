// World files in the web app (issue 19): "Download world" and "Open world file" in the Worlds
// dialog, the same files as the terminal's --export / --import, checked whole before anything
// is written.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as Y from 'yjs';
import { type Locator, type Page, type TestInfo } from '@playwright/test';
import { fromBase64Url, toBase64Url } from '../src/sync/intent/bytes.ts';
import { worldCipherOf } from '../src/sync/world/world-cipher.ts';
import { expect, inTheMorning, test } from './fixtures.ts';
import { lastEntry, openGame, pack, play, player, snap } from './helpers.ts';

const root = resolve(import.meta.dirname, '..');

async function worldsDialog(page: Page): Promise<Locator> {
  const dialog = page.getByRole('dialog', { name: 'Your worlds' });
  if (!(await dialog.isVisible())) await page.getByRole('button', { name: 'Worlds' }).click();
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Downloads the open world from the Worlds dialog: the offered file name and the file's text. */
async function downloadWorld(page: Page, withKey: boolean, testInfo?: TestInfo): Promise<{ name: string; text: string }> {
  const dialog = await worldsDialog(page);
  const box = dialog.getByRole('checkbox', { name: 'With my player key' });
  await box.setChecked(withKey);
  await expect(dialog.getByText('Whoever holds this file can play as you.')).toHaveCount(withKey ? 1 : 0);
  if (testInfo) await snap(page, testInfo, 'download-world');
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download world' }).click()]);
  const text = readFileSync((await download.path())!, 'utf8');
  await expect(dialog.getByRole('status')).toContainText(withKey ? 'Your player key is in it' : 'Your player key is not in it');
  return { name: download.suggestedFilename(), text };
}

/** Picks a file with "Open world file" (the browser's file chooser); returns the dialog. */
async function openWorldFile(page: Page, name: string, text: string): Promise<Locator> {
  const dialog = await worldsDialog(page);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), dialog.getByRole('button', { name: 'Open world file…' }).click()]);
  await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  return dialog;
}

const databases = (page: Page) => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').sort());

/** The terminal client, run as a player runs it; fails the test with its stderr when it fails. */
function terminal(args: readonly string[], input = ''): { stdout: string; stderr: string } {
  const run = spawnSync(join(root, 'node_modules/.bin/tsx'), ['src/cli/main.ts', ...args], { cwd: root, input, encoding: 'utf8', timeout: 90_000, env: { ...process.env, NO_COLOR: '1' } });
  expect(run.status, run.stderr).toBe(0);
  return { stdout: run.stdout, stderr: run.stderr };
}

test('a world downloaded with the player key opens in another browser, without the relay, as the same character; an altered copy is refused and writes nothing', async ({ browser }, testInfo) => {
  const ana = await player(browser, 'Ana');
  await openGame(ana.page);
  await play(ana.page, 'w');
  expect(await play(ana.page, 'gather driftwood')).toMatch(/You gather .*driftwood/);
  await expect(pack(ana.page)).toContainText('driftwood');
  const file = await downloadWorld(ana.page, true, testInfo);
  expect(file.name).toBe('isle-1.world');

  // Another browser, cut off from the relay: whatever it plays of Ana's isle comes from the file.
  const bo = await player(browser, 'Bo');
  await bo.context.routeWebSocket(/.*/, (ws) => ws.close());
  await openGame(bo.page);
  const before = await databases(bo.page);

  // Someone edits the file: Ana's gathering now yields a pearl. Refused whole, nothing written.
  // The world is private: its entries are sealed, and whoever holds the file holds the key to them.
  const f = JSON.parse(file.text) as { worldKey: string; docs: Record<string, string> };
  const cipher = worldCipherOf(f.worldKey)!;
  const harbor = new Y.Doc();
  Y.applyUpdate(harbor, fromBase64Url(f.docs['zone/harbor']!)!);
  const log = harbor.getMap<string>('intents');
  const [id, raw] = [...log.entries()].map(([k, v]) => [k, cipher.open('log', k, v)!] as const).find(([, v]) => v.includes('driftwood'))!;
  log.set(id, cipher.seal('log', id, raw.replace('driftwood', 'pearl')));
  f.docs['zone/harbor'] = toBase64Url(Y.encodeStateAsUpdate(harbor));
  const altered = await openWorldFile(bo.page, 'isle-1.world', JSON.stringify(f));
  await expect(altered.getByRole('alert')).toHaveText(/^isle-1\.world could not be opened: this world file was altered: 1 of the entries of harbor do not verify \(intent\/[a-z-]+\)\. Nothing was changed\.$/);
  expect(await databases(bo.page)).toEqual(before);
  await expect(altered.getByRole('listitem')).toHaveCount(1);
  await snap(bo.page, testInfo, 'altered-file-refused');
  const notAWorld = await openWorldFile(bo.page, 'notes.txt', 'shopping: rope, lamp oil\n');
  await expect(notAWorld.getByRole('alert')).toHaveText('notes.txt could not be opened: this is not a Vetrellis world file (it is not JSON). Nothing was changed.');

  // The file as Ana downloaded it: her isle opens, and Bo's browser plays it as Ana.
  const dialog = await openWorldFile(bo.page, 'isle-1.world', file.text);
  await expect(dialog.getByRole('status')).toHaveText(/^Opened Isle 1 from isle-1\.world \(\d+ entries\): you play it as the character the file carries\.$/);
  await expect(dialog.getByRole('listitem')).toHaveCount(2);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect.poll(() => new URL(bo.page.url()).hash).toBe(new URL(ana.page.url()).hash);
  await expect(lastEntry(bo.page).getByRole('heading', { name: 'Driftwood Beach' })).toBeVisible();
  await expect(pack(bo.page)).toContainText('driftwood');
  expect(await play(bo.page, 'who')).toMatch(/^ *Ana \(you\), who made this isle/m);
  // Opened again, the same file adds nothing and doubles nothing.
  const carried = await pack(bo.page).innerText();
  await expect((await openWorldFile(bo.page, 'isle-1.world', file.text)).getByRole('status')).toContainText('Opened Isle 1');
  await bo.page.keyboard.press('Escape');
  await expect(lastEntry(bo.page).getByRole('heading', { name: 'Driftwood Beach' })).toBeVisible();
  await expect(pack(bo.page)).toHaveText(carried);

  // A third browser that already plays Ana's isle as someone else is not handed Ana's key.
  const cy = await player(browser, 'Cy');
  await openGame(cy.page, ana.page.url());
  expect(await play(cy.page, 'who')).toMatch(/^ *Cy \(you\)/m);
  const held = await databases(cy.page);
  const refused = await openWorldFile(cy.page, 'isle-1.world', file.text);
  await expect(refused.getByRole('alert')).toContainText('could not be opened: this browser already plays "Isle 1" as another character');
  expect(await databases(cy.page)).toEqual(held);
  for (const p of [ana, bo, cy]) await p.context.close();
});

test("the terminal's export opens in a new browser from its first question, and the web app's download imports in the terminal", async ({ browser }) => {
  const tmp = mkdtempSync(join(tmpdir(), 'vetrellis-e2e-files-'));
  try {
    // A world played in the terminal alone (no relay), exported with its player's key.
    terminal(['--json', '--world', join(tmp, 'cli'), '--name', 'Cy'], 'go west\ngather driftwood\n');
    terminal(['--world', join(tmp, 'cli'), '--export', join(tmp, 'cy.world'), '--with-key']);

    // A browser that never opened the app brings it in from the first question: no world of its own is made.
    const context = await inTheMorning(await browser.newContext({ storageState: { cookies: [], origins: [] } }));
    const bo = { context, page: await context.newPage() };
    await bo.page.goto('/');
    const question = bo.page.getByRole('dialog', { name: 'Who comes ashore?' });
    await question.getByRole('textbox', { name: 'Your name on the isle' }).fill('Bo');
    const [chooser] = await Promise.all([bo.page.waitForEvent('filechooser'), question.getByRole('button', { name: 'Open world file…' }).click()]);
    await chooser.setFiles(join(tmp, 'cy.world'));
    await expect(question).toBeHidden();
    await expect(lastEntry(bo.page).getByRole('heading', { name: 'Driftwood Beach' })).toBeVisible();
    await expect((await worldsDialog(bo.page)).getByRole('listitem')).toHaveText([/Cy's isle/]);
    await bo.page.keyboard.press('Escape');
    await expect(pack(bo.page)).toContainText('driftwood');
    expect(await play(bo.page, 'who')).toMatch(/^ *Cy \(you\), who made this isle/m);
    await play(bo.page, 'e');

    // Downloaded without the key, the file carries none; the terminal imports it and meets the relay it names.
    const web = await downloadWorld(bo.page, false);
    expect(JSON.parse(web.text)).not.toHaveProperty('player');
    writeFileSync(join(tmp, web.name), web.text);
    const dee = terminal(['--json', '--world', join(tmp, 'dee'), '--import', join(tmp, web.name), '--name', 'Dee'], 'who\n');
    expect(dee.stderr).toContain("Imported Cy's isle into");
    const who = JSON.parse(dee.stdout.trim().split('\n')[0]!) as { text: string };
    expect(who.text).toMatch(/Cy, who made this isle/);
    expect(who.text).toContain('Dee (you)');
    await bo.context.close();
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
