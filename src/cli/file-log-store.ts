/**
 * A local world's log on disk for `--world DIR`: `world.json` (identity, seed, content version)
 * and `log.jsonl` (one intent per line, appended as it happens). A damaged file is named with
 * its line and refused, never half-loaded.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ActionSchema, type EngineIntent } from '../engine/index.ts';
import type { LogStore } from '../session/local-world.ts';

const WorldFile = z.object({
  format: z.literal('vetrellis-local-world/1'),
  id: z.string().min(1),
  seed: z.number().int().min(0).max(0xffffffff),
  player: z.string().min(1),
  contentVersion: z.string(),
});

const LoggedIntent = z.object({
  id: z.string(),
  player: z.string(),
  at: z.number().int(),
  action: ActionSchema,
});

export function fileLogStore(dir: string, seed: number, contentVersion: string): LogStore {
  mkdirSync(dir, { recursive: true });
  const metaPath = join(dir, 'world.json');
  const logPath = join(dir, 'log.jsonl');
  if (!existsSync(metaPath)) {
    const meta: z.infer<typeof WorldFile> = {
      format: 'vetrellis-local-world/1', id: `local-${seed}`, seed, player: 'p-local', contentVersion,
    };
    writeFileSync(metaPath, JSON.stringify(meta, null, 2) + '\n');
    writeFileSync(logPath, '');
  }
  const meta = describeDamage(metaPath, () => WorldFile.parse(JSON.parse(readFileSync(metaPath, 'utf8'))));
  return {
    meta,
    load(): EngineIntent[] {
      if (!existsSync(logPath)) return [];
      return readFileSync(logPath, 'utf8').split('\n').flatMap((text, i) =>
        text.trim() === '' ? [] : [describeDamage(`${logPath}:${i + 1}`, () => LoggedIntent.parse(JSON.parse(text)))],
      );
    },
    append(intent: EngineIntent): void {
      appendFileSync(logPath, JSON.stringify(intent) + '\n');
    },
    close: async () => {},
  };
}

/** Broken input at the edge: name the file (and line) and say it is damaged. */
function describeDamage<T>(where: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    const why = err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') : err instanceof Error ? err.message : String(err);
    throw new Error(`${where}: this world file is damaged (${why})`);
  }
}
