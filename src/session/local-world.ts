/**
 * A single-player world: the intent log folded by the engine, kept by a `LogStore` (a file for the
 * terminal's `--world DIR`, nothing for a throwaway world). Replaying the log rebuilds the state
 * exactly, so the log is all there is to save. Browser-safe: no Node imports here.
 *
 *   const world = LocalWorld.open(content, { seed: 7, store: fileLogStore(dir, content) });
 *   world.submit({ kind: 'take', target: 'rope' }, at);
 */
import type { Content } from '../content/schema.ts';
import { apply, createWorld, type Action, type EngineIntent, type GameState } from '../engine/index.ts';
import type { SubmitOutcome, WorldBackend, WorldNews } from './world.ts';

/** Where a local world keeps its log. */
export interface LogStore {
  /** The world's identity and seed, created on first open. */
  readonly meta: { readonly id: string; readonly seed: number; readonly player: string };
  /** Every intent so far, in order. */
  load(): readonly EngineIntent[];
  append(intent: EngineIntent): void;
  close(): Promise<void>;
}

/** A store that keeps nothing: the world lasts as long as the process. */
export function memoryLogStore(seed: number): LogStore {
  const log: EngineIntent[] = [];
  return {
    meta: { id: `local-${seed}`, seed, player: 'p-local' },
    load: () => log,
    append: (intent) => { log.push(intent); },
    close: async () => {},
  };
}

export class LocalWorld implements WorldBackend {
  readonly link = null;
  readonly contentMismatch = false;
  readonly notice = null;
  readonly joinedOnOpen = [];
  async ready(): Promise<void> {}
  #state: GameState;
  #seq = 0;

  private constructor(readonly content: Content, private readonly store: LogStore) {
    this.#state = createWorld(content, store.meta.seed);
  }

  static open(content: Content, store: LogStore): LocalWorld {
    const world = new LocalWorld(content, store);
    for (const intent of store.load()) {
      world.#state = apply(content, world.#state, intent).state;
      world.#seq += 1;
    }
    return world;
  }

  get id(): string {
    return this.store.meta.id;
  }

  get player(): string {
    return this.store.meta.player;
  }

  get state(): GameState {
    return this.#state;
  }

  submit(action: Action, at: number): SubmitOutcome {
    const intent: EngineIntent = { id: `${this.player}:${this.#seq}`, player: this.player, at, action };
    this.#seq += 1;
    const result = apply(this.content, this.#state, intent);
    this.#state = result.state;
    this.store.append(intent);
    return result;
  }

  drainNews(): WorldNews {
    return { events: [], revisions: [] };
  }

  status(): null {
    return null;
  }

  /** Nobody else plays a single-player world, so nobody is described asleep. */
  awake(): null {
    return null;
  }

  /** Nobody else acts in a single-player world. */
  subscribe(): () => void {
    return () => {};
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
