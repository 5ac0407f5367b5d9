// The app shell's budget (DESIGN.md: <= 150 KB gzip, measured by `npm run bench:ui`) holds only
// while code the first prompt does not need stays out of the modules the page loads before it:
// the entry (src/ui/main.ts) and the sync layer it preloads (src/session/browser-world.ts). This
// walks their static imports (as the bundler does; `import type` and `import('...')` excepted)
// and names the path by which a module meant to load later was pulled in.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const FIRST_SCREEN = ['src/ui/main.ts', 'src/session/browser-world.ts'];

/** Modules loaded when first needed, never before the first prompt (each says why in its header). */
const LOADED_LATER = [
  'src/sync/world/owner-actions.ts', // the owner's cuts, moderation, moving the world
  'src/sync/world/world-cutter.ts', // writing a cut
  'src/sync/world/world-cut.ts', // reading cut records: only a world with a cut
  'src/sync/world/zone-epochs.ts', // zones at older epochs: only a world with a cut
  'src/sync/world/epoch-bridge.ts',
  'src/sync/world/move-world.ts',
  'src/session/route.ts', // GO TO and FOLLOW's way-finding
  'src/session/follow-step.ts',
  'src/ui/components/Sidebar.svelte', // the character sheet: after the first prompt is painted
  'src/ui/components/MiniMap.svelte',
  'src/ui/presence.ts',
  'src/sync/world/move-memory.ts', // the owner's half-finished move (loaded when the owner's device opens)
];

/** The relative modules `file` imports statically (its `<script>` blocks, for a Svelte component). */
function staticImports(file: string): string[] {
  let text = readFileSync(join(ROOT, file), 'utf8');
  if (file.endsWith('.svelte')) text = [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
  // Comments could hold the words; strings never hold `import … from` in this code base.
  text = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const specs = [
    ...[...text.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^;'"]*?\bfrom\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!),
    ...[...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!),
  ];
  return specs.filter((s) => s.startsWith('.')).map((s) => relative(ROOT, resolve(ROOT, dirname(file), s)));
}

/** Every module reached from `roots` by static imports, with the module that first imported it. */
function reachable(roots: readonly string[]): Map<string, string | null> {
  const from = new Map<string, string | null>(roots.map((r) => [r, null]));
  const queue = [...roots];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const next of staticImports(file)) {
      if (from.has(next) || !/\.(ts|svelte|js)$/.test(next)) continue;
      from.set(next, file);
      queue.push(next);
    }
  }
  return from;
}

function pathTo(from: ReadonlyMap<string, string | null>, file: string): string {
  const path = [file];
  for (let f = from.get(file); f !== null && f !== undefined; f = from.get(f)) path.unshift(f);
  return path.join(' -> ');
}

describe('what the page loads before its first prompt', () => {
  const from = reachable(FIRST_SCREEN);

  it('reaches the game itself (the walk follows the imports it should)', () => {
    for (const f of ['src/sync/world/shared-world.ts', 'src/sync/world/zone-set.ts', 'src/session/session.ts', 'src/engine/apply.ts']) expect(from.has(f), f).toBe(true);
  });

  it("uses zod's small build (zod/mini) only: classic zod would add about 15 KB gzip before the first prompt", () => {
    const classic = [...from.keys()].filter((f) => /^\s*import\s+(?!type\b)[^;]*?\bfrom\s+['"]zod['"]/m.test(readFileSync(join(ROOT, f), 'utf8'))).map((f) => pathTo(from, f));
    expect(classic).toEqual([]);
  });

  it("holds none of the code that loads later: the owner's actions, epochs, moving the world, way-finding, the character sheet", () => {
    const pulledIn = LOADED_LATER.filter((f) => from.has(f)).map((f) => pathTo(from, f));
    expect(pulledIn).toEqual([]);
  });
});
