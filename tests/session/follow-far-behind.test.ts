/**
 * FOLLOW when the leader gets more than a room ahead before the follower's client hears of it
 * (two moves in one batch of news, or two while the follower's move waited): the follower still
 * reaches her, room by room, by the way she went (the GO TO planner toward the room she stands
 * in, or toward where she left the zone), over a zone border too. Two kept worlds, each on its own
 * disk, through the memory relay and through the project's relay process; Bo hears the news only
 * when his client polls, so Ana's moves reach him together.
 */
import { describe, expect, it } from 'vitest';
import { KeptWorld, type GameClock } from './kept-world.ts';
import { RELAYS, relayForBlock, until } from '../sync/relay-pair.ts';

/** Game time 0 is dawn: the walk is made by day, whatever the machine's clock says. */
const START = 60_000;

describe.each(RELAYS)('a follower more than a room behind, through %s', (_name, start) => {
  const relays = relayForBlock(start);

  it('Bo catches Ana up two rooms on in the harbor, and again past the border, where she went on', async () => {
    const { relay, close } = relays();
    const clock: GameClock = { at: START };
    const ana = await KeptWorld.create('Ana', { relay, clock, stepMs: 1000 });
    ana.session.start();
    const bo = await KeptWorld.create('Bo', { relay, clock, stepMs: 1000, worldKey: ana.worldKey });
    bo.session.start();
    try {
      const does = async (k: KeptWorld, line: string) => {
        const r = await k.session.handle(line);
        expect(r.status, `${k.name}> ${line}: ${r.text}`).toBe('ok');
        return r;
      };
      const told: string[] = [];
      /** Bo's client hears the news (as the web app does when the world says some came) until he stands there. */
      const boReaches = async (room: string) => {
        await until(() => {
          told.push(...bo.session.poll().map((l) => l.text));
          return bo.me?.location === room;
        }, 20_000).catch(() => {
          throw new Error(`Bo did not reach ${room}; he is in ${bo.me?.location}; he was told:\n${told.join('\n')}`);
        });
      };
      await until(() => bo.state.players[ana.player] !== undefined && ana.state.players[bo.player] !== undefined);
      await does(bo, 'follow ana');
      await until(() => ana.state.players[bo.player]?.following === ana.player);

      // One room: as before.
      await does(ana, 'south');
      await boReaches('breakwater');
      await until(() => ana.state.players[bo.player]?.location === 'breakwater');

      // Two rooms in one zone, both moves heard together: the quay, then the beach.
      await does(ana, 'north');
      await does(ana, 'west');
      await until(() => bo.state.players[ana.player]?.location === 'driftwood-beach');
      await boReaches('driftwood-beach');
      expect(told).toContain('You follow Ana north.');
      expect(told).toContain('You follow Ana west.');

      // Over the border and on: the cliff path is the north coast, the lighthouse yard beyond it.
      await does(ana, 'north');
      await does(ana, 'north');
      expect(ana.me?.location).toBe('lighthouse-yard');
      await boReaches('lighthouse-yard');
      expect(bo.zone).toBe('north-coast');
      expect(told.filter((t) => t === 'You follow Ana north.').length).toBe(3);
      await until(() => ana.state.players[bo.player]?.location === 'lighthouse-yard');
      // Bo's moves are his own, signed by him, and the rules took each.
      expect(told.filter((t) => t.startsWith('You cannot follow'))).toEqual([]);
      for (const k of [ana, bo]) {
        expect(k.violations).toEqual([]);
        expect(k.errors).toEqual([]);
      }
    } finally {
      await bo.dispose();
      await ana.dispose();
      close();
    }
  }, 90_000);
});
