/**
 * One world being played in the page: the transcript, the latest observation, and the prompt's
 * history and completions. A thin reactive wrapper over the session; components read its fields
 * and call `submit`.
 *
 *   const game = new Game(session, content, history);
 *   game.begin();                      // joins or looks: the first screen
 *   await game.submit('take the rope');
 */
import { createSubscriber } from 'svelte/reactivity';
import type { Content } from '../session/index.ts';
import { INTERNAL_ERROR_TEXT, type Observation, type ProseLine, type Reply, type Session, type WorldStatus } from '../session/index.ts';
import { CommandHistory } from './history.ts';

export interface TranscriptEntry {
  readonly id: number;
  /** What the player typed; null for the opening description. */
  readonly input: string | null;
  readonly lines: readonly ProseLine[];
  /** The first entry of a later visit: drawn with a divider above it. */
  readonly resumed?: boolean;
}

/** Older entries are dropped so the page stays quick in long sessions. */
const MAX_ENTRIES = 300;

function sameStatus(a: WorldStatus | null, b: WorldStatus | null): boolean {
  return a === b || (a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b));
}

/** What the page remembers of a world between visits: the prompt's history and the story's tail. */
export interface GameMemory {
  readonly history: readonly string[];
  readonly transcript: readonly TranscriptEntry[];
  save(history: readonly string[], transcript: readonly TranscriptEntry[]): void;
  /** Writes what is pending and stops (the page moves to another world). */
  close(): void;
}

const NO_MEMORY: GameMemory = { history: [], transcript: [], save: () => {}, close: () => {} };

export class Game {
  entries = $state.raw<readonly TranscriptEntry[]>([]);
  observation = $state.raw<Observation | null>(null);
  busy = $state(false);
  /** The parser asked a question (which one? what?); the next line answers it. */
  asking = $state(false);
  /** Set when the player asked to quit. */
  ended = $state(false);
  readonly history: CommandHistory;
  #nextId = 0;
  #queue: Promise<void> = Promise.resolve();
  #waiting = 0;
  readonly #unsubscribe: () => void;
  /** Makes what reads `status` read it again: on the world's events, and after each command. */
  readonly #followStatus: () => void;
  #statusRead: () => void = () => {};
  #status: WorldStatus | null = null;
  #disposed = false;

  constructor(
    readonly session: Session,
    readonly content: Content,
    private readonly memory: GameMemory = NO_MEMORY,
  ) {
    this.history = new CommandHistory(200, memory.history);
    // The world calls for news and for status changes nobody narrates (who here is asleep, a
    // quiet re-fold): both change the observation, and what shows the status reads it again.
    const offWorld = session.world.subscribe(() => {
      this.#news();
      this.#statusRead();
    });
    // The session has news of its own between commands (a FOLLOW step walked after the leader):
    // told, and the room redrawn, as for the world's news.
    const offSession = session.onNews(() => {
      this.#news();
      this.#statusRead();
    });
    this.#unsubscribe = () => {
      offWorld();
      offSession();
    };
    this.#followStatus = createSubscriber((update) => {
      this.#statusRead = update;
      return () => {
        this.#statusRead = () => {};
      };
    });
  }

  /** A shared world's connection, writes waiting for the relay, tab role and who is around; null when single-player. */
  get status(): WorldStatus | null {
    this.#followStatus();
    const next = this.session.world.status();
    if (!sameStatus(next, this.#status)) this.#status = next;
    return this.#status;
  }

  /** The first screen: the story so far (from an earlier visit), then where you stand. */
  begin(): void {
    const earlier = this.memory.transcript;
    this.entries = earlier;
    this.#nextId = earlier.reduce((max, e) => Math.max(max, e.id + 1), 0);
    const reply = this.session.start();
    this.#append(null, reply.lines, earlier.length > 0);
    this.#observed(reply.observation);
    this.#awaitHeldNews();
  }

  /** Runs one typed line. Lines typed while another is still running wait their turn, in order. */
  submit(input: string): Promise<void> {
    const text = input.trim();
    if (text === '') return this.#queue;
    this.history.push(text);
    this.#waiting += 1;
    this.busy = true;
    this.#queue = this.#queue.then(async () => {
      try {
        this.#show(text, await this.session.handle(text));
      } catch (error) {
        console.error(error);
        this.#append(text, [{ style: 'refusal', text: INTERNAL_ERROR_TEXT }]);
      } finally {
        this.#waiting -= 1;
        this.busy = this.#waiting > 0;
        // A command changes the status without an event: its writes wait for the relay.
        this.#statusRead();
      }
    });
    return this.#queue;
  }

  /** Stops listening to the world and the session (the page moves to another world). */
  dispose(): void {
    this.#disposed = true;
    this.#unsubscribe();
    // A FOLLOW step still to be walked must not walk in a world being closed.
    this.session.stopFollowing();
    this.memory.close();
  }

  /** Others' deeds and revisions that arrived while the player was not typing. */
  #news(): void {
    const lines = this.session.poll();
    if (lines.length > 0) this.#append(null, lines);
    this.#observed(this.session.observe());
    this.#awaitHeldNews();
  }

  /** News that waits for prose loaded after the first paint is told as soon as that prose is in. */
  #awaitHeldNews(): void {
    // A failed load is tried again with the next news or command.
    void this.session.newsHeld()?.then(() => {
      if (!this.#disposed && this.session.newsHeld() !== null) this.#news();
    }, () => {});
  }

  #observed(observation: Observation): void {
    this.observation = observation;
  }

  #show(input: string | null, reply: Reply): void {
    this.#append(input, [...reply.newsLines, ...reply.lines]);
    this.#observed(reply.observation);
    this.asking = reply.status === 'ambiguous' || reply.status === 'incomplete';
    if (reply.quit) this.ended = true;
  }

  #append(input: string | null, lines: readonly ProseLine[], resumed = false): void {
    const entry: TranscriptEntry = { id: this.#nextId++, input, lines, ...(resumed ? { resumed } : {}) };
    const next = [...this.entries, entry];
    this.entries = next.length > MAX_ENTRIES ? next.slice(next.length - MAX_ENTRIES) : next;
    // The writing tab keeps the story; a watching tab's would overwrite it with less.
    if (this.status?.role !== 'watcher') this.memory.save(this.history.entries, this.entries);
  }
}
