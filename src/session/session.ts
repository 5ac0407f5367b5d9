/**
 * One player's session: a typed line goes through the parser, becomes intents, is applied to the
 * world (local or shared), and comes back as prose plus an observation. The terminal client and
 * the web app both drive the game only through this class.
 *
 *   const session = new Session(world, { name: 'Ana', clock: () => Date.now() });
 *   const first = session.start();            // joins if needed, describes the room
 *   const reply = await session.handle('take the rope then go north');
 *   print(reply.lines); agent.send(reply.observation);
 */
import { ambientAt, apply, enemyAlive, paceRefusal, scopeOf, type Action, type ActionKind, type GameEvent, type GameState } from '../engine/index.ts';
import { describeRoom, narrateEvents, line, plainText, type AwakePlayers, type ProseLine } from '../narrate/index.ts';
import type { IntentParser, ParseResult, ParseStatus } from '../parser/types.ts';
import type { CommandHost, LineParse, PlayedLine } from './command-play.ts';
import { LazyErrands } from './lazy-errands.ts';
import { laterProse, loadLaterProse } from '../narrate/later-prose.ts';
import { LazyParser, lazyRuleParser } from './lazy-parser.ts';
import { newsNeedsLaterProse, tellNews, type News, type NewsEvent, type NewsRevision } from './news.ts';
import { observe, type Observation } from './observation.ts';
import { membersOf, roleOf } from './members.ts';
import { leaderLeft } from './company.ts';
import type { Direction } from '../content/schema.ts';
import type { WorldBackend, WorldNews } from './world.ts';

export interface Reply {
  readonly input: string;
  readonly status: ParseStatus;
  /** What the parser produced, also when the rules then refused it. */
  readonly intents: readonly Action[];
  readonly lines: readonly ProseLine[];
  readonly text: string;
  /** What others did since your last command, and revisions of what you saw. */
  readonly news: readonly string[];
  /** The same news as styled prose. */
  readonly newsLines: readonly ProseLine[];
  /** The events of this command's own actions as the rules gave them, refusals (with their reasons) included. */
  readonly events: readonly GameEvent[];
  /** The events behind `news`, as this player witnessed them (news.ts). */
  readonly newsEvents: readonly NewsEvent[];
  /**
   * Actions the world could not take at all, so the rules never saw them: a watching tab, a part
   * of the isle still loading (`sync/...`), a failure inside the game (`session/internal-error`).
   */
  readonly blocked: readonly { readonly kind: ActionKind; readonly reason: string }[];
  /** Revisions told in `news`. */
  readonly revisions: readonly NewsRevision[];
  readonly observation: Observation;
  /** The player asked to leave. */
  readonly quit: boolean;
}

/** Kinds that only read the state (look, examine, inventory, status, wares): answered, never written. */
const READS: ReadonlySet<ActionKind> = new Set<ActionKind>(['look', 'examine', 'inventory', 'status', 'wares']);

export interface SessionOptions {
  readonly name: string;
  /** Game time source (ms). Clamped non-decreasing. */
  readonly clock: () => number;
  /** Defaults to the rule parser (its code loaded on first use); the LLM chain plugs in here. */
  readonly parser?: IntentParser;
  /** Told of a failure inside the world or the rules (a bug); the player gets a plain refusal. Default: console.error. */
  readonly onError?: (error: unknown) => void;
}

/** What a player reads when a command failed inside the game (a bug): nothing was applied. */
export const INTERNAL_ERROR_TEXT = 'Something went wrong inside the game; that command was not applied. Your character and everything you carry are safe.';

type Submitted = { readonly events: readonly GameEvent[]; readonly blocked?: string; readonly failed?: true };

/** The code that plays a typed line could not be fetched (the web app loads it after its first screen). */
class CommandCodeMissing extends Error {}

/** What a player reads when that code could not be fetched: nothing was done, and the next command tries again. */
export const COMMAND_CODE_MISSING_TEXT = "The game's code for commands has not reached this device yet (check the connection); nothing was done. Try the command again in a moment.";

let commandCode: Promise<typeof import('./command-play.ts')> | null = null;

/** command-play.ts (once; again after a failed fetch). The web app asks for it right after its first paint. */
export function loadCommandCode(): Promise<typeof import('./command-play.ts')> {
  commandCode ??= import('./command-play.ts').catch((error: unknown) => {
    commandCode = null;
    throw new CommandCodeMissing(error instanceof Error ? error.message : String(error));
  });
  return commandCode;
}

/** A follower walks after at most this many of the leader's steps not yet walked. */
const MAX_TRAIL = 8;

export class Session {
  readonly #parser: IntentParser;
  #at = 0;
  /** Requests the parser hands over (GO TO, WHERE IS, TELL ...), the way back, BRIEF / VERBOSE; code loaded on first use. */
  readonly #errands: LazyErrands;
  /** The events of the command being answered (Reply.events). */
  #told: GameEvent[] = [];
  #blocked: { kind: ActionKind; reason: string }[] = [];
  /** Game time up to which the islanders' doings here have been told (living.ts: ambientAt). */
  #ambientFrom = 0;
  /** Commands being played (a follow that waited for the rules' pace waits for them too). */
  #acting = 0;
  /**
   * FOLLOW: the steps of the one followed that this player has not walked after yet, oldest first
   * (a leader may walk on before the follower has caught up: two rooms at once reach the follower
   * in one batch of news), and the timer that walks the next one.
   */
  #trail: { readonly leader: string; readonly from: string; readonly dir: Direction; readonly name: string }[] = [];
  #followTimer: ReturnType<typeof setTimeout> | null = null;
  /** What a follow written between commands told, for the next news. */
  readonly #followNews: { lines: ProseLine[]; events: GameEvent[] }[] = [];
  readonly #newsListeners = new Set<() => void>();
  /**
   * News drained before the prose it needs had loaded (later-prose.ts), in the order it came:
   * told, with what came after it, once that prose is in (`newsHeld`).
   */
  #held: WorldNews[] = [];

  /** What command-play.ts may use of this session while it plays a line. */
  readonly #host: CommandHost;

  constructor(readonly world: WorldBackend, private readonly options: SessionOptions) {
    this.#parser = options.parser ?? lazyRuleParser();
    this.#at = world.state.time;
    this.#errands = new LazyErrands({
      content: world.content, world,
      submit: (action, at) => this.#submit(action, at),
      narrate: (events, at, passing) => this.#narrate(events, at, passing),
      awake: () => this.#awake(),
    });
    const session = this;
    this.#host = {
      content: world.content, world, name: options.name, errands: this.#errands,
      get spectating() {
        return session.#spectating;
      },
      submit: (action, at) => this.#submit(action, at),
      narrate: (events, at) => this.#narrate(events, at),
      awake: () => this.#awake(),
      told: (events) => void this.#told.push(...events),
    };
  }

  get content() {
    return this.world.content;
  }

  /**
   * Joins the world if this player is new, then describes where they stand. Coming back to a
   * world writes nothing: the room is described from the state as it is.
   */
  start(): Reply {
    const at = this.#now();
    this.#ambientFrom = at;
    const me = this.world.state.players[this.world.player];
    const notice = this.world.notice ? [line('system', this.world.notice)] : [];
    const join: Action = { kind: 'join', name: this.options.name };
    if (me && this.world.joinedOnOpen.length > 0) {
      // The world joined this new player as it opened: they are told as if they had just joined.
      this.#told = [...this.world.joinedOnOpen];
      const lines = [line('body', this.content.world.intro), ...narrateEvents(this.content, this.world.state, this.world.joinedOnOpen, this.world.player, at, this.#awake())];
      return this.#reply('', 'ok', [join], [...notice, ...lines], false);
    }
    if (me) {
      // Coming back: the island's introduction and a first visit's text were told once already.
      const back = line('system', `Welcome back to Vetrellis, ${me.name}.`);
      return this.#reply('', 'ok', [], [...notice, back, ...describeRoom(this.content, this.world.state, this.world.player, at, this.#awake())], false);
    }
    if (this.#spectating) return this.#reply('', 'ok', [], [...notice, ...this.#watchingLines()], false);
    const { events, blocked, failed } = this.#trySubmit(join, at);
    if (blocked !== undefined) return this.#reply('', failed ? 'error' : 'refused', [join], [line('refusal', blocked)], false);
    const lines = [line('body', this.content.world.intro), ...narrateEvents(this.content, this.world.state, events, this.world.player, at, this.#awake())];
    return this.#reply('', 'ok', [join], lines, false);
  }

  /** The world was opened with its watch link (docs/links.md): this session reads and never acts. */
  get #spectating(): boolean {
    return this.world.status()?.role === 'spectator';
  }

  /** What a spectator is told as the world opens: whose isle, who is where, and how to play. */
  #watchingLines(): ProseLine[] {
    const state = this.world.state;
    const here = Object.values(state.players).map((p) => `${p.name} (${this.content.locations.get(p.location)?.name ?? p.location})`);
    return [
      line('body', this.content.world.intro),
      line('system', `You are watching this world through its watch link: you see what everyone does here as it happens, and can do nothing yourself (WHO and MAP show who is where). Ask the world's owner for the play link to join.`),
      line('note', here.length > 0 ? `Here now: ${here.join(', ')}.` : 'Nobody is in this part of the isle right now.'),
    ];
  }

  handle(input: string): Promise<Reply> {
    return this.#run(input, (text, scope) => this.#parser.parse(text, scope()));
  }

  /**
   * One structured action (an agent's `{"kind":"move","dir":"north"}`), played as the same action
   * parsed from a line would be; `input` is the line as it came, echoed in the reply.
   */
  act(action: Action, input: string): Promise<Reply> {
    // TALK or GIVE is tried first, as when typed: to an islander elsewhere at this hour it is
    // refused (talk/away, give/away) and nothing is written, whichever way an agent asked.
    const tryFirst = action.kind === 'talk' || action.kind === 'give';
    const parsed: ParseResult = { status: 'ok', intents: [action], steps: [{ action, ...(tryFirst ? { tryFirst } : {}) }], confidence: 1, source: 'rule' };
    return this.#run(input, () => parsed);
  }

  /** `parse` gets the scope to read the line in, made only when asked for (a structured action needs none). */
  async #run(input: string, parse: LineParse): Promise<Reply> {
    this.#acting += 1;
    try {
      return await this.#play(input, parse);
    } finally {
      this.#acting -= 1;
    }
  }

  async #play(input: string, parse: LineParse): Promise<Reply> {
    // Code the web app's first screen does without (later-prose.ts, command-play.ts, the parser)
    // loads while the line waits for it, all at once; nothing is told before the prose is in.
    const prose = laterProse() === null ? loadLaterProse().catch(() => {}) : undefined;
    const code = loadCommandCode();
    // The parser's code is asked for at once too; this command makes one attempt at it (a failed
    // load fails the command, and the next command tries again).
    const parser = this.#parser instanceof LazyParser ? this.#parser.load() : undefined;
    parser?.catch(() => {});
    this.#told = [];
    this.#blocked = [];
    const at = this.#now();
    let played: PlayedLine;
    try {
      const { playLine } = await code;
      await parser;
      played = await playLine(this.#host, input, at, parse, prose);
    } catch (error) {
      if (!(error instanceof CommandCodeMissing)) throw error;
      return this.#reply(input, 'error', [], [line('refusal', COMMAND_CODE_MISSING_TEXT)], false);
    }
    return this.#reply(input, played.status, played.intents, played.lines, played.quit);
  }

  /**
   * The world applies the action, or refuses it; a failure inside it (a bug) is a refusal too,
   * after which the world is as it was: the shared world writes nothing it could not sign whole.
   */
  async #submit(action: Action, at: number): Promise<Submitted> {
    await this.world.ready();
    const outcome = this.#trySubmit(action, at);
    // Taken out of this zone by the rules (a defeat wakes you elsewhere): the world follows before you hear it.
    if (!this.world.state.players[this.world.player]) await this.world.ready();
    return outcome;
  }

  #trySubmit(action: Action, at: number): Submitted {
    try {
      // Reading writes nothing: a glance is answered from the state here, and never becomes an
      // intent that every replica stores and replays (a watching tab may look around too).
      if (READS.has(action.kind) && this.world.state.players[this.world.player]) {
        const { events } = apply(this.content, readable(this.world.state), { id: 'read', player: this.world.player, at, action });
        this.#told.push(...events);
        return { events };
      }
      const outcome = this.world.submit(action, at);
      this.#told.push(...outcome.events);
      if (outcome.blocked !== undefined) this.#blocked.push({ kind: action.kind, reason: outcome.blockedReason ?? 'world/blocked' });
      return outcome;
    } catch (error) {
      (this.options.onError ?? console.error)(error);
      this.#blocked.push({ kind: action.kind, reason: 'session/internal-error' });
      return { events: [], blocked: INTERNAL_ERROR_TEXT, failed: true };
    }
  }

  /**
   * Prose for events, as this session tells them: a move of the player's own is remembered (GO
   * BACK); in BRIEF a room already visited loses its description; `passing` (a room walked through
   * on the way to another) keeps only its name.
   */
  #narrate(events: readonly GameEvent[], at: number, passing = false): ProseLine[] {
    const out: ProseLine[] = [];
    for (const e of events) {
      const lines = narrateEvents(this.content, this.world.state, [e], this.world.player, at, this.#awake());
      if (e.type !== 'moved' || e.player !== this.world.player) {
        out.push(...lines);
        continue;
      }
      this.#errands.noteMove(e);
      if (passing) out.push(...lines.filter((l) => l.style === 'note' || l.style === 'title'));
      else if (this.#errands.verbosity === 'brief' && !e.firstVisit) out.push(...lines.filter((l) => l.style !== 'body'));
      else out.push(...lines);
    }
    return out;
  }

  observe(): Observation {
    const { id, link, contentMismatch } = this.world;
    const status = this.world.status();
    const owner = status?.owner ?? null;
    const watchLink = this.world.watchLink ?? null;
    const role = roleOf(status, this.world.player);
    const members = membersOf(status, this.world.player);
    return observe(this.content, this.world.state, this.world.player, { id, link, watchLink, contentMismatch, owner, role, members }, this.#at, this.#awake());
  }

  /** Who is playing right now (a shared world's presence); undefined where nobody's presence is known. */
  #awake(): AwakePlayers | undefined {
    return this.world.awake() ?? undefined;
  }

  /**
   * What happened in the world since the last command or poll, as prose: others' deeds the
   * player witnessed and revisions of what they saw. The web app calls this when the world
   * says news arrived; replies to commands include it as `news`.
   */
  poll(): ProseLine[] {
    return [...this.pollNews().lines];
  }

  /** `poll` with the structured events and revisions behind its prose, for agents. */
  pollNews(): News {
    // The world sends the player's own deeds only to a tab that watches another tab play.
    const drained = this.world.drainNews();
    if (this.#held.length > 0 || (laterProse() === null && newsNeedsLaterProse(drained, this.world.player))) {
      this.#held.push(drained);
      // Held until the prose is in (a failed load is tried again at the next poll or command).
      if (laterProse() === null) {
        void loadLaterProse().catch(() => {});
        return { lines: [], events: [], revisions: [] };
      }
    }
    const batches = this.#held.length > 0 ? this.#held : [drained];
    this.#held = [];
    const parts = batches.map((b) => tellNews(this.content, this.world.state, b, this.world.player, this.#at, this.#awake(), this.#spectating));
    const told: News = parts.length === 1 ? parts[0]! : {
      lines: parts.flatMap((p) => p.lines), events: parts.flatMap((p) => p.events), revisions: parts.flatMap((p) => p.revisions),
    };
    const nameOf = (player: string) => batches.reduceRight<string | undefined>((found, b) => found ?? b.nameOf?.(player), undefined);
    const walked = [...this.#followNews.splice(0), this.#noteTrail(batches.flatMap((b) => b.events), nameOf)].filter((w) => w !== undefined);
    if (walked.length === 0) return told;
    return { ...told, lines: [...told.lines, ...walked.flatMap((w) => w.lines)], events: [...told.events, ...walked.flatMap((w) => w.events)] };
  }

  /**
   * Told when the session has news of its own between commands (a FOLLOW move was written): poll
   * then, as when the world says news arrived.
   */
  onNews(listener: () => void): () => void {
    this.#newsListeners.add(listener);
    return () => this.#newsListeners.delete(listener);
  }

  /** Stops a follow still to be walked (the session is closing). */
  stopFollowing(): void {
    if (this.#followTimer) clearTimeout(this.#followTimer);
    this.#followTimer = null;
    this.#trail = [];
  }

  /**
   * While news waits for the prose that tells it (pollNews): resolves when that prose is in, so
   * the caller polls again and tells it; rejects if its code could not be fetched (the next poll
   * or command tries again). Null when nothing waits.
   */
  newsHeld(): Promise<void> | null {
    if (this.#held.length === 0) return null;
    return laterProse() !== null ? Promise.resolve() : loadLaterProse();
  }

  /**
   * FOLLOW: the one this player follows left a room, so this client walks after them, as moves of
   * this player's own (signed by them, refused by the rules like any move), and says so: "You
   * follow Bo north." Not in a fight (that would be a flight), and not from a watching tab. Each
   * step the leader took is noted here and walked from a timer (`#followStep`), never while news
   * is being drained: that runs inside the world's own notification of a change (a Yjs
   * transaction), where a write of ours could not be folded and told at once. The steps keep the
   * rules' pace (src/engine/rules/pace.ts): a companion, which may act only 1.5 s of game time after
   * its last deed, or anyone at the cap, follows as soon as it may. Listeners of `onNews` hear of
   * each step walked.
   */
  #noteTrail(events: readonly GameEvent[], nameOf: ((player: string) => string | undefined) | undefined): { lines: ProseLine[]; events: GameEvent[] } | undefined {
    const me = this.world.state.players[this.world.player];
    const leader = me?.following;
    if (!me || leader === undefined || this.world.status()?.role === 'watcher') return undefined;
    // Every step the replica folded, seen from here or not: the follower walks where the leader went.
    const steps = events.flatMap((e) => (e.type === 'moved' && e.player === leader ? [{ from: e.location, dir: e.dir }] : []));
    if (steps.length === 0) return undefined;
    const name = this.world.state.players[leader]?.name ?? nameOf?.(leader) ?? this.world.status()?.roster.find((r) => r.player === leader)?.name ?? 'the one you follow';
    const left = leaderLeft(this.world.state, this.world.player, events);
    if (left && me.fighting !== null && enemyAlive(this.content, this.world.state, me.location, me.fighting, this.#at)) {
      this.#trail = [];
      return { lines: [line('note', `(${name} goes ${left.dir}, but you are in a fight and cannot follow.)`)], events: [] };
    }
    // Kept short: a follower far behind walks the last few rooms, not a whole day's wandering.
    this.#trail = [...this.#trail.filter((s) => s.leader === leader), ...steps.map((s) => ({ leader, name, ...s }))].slice(-MAX_TRAIL);
    this.#scheduleFollow(0);
    return undefined;
  }

  #scheduleFollow(delay: number): void {
    if (this.#followTimer !== null) return;
    this.#followTimer = setTimeout(() => {
      this.#followTimer = null;
      this.#followStep();
    }, delay);
  }

  /** Walks the leader's next step out of the room this player stands in, once the rules' pace and the command being played allow. */
  #followStep(): void {
    const me = this.world.state.players[this.world.player];
    // Gone from the way meanwhile (asked to wait, walked elsewhere, defeated): nothing to follow.
    const next = me && me.following !== undefined && this.world.status()?.role !== 'watcher'
      ? this.#trail.findIndex((s) => s.leader === me.following && s.from === me.location) : -1;
    if (!me || next < 0) {
      this.#trail = [];
      return;
    }
    const at = this.#now();
    const readyAt = paceRefusal(me, at)?.detail.readyAt;
    if (this.#acting > 0 || readyAt !== undefined) return this.#scheduleFollow(this.#acting > 0 ? 50 : Math.max(1, Number(readyAt) - at + 1));
    const step = this.#trail[next]!;
    this.#trail = this.#trail.slice(next + 1);
    const walked = this.#walkAfter(step, step.name, at);
    if (walked) this.#followNews.push(walked);
    if (this.#trail.length > 0) this.#scheduleFollow(0);
    for (const listener of this.#newsListeners) listener();
  }

  #walkAfter(left: { leader: string; dir: Direction }, name: string, at: number): { lines: ProseLine[]; events: GameEvent[] } | undefined {
    try {
      const outcome = this.world.submit({ kind: 'move', dir: left.dir }, at);
      if (outcome.blocked !== undefined) return { lines: [line('refusal', `You cannot follow ${name}: ${outcome.blocked}`)], events: [] };
      const lines = this.#narrate(outcome.events, at);
      const own = lines.findIndex((l) => l.text === `You go ${left.dir}.`);
      if (own >= 0) lines[own] = line('note', `You follow ${name} ${left.dir}.`);
      return { lines, events: [...outcome.events] };
    } catch (error) {
      (this.options.onError ?? console.error)(error);
      return { lines: [line('refusal', INTERNAL_ERROR_TEXT)], events: [] };
    }
  }

  #reply(input: string, status: ParseStatus, intents: readonly Action[], lines: ProseLine[], quit: boolean): Reply {
    const told = this.pollNews();
    const ambient = this.#ambient();
    const news: News = ambient ? { ...told, lines: [...told.lines, ambient] } : told;
    const events = this.#told;
    const blocked = this.#blocked;
    this.#told = [];
    this.#blocked = [];
    return {
      input, status, intents, lines, text: plainText(lines), news: news.lines.map((l) => l.text), newsLines: [...news.lines],
      events, newsEvents: news.events, blocked, revisions: news.revisions, observation: this.observe(), quit,
    };
  }

  /**
   * Now and then an islander here does something (Bram quenches a blade): told with the news,
   * the latest since the last reply, from the seed and game time alone, so it writes nothing.
   */
  #ambient(): ProseLine | undefined {
    const me = this.world.state.players[this.world.player];
    const from = this.#ambientFrom;
    this.#ambientFrom = Math.max(from, this.#at);
    if (!me || this.#at <= from) return undefined;
    const done = ambientAt(this.content, this.world.state.seed, me.location, from, this.#at);
    return done ? line('other', done.text) : undefined;
  }

  #now(): number {
    this.#at = Math.max(this.#at, Math.floor(this.options.clock()));
    return this.#at;
  }
}

/**
 * The state as a glance reads it: a moved world's frozen copy still reads (issue 19), but its
 * rules refuse every intent, a glance's too; a glance is never stored, so it reads past the freeze.
 */
function readable(state: GameState): GameState {
  const m = state.moderation;
  if (m?.moved !== true) return state;
  const { moved: _frozen, ...rest } = m;
  return { ...state, moderation: rest };
}
