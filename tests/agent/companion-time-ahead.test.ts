/**
 * A companion in a world whose game time runs far ahead of its own clock (a friend whose clock is
 * hours ahead, a world played on another machine): game time comes only from intents' `at`, so
 * the companion's intents are stamped from the world's time on, and its pace (1.5 s of game time
 * between deeds, rules/pace.ts) is kept in game time. It still follows its friend out of the room
 * and obeys "Pip, gather driftwood", and is never refused for pace: through the memory relay and
 * through the project's relay process.
 */
import { describe, expect, it } from 'vitest';
import { Companion } from '../../src/agent/companion/companion.ts';
import type { AgentNews } from '../../src/agent/index.ts';
import { COMPANION_GAP_MS } from '../../src/engine/index.ts';
import { AT_MAX } from '../../src/sync/intent/envelope.ts';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { agentsOnMemoryRelay, agentsOnProjectRelay, until, type RelayAgents } from './relay-agents.ts';

/**
 * Twenty hours: "far ahead" of any clock drift or time zone, and within the day one intent may
 * move game time (src/engine/game-time.ts), so Ana's first words set the world's time there.
 */
const AHEAD_MS = 20 * 3_600_000;

function playsAheadOfItsClock(agents: RelayAgents, waitMs: number): void {
  it('follows its friend and gathers driftwood when asked, at its pace in game time, never refused for it', async () => {
    const key = createWorldKey();
    const ana = await agents.open(key, 'Ana', true, undefined, { clock: () => Date.now() + AHEAD_MS });
    await ana.step({ kind: 'say', text: 'Is anyone there?' });
    const worldTime = ana.world.state.time;
    expect(worldTime).toBeGreaterThan(Date.now() + AHEAD_MS - 60_000);

    const pipWorld = await agents.open(key, 'Pip', false, 'Ana');
    const refused: string[] = [];
    const pip = new Companion(pipWorld, {
      name: 'Pip', friend: 'Ana',
      onDeed: (_deed, reply) => refused.push(...reply.events.flatMap((e) => (e.type === 'refused' ? [e.reason] : []))),
    });
    agents.onClose(() => pip.stop());
    pip.start();
    await until(() => pipWorld.world.state.players[ana.world.player] !== undefined && ana.world.state.players[pipWorld.world.player] !== undefined, 'both in both replicas', waitMs);
    await until(() => pipWorld.observe().party?.following?.id === ana.world.player, 'Pip falling in behind Ana', waitMs);
    const heard: AgentNews[] = [];
    ana.on('news', (n) => heard.push(n));

    await ana.step('west');
    await until(() => pipWorld.observe().location?.id === 'driftwood-beach', 'Pip following Ana west', waitMs);
    await ana.step({ kind: 'say', text: 'Pip, gather driftwood' });
    await until(() => heard.some((n) => n.text === 'Pip says, "Done."'), 'Pip gathering driftwood', waitMs);
    expect(pipWorld.observe().player!.inventory.map((s) => s.id)).toContain('driftwood');
    expect(heard.some((n) => n.events.some((e) => e.type === 'gathered' && e.player === pipWorld.world.player))).toBe(true);

    // Its deeds carry the world's time on (the walk west, the gathering, "Done.": a companion's
    // pace apart), and the rules took them all.
    const pace = pipWorld.world.state.players[pipWorld.world.player]!.pace!;
    expect(pace.at).toBeGreaterThanOrEqual(worldTime + 2 * COMPANION_GAP_MS);
    expect(pace.at).toBeLessThan(Date.now() + AHEAD_MS + 60_000);
    expect(refused).toEqual([]);
  }, 90_000);

  it('a zone whose clock a hostile member started at the last game time an intent may carry still takes a player\'s deeds, held there', async () => {
    // One intent moves game time a day at most (src/engine/game-time.ts), but a zone's first deed
    // sets its clock: Ana, with a hostile clock, is the first to act on the north coast.
    const key = createWorldKey();
    const ana = await agents.open(key, 'Ana', true, undefined, { clock: () => AT_MAX });
    for (const line of ['west', 'north']) expect((await ana.step(line)).status, `Ana> ${line}`).toBe('ok');
    expect(ana.observe().location?.zone).toBe('north-coast');
    expect((await ana.step({ kind: 'say', text: 'The end of time.' })).status).toBe('ok');
    expect(ana.world.state.time).toBe(AT_MAX);
    const bo = await agents.open(key, 'Bo');
    await until(() => bo.world.state.players[ana.world.player] === undefined, 'Bo seeing Ana gone from the harbor', waitMs);
    await new Promise((r) => setTimeout(r, 5));
    for (const line of ['west', 'north', 'say Hello?']) {
      const r = await bo.step(line);
      expect(r.status, `Bo> ${line}: ${r.text}`).toBe('ok');
    }
    expect(bo.observe().location?.zone).toBe('north-coast');
    expect(bo.world.state.time).toBe(AT_MAX);
    expect(bo.world.state.players[bo.world.player]?.location).toBe(ana.world.state.players[ana.world.player]?.location);
  }, 60_000);
}

describe('a companion in a world far ahead of its clock (memory relay)', () => {
  playsAheadOfItsClock(agentsOnMemoryRelay(), 15_000);
});

describe("a companion in a world far ahead of its clock (the project's relay)", () => {
  playsAheadOfItsClock(agentsOnProjectRelay(), 30_000);
});
