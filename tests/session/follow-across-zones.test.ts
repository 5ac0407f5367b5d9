/**
 * FOLLOW and PARTY through two kept worlds (the shared backend players use, each on its own disk)
 * synced through the project's relay: Bo follows Ana; when Ana walks north out of the harbor into
 * the village, Bo's own client walks after her, across the zone border, with a move Bo signs, and
 * tells Bo so. Both see each other in the village, and the party line of the observation shows
 * who is in the party, where, and who follows whom.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseWorldLink } from '../../src/sync/world/world-key.ts';
import { KeptWorld, type GameClock } from './kept-world.ts';
import { startProjectRelay, type RunningRelay } from '../sync/relay-helper.ts';

let relay: RunningRelay;
const worlds: KeptWorld[] = [];
beforeAll(async () => {
  relay = await startProjectRelay();
}, 30_000);
afterAll(async () => {
  for (const w of worlds) await w.dispose();
  await relay?.stop();
});

async function until(cond: () => boolean, ms = 5_000): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (cond()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('following across a zone border', () => {
  it('Bo follows Ana out of the harbor into the village with his own move, and is told so; the party line shows both', async () => {
    const clock: GameClock = { at: Date.now() };
    const relayOpts = { url: relay.url, WebSocketPolyfill: WebSocket };
    const ana = await KeptWorld.create('Ana', { relay: relayOpts, clock });
    worlds.push(ana);
    expect(ana.session.start().status).toBe('ok');
    const bo = await KeptWorld.create('Bo', { relay: relayOpts, clock, worldKey: parseWorldLink(ana.backend.link!)!.worldKey });
    worlds.push(bo);
    expect(bo.session.start().status).toBe('ok');
    expect(await until(() => bo.state.players[ana.player] !== undefined && ana.state.players[bo.player] !== undefined), 'each sees the other').toBe(true);

    const invited = await ana.session.handle('party invite bo');
    expect(invited.status, invited.text).toBe('ok');
    expect(await until(() => bo.state.invites?.[bo.player] !== undefined), 'Bo is told of the invitation').toBe(true);
    const joined = await bo.session.handle('join party');
    expect(joined.status, joined.text).toBe('ok');
    expect(joined.text).toContain("You join Ana's party.");
    const follow = await bo.session.handle('follow ana');
    expect(follow.status, follow.text).toBe('ok');
    expect(follow.intents).toEqual([{ kind: 'follow', target: ana.player }]);
    expect(follow.observation.party).toMatchObject({ following: { id: ana.player, name: 'Ana' }, members: [{}, {}] });
    expect(await until(() => ana.state.players[bo.player]?.following === ana.player), 'Ana sees Bo fall in behind her').toBe(true);
    expect(ana.session.poll().map((l) => l.text)).toContain('Bo falls in behind you.');

    const walk = await ana.session.handle('north');
    expect(walk.observation.location?.zone).toBe('village');
    const seen: string[] = [];
    const followed = await until(() => {
      seen.push(...bo.session.poll().map((l) => l.text));
      return bo.me?.location === 'village-square';
    });
    expect(followed, seen.join('\n')).toBe(true);
    expect(seen).toContain('Ana goes north.');
    expect(seen).toContain('You follow Ana north.');
    expect(seen).toContain('Village Square');
    expect(bo.zone).toBe('village');
    // Bo's move is Bo's own: his chain in the harbor holds it, and Ana's client sees him arrive.
    expect(await until(() => ana.state.players[bo.player]?.location === 'village-square'), 'Ana sees Bo come into the square').toBe(true);
    const look = await ana.session.handle('party');
    expect(look.text).toBe('In your party: you, Bo (here). Members elsewhere on the isle are not seen from here.\nBo follows you.');
    expect(look.intents).toEqual([]);
    expect(bo.violations).toEqual([]);
    expect(ana.violations).toEqual([]);
  }, 60_000);
});
