/**
 * The main story of the isle, from the boat to the epilogue, as two friends type it (issue 17),
 * written once against what any client answers: a reply's status, text, news, events and
 * observation (the `--json` shape). The same lines and checks run through a Session in memory,
 * in worlds kept on disk (tests/session/story-walkthrough.test.ts) and as two `--json` child
 * processes sharing the world through the project's relay (tests/cli/story-relay.test.ts).
 *
 *   const walk = new StoryWalk(ana, bo);      // two Walkers: send a line, get the reply
 *   await walk.playMainStory();                // asserts every step, the journal and the epilogue
 *
 * Nothing here reads a world's state directly: where the session test once waited on a flag,
 * the two players look (a read, which writes nothing) until their zone's state hashes agree, or
 * until they are told what they wait for. Fights and gathering answer the dice as a player
 * would (a draught when hurt, a wait when a node is bare), so it holds whatever the world's seed.
 */
import { expect } from 'vitest';
import { vetrellis } from '../golden/transcript.ts';

/** A reply as a Session gives it and `--json` prints it (the parts the walk reads). */
export interface WalkReply {
  readonly status: string;
  readonly text: string;
  readonly news: readonly string[];
  readonly events: readonly { readonly type: string; readonly reason?: string }[];
  readonly observation: {
    readonly stateHash: string;
    readonly location: { readonly id: string } | null;
    readonly here: { readonly enemies: readonly { readonly id: string }[] };
    readonly player: {
      readonly hp: number; readonly mp: number; readonly sp: number; readonly fighting: string | null;
      readonly inventory: readonly { readonly id: string; readonly qty: number }[];
    } | null;
    readonly quests: readonly { readonly id: string; readonly status: string; readonly stage: string; readonly text: string }[];
    readonly time: { readonly at: number };
  };
}

/** One player, however they play: a line in, its reply out. */
export interface Walker {
  readonly name: string;
  send(line: string): Promise<WalkReply>;
}

export const STORY = [
  'nobody-met-the-boat', 'where-pell-went', 'the-dark-lamp', 'the-drowned-sailor', 'one-short-in-the-count', 'under-the-hill',
  'the-miners-sluice', 'the-count-moves', 'what-the-stone-counts', 'the-light-and-the-tide', 'who-met-the-boat',
];

/** How long to wait for the other player's deeds to arrive (loopback relay or memory). */
const SYNC_MS = 20_000;

export class StoryWalk {
  /** Lines typed (not the looks that wait for sync). */
  commands = 0;
  readonly told = new Map<Walker, string[]>();
  readonly last = new Map<Walker, WalkReply>();

  constructor(readonly ana: Walker, readonly bo: Walker) {
    this.told.set(ana, []);
    this.told.set(bo, []);
  }

  /** Sends a line, typed again a moment later while a zone opening answers "still loading". */
  async #send(p: Walker, line: string): Promise<WalkReply> {
    let r = await p.send(line);
    for (let i = 0; r.text.includes('still loading'); i++) {
      expect(i, `${p.name}> ${line}: still loading`).toBeLessThan(200);
      await new Promise((done) => setTimeout(done, 25));
      r = await p.send(line);
    }
    this.last.set(p, r);
    return r;
  }

  /** Types one line; the parser must understand it (the rules may still refuse it). */
  async type(p: Walker, line: string): Promise<WalkReply> {
    const r = await this.#send(p, line);
    this.commands += 1;
    expect(r.status, `${p.name}> ${line}: ${r.text}`).toMatch(/^(ok|refused)$/);
    this.told.get(p)!.push(r.text, ...r.news);
    return r;
  }

  /** Types lines the rules must accept. */
  async does(p: Walker, ...lines: string[]): Promise<WalkReply> {
    let last: WalkReply | undefined;
    for (const line of lines) {
      last = await this.type(p, line);
      expect(refusedIn(last), `${p.name}> ${line}: ${last.text}`).toBeUndefined();
    }
    return last!;
  }

  async both(...lines: string[]): Promise<void> {
    for (const line of lines) {
      await this.does(this.ana, line);
      await this.does(this.bo, line);
    }
  }

  /** Looks (a read: nothing is written), keeping what it is told. */
  async look(p: Walker): Promise<WalkReply> {
    const r = await this.#send(p, 'look');
    this.told.get(p)!.push(r.text, ...r.news);
    return r;
  }

  /** Both look until their copies of the zone they stand in agree (same state hash); returns that hash. */
  async synced(): Promise<string> {
    const end = Date.now() + SYNC_MS;
    for (;;) {
      const [a, b] = [await this.look(this.ana), await this.look(this.bo)];
      if (a.observation.stateHash === b.observation.stateHash) return a.observation.stateHash;
      expect(Date.now(), `Ana and Bo never agreed (Ana at ${a.observation.location?.id}, Bo at ${b.observation.location?.id})`).toBeLessThan(end);
      await new Promise((done) => setTimeout(done, 25));
    }
  }

  /** Looks until `p` has been told `text` (in a reply or its news). */
  async hears(p: Walker, text: string): Promise<void> {
    const end = Date.now() + SYNC_MS;
    while (!this.told.get(p)!.some((t) => t.includes(text))) {
      expect(Date.now(), `${p.name} never heard "${text}"`).toBeLessThan(end);
      await new Promise((done) => setTimeout(done, 25));
      await this.look(p);
    }
  }

  count(p: Walker, item: string): number {
    return (this.last.get(p)?.observation.player?.inventory ?? []).filter((s) => s.id === item).reduce((n, s) => n + s.qty, 0);
  }

  quest(p: Walker, id: string): WalkReply['observation']['quests'][number] | undefined {
    return this.last.get(p)?.observation.quests.find((q) => q.id === id);
  }

  isDone(p: Walker, id: string): boolean {
    return this.quest(p, id)?.status === 'done';
  }

  /** The id of a quest's stage by its place (0 for the first). */
  static stage(quest: string, n: number): string {
    return vetrellis().quests.get(quest)!.stages[n]!.id;
  }

  /** Gathers until the pack holds `n`, waiting when the node is bare or the gatherer spent. */
  async get(p: Walker, node: string, item: string, n: number): Promise<void> {
    for (let i = 0; this.count(p, item) < n; i++) {
      expect(i, `${p.name} gathering ${item}`).toBeLessThan(80);
      const r = await this.type(p, `gather ${node}`);
      if (refusedIn(r)) await this.type(p, 'wait');
    }
  }

  /** Fights side by side until the enemy falls: spells and strikes first, a draught when hurt. */
  async fight(enemy: string, id: string): Promise<void> {
    const standing = (p: Walker) => this.last.get(p)!.observation.here.enemies.some((e) => e.id === id);
    const fallen = () => !standing(this.ana) || !standing(this.bo);
    await this.synced();
    for (let round = 0; !fallen(); round++) {
      expect(round, `fighting the ${enemy}`).toBeLessThan(40);
      for (const p of [this.ana, this.bo]) {
        if (fallen()) break;
        const m = this.last.get(p)!.observation.player!;
        const line = m.hp <= 14 && this.count(p, 'healing-draught') > 0 ? 'drink a healing draught'
          : m.mp >= 3 ? `cast tide bolt at the ${enemy}`
            : m.sp >= 5 ? `cast power strike at the ${enemy}` : `attack the ${enemy}`;
        await this.does(p, line);
        expect(this.last.get(p)!.observation.location?.id, `${p.name} fell to the ${enemy}`).not.toBe('harbor-quay');
      }
      await this.synced();
    }
  }

  /** The whole main story; the figures: how many lines the two typed. */
  async playMainStory(): Promise<void> {
    const { ana, bo } = this;
    const told = (p: Walker) => this.told.get(p)!.join('\n');

    // ------------------------------------------------ The beginning: nobody met the boat.
    await this.both('in');
    await this.does(ana, 'take the coat', 'wear the coat', 'take the draught');
    await this.both('out', 'north', 'in', 'ask hesk about the harbormaster');
    expect(this.isDone(ana, 'nobody-met-the-boat') && this.isDone(bo, 'nobody-met-the-boat')).toBe(true);
    await this.both('out', 'east', 'ask ysolde for help', 'west', 'south', 'west');

    // Tools and a blade each: driftwood and flint on the beach, kelp on the breakwater, copper from the cliffs.
    await this.get(ana, 'driftwood', 'driftwood', 8);
    await this.get(ana, 'flint', 'flint', 2);
    await this.both('east', 'south');
    await this.get(ana, 'kelp', 'kelp', 6);
    await this.get(ana, 'salt', 'sea-salt', 2);
    await this.get(bo, 'kelp', 'kelp', 4);
    await this.get(bo, 'salt', 'sea-salt', 2);
    await this.does(ana, 'craft kelp cord', 'craft flint pickaxe');
    await this.both('north', 'west', 'north', 'east');
    await this.get(ana, 'copper', 'copper-ore', 4);
    await this.both('west', 'south', 'east', 'north', 'west');
    await this.does(ana, 'craft 4 copper ingots', 'craft copper sword', 'wield the sword', 'craft machete', 'give the machete to bo');
    await this.does(bo, 'wield the machete');
    await this.both('east', 'east', 'craft healing draught', 'craft healing draught', 'west', 'south', 'west', 'north', 'north', 'up');

    // ------------------------------------------------ The lamp, the tide, Pell's trail.
    await this.both('talk to archon');
    expect(this.quest(ana, 'the-dark-lamp')?.stage).toBe(StoryWalk.stage('the-dark-lamp', 0));
    await this.both('down', 'east', 'ask the tidekeeper about archon', 'ask the tidekeeper about pell', 'ask the tidekeeper about the cave');
    expect(this.isDone(ana, 'where-pell-went') && this.isDone(bo, 'where-pell-went')).toBe(true);
    await this.both('west', 'up');
    const lit = await this.does(ana, 'tell archon the sea forgives him');
    expect(lit.text).toContain('Quest complete: The Dark Lamp.');
    await this.synced();
    // Bo hears the news at his next deed: his quest waited for the lamp.
    expect((await this.does(bo, 'wait')).text).toContain('Quest complete: The Dark Lamp.');
    expect(this.isDone(bo, 'the-dark-lamp')).toBe(true);
    expect((await this.does(bo, 'ask archon about the lamp')).text).toContain('Eleven years I sat beside a cold lamp');
    await this.both('down', 'east', 'in');
    await this.fight('wraith', 'brine-wraith');
    await this.both('look');
    expect(this.isDone(ana, 'the-drowned-sailor') && this.isDone(bo, 'the-drowned-sailor')).toBe(true);
    expect(told(bo)).toContain('NOT THE SEA. UNDER THE HILL.');

    // ------------------------------------------------ Under the hill.
    await this.both('out', 'west', 'south', 'south', 'east', 'north', 'north');
    await this.does(bo, 'north');
    await this.does(ana, 'north');
    await this.both('ask the stone about pell', 'ask the stone about the mine', 'east', 'in');
    expect(this.quest(ana, 'under-the-hill')?.stage).toBe(StoryWalk.stage('under-the-hill', 1));
    await this.fight('beetle', 'rust-beetle');
    await this.both('look');
    expect(this.isDone(ana, 'under-the-hill') && this.isDone(bo, 'under-the-hill')).toBe(true);
    expect(told(ana)).toContain('Someone down there is counting.');

    // The first cooperative quest: Ana at the wheel in the gallery, Bo at the lever outside.
    const locked = await this.type(ana, 'down');
    expect(locked.text).toContain('flooded to the roof');
    await this.does(bo, 'out');
    const wheel = await this.does(ana, 'turn the sluice wheel');
    expect(wheel.text).toContain('You set your shoulder to the sluice wheel.');
    expect(wheel.text).toContain("(The Miners' Sluice: Turn the sluice wheel and pull the adit lever together, one of you at each: 1 of 2 done.");
    // Bo, at the lever outside, hears that Ana has done her part in the gallery.
    await this.hears(bo, `(The Miners' Sluice: Ana has done a part of "Turn the sluice wheel and pull the adit lever together, one of you at each"; yours must follow within 3 turns.)`);
    const lever = await this.does(bo, 'pull the lever');
    expect(lever.text).toContain('You haul the adit lever down.');
    expect(lever.text).toContain('Water roars out of the adit');
    expect(lever.text).toContain("Quest complete: The Miners' Sluice.");
    // Bo's pull finished it for Ana too, in the gallery: she hears it told.
    await this.hears(ana, "Quest complete: The Miners' Sluice.");
    const drained = await this.does(ana, 'look');
    expect(drained.text).toContain('drained and gleaming');
    expect(this.count(ana, 'miners-lamp')).toBe(1);

    // The second: the fallen prop wants two pairs of arms at once.
    await this.does(bo, 'in');
    await this.both('down', 'talk to pell');
    expect(this.quest(ana, 'the-count-moves')?.stage).toBe(StoryWalk.stage('the-count-moves', 1));
    const alone = await this.does(ana, 'lift the prop');
    expect(alone.text).toContain('It wants someone at the other end');
    await this.does(ana, 'lift the prop');
    expect(this.isDone(ana, 'the-count-moves')).toBe(false);
    await this.synced();
    const freed = await this.does(bo, 'lift the prop');
    expect(freed.text).toContain('Quest complete: The Count Moves.');
    await this.synced();
    expect((await this.does(ana, 'look')).text).toContain('Pell sits on an upturned bucket');
    expect(this.isDone(ana, 'the-count-moves')).toBe(true);
    // Both copies of the mine hold the same state: the same marks made and dropped, the same quests.
    await this.synced();

    // ------------------------------------------------ What the Stone is counting.
    await this.both('ask pell about the marks', 'up', 'out', 'west');
    const counting = await this.does(ana, 'ask the stone what it is counting');
    expect(counting.text).toContain('Forty-one.');
    await this.does(bo, 'ask the stone about counting');
    expect(this.isDone(ana, 'what-the-stone-counts') && this.isDone(bo, 'what-the-stone-counts')).toBe(true);

    // ------------------------------------------------ The ending: the light and the tide, the names.
    await this.both('south', 'south', 'south', 'west', 'north', 'north', 'up', 'ask archon for the logbook', 'down', 'east', 'ask the tidekeeper about the names');
    await this.both('west', 'south', 'south', 'east', 'north', 'north', 'north', 'east', 'in', 'down');
    const named = await this.does(ana, 'give the logbook to pell');
    expect(named.text).toContain('Quest complete: The Light and the Tide.');
    expect(named.text).toContain('the Stone Who Counts is quiet');
    await this.does(bo, 'give the logbook to pell');
    expect((await this.does(ana, 'examine the marks')).text).toContain('a boy called Col');
    expect((await this.does(ana, 'ask pell about the names')).text).toContain('every one written');

    // ------------------------------------------------ Epilogue: who met the boat.
    await this.both('up', 'out', 'west');
    expect((await this.does(ana, 'ask the stone about the count')).text).toContain('I count boats in the harbor');
    await this.both('south', 'south', 'in');
    expect((await this.does(ana, 'ask hesk about pell')).text).toContain('Under the hill?');
    await this.does(bo, 'out');
    await this.does(ana, 'out');
    const home = await this.does(ana, 'south');
    expect(home.text).toContain('this time somebody is on the quay to meet it: Pell');
    expect(home.text).toContain('Pell meets the boat');
    expect(home.text).toContain('Up in the Greywood the Stone Who');
    expect(home.text).toContain('Quest complete: Who Met the Boat.');
    // Pell is there to look at, for whoever gave the names back.
    expect((await this.type(ana, 'examine pell')).text).toContain('writing the ferry into it');
    const bos = await this.does(bo, 'south');
    expect(bos.text).toContain('Quest complete: Who Met the Boat.');

    for (const p of [ana, bo]) {
      const journal = (await this.type(p, 'journal')).observation.quests;
      const story = journal.filter((q) => STORY.includes(q.id));
      expect(story.map((q) => [q.id, q.status])).toEqual(STORY.map((id) => [id, 'done']));
      expect(story.find((q) => q.id === 'who-met-the-boat')?.text).toContain('So far it is pleased with it.');
    }
    expect((await this.type(ana, 'journal')).text).toContain("Done: Nobody Met the Boat, Where Pell Went, The Dark Lamp, The Drowned Sailor, One Short in the Count, Under the Hill, The Miners' Sluice, The Count Moves, What the Stone Is Counting, The Light and the Tide and Who Met the Boat.");
  }
}

export function refusedIn(r: WalkReply): WalkReply['events'][number] | undefined {
  return r.events.find((e) => e.type === 'refused');
}
