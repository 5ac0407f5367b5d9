/**
 * The tab's side of a companion: the one this world's record names (kept in IndexedDB with the
 * world, so it wakes whenever the world opens in this browser), played in a Web Worker of this
 * tab, so it sleeps when the tab closes. Invite starts one, dismiss stops it and forgets it (its
 * key and character stay: inviting the same name again brings the same companion back).
 *
 *   const host = new CompanionHost({ link, friend: () => myName, recorded: record.companion ?? null,
 *                                    save: (name) => saveRecord(name), spawn: () => new Worker(...) });
 *   host.wake();                    // the recorded companion, if any
 *   await host.invite('Pip');       // null, or why not
 *   host.subscribe(() => render(host.view)); await host.dismiss(); host.close();
 */
import type { FromCompanion, ToCompanion } from '../agent/companion/service.ts';
import { nameProblem } from '../session/player-name.ts';

/** The part of a Worker the host uses (tests give a stand-in). */
export interface CompanionWorker {
  postMessage(message: ToCompanion): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FromCompanion>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/**
 * `none`: no companion; `waking`: its world is opening; `awake`: it plays; `failed`: it could
 * not (the reason is in `problem`; it is still recorded, and wakes again next time).
 */
export type CompanionPhase = 'none' | 'waking' | 'awake' | 'failed';

export interface CompanionView {
  readonly name: string | null;
  readonly phase: CompanionPhase;
  readonly problem: string | null;
}

export interface CompanionHostOptions {
  /** The world's share link: the companion reaches the world through the same relay. */
  readonly link: string;
  /** The inviting player's name as the rules gave it; null before their character is here. */
  readonly friend: () => string | null;
  /** The companion this world's record names, if any. */
  readonly recorded: string | null;
  /** Records the companion (or none) with the world. */
  readonly save: (name: string | null) => Promise<void>;
  readonly spawn: () => CompanionWorker;
  /** How long a stopping companion may take to flush its writes before its worker is ended (ms). */
  readonly stopMs?: number;
}

export const DEFAULT_COMPANION_NAME = 'Pip';

export class CompanionHost {
  #view: CompanionView;
  #worker: CompanionWorker | null = null;
  readonly #listeners = new Set<() => void>();

  constructor(private readonly o: CompanionHostOptions) {
    this.#view = { name: o.recorded, phase: 'none', problem: null };
  }

  get view(): CompanionView {
    return this.#view;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Starts the recorded companion (the world was just opened); nothing when none is recorded. */
  wake(): void {
    if (this.#view.name !== null && this.#worker === null) this.#start(this.#view.name);
  }

  /** Invites a companion by this name; returns why it cannot come, or null. */
  async invite(name: string): Promise<string | null> {
    const chosen = name.trim() || DEFAULT_COMPANION_NAME;
    const problem = nameProblem(chosen);
    if (problem !== null) return `That can't be a companion's name: ${problem}.`;
    if (this.#worker !== null) return `${this.#view.name ?? 'Your companion'} is already with you; dismiss them first.`;
    if (this.o.friend() === null) return 'Your character has not come ashore yet; try again in a moment.';
    await this.o.save(chosen);
    this.#start(chosen);
    return null;
  }

  /** Stops the companion (its last deeds reach the relay first) and forgets it for this world. */
  async dismiss(): Promise<void> {
    const stopped = this.#stop();
    this.#set({ name: null, phase: 'none', problem: null });
    await this.o.save(null);
    await stopped;
  }

  /** The tab leaves this world: the companion stops, and stays recorded to wake next time. */
  close(): Promise<void> {
    this.#listeners.clear();
    return this.#stop();
  }

  #start(name: string): void {
    const friend = this.o.friend();
    if (friend === null) {
      this.#set({ name, phase: 'failed', problem: `${name} waits for your character to come ashore.` });
      return;
    }
    const worker = this.o.spawn();
    this.#worker = worker;
    this.#set({ name, phase: 'waking', problem: null });
    worker.onmessage = (e) => {
      if (this.#worker !== worker) return;
      const m = e.data;
      if (m.type === 'awake') this.#set({ name, phase: 'awake', problem: null });
      else if (m.type === 'failed') this.#failed(worker, name, m.reason);
    };
    worker.onerror = (e) => {
      if (this.#worker === worker) this.#failed(worker, name, `${name} stopped: ${e.message || 'the companion could not be loaded'}.`);
    };
    worker.postMessage({ type: 'start', link: this.o.link, name, friend });
  }

  #failed(worker: CompanionWorker, name: string, reason: string): void {
    worker.terminate();
    this.#worker = null;
    this.#set({ name, phase: 'failed', problem: reason });
  }

  /** Asks the worker to stop and waits (at most `stopMs`) for it to say it has, then ends it. */
  #stop(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    if (!worker) return Promise.resolve();
    return new Promise((resolve) => {
      const end = () => {
        clearTimeout(timer);
        worker.terminate();
        resolve();
      };
      const timer = setTimeout(end, this.o.stopMs ?? 6000);
      worker.onmessage = (e) => {
        if (e.data.type === 'stopped') end();
      };
      worker.onerror = end;
      worker.postMessage({ type: 'stop' });
    });
  }

  #set(view: CompanionView): void {
    this.#view = view;
    for (const l of this.#listeners) l();
  }
}
