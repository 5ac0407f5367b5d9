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
import { leaderLeft, type LeaderMove } from './company.ts';
import type { followStep } from './follow-step.ts';
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

let followCode: Promise<typeof followStep> | null = null;

/** follow-step.ts (the way after a leader, with the GO TO planner): loaded when a follow starts; again after a failed fetch. */
function loadFollowStep(): Promise<typeof followStep> {
  followCode ??= import('./follow-step.ts').then((m) => m.followStep, (error: unknown) => {
    followCode = null;
    throw error;
  });
  return followCode;
}

/** Rooms a follow walks at once after a leader who got ahead (the rest waits for the next news or the pace). */
const MAX_FOLLOW_ROOMS = 8;
/** Longest single wait of a follow for the pace (a timer holds no more; the wait is taken again after it). */
const MAX_FOLLOW_WAIT_MS = 60_000;
/** Times in a row a follow waits for a zone to load before it gives the trail up (told why). */
const MAX_FOLLOW_LOADING_WAITS = 20;
const FOLLOW_LOADING_WAIT_MS = 250;

export class Session {
  readonly #parser: IntentParser;
  #at = 0;
  /** How far the world's game time was found ahead of the clock (ms): added to its readings (#now). */
  #lead = 0;
  /** Requests the parser hands over (GO TO, WHERE IS, TELL ...), the way back, BRIEF / VERBOSE; code loaded on first use. */
  readonly #errands: LazyErrands;
  /** The events of the command being answered (Reply.events). */
  #told: GameEvent[] = [];
  #blocked: { kind: ActionKind; reason: string }[] = [];
  /** Game time up to which the islanders' doings here have been told (living.ts: ambientAt). */
  #ambientFrom = 0;
  /** A follow move is being written (its own news must not start another). */
  #following = false;
  /** Commands being played (a follow that waited for the rules' pace waits for them too). */
  #acting = 0;
  /** A follow waiting for the rules' pace (a companion's 1.5 s): its timer, and whom it goes after. */
  #followLater: { readonly timer: ReturnType<typeof setTimeout>; readonly leader: string; readonly name: string } | null = null;
  /** The one followed left this player's room and is not caught up with yet: whom, named how. */
  #pursuing: { readonly leader: string; readonly name: string } | null = null;
  /** The last move of the one followed seen in this zone (the way out they took over a border). */
  #leaderMove: LeaderMove | null = null;
  /** Follow moves put off in a row because the zone entered was still loading. */
  #loadingWaits = 0;
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
    this.#noteLeaderMoves(batches);
    const walked = [...this.#followNews.splice(0), this.#follow(told.events, nameOf)].filter((w) => w !== undefined);
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

  /** This client is walking after the one the player follows (FOLLOW), now or once the pace allows. */
  get walkingAfterLeader(): boolean {
    return this.#pursuing !== null;
  }

  /** Stops a follow still to be walked (the session is closing). */
  stopFollowing(): void {
    if (this.#followLater) clearTimeout(this.#followLater.timer);
    this.#followLater = null;
    this.#pursuing = null;
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

  /** Every move of the one followed that this zone's news holds, seen or not (the last is the way they left it). */
  #noteLeaderMoves(batches: readonly WorldNews[]): void {
    const leader = this.world.state.players[this.world.player]?.following;
    if (leader === undefined) return;
    for (const b of batches) {
      for (const e of b.events) if (e.type === 'moved' && e.player === leader) this.#leaderMove = { leader, from: e.location, dir: e.dir };
    }
  }

  /**
   * FOLLOW: the one this player follows just left their room, so this client walks after them, as
   * moves of this player's own (signed by them, refused by the rules like any move), and says so:
   * "You follow Bo north." Not in a fight (that would be a flight), and not from a watching tab.
   * The moves keep the rules' pace (src/engine/rules/pace.ts): a companion, which may act only
   * 1.5 s of game time after its last deed, or anyone at the cap, follows as soon as it may. A
   * leader who got more than a room ahead meanwhile (they moved twice before the follow could be
   * written, or two moves came in one batch) is walked after room by room until caught up with:
   * toward where this zone holds them, or the way they left it over a border (company.ts).
   */
  #follow(events: News['events'], nameOf: ((player: string) => string | undefined) | undefined): { lines: ProseLine[]; events: GameEvent[] } | undefined {
    const left = leaderLeft(this.world.state, this.world.player, events);
    if (this.#following || this.world.status()?.role === 'watcher') return undefined;
    if (left) {
      const name = this.world.state.players[left.leader]?.name ?? nameOf?.(left.leader) ?? this.world.status()?.roster.find((r) => r.player === left.leader)?.name ?? 'the one you follow';
      this.#pursuing = { leader: left.leader, name };
      this.#leaderMove ??= { leader: left.leader, from: this.world.state.players[this.world.player]!.location, dir: left.dir };
      const me = this.world.state.players[this.world.player]!;
      if (me.fighting !== null && enemyAlive(this.content, this.world.state, me.location, me.fighting, this.#at)) {
        this.#pursuing = null;
        return { lines: [line('note', `(${name} goes ${left.dir}, but you are in a fight and cannot follow.)`)], events: [] };
      }
    }
    // A follow waiting for the pace goes on when its time comes; news meanwhile changes nothing.
    if (this.#pursuing === null || this.#followLater !== null) return undefined;
    // Walked from a timer, never here: news is drained inside the world's own notification of a
    // change (a Yjs transaction), where a write of ours could not be folded and told at once.
    // Listeners of `onNews` hear of each room walked.
    this.#waitToFollow(this.#pursuing.leader, this.#pursuing.name, this.#now());
    return undefined;
  }

  /** Walks after the one pursued, as many rooms as the pace allows now; the rest waits for it. */
  #catchUp(nextStep: typeof followStep): { lines: ProseLine[]; events: GameEvent[] } | undefined {
    const out = { lines: [] as ProseLine[], events: [] as GameEvent[] };
    // A bound on rooms walked at once (a person's pace never nears it; a leader's loop cannot spin it).
    for (let rooms = 0; rooms < MAX_FOLLOW_ROOMS && this.#pursuing !== null; rooms++) {
      const { leader, name } = this.#pursuing;
      const me = this.world.state.players[this.world.player];
      // Gone from the trail meanwhile (asked to wait, defeated, following someone else): nothing to follow.
      if (!me || me.following !== leader) {
        this.#pursuing = null;
        break;
      }
      const at = this.#now();
      const step = nextStep(this.content, this.world.state, this.world.player, this.#leaderMove, at);
      // Over a border this replica does not hold (and no trail to walk): looked at again a few
      // times (what is still on its way may show the way). Then the walk stops, for no news of
      // them may ever come from this zone: a companion's own mind (which asks the roster where
      // they are) takes over; the rules' FOLLOW stands, and a leader back here is walked after again.
      if (step === 'wait') {
        if (this.#loadingWaits < MAX_FOLLOW_LOADING_WAITS) {
          this.#loadingWaits += 1;
          this.#waitToFollow(leader, name, at, FOLLOW_LOADING_WAIT_MS);
        } else {
          this.#pursuing = null;
          this.#loadingWaits = 0;
        }
        break;
      }
      if (step === 'with' || step === 'lost') {
        if (step === 'lost' && rooms > 0) out.lines.push(line('note', `(You have lost ${name}'s trail.)`));
        this.#pursuing = null;
        break;
      }
      if (paceRefusal(me, at) !== undefined) {
        this.#waitToFollow(leader, name, at);
        break;
      }
      const walked = this.#walkAfter(step.dir, name, at);
      if (walked.loading && this.#loadingWaits < MAX_FOLLOW_LOADING_WAITS) {
        // The part of the isle they went on to is still loading here: go on once it is in.
        this.#loadingWaits += 1;
        const world = this.world;
        void world.ready().then(() => {
          if (this.#pursuing?.leader === leader && this.#followLater === null) this.#waitToFollow(leader, name, this.#now(), FOLLOW_LOADING_WAIT_MS);
        });
        break;
      }
      out.lines.push(...walked.lines);
      out.events.push(...walked.events);
      if (!walked.moved) {
        this.#pursuing = null;
        break;
      }
      this.#loadingWaits = 0;
    }
    return out.lines.length > 0 ? out : undefined;
  }

  /** The follow waits until the rules' pace allows it, and until the command being played is done. */
  #waitToFollow(leader: string, name: string, at: number, least = 1): void {
    this.stopFollowing();
    this.#pursuing = { leader, name };
    const me = this.world.state.players[this.world.player];
    const readyAt = (me && paceRefusal(me, at)?.detail.readyAt) ?? at;
    // The way-finding loads while the follow waits (at once, from the service worker's cache).
    const code = loadFollowStep();
    code.catch(() => undefined);
    const timer = setTimeout(() => void code.then((step) => {
      // Stopped, or waiting anew, while the code was still coming.
      if (this.#followLater?.timer !== timer) return;
      this.#followLater = null;
      if (this.#acting > 0) return this.#waitToFollow(leader, name, this.#now());
      const walked = this.#catchUp(step);
      if (walked) this.#followNews.push(walked);
      for (const listener of this.#newsListeners) listener();
    }, () => {
      if (this.#followLater?.timer !== timer) return;
      this.stopFollowing();
      this.#followNews.push({ lines: [line('note', `(You cannot follow ${name} yet: the game's code for following has not reached this device; check the connection.)`)], events: [] });
      for (const listener of this.#newsListeners) listener();
    }), Math.max(this.#acting > 0 ? 50 : least, Math.min(readyAt - at + 1, MAX_FOLLOW_WAIT_MS)));
    this.#followLater = { timer, leader, name };
  }

  #walkAfter(dir: Direction, name: string, at: number): { lines: ProseLine[]; events: GameEvent[]; moved: boolean; loading?: boolean } {
    this.#following = true;
    try {
      const outcome = this.world.submit({ kind: 'move', dir }, at);
      if (outcome.blocked !== undefined) return { lines: [line('refusal', `You cannot follow ${name}: ${outcome.blocked}`)], events: [], moved: false, loading: outcome.blockedReason === 'sync/zone-loading' };
      const lines = this.#narrate(outcome.events, at);
      const own = lines.findIndex((l) => l.text === `You go ${dir}.`);
      if (own >= 0) lines[own] = line('note', `You follow ${name} ${dir}.`);
      const moved = outcome.events.some((e) => e.type === 'moved' && e.player === this.world.player);
      return { lines, events: [...outcome.events], moved };
    } catch (error) {
      (this.options.onError ?? console.error)(error);
      return { lines: [line('refusal', INTERNAL_ERROR_TEXT)], events: [], moved: false };
    } finally {
      this.#following = false;
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

  /**
   * Game time now, as this player's next intent would carry it. The clock counts on from the
   * world's time: where the world's game time runs ahead of this clock (a friend's clock ahead, a
   * world played on another machine, a hostile clock's day-long step: game-time.ts), the
   * difference is added to every reading from then on, so game time goes on passing here instead
   * of standing still until the clock catches up (a companion, held to 1.5 s of game time between
   * deeds, would otherwise wait that long; night would not fall). The world's time is read each
   * time: it moves ahead while the player plays, not only before.
   */
  #now(): number {
    const t = Math.floor(this.options.clock()) + this.#lead;
    const ahead = Math.max(this.#at, this.world.state.time);
    if (t < ahead) this.#lead += ahead - t;
    this.#at = Math.max(ahead, t);
    return this.#at;
  }

  /**
   * The game time a command played now would carry (ms): what a player holding to the rules'
   * pace waits on (src/engine/rules/pace.ts). Reads the clock; a `turns` clock moves on by it.
   */
  gameTime(): number {
    return this.#now();
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
