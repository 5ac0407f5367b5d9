/**
 * The world a session plays in, behind one small interface: a local single-player world (this
 * file) or a shared world synced through Yjs (src/sync). The session never cares which.
 */
import type { Content } from '../content/schema.ts';
import type { Action, GameEvent, GameState } from '../engine/index.ts';

/** Something that happened without the local player typing it: others' deeds, revisions. */
export interface WorldNews {
  readonly events: readonly GameEvent[];
  /** Prose-ready revisions of what the local player saw ("Ana reached it first ..."). */
  readonly revisions: readonly string[];
}

export interface WorldBackend {
  readonly content: Content;
  readonly id: string;
  /** The local player's id. */
  readonly player: string;
  readonly state: GameState;
  /** The share link, once the world is shared. */
  readonly link: string | null;
  /** Apply one action of the local player at game time `at` (ms). */
  submit(action: Action, at: number): { state: GameState; events: readonly GameEvent[] };
  /** News since the last call (empty for a single-player world). */
  drainNews(): WorldNews;
  /** Persist and release resources. */
  close(): Promise<void>;
}
