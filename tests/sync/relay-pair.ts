/**
 * The memory relay and the project's relay process, for tests that play one scenario through
 * both: `describe.each(RELAYS)` and, inside, `const relays = relayForBlock(start)`; each test then
 * takes `relays()`: what a world opens with, and a bare link for a hostile or second device.
 *
 *   describe.each(RELAYS)('moderation, through %s', (_name, start) => {
 *     const relays = relayForBlock(start);
 *     it('...', async () => { const { relay, connect, close } = relays(); ... close(); });
 *   });
 */
import { afterAll, beforeAll } from 'vitest';
import WebSocket from 'ws';
import { MemoryRelay } from '../../src/sync/world/memory-relay.ts';
import type { RelayChoice, RelayConnector } from '../../src/sync/world/relay-link.ts';
import { linkWebsocket } from '../../src/sync/world/websocket-link.ts';
import { startProjectRelay, type RunningRelay } from './relay-helper.ts';

export const RELAYS: readonly (readonly [string, (() => Promise<RunningRelay>) | null])[] = [
  ['the memory relay', null],
  ["the project's relay (a process)", startProjectRelay],
];

export interface RelayPair {
  /** What a world opens with. */
  readonly relay: RelayChoice;
  /** A bare link to a room (a second device, a hostile client). */
  readonly connect: RelayConnector;
  close(): void;
}

/** Starts the process relay (if `start`) around the describe block; each call gives a test its relays. */
export function relayForBlock(start: (() => Promise<RunningRelay>) | null): () => RelayPair {
  let running: RunningRelay | null = null;
  beforeAll(async () => {
    if (start) running = await start();
  });
  afterAll(async () => {
    await running?.stop();
  });
  return () => {
    if (running === null) {
      const memory = new MemoryRelay();
      return { relay: memory.connect, connect: memory.connect, close: () => memory.close() };
    }
    const opts = { url: running.url, WebSocketPolyfill: WebSocket };
    return { relay: opts, connect: (doc, room) => linkWebsocket(doc, room, opts), close: () => {} };
  };
}

/** Resolves once `cond` holds; throws after `ms`. */
export async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
