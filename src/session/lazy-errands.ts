/**
 * The session's errands (./errands.ts: questions answered from the state, GO TO, GO BACK, FLEE,
 * TELL) and its HELP and HINT, with their code loaded on first use: the web app's first screen
 * needs none of it, so it is not in the app shell (the page loads it right after that screen is
 * painted). What errands remember between commands (the last move, BRIEF or VERBOSE) is kept
 * here until the code arrives, and handed over then.
 *
 *   const errands = new LazyErrands(host);
 *   errands.noteMove(moved);                       // before the code has loaded
 *   await errands.run({ kind: 'back' }, at);       // loads it; GO BACK knows the way
 */
import { loadLaterProse } from '../narrate/later-prose.ts';
import type { GameEvent } from '../engine/index.ts';
import type { SessionRequest } from '../parser/types.ts';
import type { ErrandHost, ErrandOutcome, Errands, Verbosity } from './errands.ts';

type Moved = Extract<GameEvent, { type: 'moved' }>;

/** The code of the errands, HELP and HINT (one chunk in the web app), and the prose that answers typed commands only (later-prose.ts). */
export const loadErrandCode = () =>
  Promise.all([import('./errands.ts'), import('./help.ts'), import('./hints.ts'), loadLaterProse()]).then(([errands, help, hints]) => ({
    Errands: errands.Errands, helpText: help.helpText, hintLines: hints.hintLines,
  }));

export class LazyErrands {
  #errands: Errands | undefined;
  #lastMove: Moved | undefined;
  #verbosity: Verbosity = 'verbose';

  constructor(private readonly host: ErrandHost) {}

  get verbosity(): Verbosity {
    return this.#verbosity;
  }

  set verbosity(verbosity: Verbosity) {
    this.#verbosity = verbosity;
    if (this.#errands) this.#errands.verbosity = verbosity;
  }

  /** Told of every move of the player's own, so GO BACK knows the way. */
  noteMove(e: Moved): void {
    this.#lastMove = e;
    this.#errands?.noteMove(e);
  }

  async run(req: SessionRequest, at: number): Promise<ErrandOutcome> {
    return (await this.#load()).run(req, at);
  }

  async #load(): Promise<Errands> {
    const { Errands } = await loadErrandCode();
    if (!this.#errands) {
      const errands = new Errands(this.host);
      errands.verbosity = this.#verbosity;
      if (this.#lastMove) errands.noteMove(this.#lastMove);
      this.#errands = errands;
    }
    return this.#errands;
  }
}
