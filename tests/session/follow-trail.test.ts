/**
 * FOLLOW when the leader walks on before the follower has caught up (issue 18): Ana walks west
 * onto the beach and at once north up the cliffs (into another part of the isle), and both steps
 * reach Bo's client in one batch of news. Bo's client walks the whole way after her, a step at a
 * room at a time with moves Bo signs, tells each ("You follow Ana west.", "You follow Ana north."), and says
 * so to whoever listens to the session's own news (`onNews`: the web app, the terminal, agents),
 * without Bo typing anything. Two kept worlds, through the memory relay and the project's relay.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MemoryRelay } from '../../src/sync/world/memory-relay.ts';
import type { RelayChoice } from '../../src/sync/world/relay-link.ts';
import { parseWorldLink } from '../../src/sync/world/world-key.ts';
import { KeptWorld, type GameClock } from './kept-world.ts';
import { startProjectRelay, type RunningRelay } from '../sync/relay-helper.ts';

let running: RunningRelay;
const worlds: KeptWorld[] = [];
beforeAll(async () => {
  running = await startProjectRelay();
}, 30_000);
afterAll(async () => {
  for (const w of worlds) await w.dispose();
  await running?.stop();
});

async function until(cond: () => boolean, ms = 8_000): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (cond()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
}

const relays: [string, () => { relay: RelayChoice; close(): void }][] = [
  ['the memory relay', () => {
    const memory = new MemoryRelay();
    return { relay: memory.connect, close: () => memory.close() };
  }],
  ['the project relay', () => ({ relay: { url: running.url, WebSocketPolyfill: WebSocket }, close: () => {} })],
];

describe.each(relays)('following a leader two rooms ahead, through %s', (_name, make) => {
  it('Bo walks both of Ana\'s steps after her, across a zone border, and his session tells of each by itself', async () => {
    const { relay, close } = make();
    try {
      const clock: GameClock = { at: Date.now() };
      const ana = await KeptWorld.create('Ana', { relay, clock });
      worlds.push(ana);
      ana.session.start();
      const bo = await KeptWorld.create('Bo', { relay, clock, worldKey: parseWorldLink(ana.backend.link!)!.worldKey });
      worlds.push(bo);
      bo.session.start();
      expect(await until(() => bo.state.players[ana.player] !== undefined && ana.state.players[bo.player] !== undefined), 'each sees the other').toBe(true);
      const follow = await bo.session.handle('follow ana');
      expect(follow.text).toContain('You fall in behind Ana');
      expect(await until(() => ana.state.players[bo.player]?.following === ana.player), 'Ana sees Bo fall in behind her').toBe(true);

      // Bo's client hears nothing while Ana walks twice: both steps come to it in one batch.
      const heardOwn: number[] = [];
      bo.session.onNews(() => heardOwn.push(heardOwn.length));
      expect((await ana.session.handle('w')).observation.location?.id).toBe('driftwood-beach');
      expect((await ana.session.handle('n')).observation.location?.id).toBe('cliff-path');
      expect(await until(() => bo.backend.shared.state.players[ana.player]?.location !== 'harbor-quay'), 'Bo\'s replica folds Ana\'s steps').toBe(true);

      const told: string[] = [];
      const caughtUp = await until(() => {
        told.push(...bo.session.poll().map((l) => l.text));
        return bo.me?.location === 'cliff-path';
      });
      expect(caughtUp, told.join('\n')).toBe(true);
      expect(told).toContain('You follow Ana west.');
      expect(told).toContain('You follow Ana north.');
      expect(told.indexOf('You follow Ana west.')).toBeLessThan(told.indexOf('You follow Ana north.'));
      expect(told).toContain('Cliff Path');
      expect(bo.zone).toBe('north-coast');
      // The walk was the session's own news, between commands (both rooms at once when the pace allows).
      expect(heardOwn.length).toBeGreaterThanOrEqual(1);
      // The steps are Bo's own moves: Ana's client sees him arrive on the cliffs.
      expect(await until(() => ana.state.players[bo.player]?.location === 'cliff-path'), 'Ana sees Bo come up the cliffs').toBe(true);
      expect(bo.violations).toEqual([]);
      expect(ana.violations).toEqual([]);
    } finally {
      close();
    }
  }, 60_000);
});
