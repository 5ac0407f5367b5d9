// `npm run content:check`: an author validates the isle and reads its numbers; a room no way
// leads to, and a malformed file, fail with what and where.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContentDir } from '../../src/content/node-load.ts';
import { contentReport } from '../../src/content/report.ts';
import { ROOT } from './helpers.ts';

const TSX = join(ROOT, 'node_modules/.bin/tsx');
const tmp = mkdtempSync(join(tmpdir(), 'vetrellis-content-check-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const check = (dir?: string) => spawnSync(TSX, ['src/cli/content-check.ts', ...(dir ? [dir] : [])], { cwd: ROOT, encoding: 'utf8' });

/** A copy of the isle's content, changed by `edit(file, text)`. */
function copyWith(name: string, file: string, edit: (text: string) => string): string {
  const dir = join(tmp, name);
  cpSync(join(ROOT, 'content/vetrellis'), dir, { recursive: true });
  writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
  return dir;
}

describe('content:check', () => {
  it("prints the isle's numbers, every room reachable from the harbor", () => {
    const r = check();
    expect(r.status).toBe(0);
    const content = loadContentDir();
    expect(r.stdout).toContain(`${content.zones.size} zones, ${content.locations.size} rooms`);
    expect(r.stdout).toContain(`${content.quests.size} quests`);
    expect(r.stdout).toContain(`${content.locations.size} of ${content.locations.size} rooms`);
    expect(contentReport(content).join('\n')).toBe(r.stdout.trim());
  });

  it('names a room no way leads to, and fails', () => {
    // The only way up into the lamp room is cut: the room is there, but nobody can reach it.
    const dir = copyWith('cut', 'locations.yaml', (t) => t.replace(/\n\s*- \{ dir: up, to: lamp-room[^}]*\}/, ''));
    const r = check(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/locations\.yaml:\d+: locations\[\d+\]\.id: cannot be reached from the start \("harbor-quay"\)/);
  });

  it('names the file, line and field of a malformed file, and fails', () => {
    const dir = copyWith('bad', 'items.yaml', (t) => t.replace(/weight: \d+/, 'weight: heavy'));
    const r = check(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/items\.yaml:\d+: items\[\d+\]\.weight: must be a number/);
  });
});
