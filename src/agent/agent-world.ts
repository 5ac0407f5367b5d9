/**
 * The agent API as a library, for bots and learning loops, in Node and the browser: one player's
 * session behind `step`, `observe`, `reset` and `on('news')`, answering with structured events and
 * rewards as well as prose. The terminal's `--json` mode is this class writing its messages.
 *
 *   const env = await openAgentWorld({ seed: 7 });          // ./index.ts (browser) or ./node.ts
 *   const r = await env.step({ kind: 'move', dir: 'west' }); // or env.step('go west')
 *   r.events;  // [{ type: 'moved', dir: 'west', to: 'driftwood-beach', ... }]
 *   env.on('news', (n) => console.log(n.text));              // others' deeds as they happen
 */
import type { Action } from '../engine/index.ts';
import { INTERNAL_ERROR_TEXT, plainText, Session, type Reply, type WorldBackend } from '../session/index.ts';
import type { News } from '../session/news.ts';
import type { Observation } from '../session/observation.ts';
import { decodeAction, decodeLine, type AgentInput } from './agent-input.ts';
import { AGENT_API_VERSION, type AgentNews, type AgentReply, type BlockedEvent, type Reward } from './protocol.ts';
import { NO_REWARD, rewardBetween, snapshotOf, type Holding } from './reward.ts';

/** A session and its world, as the openers make them; `close` releases what the world holds (a folder lock). */
export interface AgentParts {
  readonly session: Session;
  readonly close: () => Promise<void>;
}

export interface AgentWorldOptions {
  /** Makes a fresh world in memory with this seed (`reset`); absent where the world is kept or shared. */
  readonly fresh?: (seed: number) => AgentParts;
  /** Told of a failure inside the game (a bug); the agent gets `status: "error"`. Default: console.error. */
  readonly onError?: (error: unknown) => void;
}

type NewsListener = (news: AgentNews) => void;

export class AgentWorld {
  #parts: AgentParts;
  #opening: AgentReply;
  #holding: Holding | null = null;
  #busy = false;
  /** Steps are played one after another, in the order asked, however many are in flight. */
  #turns: Promise<unknown> = Promise.resolve();
  #stop: () => void = () => {};
  readonly #listeners = new Set<NewsListener>();

  constructor(parts: AgentParts, private readonly options: AgentWorldOptions = {}) {
    this.#parts = parts;
    this.#opening = this.#begin(parts);
  }

  /** The reply to opening the world: the isle's introduction (or "Welcome back"), the room, the join's events. */
  get opening(): AgentReply {
    return this.#opening;
  }

  get session(): Session {
    return this.#parts.session;
  }

  get world(): WorldBackend {
    return this.#parts.session.world;
  }

  /** Where the character stands and what it has, now; reading writes nothing. */
  observe(): Observation {
    return this.session.observe();
  }

  /**
   * Plays one command: text as a person would type it, or a structured action (any value: it is
   * checked by the intent schema, and an invalid one is answered with `status: "error"`).
   */
  step(input: string | Action | object): Promise<AgentReply> {
    if (typeof input === 'string') return this.#inTurn(input, { text: input });
    return this.#inTurn(asText(input), decodeAction(input));
  }

  /** One line as the terminal reads it: `{...}` is a structured action, anything else text. */
  stepLine(line: string): Promise<AgentReply> {
    return this.#inTurn(line, decodeLine(line));
  }

  #inTurn(input: string, decoded: AgentInput): Promise<AgentReply> {
    const turn = this.#turns.then(() => this.#play(input, decoded));
    this.#turns = turn.catch(() => {});
    return turn;
  }

  /**
   * Hears news as it happens: others' deeds and speech witnessed, revisions. From the first
   * listener on, news is written only here (replies' `news` stay empty), each batch once.
   */
  on(event: 'news', listener: NewsListener): () => void {
    if (event !== 'news') throw new Error(`unknown event "${String(event)}": only "news" is sent`);
    this.#listeners.add(listener);
    // What came in before anyone listened is told at once, as the first news.
    queueMicrotask(() => this.#hearNews());
    return () => this.#listeners.delete(listener);
  }

  /** A new world in memory with `seed` (default: the same seed again); only worlds in memory can be reset. */
  async reset(seed?: number): Promise<AgentReply> {
    const fresh = this.options.fresh;
    if (!fresh) throw new Error('Only a world kept in memory can be reset; a kept or shared world goes on for everyone in it.');
    this.#stop();
    await this.#parts.close();
    this.#parts = fresh(seed ?? this.world.state.seed);
    this.#opening = this.#begin(this.#parts);
    return this.#opening;
  }

  /** Closes the world (a shared world first flushes its writes to the relay) and releases it. */
  async close(): Promise<void> {
    this.#stop();
    this.#listeners.clear();
    await this.#parts.close();
  }

  #begin(parts: AgentParts): AgentReply {
    const { session } = parts;
    this.#holding = null;
    // Others' deeds arriving between commands go to the news listeners; during a command they
    // come with its reply, as they do for a person at the prompt.
    const unsubscribe = [session.world.subscribe(() => this.#hearNews()), session.onNews(() => this.#hearNews())];
    this.#stop = () => {
      for (const stop of unsubscribe) stop();
      session.stopFollowing();
    };
    const opening = this.#replyOf(session.start());
    // News held at the start (it waits for the later prose) is told as soon as that is in.
    void session.newsHeld()?.then(() => {
      if (this.session === session) this.#hearNews();
    }, () => {});
    return opening;
  }

  #hearNews(): void {
    if (this.#busy || this.#listeners.size === 0) return;
    const news = this.session.pollNews();
    if (news.lines.length > 0) this.#tellNews(news, this.#settle());
    // News that waits for prose not loaded yet (a browser's later-prose.ts) is told once it is in.
    const session = this.session;
    void session.newsHeld()?.then(() => {
      if (this.session === session) this.#hearNews();
    }, () => {});
  }

  async #play(input: string, decoded: AgentInput): Promise<AgentReply> {
    if ('error' in decoded) return this.#failed(input, decoded.error);
    this.#busy = true;
    let reply: Reply;
    try {
      reply = 'action' in decoded ? await this.session.act(decoded.action, input) : await this.session.handle(input);
    } catch (err) {
      (this.options.onError ?? console.error)(err);
      return this.#failed(input, INTERNAL_ERROR_TEXT);
    } finally {
      this.#busy = false;
    }
    return this.#replyOf(reply);
  }

  #replyOf(reply: Reply): AgentReply {
    const reward = this.#settle();
    const following = this.#listeners.size > 0;
    if (following && reply.news.length > 0) {
      // Told before the reply, as it came before it; the reply's reward covers what it changed.
      this.#tellNews({ lines: reply.newsLines, events: reply.newsEvents, revisions: reply.revisions }, NO_REWARD);
    }
    return {
      type: 'reply', version: AGENT_API_VERSION, input: reply.input, status: reply.status, intents: reply.intents,
      events: [...reply.events, ...reply.blocked.map((b): BlockedEvent => ({ type: 'refused', player: this.world.player, kind: b.kind, reason: b.reason, detail: {} }))], reward, text: reply.text,
      news: following ? [] : reply.news, newsEvents: following ? [] : reply.newsEvents, revisions: following ? [] : reply.revisions,
      observation: reply.observation, quit: reply.quit,
    };
  }

  #failed(input: string, text: string): AgentReply {
    return {
      type: 'reply', version: AGENT_API_VERSION, input, status: 'error', intents: [], events: [], reward: NO_REWARD, text,
      news: [], newsEvents: [], revisions: [], observation: this.observe(), quit: false,
    };
  }

  #tellNews(news: News, reward: Reward): void {
    const message: AgentNews = {
      type: 'news', version: AGENT_API_VERSION, text: plainText(news.lines), news: news.lines.map((l) => l.text),
      events: news.events, revisions: news.revisions, reward, observation: this.observe(),
    };
    for (const listener of this.#listeners) listener(message);
  }

  /** The reward since the last message, and the snapshot it is measured from moves on. */
  #settle(): Reward {
    const world = this.world;
    const now = snapshotOf(world.content, world.state, world.player);
    // Between zones (or not yet joined) nothing is known to have changed; the next message tells it.
    if (!now) return NO_REWARD;
    const reward = rewardBetween(this.#holding, now);
    this.#holding = now;
    return reward;
  }
}

/** A structured action as the reply echoes it; a value JSON cannot write (a cycle, a bigint) is named by its kind. */
function asText(input: unknown): string {
  try {
    return JSON.stringify(input) ?? String(input);
  } catch {
    return `(${typeof input} that is not JSON)`;
  }
}
