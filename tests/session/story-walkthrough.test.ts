/**
 * The whole main story, from the boat to the epilogue, played as two friends type it (issue 17):
 * two sessions of one shared world through the memory relay, every line a command a player would
 * type. They gather, craft, light the lamp, lay the wraith to rest, find the mine, work the
 * miners' sluice together (one at the wheel, one at the lever, in different rooms), lift the
 * fallen prop off Pell together, learn what the Stone is counting, bring the names back and meet
 * the boat. Fights and gathering answer the dice as a player would (a draught when hurt, a wait
 * when a node is bare), so the test holds whatever the world's seed. Asserts the journal, the
 * quests told as they finish, and the ending's prose. Played twice: in memory, and in worlds kept
 * on disk (each player's own folder, synced through the relay), where every player state the
 * fold makes must be valid and a reopened world still holds the finished story.
 *
 * Then three puzzles that need more than a key: eels for the Anchor (a chain of favours from Hesk
 * to Wenna in the Saltings to Gorran on Blackfell Moor and back), the tor beacon (three workings in
 * the rhyme's order, the two friends taking turns), and the Mercy's manifest (across the causeway
 * on the ebb, into the hold at dead low water, back before the flood), waiting on the game clock
 * as a player would.
 */
import { describe, expect, it } from 'vitest';
import { clockAt, hashState, type GameEvent } from '../../src/engine/index.ts';
import type { Reply } from '../../src/session/index.ts';
import { MemoryRelay } from '../../src/sync/world/memory-relay.ts';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { heard, until } from './shared-players.ts';
import { KeptWorld } from './kept-world.ts';
import { SharedWorldBackend } from '../../src/session/shared-world-backend.ts';
import { Session } from '../../src/session/index.ts';
import { MemoryDocStore } from '../../src/sync/world/doc-store.ts';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { vetrellis } from '../golden/transcript.ts';

interface Player {
  readonly name: string;
  readonly world: SharedWorldBackend;
  readonly session: Session;
}
/** Two players of one world, and what to check and undo after the story. */
interface Pair {
  readonly ana: Player;
  readonly bo: Player;
  finish(): Promise<void>;
}

/**
 * A player typing at a human pace: ten seconds of game time a command, from now (a world's game
 * time starts at the clock of its first join, and the isle refuses more than 120 deeds a minute).
 */
async function joinAtPace(memory: MemoryRelay, worldKey: string, name: string, create?: { name: string }): Promise<Player> {
  const world = await SharedWorldBackend.open({ content: vetrellis(), worldKey, identity: createIdentity(), store: new MemoryDocStore(), name, relay: memory.connect, ...(create ? { create } : {}) });
  const start = Date.now();
  let t = 0;
  const session = new Session(world, { name, clock: () => start + (t += 1) * 10_000 });
  session.start();
  return { name, world, session };
}

async function inMemory(): Promise<Pair> {
  const memory = new MemoryRelay();
  const worldKey = createWorldKey();
  const ana = await joinAtPace(memory, worldKey, 'Ana', { name: 'Story' });
  const bo = await joinAtPace(memory, worldKey, 'Bo');
  return { ana, bo, finish: async () => memory.close() };
}

async function keptOnDisk(): Promise<Pair> {
  const memory = new MemoryRelay();
  const clock = { at: Date.now() };
  const a = await KeptWorld.create('Ana', { relay: memory.connect, clock });
  a.session.start();
  const b = await KeptWorld.create('Bo', { relay: memory.connect, clock, worldKey: a.worldKey });
  b.session.start();
  const as = (k: KeptWorld, name: string): Player => ({ name, get world() { return k.backend; }, get session() { return k.session; } });
  return {
    ana: as(a, 'Ana'),
    bo: as(b, 'Bo'),
    finish: async () => {
      for (const k of [a, b]) {
        expect(k.violations).toEqual([]);
        expect(k.errors).toEqual([]);
      }
      // Ana quits and comes back: the story is still told as done.
      await a.reopen();
      const journal = (await a.session.handle('journal')).observation.quests;
      expect(journal.find((q) => q.id === 'who-met-the-boat')?.status).toBe('done');
      await a.dispose();
      await b.dispose();
      memory.close();
    },
  };
}

const STORY = [
  'nobody-met-the-boat', 'where-pell-went', 'the-dark-lamp', 'the-drowned-sailor', 'one-short-in-the-count', 'under-the-hill',
  'the-miners-sluice', 'the-count-moves', 'what-the-stone-counts', 'the-light-and-the-tide', 'who-met-the-boat',
];

describe('the main story, played by two friends', () => {
  it.each([['in memory', inMemory], ['in worlds kept on disk', keptOnDisk]] as const)('from the boat to the epilogue, %s, with the two cooperative quests done together', async (where, start) => {
    const { ana, bo, finish } = await start();
    const told = new Map<Player, string[]>([[ana, []], [bo, []]]);
    let commands = 0;
    /** Game time of each player's last command, as its observation told it. */
    const lastAt = new Map<Player, number>();

    const me = (p: Player) => p.world.state.players[p.world.player];
    const count = (p: Player, item: string) => (me(p)?.inventory ?? []).filter((s) => s.item === item).reduce((n, s) => n + s.qty, 0);
    const refused = (r: Reply): GameEvent | undefined => r.events.find((e) => e.type === 'refused');
    /** Types one line; the parser must understand it (the rules may still refuse it). */
    const type = async (p: Player, line: string): Promise<Reply> => {
      let r = await p.session.handle(line);
      // A zone opening (from disk, in a kept world) answers "still loading": typed again a moment later.
      for (let i = 0; r.text.includes('still loading'); i++) {
        expect(i, `${p.name}> ${line}: still loading`).toBeLessThan(100);
        await new Promise((done) => setTimeout(done, 20));
        r = await p.session.handle(line);
      }
      commands += 1;
      lastAt.set(p, r.observation.time.at);
      expect(r.status, `${p.name}> ${line}: ${r.text}`).toMatch(/^(ok|refused)$/);
      told.get(p)!.push(r.text, ...r.news);
      return r;
    };
    /** Types lines the rules must accept. */
    const does = async (p: Player, ...lines: string[]): Promise<Reply> => {
      let last: Reply | undefined;
      for (const line of lines) {
        last = await type(p, line);
        expect(refused(last), `${p.name}> ${line}: ${last.text}`).toBeUndefined();
      }
      return last!;
    };
    const both = async (...lines: string[]) => { for (const line of lines) { await does(ana, line); await does(bo, line); } };
    const stage = (p: Player, quest: string) => p.world.state.players[p.world.player]?.quests?.find((q) => q.id === quest);
    const isDone = (p: Player, quest: string) => stage(p, quest)?.done === true;
    /** Gathers until the pack holds `n`, waiting when the node is bare or the gatherer spent. */
    const get = async (p: Player, node: string, item: string, n: number) => {
      for (let i = 0; count(p, item) < n; i++) {
        expect(i, `${p.name} gathering ${item}`).toBeLessThan(80);
        const r = await type(p, `gather ${node}`);
        if (refused(r)) await type(p, 'wait');
      }
    };
    /** Fights side by side until the enemy falls: spells and strikes first, a draught when hurt. */
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
          expect(me(p)?.location, `${p.name} fell to the ${enemy}`).not.toBe('harbor-quay');
        }
        await until(() => ana.world.state.tick === bo.world.state.tick);
      }
    };

    // ------------------------------------------------ The beginning: nobody met the boat.
    await both('in');
    await does(ana, 'take the coat', 'wear the coat', 'take the draught');
    await both('out', 'north', 'in', 'ask hesk about the harbormaster');
    expect(isDone(ana, 'nobody-met-the-boat') && isDone(bo, 'nobody-met-the-boat')).toBe(true);
    await both('out', 'east', 'ask ysolde for help', 'west', 'south', 'west');

    // Tools and a blade each: driftwood and flint on the beach, kelp on the breakwater, copper from the cliffs.
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
    await does(ana, 'craft 4 copper ingots', 'craft copper sword', 'wield the sword', 'craft machete', 'give the machete to bo');
    await does(bo, 'wield the machete');
    await both('east', 'east', 'craft healing draught', 'craft healing draught', 'west', 'south', 'west', 'north', 'north', 'up');

    // ------------------------------------------------ The lamp, the tide, Pell's trail.
    await both('talk to archon');
    expect(stage(ana, 'the-dark-lamp')?.stage).toBe(0);
    await both('down', 'east', 'ask the tidekeeper about archon', 'ask the tidekeeper about pell', 'ask the tidekeeper about the cave');
    expect(isDone(ana, 'where-pell-went') && isDone(bo, 'where-pell-went')).toBe(true);
    await both('west', 'up');
    const lit = await does(ana, 'tell archon the sea forgives him');
    expect(lit.text).toContain('Quest complete: The Dark Lamp.');
    await until(() => bo.world.state.flags.includes('lamp-lit'));
    // Bo hears the news at his next deed: his quest waited for the lamp.
    expect((await does(bo, 'wait')).text).toContain('Quest complete: The Dark Lamp.');
    expect(isDone(bo, 'the-dark-lamp')).toBe(true);
    expect((await does(bo, 'ask archon about the lamp')).text).toContain('Eleven years I sat beside a cold lamp');
    await both('down', 'east', 'in');
    await fight('wraith', 'sea-cave/brine-wraith');
    await both('look');
    expect(isDone(ana, 'the-drowned-sailor') && isDone(bo, 'the-drowned-sailor')).toBe(true);
    expect(told.get(bo)!.join('\n')).toContain('NOT THE SEA. UNDER THE HILL.');

    // ------------------------------------------------ Under the hill.
    await both('out', 'west', 'south', 'south', 'east', 'north', 'north');
    await does(bo, 'north');
    await does(ana, 'north');
    await both('ask the stone about pell', 'ask the stone about the mine', 'east', 'in');
    expect(stage(ana, 'under-the-hill')?.stage).toBe(1);
    await fight('beetle', 'old-mine/rust-beetle');
    await both('look');
    expect(isDone(ana, 'under-the-hill') && isDone(bo, 'under-the-hill')).toBe(true);
    expect(told.get(ana)!.join('\n')).toContain('Someone down there is counting.');

    // The first cooperative quest: Ana at the wheel in the gallery, Bo at the lever outside.
    const locked = await type(ana, 'down');
    expect(locked.text).toContain('flooded to the roof');
    await does(bo, 'out');
    const wheel = await does(ana, 'turn the sluice wheel');
    expect(wheel.text).toContain('You set your shoulder to the sluice wheel.');
    expect(wheel.text).toContain("(The Miners' Sluice: Turn the sluice wheel and pull the adit lever together, one of you at each: 1 of 2 done.");
    // Bo, at the lever outside, hears that Ana has done her part in the gallery.
    await heard(bo.session, `(The Miners' Sluice: Ana has done a part of "Turn the sluice wheel and pull the adit lever together, one of you at each"; yours must follow within 3 turns.)`);
    const lever = await does(bo, 'pull the lever');
    expect(lever.text).toContain('You haul the adit lever down.');
    expect(lever.text).toContain('Water roars out of the adit');
    expect(lever.text).toContain("Quest complete: The Miners' Sluice.");
    await until(() => ana.world.state.flags.includes('deep-stair'));
    const drained = await does(ana, 'look');
    // Bo's pull finished it for Ana too, in the gallery: she hears it told.
    expect(told.get(ana)!.join('\n')).toContain("Quest complete: The Miners' Sluice.");
    expect(drained.text).toContain('drained and gleaming');
    expect(count(ana, 'miners-lamp')).toBe(1);

    // The second: the fallen prop wants two pairs of arms at once.
    await does(bo, 'in');
    await both('down', 'talk to pell');
    expect(stage(ana, 'the-count-moves')?.stage).toBe(1);
    const alone = await does(ana, 'lift the prop');
    expect(alone.text).toContain('It wants someone at the other end');
    await does(ana, 'lift the prop');
    expect(isDone(ana, 'the-count-moves')).toBe(false);
    await until(() => bo.world.state.together !== undefined);
    const freed = await does(bo, 'lift the prop');
    expect(freed.text).toContain('Quest complete: The Count Moves.');
    await until(() => ana.world.state.flags.includes('pell-freed'));
    expect((await does(ana, 'look')).text).toContain('Pell sits on an upturned bucket');
    expect(isDone(ana, 'the-count-moves')).toBe(true);
    // Both replicas of the forest hold the same state: the same marks made and dropped, the same quests.
    await until(() => ana.world.state.tick === bo.world.state.tick);
    expect(hashState(ana.world.state)).toBe(hashState(bo.world.state));

    // ------------------------------------------------ What the Stone is counting.
    await both('ask pell about the marks', 'up', 'out', 'west');
    const counting = await does(ana, 'ask the stone what it is counting');
    expect(counting.text).toContain('Forty-one.');
    await does(bo, 'ask the stone about counting');
    expect(isDone(ana, 'what-the-stone-counts') && isDone(bo, 'what-the-stone-counts')).toBe(true);

    // ------------------------------------------------ The ending: the light and the tide, the names.
    await both('south', 'south', 'south', 'west', 'north', 'north', 'up', 'ask archon for the logbook', 'down', 'east', 'ask the tidekeeper about the names');
    await both('west', 'south', 'south', 'east', 'north', 'north', 'north', 'east', 'in', 'down');
    const named = await does(ana, 'give the logbook to pell');
    expect(named.text).toContain('Quest complete: The Light and the Tide.');
    expect(named.text).toContain('the Stone Who Counts is quiet');
    await does(bo, 'give the logbook to pell');
    expect((await does(ana, 'examine the marks')).text).toContain('a boy called Col');
    expect((await does(ana, 'ask pell about the names')).text).toContain('every one written');

    // ------------------------------------------------ Epilogue: who met the boat.
    await both('up', 'out', 'west');
    expect((await does(ana, 'ask the stone about the count')).text).toContain('I count boats in the harbor');
    await both('south', 'south', 'in');
    expect((await does(ana, 'ask hesk about pell')).text).toContain('Under the hill?');
    await does(bo, 'out');
    await does(ana, 'out');
    const home = await does(ana, 'south');
    expect(home.text).toContain('this time somebody is on the quay to meet it: Pell');
    expect(home.text).toContain('Pell meets the boat');
    expect(home.text).toContain('Up in the Greywood the Stone Who');
    expect(home.text).toContain('Quest complete: Who Met the Boat.');
    // Pell is there to look at, for whoever gave the names back, though the harbor's own state never heard of it.
    expect(ana.world.state.flags).not.toContain('harrow-named');
    expect((await type(ana, 'examine pell')).text).toContain('writing the ferry into it');
    const bos = await does(bo, 'south');
    expect(bos.text).toContain('Quest complete: Who Met the Boat.');

    for (const p of [ana, bo]) {
      const journal = (await type(p, 'journal')).observation.quests;
      const story = journal.filter((q) => STORY.includes(q.id));
      expect(story.map((q) => [q.id, q.status])).toEqual(STORY.map((id) => [id, 'done']));
      expect(story.find((q) => q.id === 'who-met-the-boat')?.text).toContain('So far it is pleased with it.');
    }
    expect((await type(ana, 'journal')).text).toContain("Done: Nobody Met the Boat, Where Pell Went, The Dark Lamp, The Drowned Sailor, One Short in the Count, Under the Hill, The Miners' Sluice, The Count Moves, What the Stone Is Counting, The Light and the Tide and Who Met the Boat.");
    // ------------------------------------------------ More isle: three puzzles that need more than a key.
    // In worlds kept on disk too: coming back to the harbor from Blackfell Moor (three zones away,
    // after the north coast) once forked the walker's chain (tests/session/far-round-trip.test.ts).
    const content = vetrellis();
    /** The tide at this player's command `ahead` commands from now (each command is ten seconds of game time). */
    const tide = (p: Player, ahead = 1) => clockAt(content, p.world.state.seed, lastAt.get(p)! + ahead * 10_000).tide;
    /** Waits (a wait is a deed: it passes game time) until the tide is one of `tides` for the next `cmds` commands. */
    const waitForTide = async (p: Player, tides: readonly string[], cmds = 1) => {
      const holds = () => Array.from({ length: cmds }, (_, k) => tide(p, k + 1)).every((t) => tides.includes(t));
      for (let i = 0; !holds(); i++) {
        expect(i, `${p.name} waiting for the tide (${tides.join(', ')})`).toBeLessThan(80);
        await does(p, 'wait');
      }
    };
    /** Walks one way; a creature that fell on the walker (the lynx by night) is fought off first. */
    const go = async (p: Player, ...dirs: string[]) => {
      for (const dir of dirs) {
        for (let round = 0; ; round++) {
          expect(round, `${p.name} going ${dir}`).toBeLessThan(30);
          const r = await type(p, dir);
          const no = refused(r);
          if (!no) break;
          expect(no.type === 'refused' && no.reason, `${p.name}> ${dir}: ${r.text}`).toBe('move/in-combat');
          const foe = me(p)!.fighting!;
          await does(p, me(p)!.hp <= 14 && count(p, 'healing-draught') > 1 ? 'drink a healing draught' : `attack the ${content.enemies.get(foe)!.name}`);
        }
      }
    };
    const together = async (...dirs: string[]) => { for (const dir of dirs) { await go(ana, dir); await go(bo, dir); } };
    /** Asks an NPC who keeps hours until they are back where the asker stands (Teodor mends nets of an evening). */
    const whenThere = async (p: Player, line: string) => {
      for (let i = 0; ; i++) {
        expect(i, `${p.name}> ${line}`).toBeLessThan(60);
        const r = await type(p, line);
        const no = refused(r);
        if (!no) return r;
        // Elsewhere at this hour: the rules' refusal, never the parser's "can't see" (one status for a bot).
        expect(no.type === 'refused' && no.reason, `${p.name}> ${line}: ${r.text}`).toBe(line.startsWith('give ') ? 'give/away' : 'talk/away');
        expect(r.text).toMatch(/ is at .+ at this hour\.$/);
        await does(p, 'wait');
      }
    };
    // The chain of favours: Hesk wants Wenna's eels, Wenna wants Gorran's peat, Gorran a draught for his ewe.
    await together('north', 'in');
    expect((await does(ana, 'ask hesk about eels')).text).toContain("Wenna's smoked eels");
    expect(stage(ana, 'eels-for-the-anchor')?.stage).toBe(0);
    await together('out', 'east');
    if (count(ana, 'healing-draught') === 0) await does(ana, 'buy a healing draught');
    await together('west', 'south', 'west', 'south', 'west');
    expect((await does(ana, 'ask wenna about smoked eels')).text).toContain('Bring me a bale of his peat');
    await together('east', 'north', 'east', 'north', 'north', 'west', 'north', 'north');
    expect((await does(ana, 'ask gorran about peat')).text).toContain('my old ewe');
    await does(ana, 'give the healing draught to gorran');
    expect((await does(ana, 'ask gorran about the peat')).text).toContain('There\'s your bale');
    expect(count(ana, 'peat-brick')).toBe(1);

    // The mechanism: the tor beacon, woken by its three workings in the rhyme's order, by two players.
    await both('ask gorran about the beacon');
    expect(stage(ana, 'the-tor-beacon')?.stage).toBe(0);
    await together('north', 'east', 'in');
    expect((await does(ana, 'read the rhyme')).text).toContain('FIRST FIND THE WIND');
    const early = await does(bo, 'pull the bellows handle');
    expect(early.text).toContain('the beacon has to be woken in its order');
    await until(() => ana.world.state.tick === bo.world.state.tick);
    await does(ana, 'turn the vane crank');
    await until(() => bo.world.state.mechanisms?.['tor-beacon'] === 1);
    await does(bo, 'pull the bellows handle');
    await until(() => ana.world.state.mechanisms?.['tor-beacon'] === 2);
    const burning = await does(ana, 'turn the shutter wheel');
    expect(burning.text).toContain('the beacon is burning');
    expect(burning.text).toContain('Quest complete: The Beacon on the Tor.');
    await until(() => bo.world.state.flags.includes('tor-beacon-lit'));
    expect((await does(bo, 'wait')).text).toContain('Quest complete: The Beacon on the Tor.');

    // Back down with the peat; Wenna's eels.
    await together('out', 'west', 'south', 'south', 'south', 'east', 'south', 'south', 'west', 'south', 'west');
    await does(ana, 'give the bale to wenna');
    expect((await does(ana, 'ask wenna about the eels')).text).toContain('gold as the lamp');
    expect(count(ana, 'smoked-eel')).toBe(2);

    // The tide: Davey Rell's key from Teodor, the Mercy's hold at dead low water, back before the flood.
    await go(ana, 'east', 'north', 'east', 'south');
    expect((await whenThere(ana, 'ask teodor about the mercy')).text).toContain('the key to his locker');
    await go(ana, 'north', 'west', 'south');
    const shut = await type(ana, tide(ana) === 'ebb' || tide(ana) === 'low' ? 'look' : 'south');
    if (refused(shut)) expect(shut.text).toContain('Nobody crosses to the skerry until the tide goes out.');
    await waitForTide(ana, ['high']);
    await waitForTide(ana, ['ebb']);
    await go(ana, 'south', 'south');
    const flooded = await type(ana, 'in');
    expect(flooded.text).toContain('Nobody goes down there until dead low water.');
    await waitForTide(ana, ['low']);
    await go(ana, 'in');
    expect((await does(ana, 'open the locker')).text).toContain('The bosun\'s key turns in the green lock');
    expect((await does(ana, 'take the manifest from the locker')).text).toContain("You take the manifest of the Mercy from the bosun's locker.");
    await go(ana, 'out');
    await waitForTide(ana, ['ebb', 'low'], 2);
    await go(ana, 'north', 'north', 'north', 'east', 'south');
    const manifest = await whenThere(ana, 'give the manifest to teodor');
    expect(manifest.text).toContain("Quest complete: The Mercy's Manifest.");
    expect(manifest.text).toContain('"Seven," he says.');

    // The eels up to the Anchor.
    await go(ana, 'north', 'north', 'in');
    const eels = await does(ana, 'give the eels to hesk');
    expect(eels.text).toContain('Quest complete: Eels for the Anchor.');
    const more = (await type(ana, 'journal')).observation.quests.filter((q) => ['the-mercys-manifest', 'the-tor-beacon', 'eels-for-the-anchor'].includes(q.id));
    expect(more.map((q) => [q.id, q.status])).toEqual([['the-mercys-manifest', 'done'], ['the-tor-beacon', 'done'], ['eels-for-the-anchor', 'done']]);

    // Figures for the note: how long the story is for two players typing.
    console.log(`walkthrough: ${commands} commands for two players (Ana ${told.get(ana)!.length}, Bo ${told.get(bo)!.length} lines told)`);
    await finish();
  }, 300_000);
});
