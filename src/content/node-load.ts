/**
 * Node-only: reads a content directory from disk and parses it with `parseContent`.
 *
 *   const content = loadContentDir(DEFAULT_CONTENT_DIR); // throws ContentError naming every problem
 *
 * File names in messages are relative to the repository (`content/vetrellis/items.yaml`) when the
 * directory is inside it, so an author can click straight to the line.
 */
import { compareCodeUnits } from './canonical.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseContent } from './load.ts';
import type { Content } from './schema.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The Vetrellis Isle content shipped with the game. */
export const DEFAULT_CONTENT_DIR = join(REPO_ROOT, 'content', 'vetrellis');

export function loadContentDir(dir: string = DEFAULT_CONTENT_DIR): Content {
  const absolute = resolve(dir);
  const names = readdirSync(absolute)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort(compareCodeUnits);
  return parseContent(
    names.map((name) => ({ name: displayName(join(absolute, name)), text: readFileSync(join(absolute, name), 'utf8') })),
  );
}

function displayName(path: string): string {
  const fromRepo = relative(REPO_ROOT, path);
  const inside = fromRepo !== '' && !fromRepo.startsWith('..') && !isAbsolute(fromRepo);
  return (inside ? fromRepo : path).split(sep).join('/');
}
