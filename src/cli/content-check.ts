/**
 * `npm run content:check [-- DIR]`: validates a content directory (default: the isle the game
 * ships) as the game loads it, and prints the isle's numbers. A content error (a room no way leads
 * to among them) names its file, line and field, and exits with status 1.
 */
import { ContentError } from '../content/load.ts';
import { DEFAULT_CONTENT_DIR, loadContentDir } from '../content/node-load.ts';
import { contentReport } from '../content/report.ts';

const dir = process.argv[2] ?? DEFAULT_CONTENT_DIR;
try {
  console.log(contentReport(loadContentDir(dir)).join('\n'));
} catch (e) {
  if (!(e instanceof ContentError) && !(e instanceof Error && 'code' in e)) throw e;
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
}
