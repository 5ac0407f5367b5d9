// A world folder is private to its user: the folder and docs/ are 0700 and every file 0600 (the
// room names in docs/ are all anyone needs to read or write the world on its relay). A folder
// left readable by an older client is made private when the world is opened again.
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runClient } from './helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'vetrellis-modes-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

/** Every folder and file of a world folder with its mode, as `ls -l` would show who may read it. */
function modes(dir: string): Record<string, string> {
  const out: Record<string, string> = { '.': modeOf(dir) };
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(e.parentPath, e.name);
    out[path.slice(dir.length + 1)] = modeOf(path);
  }
  return out;
}

function expectPrivate(dir: string): void {
  const all = modes(dir);
  expect(Object.keys(all).filter((p) => p.startsWith('docs/')).length).toBeGreaterThan(1);
  for (const [path, mode] of Object.entries(all)) {
    const isDir = statSync(join(dir, path)).isDirectory();
    expect({ path, mode }).toEqual({ path, mode: isDir ? '700' : '600' });
  }
}

describe('world folder modes', () => {
  it('a new world folder, its docs/ and every file in them are private to the user', async () => {
    const dir = join(tmp, 'new');
    const r = await runClient(['take driftwood', 'look'], ['--world', dir]);
    expect(r.code).toBe(0);
    expectPrivate(dir);
  }, 60_000);

  it('a folder an older client left readable is made private when opened again', async () => {
    const dir = join(tmp, 'old');
    expect((await runClient(['look'], ['--world', dir])).code).toBe(0);
    for (const path of Object.keys(modes(dir))) {
      const full = join(dir, path);
      chmodSync(full, statSync(full).isDirectory() ? 0o755 : 0o644);
    }
    expect(modes(dir)['docs']).toBe('755');
    expect((await runClient(['look'], ['--world', dir])).code).toBe(0);
    expectPrivate(dir);
  }, 60_000);
});
