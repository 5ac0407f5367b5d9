/**
 * The agent API for the browser (and Node): open a world in memory, or play any world a session
 * can (`backend`), through `AgentWorld`. Node adds kept and shared worlds by folder and link
 * (./node.ts), the browser shared worlds by link (./browser.ts).
 *
 *   const env = await openAgentWorld({ content, seed: 7 });
 *   const { observation, events, text } = await env.step({ kind: 'move', dir: 'west' });
 *   await env.reset(8);
 */
import type { Content } from '../content/schema.ts';
import type { IntentParser } from '../parser/types.ts';
import { Session, type WorldBackend } from '../session/index.ts';
import { LocalWorld, memoryLogStore } from '../session/local-world.ts';
import { nameProblem } from '../session/player-name.ts';
import { AgentWorld, type AgentParts } from './agent-world.ts';

export { AgentWorld } from './agent-world.ts';
export { decodeAction, decodeLine } from './agent-input.ts';
export * from './protocol.ts';
export { NO_REWARD } from './reward.ts';

/** Game time per command with the `turns` clock. */
export const TURN_MS = 10_000;

export interface AgentOptions {
  readonly content: Content;
  /** A world in memory with this seed (default 1), unless `backend` is given. */
  readonly seed?: number;
  /** Play this world instead (a shared world opened by the caller); it is closed with the agent. */
  readonly backend?: WorldBackend;
  /** What else to let go once the world is closed (the lock of its folder). */
  readonly release?: () => Promise<void>;
  /** The character's name (default Wanderer). */
  readonly name?: string;
  /**
   * Game time: `turns` (default) advances 10 s per command, so the same seed and commands give the
   * same states; `real` is the machine clock; or any clock in ms.
   */
  readonly clock?: 'turns' | 'real' | (() => number);
  /** Defaults to the rule parser. */
  readonly parser?: IntentParser;
  readonly onError?: (error: unknown) => void;
}

export async function openAgentWorld(options: AgentOptions): Promise<AgentWorld> {
  const name = checkedName(options.name);
  const partsOf = (world: WorldBackend): AgentParts => ({
    session: new Session(world, {
      name, clock: clockFor(options.clock, world.state.time),
      ...(options.parser ? { parser: options.parser } : {}), ...(options.onError ? { onError: options.onError } : {}),
    }),
    close: async () => {
      await world.close();
      await options.release?.();
    },
  });
  if (options.backend) return new AgentWorld(partsOf(options.backend), agentOptions(options));
  const fresh = (seed: number) => partsOf(LocalWorld.open(options.content, memoryLogStore(seed)));
  return new AgentWorld(fresh(checkedSeed(options.seed)), { ...agentOptions(options), fresh });
}

function agentOptions(options: AgentOptions): { onError?: (error: unknown) => void } {
  return options.onError ? { onError: options.onError } : {};
}

/** A world's clock, counting on from its latest moment (`base`): a continued world's time never runs backwards. */
export function clockFor(clock: AgentOptions['clock'], base: number): () => number {
  if (typeof clock === 'function') return clock;
  if (clock === 'real') return () => Date.now();
  let turns = 0;
  return () => base + (turns += 1) * TURN_MS;
}

export function checkedName(name: string | undefined): string {
  const trimmed = (name ?? 'Wanderer').trim().slice(0, 32) || 'Wanderer';
  const problem = nameProblem(trimmed);
  if (problem !== null) throw new Error(`name: ${problem}`);
  return trimmed;
}

export function checkedSeed(seed: number | undefined): number {
  const s = seed ?? 1;
  if (!Number.isInteger(s) || s < 0 || s > 0xffffffff) throw new Error(`seed must be a whole number from 0 to ${0xffffffff}, not ${String(seed)}`);
  return s;
}
