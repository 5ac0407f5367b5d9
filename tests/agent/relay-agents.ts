/**
 * Agents in one shared world on the memory relay, for tests: each with its own key and copy of
 * the world, closed (and the relay with them) after each test.
 *
 *   const agents = agentsOnMemoryRelay();
 *   const ana = await agents.open(key, 'Ana', true); const bo = await agents.open(key, 'Bo');
 *   await until(() => ..., 'what is awaited');
 */
import { afterEach } from 'vitest';
import { openAgentWorld, type AgentWorld } from '../../src/agent/index.ts';
import { SharedWorldBackend } from '../../src/session/shared-world-backend.ts';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { MemoryDocStore } from '../../src/sync/world/doc-store.ts';
import { MemoryRelay } from '../../src/sync/world/memory-relay.ts';
import { vetrellis } from '../golden/transcript.ts';

/** `companionOf`: join as the companion of the player of that name. */
export function agentsOnMemoryRelay(): { open(worldKey: string, name: string, create?: boolean, companionOf?: string): Promise<AgentWorld>; onClose(stop: () => void): void } {
  const content = vetrellis();
  let relay: MemoryRelay | undefined;
  const opened: AgentWorld[] = [];
  const stops: (() => void)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) stop();
    for (const env of opened.splice(0)) await env.close();
    relay?.close();
    relay = undefined;
  });
  return {
    async open(worldKey, name, create = false, companionOf?: string) {
      relay ??= new MemoryRelay();
      const world = await SharedWorldBackend.open({
        content, identity: createIdentity(), worldKey, store: new MemoryDocStore(), relay: relay.connect, name, create: create ? { name: 'Agents' } : null,
        ...(companionOf === undefined ? {} : { companionOf }),
      });
      const env = await openAgentWorld({ content, backend: world, name, clock: 'real' });
      opened.push(env);
      return env;
    },
    onClose: (stop) => stops.push(stop),
  };
}

export async function until(ok: () => boolean, what: string, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
