/**
 * A single-player world: the intent log in memory, optionally kept on disk as JSON lines so
 * `--world DIR` continues where you left off. Replaying the log rebuilds the state exactly.
 *
 *   const world = LocalWorld.open(content, { dir, seed, name });
 *   world.submit({ kind: 'take', target: 'rope' }, at);
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Content } from '../content/schema.ts';
import { ActionSchema, apply, createWorld, type Action, type EngineIntent, type GameEvent, type GameState } from '../engine/index.ts';
import type { WorldBackend, WorldNews } from './world.ts';

const WorldFile = z.object({
  format: z.literal('vetrellis-local-world/1'),
  id: z.string(),
  seed: z.number().int().min(0).max(0xffffffff),
  player: z.string(),
  contentVersion: z.string(),
});

const LoggedIntent = z.object({
  id: z.string(),
  player: z.string(),
  at: z.number().int(),
  action: ActionSchema,
});

export interface LocalWorldOptions {
  /** Folder to keep the world in; none keeps it in memory only. */
  readonly dir?: string | undefined;
  /** Seed of a new world (ignored when the folder already holds one). */
  readonly seed: number;
}

export class LocalWorld implements WorldBackend {
  readonly link = null;
  #state: GameState;
  #seq = 0;

  private constructor(
    readonly content: Content,
    readonly id: string,
    readonly player: string,
    readonly seed: number,
    private readonly logPath: string | null,
  ) {
    this.#state = createWorld(content, seed);
  }

  static open(content: Content, options: LocalWorldOptions): LocalWorld {
    if (!options.dir) return new LocalWorld(content, `local-${options.seed}`, 'p-local', options.seed, null);
    mkdirSync(options.dir, { recursive: true });
    const metaPath = join(options.dir, 'world.json');
    const logPath = join(options.dir, 'log.jsonl');
    if (!existsSync(metaPath)) {
      const meta: z.infer<typeof WorldFile> = {
        format: 'vetrellis-local-world/1', id: `local-${options.seed}`, seed: options.seed, player: 'p-local',
        contentVersion: content.version,
      };
      writeFileSync(metaPath, JSON.stringify(meta, null, 2) + '\n');
      writeFileSync(logPath, '');
    }
    const meta = describeDamage(metaPath, () => WorldFile.parse(JSON.parse(readFileSync(metaPath, 'utf8'))));
    const world = new LocalWorld(content, meta.id, meta.player, meta.seed, logPath);
    const lines = existsSync(logPath) ? readFileSync(logPath, 'utf8').split('\n') : [];
    lines.forEach((text, i) => {
      if (text.trim() === '') return;
      const intent = describeDamage(`${logPath}:${i + 1}`, () => LoggedIntent.parse(JSON.parse(text)));
      world.#state = apply(content, world.#state, intent).state;
      world.#seq += 1;
    });
    return world;
  }

  get state(): GameState {
    return this.#state;
  }

  submit(action: Action, at: number): { state: GameState; events: readonly GameEvent[] } {
    const intent: EngineIntent = { id: `${this.player}:${this.#seq}`, player: this.player, at, action };
    this.#seq += 1;
    const result = apply(this.content, this.#state, intent);
    this.#state = result.state;
    if (this.logPath) appendFileSync(this.logPath, JSON.stringify(intent) + '\n');
    return result;
  }

  drainNews(): WorldNews {
    return { events: [], revisions: [] };
  }

  async close(): Promise<void> {}
}

/** Broken input at the edge: name the file (and line) and say it is damaged. */
function describeDamage<T>(where: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw new Error(`${where}: this world file is damaged (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
  }
}
