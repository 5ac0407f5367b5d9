/**
 * A cooperative quest done by a player with her companion, through the project's relay process
 * (issue 18): The Miners' Sluice wants the wheel in the gallery and the lever at the mine mouth
 * worked by two characters within three turns. Ana plays the story up to it with a friend, Bo
 * (the lamp, the wraith, the Stone, the rust beetle: the walkthrough's lines), who then goes home.
 * She walks back to the quay, where her companion Pip comes ashore (its own key and copy of the
 * world, joined by the world's link through the same relay) and falls in behind her; it follows
 * her over two zone borders to the mine mouth. There she asks it to wait, goes in, turns the
 * wheel and shouts "Pip, pull the lever!"; Pip, hearing the shout from the gallery, hauls the
 * lever, and the quest is done for Ana: the stair drains, the lamp is hers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Companion } from '../../src/agent/companion/companion.ts';
import { openAgentWorld } from '../../src/agent/index.ts';
import type { GameEvent } from '../../src/engine/index.ts';
import { Session, type Reply } from '../../src/session/index.ts';
import { SharedWorldBackend } from '../../src/session/shared-world-backend.ts';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { MemoryDocStore } from '../../src/sync/world/doc-store.ts';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { vetrellis } from '../golden/transcript.ts';
import { startProjectRelay, type RunningRelay } from '../sync/relay-helper.ts';
import { until } from './relay-agents.ts';

let relay: RunningRelay;
const closing: (() => Promise<void> | void)[] = [];
beforeAll(async () => {
  relay = await startProjectRelay();
}, 30_000);
afterAll(async () => {
  for (const close of closing.reverse()) await close();
  await relay?.stop();
});

interface Player {
  readonly name: string;
  readonly world: SharedWorldBackend;
  readonly session: Session;
}

const content = vetrellis();

/** A person at the keyboard: ten seconds of game time a command, from now. */
async function person(worldKey: string, name: string, create?: { name: string }): Promise<Player> {
  const world = await SharedWorldBackend.open({
    content, worldKey, identity: createIdentity(), store: new MemoryDocStore(), name,
    relay: { url: relay.url, WebSocketPolyfill: WebSocket }, ...(create ? { create } : {}),
  });
  closing.push(() => world.close());
  const start = Date.now();
  let t = 0;
  const session = new Session(world, { name, clock: () => start + (t += 1) * 10_000 });
  session.start();
  return { name, world, session };
}

describe('a cooperative quest with a companion, through the relay', () => {
  it("Ana and Pip work the miners' sluice together: she at the wheel, it at the lever when she shouts", async () => {
    const worldKey = createWorldKey();
    const ana = await person(worldKey, 'Ana', { name: 'Sluice' });
    const bo = await person(worldKey, 'Bo');
    await until(() => ana.world.state.players[bo.world.player] !== undefined && bo.world.state.players[ana.world.player] !== undefined, 'Ana and Bo seeing each other', 15_000);

    const me = (p: Player) => p.world.state.players[p.world.player];
    const count = (p: Player, item: string) => (me(p)?.inventory ?? []).filter((s) => s.item === item).reduce((n, s) => n + s.qty, 0);
    const refused = (r: Reply): GameEvent | undefined => r.events.find((e) => e.type === 'refused');
    const told: string[] = [];
    const type = async (p: Player, line: string): Promise<Reply> => {
      let r = await p.session.handle(line);
      for (let i = 0; r.text.includes('still loading'); i++) {
        expect(i, `${p.name}> ${line}: still loading`).toBeLessThan(200);
        await new Promise((done) => setTimeout(done, 20));
        r = await p.session.handle(line);
      }
      expect(r.status, `${p.name}> ${line}: ${r.text}`).toMatch(/^(ok|refused)$/);
      if (p === ana) told.push(r.text, ...r.news);
      return r;
    };
    const does = async (p: Player, ...lines: string[]): Promise<Reply> => {
      let last: Reply | undefined;
      for (const line of lines) {
        last = await type(p, line);
        expect(refused(last), `${p.name}> ${line}: ${last.text}`).toBeUndefined();
      }
      return last!;
    };
    /** Each replica has the other's last deed (through the relay, it takes a moment). */
    const synced = () => until(() => [[ana, bo], [bo, ana]].every(([p, q]) => {
      const seen = p!.world.state.players[q!.world.player];
      return seen !== undefined && seen.location === me(q!)?.location && p!.world.state.tick >= q!.world.state.tick - 0;
    }), 'Ana and Bo seeing each other where they are', 15_000);
    const both = async (...lines: string[]) => {
      for (const line of lines) {
        await does(ana, line);
        await does(bo, line);
        await synced();
      }
    };
    const isDone = (p: Player, quest: string) => me(p)?.quests?.find((q) => q.id === quest)?.done === true;
    const get = async (p: Player, node: string, item: string, n: number) => {
      for (let i = 0; count(p, item) < n; i++) {
        expect(i, `${p.name} gathering ${item}`).toBeLessThan(80);
        if (refused(await type(p, `gather ${node}`))) await type(p, 'wait');
      }
    };
    const fight = async (enemy: string, key: string) => {
      const fallen = () => [ana, bo].some((p) => p.world.state.enemies[key]?.defeatedAt != null);
      for (let round = 0; !fallen(); round++) {
        expect(round, `fighting the ${enemy}`).toBeLessThan(40);
        for (const p of [ana, bo]) {
          if (fallen()) break;
          const m = me(p)!;
          const line = m.hp <= 14 && count(p, 'healing-draught') > 0 ? 'drink a healing draught'
            : m.mp >= 3 ? `cast tide bolt at the ${enemy}`
              : m.sp >= 5 ? `cast power strike at the ${enemy}` : `attack the ${enemy}`;
          await does(p, line);
        }
        await until(() => ana.world.state.tick === bo.world.state.tick, 'both replicas at the same turn', 15_000);
      }
    };

    // ------------------------------------------------ The story up to the sluice, Ana with Bo (the walkthrough's lines).
    await both('in');
    await does(ana, 'take the coat', 'wear the coat', 'take the draught');
    await both('out', 'north', 'in', 'ask hesk about the harbormaster');
    await both('out', 'east', 'ask ysolde for help', 'west', 'south', 'west');
    await get(ana, 'driftwood', 'driftwood', 8);
    await get(ana, 'flint', 'flint', 2);
    await both('east', 'south');
    await get(ana, 'kelp', 'kelp', 6);
    await get(ana, 'salt', 'sea-salt', 2);
    await get(bo, 'kelp', 'kelp', 4);
    await get(bo, 'salt', 'sea-salt', 2);
    await does(ana, 'craft kelp cord', 'craft flint pickaxe');
    await both('north', 'west', 'north', 'east');
    await get(ana, 'copper', 'copper-ore', 4);
    await both('west', 'south', 'east', 'north', 'west');
    await does(ana, 'craft 4 copper ingots', 'craft copper sword', 'wield the sword', 'craft machete');
    await synced();
    await does(ana, 'give the machete to bo');
    await until(() => count(bo, 'machete') === 1, 'Bo getting the machete', 15_000);
    await does(bo, 'wield the machete');
    await both('east', 'east', 'craft healing draught', 'craft healing draught', 'west', 'south', 'west', 'north', 'north', 'up');
    await both('talk to archon');
    await both('down', 'east', 'ask the tidekeeper about archon', 'ask the tidekeeper about pell', 'ask the tidekeeper about the cave');
    await both('west', 'up');
    await does(ana, 'tell archon the sea forgives him');
    await until(() => bo.world.state.flags.includes('lamp-lit'), 'the lamp lit for Bo', 15_000);
    await does(bo, 'wait');
    await both('down', 'east', 'in');
    await fight('wraith', 'sea-cave/brine-wraith');
    await both('look');
    await both('out', 'west', 'south', 'south', 'east', 'north', 'north');
    await does(bo, 'north');
    await synced();
    await does(ana, 'north');
    await synced();
    await both('ask the stone about pell', 'ask the stone about the mine', 'east', 'in');
    await fight('beetle', 'old-mine/rust-beetle');
    await both('look');
    expect(isDone(ana, 'under-the-hill')).toBe(true);
    expect(me(ana)?.quests?.find((q) => q.id === 'the-miners-sluice')).toMatchObject({ stage: 0, done: false });
    // Bo goes home: from here on, Ana has only her companion.
    await bo.world.close();

    // ------------------------------------------------ Ana fetches her companion from the quay.
    await does(ana, 'out', 'west', 'south', 'south', 'south');
    expect(me(ana)?.location).toBe('harbor-quay');
    const pipBackend = await SharedWorldBackend.open({
      content, worldKey, identity: createIdentity(), store: new MemoryDocStore(), name: 'Pip', companionOf: 'Ana',
      relay: { url: relay.url, WebSocketPolyfill: WebSocket },
    });
    // Ana's clock runs ten seconds a command, ahead of the wall clock; Pip's runs at the wall
    // clock's speed from where her game time has got to, and on from the world's time whenever
    // her commands carry it further (its session's game time, which the companion waits in).
    const offset = ana.world.state.time + 1_000 - Date.now();
    const pipClock = () => Date.now() + offset;
    const pipWorld = await openAgentWorld({ content, backend: pipBackend, name: 'Pip', clock: pipClock });
    closing.push(() => pipWorld.close());
    const pipRefused: string[] = [];
    const pip = new Companion(pipWorld, {
      name: 'Pip', friend: 'Ana',
      onDeed: (_deed, reply) => pipRefused.push(...reply.events.flatMap((e) => (e.type === 'refused' ? [e.reason] : []))),
    });
    closing.unshift(() => pip.stop());
    pip.start();
    const pipAt = () => pipWorld.observe().location?.id;
    // It comes ashore following Ana (she stands where it lands): her walk is its walk.
    await until(() => pipWorld.observe().party?.following?.id === ana.world.player, 'Pip following Ana', 15_000);
    await until(() => ana.world.state.players[pipWorld.world.player]?.following === ana.world.player, 'Ana seeing Pip follow her', 15_000);
    for (const [dir, to] of [['north', 'village-square'], ['north', 'forest-edge'], ['north', 'stone-circle'], ['east', 'mine-mouth']] as const) {
      await does(ana, dir);
      await until(() => pipAt() === to, `Pip following Ana ${dir} to the ${to}`, 15_000);
      await until(() => ana.world.state.players[pipWorld.world.player]?.location === to, `Ana seeing Pip come to the ${to}`, 15_000);
    }

    // ------------------------------------------------ The sluice: Ana at the wheel, Pip at the lever.
    const pipSaid = (text: string) => told.some((l) => l === `Pip says, "${text}"`);
    await does(ana, 'say Pip, wait here');
    for (let i = 0; !pipSaid("I'll wait here, Ana."); i++) {
      expect(i, told.join('\n')).toBeLessThan(100);
      await new Promise((r) => setTimeout(r, 100));
      told.push(...ana.session.poll().map((l) => l.text));
    }
    await does(ana, 'in');
    expect(pipAt()).toBe('mine-mouth');
    const wheel = await does(ana, 'turn the sluice wheel');
    expect(wheel.text).toContain("(The Miners' Sluice: Turn the sluice wheel and pull the adit lever together, one of you at each: 1 of 2 done.");
    await does(ana, 'shout Pip, pull the lever!');
    await until(() => ana.world.state.flags.includes('deep-stair'), 'the sluice drained for Ana', 20_000);
    told.push(...(await does(ana, 'look')).news, ...ana.session.poll().map((l) => l.text));
    const all = told.join('\n');
    expect(all).toContain("Quest complete: The Miners' Sluice.");
    expect(isDone(ana, 'the-miners-sluice')).toBe(true);
    expect(count(ana, 'miners-lamp')).toBe(1);
    expect((await does(ana, 'look')).text).toContain('drained and gleaming');
    // Pip kept a person's pace throughout (never refused for it), and the quest is Ana's, not Pip's.
    expect(pipRefused.filter((r) => r.startsWith('rate/'))).toEqual([]);
    expect(pipWorld.world.state.players[pipWorld.world.player]?.quests?.find((q) => q.id === 'the-miners-sluice')).toBeUndefined();
  }, 240_000);
});
