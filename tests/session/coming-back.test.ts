/**
 * What a player reads when they come back to a world, and when they look again: the island's
 * introduction and a room's first-visit text are told once, on arrival, and never at night where
 * they speak of daylight (the village child). Played on a world kept on this disk, reopened as
 * the terminal client and the web app reopen it.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { vetrellis } from '../golden/transcript.ts';
import { KeptWorld } from './kept-world.ts';

const DAY = Date.UTC(2030, 0, 1);
const content = vetrellis();
const INTRO = content.world.intro.slice(0, 40);
const FERRY = "The ferry's wake is still spreading";
const CHILD = 'a child stares, then runs';
/** Game time well into the isle's night (the last part of each day). */
const NIGHT = DAY + content.world.dayLengthMs * 0.9;

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(DAY);
});
afterAll(() => {
  vi.useRealTimers();
});

describe('coming back to a kept world', () => {
  it('a player who joined and did nothing is welcomed back, without the introduction or the arrival text again', async () => {
    const kept = await KeptWorld.create('Ana', { seed: 7, startAt: DAY, stepMs: 1000 });
    try {
      const first = kept.session.start();
      expect(first.text).toContain(INTRO);
      expect(first.text).toContain(FERRY);
      const again = await kept.reopen();
      expect(again.status).toBe('ok');
      expect(again.text).toContain('Welcome back to Vetrellis, Ana.');
      expect(again.text).toContain('Harbor of Vetrellis');
      expect(again.text).not.toContain(INTRO);
      expect(again.text).not.toContain(FERRY);
    } finally {
      await kept.dispose();
    }
  });

  it("a room's first-visit text is told on arrival only: a look right after, or a reopen, gives the returning text", async () => {
    const kept = await KeptWorld.create('Ana', { seed: 8, startAt: DAY, stepMs: 1000 });
    try {
      kept.session.start();
      const north = await kept.session.handle('north');
      expect(north.text).toContain(CHILD);
      const look = await kept.session.handle('look');
      expect(look.text).toContain('Village Square');
      expect(look.text).not.toContain(CHILD);
      const again = await kept.reopen();
      expect(again.text).toContain('Village Square');
      expect(again.text).not.toContain(CHILD);
    } finally {
      await kept.dispose();
    }
  });

  it('arriving in the village for the first time at night finds the night square, not a child in the daylight', async () => {
    const kept = await KeptWorld.create('Ana', { seed: 9, startAt: NIGHT, stepMs: 1000 });
    try {
      kept.session.start();
      const north = await kept.session.handle('north');
      expect(north.text).toContain('Village Square');
      expect(north.text).toContain('The square is empty at night');
      expect(north.text).not.toContain(CHILD);
    } finally {
      await kept.dispose();
    }
  });
});
