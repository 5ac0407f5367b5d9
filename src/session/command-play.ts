/**
 * A typed line (or an agent's structured action) played through, for a `Session`: parsed a piece
 * at a time (chains, questions, requests), each action submitted to the world and narrated, meta
 * commands (HELP, BRIEF, RESTART ...) answered. The web app's first screen needs none of it (it
 * describes the world; nothing has been typed yet), so this code is not in the app shell: it
 * loads right after the first paint, with the rule parser, and a command typed sooner waits for
 * it (Session.#play), as it waits for the parser and for the later prose.
 *
 *   const { playLine } = await loadCommandCode();
 *   const { status, intents, lines, quit } = await playLine(host, 'take rope then n', at, parse, prose);
 */
import { apply, scopeOf, type Action, type GameEvent } from '../engine/index.ts';
import { narrateEvents, line, type AwakePlayers, type ProseLine } from '../narrate/index.ts';
import type { ParseResult, ParseStatus, ParseStep } from '../parser/types.ts';
import type { Content } from '../content/schema.ts';
import type { LazyErrands } from './lazy-errands.ts';
import { loadErrandCode } from './lazy-errands.ts';
import type { WorldBackend } from './world.ts';

/** What the session lends a line being played: its world, and its own ways of submitting and telling. */
export interface CommandHost {
  readonly content: Content;
  readonly world: WorldBackend;
  /** The name a new character joins by. */
  readonly name: string;
  /** Opened with the watch link: reads, never acts. */
  readonly spectating: boolean;
  readonly errands: LazyErrands;
  submit(action: Action, at: number): Promise<{ readonly events: readonly GameEvent[]; readonly blocked?: string; readonly failed?: true }>;
  narrate(events: readonly GameEvent[], at: number): ProseLine[];
  awake(): AwakePlayers | undefined;
  /** Adds to the events the reply carries (Reply.events). */
  told(events: readonly GameEvent[]): void;
}

/** Parses one piece of the line; `scope` is made only when asked for (a structured action needs none). */
export type LineParse = (text: string, scope: () => ReturnType<typeof scopeOf>) => ParseResult | Promise<ParseResult>;

export interface PlayedLine {
  readonly status: ParseStatus;
  readonly intents: readonly Action[];
  readonly lines: ProseLine[];
  readonly quit: boolean;
}

/** A chain of commands can hold this many intents; beyond it the rest is dropped with a note. */
const MAX_INTENTS_PER_LINE = 32;

export async function playLine(host: CommandHost, input: string, at: number, parse: LineParse, prose: Promise<void> | undefined): Promise<PlayedLine> {
const { content, world } = host;
  const lines: ProseLine[] = [];
  const intents: Action[] = [];
  let status: ParseStatus = 'ok';
  let pending: string | undefined = input;
  let quit = false;

  while (pending !== undefined) {
    const text: string = pending;
    const result: ParseResult = await parse(text, () => scopeOf(content, world.state, world.player, at));
    if (prose) await prose;
    pending = undefined;
    if (result.meta) {
      const meta = await playMeta(host, result.meta);
      lines.push(...meta.lines);
      quit = meta.quit;
      break;
    }
    if (result.request?.kind === 'members' || (host.spectating && (result.request?.kind === 'who' || result.request?.kind === 'map'))) {
      // Anyone reads who the members are (a spectator, a banished player); a spectator reads who
      // is where, and the map of it; every action is refused below.
      const out = await host.errands.run(result.request, at);
      lines.push(...out.lines);
      status = out.status;
      break;
    }
    if (!world.state.players[world.player]) {
      // No character here (a watching tab, or one this device cannot find): the world says why,
      // rather than the parser failing to see anything. A new player is joined.
      const joined = await host.submit({ kind: 'join', name: host.name }, at);
      if (joined.blocked !== undefined) {
        lines.push(line('refusal', joined.blocked));
        status = joined.failed ? 'error' : 'refused';
        break;
      }
      intents.push({ kind: 'join', name: host.name });
      lines.push(...narrateEvents(content, world.state, joined.events, world.player, at, host.awake()));
      // Parsed again: the new character sees what is around them.
      pending = text;
      continue;
    }
    status = result.status;
    if (result.notice) lines.push(line('note', result.notice));
    if (result.request) {
      const out = await host.errands.run(result.request, at);
      lines.push(...out.lines);
      intents.push(...out.intents);
      status = out.status;
      if (out.status === 'ok' && result.rest) pending = result.rest;
      continue;
    }
    let refused = false;
    for (const [i, step] of result.steps.entries()) {
      if (intents.length >= MAX_INTENTS_PER_LINE) {
        lines.push(line('note', `(That is a lot at once; stopping after ${MAX_INTENTS_PER_LINE} actions.)`));
        refused = true;
        break;
      }
      // Implicit steps, and a step to be tried first (TALK to an islander elsewhere at this hour),
      // are tried on a copy: a refusal is told as the rules give it, and nothing is written.
      const refusal = (step.implicit && !result.steps[i - 1]?.implicit) || step.tryFirst ? refusedAnyway(host, result.steps.slice(i), at) : undefined;
      if (refusal) {
        lines.push(...refusal);
        status = 'refused';
        refused = true;
        break;
      }
      if (step.note) lines.push(line('note', step.note));
      intents.push(step.action);
      const { events, blocked, failed } = await host.submit(step.action, at);
      if (blocked !== undefined) {
        lines.push(line('refusal', blocked));
        status = failed ? 'error' : 'refused';
        refused = true;
        break;
      }
      lines.push(...host.narrate(events, at));
      if (events.some((e: GameEvent) => e.type === 'refused' && e.player === world.player)) {
        status = 'refused';
        refused = true;
        break;
      }
    }
    if (refused) break;
    if (result.text) lines.push(line(result.status === 'ok' ? 'body' : result.status === 'ambiguous' || result.status === 'incomplete' ? 'note' : 'refusal', result.text));
    if (result.rest && result.status === 'ok') pending = result.rest;
  }
  return { status, intents, lines, quit };
}

/**
 * The refusal of the step that implicit steps serve ("give tusk to ysolde" unequips the dagger
 * first), when the rules would refuse it anyway: tried on a copy of the state, so nothing is
 * taken off or picked up for an action that cannot happen. Undefined when it would happen, or
 * when an implicit step itself is refused (that refusal is told as it happens).
 */
function refusedAnyway(host: CommandHost, steps: readonly ParseStep[], at: number): ProseLine[] | undefined {
  const { content, world } = host;
  let state = world.state;
  for (const step of steps) {
    let tried: ReturnType<typeof apply>;
    try {
      tried = apply(content, state, { id: 'try', player: world.player, at, action: step.action });
    } catch {
      return undefined;
    }
    const no = tried.events.filter((e) => e.type === 'refused' && e.player === world.player);
    if (no.length > 0 && step.implicit) return undefined;
    if (no.length > 0) {
      // Nothing was applied, but the reply carries the refusal as the rules gave it.
      host.told(no);
      return narrateEvents(content, state, tried.events, world.player, at, host.awake());
    }
    if (!step.implicit) return undefined;
    state = tried.state;
  }
  return undefined;
}

async function playMeta(host: CommandHost, meta: NonNullable<ParseResult['meta']>): Promise<{ lines: ProseLine[]; quit: boolean }> {
  const { content, world } = host;
  switch (meta) {
    case 'help': return { lines: (await loadErrandCode()).helpText(content).split('\n').map((t) => line('system', t)), quit: false };
    case 'about': return { lines: [line('system', 'Vetrellis: a local-first, multiplayer text adventure. Your world lives with you; share its link to play together.')], quit: false };
    case 'quit': return { lines: [line('system', 'Farewell. The isle will keep your place.')], quit: true };
    case 'save': return { lines: [line('system', 'The world keeps itself: every action is saved as you make it.')], quit: false };
    case 'restart': {
      const events = (await world.startOver?.()) ?? null;
      if (events !== null) {
        const at = world.state.time;
        host.told(events);
        return { lines: narrateEvents(content, world.state, events, world.player, at, host.awake()), quit: false };
      }
      return { lines: [line('system', 'The isle does not turn back: what is done stays done, for everyone who shares this world.')], quit: false };
    }
    case 'restore': case 'undo':
      return { lines: [line('system', 'The isle does not turn back: what is done stays done, for everyone who shares this world.')], quit: false };
    case 'verbose':
      host.errands.verbosity = 'verbose';
      return { lines: [line('system', 'Verbose: every room is described in full each time you enter it. (BRIEF shortens rooms you have seen.)')], quit: false };
    case 'brief':
      host.errands.verbosity = 'brief';
      return { lines: [line('system', 'Brief: a room you have been to before shows its name, what is there and the ways out; LOOK still describes it in full. (VERBOSE for full descriptions.)')], quit: false };
    case 'hint': return { lines: (await loadErrandCode()).hintLines(content, world.state, world.player, ''), quit: false };
    default: {
      const unknown: never = meta;
      return { lines: [line('system', `(${String(unknown)} is not available.)`)], quit: false };
    }
  }
}
