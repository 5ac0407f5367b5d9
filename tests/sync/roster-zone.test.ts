/**
 * The roster says where a player is after a crossing, whatever the game clock: a crossing signs
 * the roster twice at one game time (the zone written in, then the zone entered), and readers keep
 * the latest `at`, so each signing must be later than the last (player-place.ts). Before, the two
 * tied and the first string in code-unit order won, so others could read the zone left.
 */
import { describe, expect, it } from 'vitest';
import { SharedWorld } from '../../src/sync/world/shared-world.ts';
import { MemoryDocStore } from '../../src/sync/world/doc-store.ts';
import { MemoryRelay } from '../../src/sync/world/memory-relay.ts';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { vetrellis } from '../golden/transcript.ts';

describe('the roster after a crossing', () => {
  it('names the zone entered, for the player and for others, when every intent has the same game time', async () => {
    const relay = new MemoryRelay();
    const worldKey = createWorldKey();
    const opts = { content: vetrellis(), worldKey, relay: relay.connect, at: 5_000 };
    const ana = await SharedWorld.open({ ...opts, identity: createIdentity(), store: new MemoryDocStore(), name: 'Ana', create: { name: 'Roster' } });
    const bo = await SharedWorld.open({ ...opts, identity: createIdentity(), store: new MemoryDocStore(), name: 'Bo' });
    for (let i = 0; i < 5; i++) {
      const dir = i % 2 === 0 ? 'north' : 'south';
      expect(ana.submit({ kind: 'move', dir }, 5_000).ok).toBe(true);
      await ana.ready();
      const zone = i % 2 === 0 ? 'village' : 'harbor';
      expect(ana.roster().find((r) => r.player === ana.player)?.zone).toBe(zone);
      expect(bo.roster().find((r) => r.player === ana.player)?.zone).toBe(zone);
    }
    await bo.close();
    await ana.close();
    relay.close();
  });
});
