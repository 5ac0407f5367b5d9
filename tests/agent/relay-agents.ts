/**
 * Agents in one shared world, for tests: on the memory relay (`agentsOnMemoryRelay`) or on the
 * project's relay process (`agentsOnProjectRelay`), each with its own key and copy of the world,
 * closed (and the relay with them) after each test.
 *
 *   const agents = agentsOnMemoryRelay();
 *   const ana = await agents.open(key, 'Ana', true); const bo = await agents.open(key, 'Bo');
 *   const cy = await agents.open(key, 'Cy', false, undefined, { clock: () => Date.now() + DAY });
 *   await until(() => ..., 'what is awaited');
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import WebSocket from 'ws';
import { Companion, type CompanionOptions } from '../../src/agent/companion/companion.ts';
import { openAgentWorld, type AgentOptions, type AgentWorld } from '../../src/agent/index.ts';
import { SharedWorldBackend } from '../../src/session/shared-world-backend.ts';
import { createIdentity, type Identity } from '../../src/sync/intent/identity.ts';
import { MemoryDocStore } from '../../src/sync/world/doc-store.ts';
import { MemoryRelay } from '../../src/sync/world/memory-relay.ts';
import type { RelayChoice } from '../../src/sync/world/relay-link.ts';
import { vetrellis } from '../golden/transcript.ts';
import { startProjectRelay, type RunningRelay } from '../sync/relay-helper.ts';

export interface OpenMore {
  /** The agent's game clock (default: the machine's, `real`). */
  readonly clock?: AgentOptions['clock'];
  /** The agent's key (default: a new one); the owner's, to open a world `createWorldKey(owner.publicKey)` names. */
  readonly identity?: Identity;
}

export interface RelayAgents {
  /** `companionOf`: join as the companion of the player of that name. */
  open(worldKey: string, name: string, create?: boolean, companionOf?: string, more?: OpenMore): Promise<AgentWorld>;
  onClose(stop: () => void): void;
  /**
   * A companion (`name` and `friend` default to Pip and Ana) playing on `world`, started now and
   * stopped after the test; `refused` collects the rules' refusals of its deeds.
   */
  companion(world: AgentWorld, options?: Partial<CompanionOptions>): { readonly pip: Companion; readonly refused: string[] };
}

export function agentsOnMemoryRelay(): RelayAgents & { readonly relay: () => MemoryRelay } {
  let relay: MemoryRelay | undefined;
  const memory = (): MemoryRelay => (relay ??= new MemoryRelay());
  const agents = agentsOn(() => memory().connect, () => {
    relay?.close();
    relay = undefined;
  });
  // The relay of the test running now (the fuzz decides when each message is delivered).
  return { ...agents, relay: memory };
}

/** The same through the project's relay process (started once for the file, stopped after it). */
export function agentsOnProjectRelay(): RelayAgents {
  let relay: RunningRelay | undefined;
  beforeAll(async () => {
    relay = await startProjectRelay();
  }, 30_000);
  afterAll(async () => {
    await relay?.stop();
  });
  return agentsOn(() => ({ url: relay!.url, WebSocketPolyfill: WebSocket }), () => {});
}

function agentsOn(connect: () => RelayChoice, after: () => void): RelayAgents {
  const content = vetrellis();
  const opened: AgentWorld[] = [];
  const stops: (() => void)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) stop();
    for (const env of opened.splice(0)) await env.close();
    after();
  });
  return {
    async open(worldKey, name, create = false, companionOf, more = {}) {
      const world = await SharedWorldBackend.open({
        content, identity: more.identity ?? createIdentity(), worldKey, store: new MemoryDocStore(), relay: connect(), name, create: create ? { name: 'Agents' } : null,
        ...(companionOf === undefined ? {} : { companionOf }),
      });
      const env = await openAgentWorld({ content, backend: world, name, clock: more.clock ?? 'real' });
      opened.push(env);
      return env;
    },
    onClose: (stop) => stops.push(stop),
    companion: (world, options = {}) => {
      const refused: string[] = [];
      const pip = new Companion(world, {
        name: 'Pip', friend: 'Ana', ...options,
        onDeed: (deed, reply) => {
          refused.push(...reply.events.flatMap((e) => (e.type === 'refused' ? [e.reason] : [])));
          options.onDeed?.(deed, reply);
        },
      });
      stops.push(() => pip.stop());
      pip.start();
      return { pip, refused };
    },
  };
}

export async function until(ok: () => boolean, what: string, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A game clock at the start of an isle morning, running as the machine's (no night creatures about). */
export function morningClock(): () => number {
  const day = vetrellis().world.dayLengthMs;
  const start = Date.now();
  const morning = Math.ceil(start / day) * day + 60_000;
  return () => morning + (Date.now() - start);
}
