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
 * fold makes must be valid and a reopened world still holds the finished story. The story's lines
 * and checks are story-walk.ts, shared with the run through the project's relay by two `--json`
 * processes (tests/cli/story-relay.test.ts).
 *
 * Then three puzzles that need more than a key: eels for the Anchor (a chain of favours from Hesk
 * to Wenna in the Saltings to Gorran on Blackfell Moor and back), the tor beacon (three workings in
 * the rhyme's order, the two friends taking turns), and the Mercy's manifest (across the causeway
 * on the ebb, into the hold at dead low water, back before the flood), waiting on the game clock
 * as a player would.
 */
import { describe, expect, it } from 'vitest';
import { clockAt, type GameEvent } from '../../src/engine/index.ts';
import type { Reply } from '../../src/session/index.ts';
import { MemoryRelay } from '../../src/sync/world/memory-relay.ts';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { until } from './shared-players.ts';
import { StoryWalk, type Walker } from './story-walk.ts';
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
    /** The player as the story walk drives them: a line in, the reply out. */
    const walkers = new Map<Player, Walker>([ana, bo].map((p) => [p, { name: p.name, send: (line: string) => p.session.handle(line) }]));
    const walker = (p: Player): Walker => walkers.get(p)!;

    // ------------------------------------------------ The main story, from the boat to the epilogue (story-walk.ts).
    const walk = new StoryWalk(walker(ana), walker(bo));
    await walk.playMainStory();
    commands += walk.commands;
    for (const p of [ana, bo]) {
      told.get(p)!.push(...walk.told.get(walker(p))!);
      lastAt.set(p, walk.last.get(walker(p))!.observation.time.at);
    }
    // Every replica of the forest held the same state at the prop (the walk compared hashes); the
    // harbor's own state never heard of the names given back under the hill.
    expect(ana.world.state.flags).not.toContain('harrow-named');
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
