// The engine as it stood at a git commit, for comparing outcomes (tests/engine/fold-reference.test.ts)
// and speed (tests/bench/fold.bench.ts) with this checkout's in one process: its src/engine,
// src/content and content/vetrellis are read from git into .tmp/ once and imported from there.
//
//   const ref = await referenceEngine();   // ref.engine.apply, ref.loadContentDir(ref.contentDir)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as engine from '../../src/engine/index.ts';
import type { loadContentDir } from '../../src/content/node-load.ts';

/** Session 15's base: the engine before the fold was made faster (issue 17's fold budget). */
export const REFERENCE = '5b2e08346cb5c8242ddf7574740a0140c4b5b8ca';
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface ReferenceEngine {
  readonly commit: string;
  readonly engine: typeof engine;
  readonly loadContentDir: typeof loadContentDir;
  /** The isle's content as it stood at the commit. */
  readonly contentDir: string;
}

function checkout(commit: string): string {
  const dir = join(ROOT, '.tmp', `engine-${commit.slice(0, 12)}`);
  if (existsSync(join(dir, 'src', 'engine', 'index.ts'))) return dir;
  const part = `${dir}.part-${process.pid}`;
  rmSync(part, { recursive: true, force: true });
  mkdirSync(part, { recursive: true });
  try {
    const tar = execFileSync('git', ['-C', ROOT, 'archive', commit, 'src/engine', 'src/content', 'content/vetrellis'], { maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
    execFileSync('tar', ['-x', '-C', part], { input: tar });
  } catch (e) {
    rmSync(part, { recursive: true, force: true });
    throw new Error(`reference engine: cannot read commit ${commit} from git (a shallow clone? fetch it): ${String(e)}`);
  }
  if (!existsSync(dir)) renameSync(part, dir);
  else rmSync(part, { recursive: true, force: true });
  return dir;
}

export async function referenceEngine(commit: string = REFERENCE): Promise<ReferenceEngine> {
  const dir = checkout(commit);
  const eng = (await import(join(dir, 'src', 'engine', 'index.ts'))) as typeof engine;
  const load = (await import(join(dir, 'src', 'content', 'node-load.ts'))) as { loadContentDir: typeof loadContentDir };
  return { commit, engine: eng, loadContentDir: load.loadContentDir, contentDir: join(dir, 'content', 'vetrellis') };
}
