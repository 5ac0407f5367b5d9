/**
 * The worlds a player can play in, as one table the rich tests run over, so that what a player
 * sees is checked the same whichever world holds it:
 *
 *   memory  a world kept in memory only (no --world): the reference, seeded with --seed
 *   kept    a world kept on disk (--world DIR), with no relay
 *   relay   a world kept on disk and shared through the project's relay (--world DIR --relay URL),
 *           which a second client joins by its share link
 *
 * Two things may rightly differ between a world in memory and a kept or shared one, and the
 * helpers here set exactly those aside:
 * - the dice: they are seeded by the world seed and each intent's id, and in a kept or shared
 *   world an intent's id is the hash of the signed intent (so it changes with the player's own
 *   random key), not `p-local:<n>`. Fights (their blows, misses, loot) and HP figures differ.
 * - the time of day: a kept world's game time starts at the machine clock when it is made (it is
 *   shared with people on other machines), a world in memory at 0 with `--clock turns`. Night
 *   variants of a place's description differ, whatever the backend, and so does the living isle
 *   (engine/living.ts): what islanders do now and then, who keeps which room at this hour, a
 *   creature abroad only at night, a way shut at this hour.
 * Everything else (where you are, what you carry and wear, what is here, every other sentence)
 * must be the same.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Content } from '../../src/content/schema.ts';
import type { Observation } from '../../src/session/observation.ts';
import { vetrellis } from '../golden/transcript.ts';
import { runClient, startRelay, type AgentReply, type LiveAgent } from './helpers.ts';

export interface Backend {
  readonly name: 'memory' | 'kept' | 'relay';
  /** For test titles. */
  readonly label: string;
  /** Its dice and clock are the in-memory reference's (so its prose is pinned exactly). */
  readonly reference: boolean;
}

export const BACKENDS: readonly Backend[] = [
  { name: 'memory', label: 'a world in memory', reference: true },
  { name: 'kept', label: 'a world kept on disk (--world)', reference: false },
  { name: 'relay', label: 'a world shared through the relay (--relay)', reference: false },
];

/** The backends whose world lives on disk and can be continued. */
export const KEPT_BACKENDS: readonly Backend[] = BACKENDS.filter((b) => b.name !== 'memory');

/**
 * One test file's worlds: a temporary folder for the world folders and one project relay
 * (server/main.ts as a child process) for the relay backend, both gone after the file.
 */
export function setUpWorlds(): { args: (backend: Backend, who?: string) => string[]; dir: (name: string) => string; relayUrl: () => string } {
  const tmp = mkdtempSync(join(tmpdir(), 'vetrellis-backends-'));
  let relay: Awaited<ReturnType<typeof startRelay>> | undefined;
  let made = 0;
  beforeAll(async () => {
    relay = await startRelay(join(tmp, 'relay'));
  }, 60_000);
  afterAll(async () => {
    await relay?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });
  const dir = (name: string) => join(tmp, name);
  const relayUrl = () => {
    if (!relay) throw new Error('the relay has not started');
    return relay.url;
  };
  return {
    dir,
    relayUrl,
    /** Client arguments that open a new world of this backend (a fresh world folder each call). */
    args: (backend, who = 'wanderer') => {
      const folder = dir(`${backend.name}-${who}-${(made += 1)}`);
      if (backend.name === 'memory') return ['--seed', '1'];
      if (backend.name === 'kept') return ['--world', folder];
      return ['--world', folder, '--relay', relayUrl()];
    },
  };
}

/** What the terminal client printed for a run of commands, as a golden transcript reads. */
export interface ClientRun {
  readonly transcript: string;
  /** The share link the client printed (a relayed world only). */
  readonly link: string | null;
  readonly code: number | null;
  readonly stderr: string;
}

/**
 * Plays `commands` in the terminal client as a person sees it (human mode, no colour, 10 s of game
 * time per command) and gives back the transcript in the golden files' form: the opening, then
 * `> command` and its reply for each command.
 */
export async function playInClient(commands: readonly string[], args: readonly string[]): Promise<ClientRun> {
  const { stdout, stderr, code } = await runClient(commands, ['--clock', 'turns', ...args]);
  // The opening and every reply end with a blank line, and a "> " prompt follows each.
  const chunks = stdout.split('\n\n> ');
  const replies = chunks.slice(1, commands.length + 1);
  if (chunks.length !== commands.length + 2 || chunks.at(-1) !== '') {
    throw new Error(`the client printed ${chunks.length - 2} replies to ${commands.length} commands (exit ${code}):\n${stderr}\n${stdout}`);
  }
  const lines = [chunks[0]!, ...commands.flatMap((c, i) => [`> ${c}`, replies[i]!])];
  return { transcript: lines.join('\n') + '\n', link: /Share link: (\S+)/.exec(stderr)?.[1] ?? null, code, stderr };
}

/** A transcript cut into its opening and one `> command\nreply` block per command. */
export function blocksOf(transcript: string): { opening: string; replies: string[] } {
  const [opening, ...rest] = transcript.trimEnd().split(/\n(?=> )/);
  return { opening: opening!, replies: rest };
}

let nightToDay: [string, string][] | undefined;

/**
 * The time of day set aside: each place's night description is replaced by the one the same
 * place shows at any hour (the variant with the same other conditions, else its plain
 * description), and so is a text told by day only (a first visit's, in daylight).
 */
export function withoutTimeOfDay(text: string, content: Content = vetrellis()): string {
  const byDay = timedParts(content).reduce((t, part) => t.replaceAll(` ${part}`, ''), withoutNights(text, content));
  return byDay.split('\n').filter((l) => !livingLine(l, content)).map((l) => withoutKeepersOfHours(l, content)).filter((l) => l !== '')
    .join('\n').replace(/ \((shut at this hour|under the tide|closed in this weather)\)/g, '');
}

/** "Bram and Mother Hesk are here." is "Mother Hesk is here." by day: those who keep hours are left out. */
function withoutKeepersOfHours(text: string, content: Content): string {
  const m = /^(.+) (is|are) here\.$/.exec(text);
  if (!m) return text;
  const keepers = new Set([...content.npcs.values()].filter((n) => n.schedule.length > 0).map((n) => n.name));
  const names = m[1]!.split(/, | and /);
  if (!names.some((n) => keepers.has(n))) return text;
  const left = names.filter((n) => !keepers.has(n));
  if (left.length === 0) return '';
  const listed = left.length === 1 ? left[0]! : `${left.slice(0, -1).join(', ')} and ${left[left.length - 1]}`;
  return `${listed} ${left.length === 1 ? 'is' : 'are'} here.`;
}

/** Creatures abroad only at some hours (the harrow shade by night, the roaming lynx). */
function timedEnemies(content: Content) {
  return [...content.enemies.values()].filter((e) => e.while !== undefined || e.roams !== undefined);
}

/** The parts of rooms told while such a creature is there. */
function timedParts(content: Content): string[] {
  const timed = timedEnemies(content);
  return [...content.locations.values()].flatMap((l) => l.parts.filter((p) => timed.some((e) => e.id === p.while.enemy)).map((p) => p.text));
}

/**
 * A line the living isle's clock decides: an NPC's doing (their `ambient`), a creature abroad
 * only at some hours ("A harrow shade is here").
 */
function livingLine(text: string, content: Content): boolean {
  const npcs = [...content.npcs.values()];
  if (npcs.some((n) => n.ambient.includes(text) || n.schedule.some((e) => e.ambient.includes(text)))) return true;
  return timedEnemies(content).some((e) => new RegExp(`^An? ${e.name} is here \\(`).test(text));
}

function withoutNights(text: string, content: Content): string {
  nightToDay ??= [...content.locations.values()].flatMap((loc) =>
    loc.variants.flatMap((v) => {
      if (v.when.night === undefined) return [];
      const { night: _night, ...rest } = v.when;
      const day = loc.variants.find((d) => d.when.night === undefined && sameConditions(d.when, rest));
      return [[v.text, day ? day.text : loc.description] as [string, string]];
    }),
  );
  return nightToDay.reduce((t, [night, day]) => t.replaceAll(night, day), text);
}

function sameConditions(a: object, b: object): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k]);
}

/** Commands whose replies the dice decide: a fight's blows, misses, kills and loot. */
const FIGHT = /^attack\b/;

/**
 * The dice set aside from a transcript: the replies to fights are left out, and HP figures (what
 * a fight took, what a potion could give back) become `#`.
 */
export function withoutDice(transcript: string): string {
  const { opening, replies } = blocksOf(transcript);
  const kept = replies.map((block) => {
    const [command, ...reply] = block.split('\n');
    if (FIGHT.test(command!.slice(2))) return `${command}\n(a fight: the dice decide its blows)`;
    return [command, ...reply.map(withoutHp)].join('\n');
  });
  return [opening, ...kept].join('\n') + '\n';
}

function withoutHp(line: string): string {
  return line
    .replace(/\bHP \d+\/\d+/g, 'HP #/#')
    .replace(/\(\d+\/\d+ HP\)/g, '(#/# HP)')
    .replace(/\(\+\d+ HP\)/g, '(+# HP)');
}

/** How a transcript of a backend is compared with the pinned one. */
export function comparable(backend: Backend, transcript: string): { opening: string; replies: string[] } {
  return blocksOf(backend.reference ? transcript : withoutDice(withoutTimeOfDay(transcript)));
}

/**
 * What a player notices after one agent command, without the dice and the clock: what was
 * understood and said, where they stand and what is there, and what they carry, wear and know.
 * Other players are left out (a second client may be about in a shared world).
 */
export function noticed(reply: AgentReply) {
  // helpers.ts types only the observation's parts its tests read; the client sends all of it.
  const o = reply.observation as unknown as Observation;
  const p = o.player;
  return {
    input: reply.input,
    status: reply.status,
    intents: reply.intents,
    text: withoutTimeOfDay(reply.text),
    location: o.location,
    here: { items: o.here.items, nodes: o.here.nodes, enemies: o.here.enemies, npcs: o.here.npcs, stations: o.here.stations },
    player: p && {
      name: p.name, hp: p.hp, mp: p.mp, sp: p.sp, level: p.level, exp: p.exp, effects: p.effects,
      equipment: p.equipment, inventory: p.inventory, carried: p.carried, visited: p.visited, fighting: p.fighting,
    },
  };
}

/**
 * Sends `line` every quarter second (for up to 15 s) until the reply is what `ready` waits for,
 * and gives back the last reply: news from another client comes through the relay a moment later.
 */
export async function sendUntil(agent: LiveAgent, line: string, ready: (r: AgentReply) => boolean): Promise<AgentReply> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const reply = await agent.send(line);
    if (ready(reply) || Date.now() > deadline) return reply;
    await new Promise((r) => setTimeout(r, 250));
  }
}
