/**
 * The offerer hears that her offer was taken (issue 17, the last play-test): a trade settles in
 * the fold when the acceptance is folded, wherever the offerer is by then. Ana offers Bo her
 * oilskin coat for his healing draught on the quay and closes her world (she is away, asleep on
 * the quay); Bo accepts. When Ana comes back, her client folds the acceptance and she is told who
 * took her offer and what changed hands, and her pack (INVENTORY) shows it; opening her world
 * again later does not tell it a second time. Worlds kept on disk,
 * two clients, through the memory relay and through the project's relay process.
 */
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { GameEvent } from '../../src/engine/index.ts';
import type { Reply } from '../../src/session/index.ts';
import { MemoryRelay } from '../../src/sync/world/memory-relay.ts';
import { parseWorldLink } from '../../src/sync/world/world-key.ts';
import { projectRelayForFile } from '../sync/relay-helper.ts';
import { KeptWorld, type GameClock, type RelayOptions } from './kept-world.ts';
import { until } from './shared-players.ts';

const projectRelay = projectRelayForFile();

const count = (k: KeptWorld, item: string) => (k.me?.inventory ?? []).filter((s) => s.item === item).reduce((n, s) => n + s.qty, 0);
const refusal = (r: Reply) => r.events.find((e): e is Extract<GameEvent, { type: 'refused' }> => e.type === 'refused');

async function does(k: KeptWorld, line: string): Promise<Reply> {
  const r = await k.session.handle(line);
  expect(refusal(r), `${k.name}> ${line}: ${r.text}`).toBeUndefined();
  expect(r.status, `${k.name}> ${line}: ${r.text}`).toBe('ok');
  return r;
}

const relays: [string, () => { relay: RelayOptions; close(): void }][] = [
  ['the memory relay', () => {
    const memory = new MemoryRelay();
    return { relay: memory.connect, close: () => memory.close() };
  }],
  ['the project relay', () => ({ relay: { url: projectRelay().url, WebSocketPolyfill: WebSocket }, close: () => {} })],
];

describe.each(relays)('an offer taken while the offerer is away, through %s', (_name, make) => {
  it('Ana comes back to the news that Bo took her offer, and her pack shows it', async () => {
    const { relay, close } = make();
    const clock: GameClock = { at: Date.now() };
    const ana = await KeptWorld.create('Ana', { relay, clock });
    let bo: KeptWorld | undefined;
    try {
      expect(ana.session.start().status).toBe('ok');
      const worldKey = parseWorldLink(ana.backend.link!)!.worldKey;
      bo = await KeptWorld.create('Bo', { relay, clock, worldKey });
      expect(bo.session.start().status).toBe('ok');
      for (const line of ['in', 'take the coat', 'out']) await does(ana, line);
      for (const line of ['in', 'take the draught', 'out']) await does(bo, line);
      const anaId = ana.player;
      const boId = bo.player;
      await until(() => ana.state.players[boId]?.location === 'harbor-quay' && bo!.state.players[anaId]?.location === 'harbor-quay', 10_000);
      await does(ana, 'offer bo my coat for a healing draught');
      await until(() => bo!.state.offers?.[anaId] !== undefined, 10_000);

      await ana.goOffline();
      const accepted = await does(bo, 'accept');
      expect(accepted.text).toBe('You shake on it with Ana: you hand over a healing draught and receive an oilskin coat.');

      const back = await ana.comeBack();
      const news = 'Bo accepted your offer while you were away: you handed over an oilskin coat and received a healing draught.';
      // With the welcome back, or as soon as her client has folded Bo's acceptance; an agent
      // (--json) reads the same as a `traded` event among the news events.
      const lines = [...back.news];
      const events = [...back.newsEvents];
      await until(() => {
        const more = ana.session.pollNews();
        lines.push(...more.lines.map((l) => l.text));
        events.push(...more.events);
        return lines.includes(news);
      }, 10_000);
      expect(events.filter((e) => e.type === 'traded' && e.player === boId && e.with === anaId)).toHaveLength(1);
      expect([count(ana, 'oilskin-coat'), count(ana, 'healing-draught')]).toEqual([0, 1]);
      const pack = await ana.session.handle('inventory');
      expect(pack.text).toContain('You are carrying a healing draught.');
      expect(pack.text).not.toContain('oilskin coat');
      // Told once: looking about does not tell it again.
      const look = await ana.session.handle('look');
      expect([look.text, ...ana.session.poll().map((l) => l.text)].join('\n')).not.toContain('accepted your offer');
      // Told once: closing the world and opening it again (only looking in between, which writes
      // nothing) does not tell it again either.
      await ana.goOffline();
      const again = await ana.comeBack();
      const heard = [...again.news];
      await ana.session.handle('look');
      heard.push(...ana.session.pollNews().lines.map((l) => l.text), ...ana.session.poll().map((l) => l.text));
      expect(heard.join('\n')).not.toContain('accepted your offer');
      expect(again.newsEvents.filter((e) => e.type === 'traded')).toHaveLength(0);
    } finally {
      await bo?.dispose();
      await ana.dispose();
      close();
    }
  }, 60_000);
});
