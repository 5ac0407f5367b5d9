/**
 * The game rules as the sync layer sees them: a narrow interface so the replica can be driven
 * by the real engine (engine-rules.ts) or, in tests, by a small stand-in.
 */
import type { Content } from '../../content/schema.ts';
import type { EngineIntent } from '../../engine/action.ts';
import type { GameEvent } from '../../engine/events.ts';
import type { GameState } from '../../engine/state.ts';

export interface ApplyResult {
  readonly state: GameState;
  readonly events: readonly GameEvent[];
}

export interface Rules {
  createWorld(content: Content, seed: number): GameState;
  apply(content: Content, state: GameState, intent: EngineIntent): ApplyResult;
  hashState(state: GameState): string;
}
