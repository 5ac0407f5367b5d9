/**
 * A companion at play: an agent world (its own key, its own character, the same rules) driven by
 * a `CompanionMind`. It listens for news, lets the mind choose, and plays each deed through the
 * agent API no faster than a person could type: the rules refuse a companion's intent sooner than
 * `COMPANION_GAP_MS` (1.5 s of game time) after its last one (rules/pace.ts), so it waits until
 * its own last accepted intent (its state's `pace.at`) is that far behind, and at least
 * `minGapMs` after its last deed. It waits in game time (its session's, `Session.gameTime`),
 * which passes as its world's clock does (`clock: 'real'`: the machine's milliseconds) from
 * wherever the world's game time stood when it came in, also far ahead of its own clock.
 *
 *   const env = await openAgentWorld({ join: link, world: 'pip-dir', name: 'Pip' });
 *   const pip = new Companion(env, { name: 'Pip', friend: 'Ana' });   // add `chooser` for a model mind (llm-mind.ts)
 *   pip.start();  ...  pip.stop(); await env.close();
 */
import type { AgentWorld } from '../agent-world.ts';
import type { AgentReply } from '../protocol.ts';
import { COMPANION_GAP_MS } from '../../engine/index.ts';
import { CompanionMind, type Deed } from './mind.ts';
import type { Direction } from '../../content/schema.ts';
import { findRouteAnywhere, findRouteIntoZone } from '../../session/route.ts';
import type { LlmChooser } from './llm-mind.ts';

/** Longest single timer while it waits for its pace (so a stop is heard within it). */
const MAX_WAIT_MS = 1_000;
/**
 * How soon it looks again, with nothing to do and its friend out of sight: what took her away
 * may bring it no news (knocked down in the next room, she wakes at the respawn point).
 */
const LOOK_AGAIN_MS = 3_000;

export interface CompanionOptions {
  readonly name: string;
  readonly friend: string;
  /** Eat, drink or flee when HP falls below this share of the most (percent; the mind's default 40). */
  readonly healBelow?: number;
  /** Least time between two deeds (ms; default COMPANION_GAP_MS); the rules' pace is kept whatever it is. */
  readonly minGapMs?: number;
  /** A model that chooses among the legal deeds (`--llm URL`); the rule mind is its fallback. */
  readonly chooser?: LlmChooser;
  /** Game time, as its world's intents are stamped (default: its session's, `Session.gameTime`). */
  readonly clock?: () => number;
  /** Told of each deed and its reply (a log line for the terminal). */
  readonly onDeed?: (deed: Deed, reply: AgentReply) => void;
  /** Told when its client walked after its friend (the session's FOLLOW): "You follow Ana west." */
  readonly onFollowed?: (text: string) => void;
}

export class Companion {
  readonly mind: CompanionMind;
  #stop: (() => void) | null = null;
  #busy: Promise<void> | null = null;
  /** News came while it worked: look again when done. */
  #again = false;
  #lastAt = -Infinity;
  /** The last lines of news heard (what a model mind is told). */
  readonly #recent: string[] = [];
  #lookAgain: ReturnType<typeof setTimeout> | null = null;

  constructor(readonly env: AgentWorld, private readonly options: CompanionOptions) {
    this.mind = new CompanionMind({ name: options.name, friend: options.friend, content: env.world.content, healBelow: options.healBelow });
  }

  start(): void {
    this.#stop ??= this.env.on('news', (news) => {
      const { state, player } = this.env.world;
      this.mind.hear(news.events, state.players[player]?.location, player, (id) => this.#nameOf(id));
      const followed = news.news.find((l) => l.startsWith('You follow '));
      if (followed && news.events.some((e) => e.type === 'moved' && e.player === player)) this.options.onFollowed?.(followed);
      if (news.text) {
        this.#recent.push(news.text);
        if (this.#recent.length > 6) this.#recent.shift();
      }
      this.#wake();
    });
    // Something may be due at once (falling in behind the friend, who is here); a model mind is
    // not asked until there is news.
    this.#wake(false);
  }

  stop(): void {
    this.#stop?.();
    this.#stop = null;
    if (this.#lookAgain !== null) clearTimeout(this.#lookAgain);
    this.#lookAgain = null;
  }

  /** Resolves once nothing is left to do (for tests and a clean exit). */
  async idle(): Promise<void> {
    while (this.#busy) await this.#busy;
  }

  /** How many of `item` the friend carries or wears, as this replica's state holds them (0 when elsewhere). */
  #friendHas(item: string): number {
    const world = this.env.world;
    const friend = world.state.players[world.player]?.companionOf;
    const p = friend === undefined ? undefined : world.state.players[friend];
    if (!p) return 0;
    const worn = Object.values(p.equipment).filter((id) => id === item).length;
    return worn + p.inventory.filter((s) => s.item === item).reduce((n, s) => n + s.qty, 0);
  }

  /**
   * The first step toward the friend when they are elsewhere (the GO TO planner's way): to their
   * room when this zone holds them, else into the zone the roster says they are in; null when
   * beside them or nowhere known, and while its session walks after them (it follows them).
   */
  #wayToFriend(): Direction | null {
    if (this.env.session.walkingAfterLeader) return null;
    const world = this.env.world;
    const { state, player, content } = world;
    const me = state.players[player];
    if (me?.companionOf === undefined) return null;
    const friend = state.players[me.companionOf];
    if (friend) return friend.location === me.location ? null : findRouteAnywhere(content, state, player, friend.location)?.[0]?.dir ?? null;
    const zone = world.status()?.roster.find((r) => r.player === me.companionOf)?.zone;
    if (zone === undefined || zone === content.locations.get(me.location)?.zone) return null;
    return findRouteIntoZone(content, state, player, zone)?.[0]?.dir ?? null;
  }

  /** The room this replica holds the friend in; null when it does not hold them (another zone). */
  #friendIn(): string | null {
    const { state, player } = this.env.world;
    const friend = state.players[player]?.companionOf;
    return friend === undefined ? null : state.players[friend]?.location ?? null;
  }

  /** With nothing to do and the friend out of sight, look again a little later (news may not come). */
  #lookAgainLater(): void {
    const { state, player } = this.env.world;
    if (this.#lookAgain !== null || !this.#stop || state.players[player]?.location === this.#friendIn()) return;
    this.#lookAgain = setTimeout(() => {
      this.#lookAgain = null;
      if (this.#stop) this.#wake(false);
    }, LOOK_AGAIN_MS);
  }

  #nameOf(id: string): string | undefined {
    const world = this.env.world;
    return world.state.players[id]?.name ?? world.status()?.roster.find((r) => r.player === id)?.name;
  }

  /**
   * Starts working unless it already is; news heard while it works (two pieces in one tick, say)
   * wakes it again once it is done, so nothing the friend asked is left waiting for more news.
   */
  #wake(askModel = true): void {
    if (this.#busy) {
      this.#again = true;
      return;
    }
    this.#busy = this.#work(askModel).finally(() => {
      this.#busy = null;
      if (this.#again && this.#stop) {
        this.#again = false;
        this.#wake();
      }
    });
  }

  async #work(askModel: boolean): Promise<void> {
    // A model mind is asked once per wake when the rules have nothing to do, so it never spins on its own.
    let idleAsked = !askModel;
    while (this.#stop) {
      const o = this.env.observe();
      const rule = this.mind.next(o, (item) => this.#friendHas(item), this.#wayToFriend(), this.#friendIn());
      const chooser = this.options.chooser;
      let deed = rule;
      if (chooser && (rule !== null || !idleAsked)) {
        idleAsked ||= rule === null;
        ({ deed } = await chooser.choose(o, rule, { staying: this.mind.mode === 'stay', recent: this.#recent }));
      }
      if (!deed || !this.#stop) return this.#lookAgainLater();
      const reply = await this.#play(deed);
      if (!reply) return;
      if (deed.then) {
        const words = deed.then(reply.status === 'ok', reply.text);
        if (words !== null) await this.#play({ action: { kind: 'say', text: words }, why: deed.why });
      }
    }
  }

  /** Plays the deed once the pace allows; null when stopped while it waited (nothing was played). */
  async #play(deed: Deed): Promise<AgentReply | null> {
    // Stopped while the last deed was played (its world may be closed since): play nothing more.
    if (!this.#stop) return null;
    const now = this.options.clock ?? (() => this.env.session.gameTime());
    const last = this.env.world.state.players[this.env.world.player]?.pace?.at;
    const ready = Math.max(this.#lastAt + (this.options.minGapMs ?? COMPANION_GAP_MS), last === undefined ? -Infinity : last + COMPANION_GAP_MS);
    // A timer may fire a millisecond early: wait until game time has truly reached it. (Never
    // longer than a timer can hold: a pace stamped by a clock far ahead is waited out in steps.)
    // Stopped while it waited, it reads nothing more of its world (closed, perhaps, since).
    for (let wait = ready - now(); wait > 0; wait = ready - now()) {
      await new Promise((r) => setTimeout(r, Math.min(wait, MAX_WAIT_MS)));
      if (!this.#stop) return null;
    }
    if (!this.#stop) return null;
    this.#lastAt = now();
    const reply = await this.env.step('action' in deed ? deed.action : deed.line);
    this.options.onDeed?.(deed, reply);
    return reply;
  }
}
