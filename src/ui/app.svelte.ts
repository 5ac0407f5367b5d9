/**
 * The page as a whole: which world is open (the address is its link), your list of worlds, the
 * preferred display name, and whether the log is saved. The world is a single-player
 * `LocalWorld` over an IndexedDB log for now; a shared world slots in behind `WorldBackend`.
 *
 *   const app = new AppState();
 *   await app.init();          // opens the world in the address, your last world, or a new one
 *   app.game?.submit('look');
 */
import type { Content } from '../content/index.ts';
import { ChainParser } from '../parser/chain-parser.ts';
import { RuleParser } from '../parser/rule-parser.ts';
import { Session } from '../session/index.ts';
import { LocalWorld, memoryLogStore, type LogStore } from '../session/local-world.ts';
import type { WorldBackend } from '../session/world.ts';
import { openBrowserLogStore, type BrowserLogStore } from './browser-log-store.ts';
import { loadContent } from './content.ts';
import { FreePhrasing } from './free-phrasing.svelte.ts';
import { Game, type GameMemory, type TranscriptEntry } from './game.svelte.ts';
import { deleteWorld, listWorlds, openLocalDb, putWorld, type WorldRecord } from './idb.ts';
import { createWorldKey, parseRoute, routeHash, seedOfKey } from './route.ts';
import { claimWorld, type WorldLock } from './world-lock.ts';

const LAST_WORLD = 'vetrellis:last-world';
const NAME = 'vetrellis:name';
const historyKey = (world: string) => `vetrellis:history:${world}`;
const transcriptKey = (world: string) => `vetrellis:transcript:${world}`;
/** Entries of the story kept for the next visit. */
const KEEP_ENTRIES = 60;
export const DEFAULT_NAME = 'Wanderer';

function readLocal(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeLocal(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage full or disabled: history and preferences are conveniences, the log is in IndexedDB.
  }
}

function readJsonArray(key: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(readLocal(key) ?? '[]');
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

function isEntry(x: unknown): x is TranscriptEntry {
  const e = x as TranscriptEntry | null;
  return typeof e === 'object' && e !== null && typeof e.id === 'number' && (e.input === null || typeof e.input === 'string') &&
    Array.isArray(e.lines) && e.lines.every((l) => typeof l?.text === 'string' && typeof l?.style === 'string');
}

/** History and the story's tail in localStorage, written a moment after play so typing stays quick. */
function browserMemory(world: string): GameMemory {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: (() => void) | null = null;
  const flush = () => {
    clearTimeout(timer);
    pending?.();
    pending = null;
  };
  addEventListener('pagehide', flush);
  return {
    history: readJsonArray(historyKey(world)).filter((x): x is string => typeof x === 'string'),
    transcript: readJsonArray(transcriptKey(world)).filter(isEntry),
    save(history, transcript) {
      clearTimeout(timer);
      pending = () => {
        writeLocal(historyKey(world), JSON.stringify(history.slice(-100)));
        writeLocal(transcriptKey(world), JSON.stringify(transcript.slice(-KEEP_ENTRIES)));
      };
      timer = setTimeout(flush, 250);
    },
    close() {
      flush();
      removeEventListener('pagehide', flush);
    },
  };
}

function randomId(): string {
  return [...crypto.getRandomValues(new Uint8Array(8))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export class AppState {
  worlds = $state.raw<readonly WorldRecord[]>([]);
  current = $state.raw<WorldRecord | null>(null);
  game = $state.raw<Game | null>(null);
  /** Intents not yet written to IndexedDB. */
  unsaved = $state(0);
  error = $state<string | null>(null);
  loading = $state(true);
  /** The open world is being played in another tab of this browser. */
  elsewhere = $state(false);
  /** Set when this browser keeps nothing (no IndexedDB): worlds last until the tab closes. */
  ephemeral = $state(false);
  /** The opt-in language model, shared by every world this page opens. */
  readonly freePhrasing = new FreePhrasing();
  #chain: ChainParser | null = null;
  #db: IDBDatabase | null = null;
  #lock: WorldLock | null = null;
  #content: Content | null = null;
  #world: WorldBackend | null = null;
  #store: BrowserLogStore | null = null;
  #opening: Promise<void> = Promise.resolve();

  get preferredName(): string {
    return readLocal(NAME) ?? DEFAULT_NAME;
  }

  set preferredName(name: string) {
    writeLocal(NAME, name);
  }

  get content(): Content | null {
    return this.#content;
  }

  async init(): Promise<void> {
    try {
      this.#content = loadContent();
      // Lets tests (and curious players) check the page plays the same content as Node.
      document.documentElement.dataset.contentVersion = this.#content.version;
      try {
        this.#db = await openLocalDb();
        this.worlds = await listWorlds(this.#db);
      } catch (error) {
        console.warn('IndexedDB unavailable; worlds will not be kept', error);
        this.ephemeral = true;
      }
      addEventListener('hashchange', () => void this.#follow());
      this.freePhrasing.onChange = (llm) => {
        if (this.#chain) this.#chain.llm = llm;
      };
      await this.#follow();
      void this.freePhrasing.resume().catch((error: unknown) => console.warn('free phrasing did not resume', error));
    } catch (error) {
      console.error(error);
      this.error = error instanceof Error ? error.message : String(error);
      this.loading = false;
    }
  }

  /** Makes a new world and goes there. */
  createWorld(): void {
    location.hash = routeHash(createWorldKey());
  }

  goTo(key: string): void {
    location.hash = routeHash(key);
  }

  async rename(key: string, name: string): Promise<void> {
    const world = this.worlds.find((w) => w.key === key);
    const label = name.trim();
    if (!world || label === '') return;
    const next = { ...world, name: label.slice(0, 60) };
    await this.#saveRecord(next);
    if (this.current?.key === key) this.current = next;
  }

  /** Forgets a world in this browser. Leaving the open world moves to another (or a new one). */
  async leave(key: string): Promise<void> {
    if (this.current?.key === key) await this.#closeWorld();
    if (this.#db) await deleteWorld(this.#db, key);
    writeLocal(historyKey(key), null);
    writeLocal(transcriptKey(key), null);
    if (readLocal(LAST_WORLD) === key) writeLocal(LAST_WORLD, null);
    this.worlds = this.#db ? await listWorlds(this.#db) : this.worlds.filter((w) => w.key !== key);
    if (this.current?.key === key) {
      this.current = null;
      const next = this.worlds[0];
      history.replaceState(null, '', routeHash(next ? next.key : createWorldKey()));
      await this.#follow();
    }
  }

  /** Takes the open world over from the other tab playing it. */
  async playHere(): Promise<void> {
    const key = this.current?.key;
    if (!key) return;
    this.#opening = this.#opening.then(() => this.#open(key, true));
    await this.#opening;
  }

  /** Resolves when every action so far is stored. */
  async whenSaved(): Promise<void> {
    await this.#store?.whenSaved();
  }

  /** Opens the world the address names; with none, the last world or a new one. */
  #follow(): Promise<void> {
    this.#opening = this.#opening.then(() => this.#openFromAddress()).catch((error: unknown) => {
      console.error(error);
      this.error = error instanceof Error ? error.message : String(error);
    });
    return this.#opening;
  }

  async #openFromAddress(): Promise<void> {
    let route = parseRoute(location.hash);
    if (!route) {
      const last = readLocal(LAST_WORLD);
      const key = last && this.worlds.some((w) => w.key === last) ? last : (this.worlds[0]?.key ?? createWorldKey());
      history.replaceState(null, '', routeHash(key));
      route = parseRoute(location.hash)!;
    }
    if (this.current?.key === route.worldKey) return;
    await this.#open(route.worldKey);
  }

  async #saveRecord(record: WorldRecord): Promise<void> {
    if (this.#db) {
      await putWorld(this.#db, record);
      this.worlds = await listWorlds(this.#db);
    } else {
      this.worlds = [record, ...this.worlds.filter((w) => w.key !== record.key)];
    }
  }

  async #open(key: string, steal = false): Promise<void> {
    const content = this.#content!;
    this.loading = true;
    await this.#closeWorld();
    let record = this.worlds.find((w) => w.key === key);
    const now = Date.now();
    record = record
      ? { ...record, lastPlayed: now }
      : { key, name: `Isle ${this.worlds.length + 1}`, seed: seedOfKey(key), player: `p-${randomId()}`, created: now, lastPlayed: now };
    await this.#saveRecord(record);
    writeLocal(LAST_WORLD, key);
    this.current = record;

    const lock = await claimWorld(key, steal);
    if (!lock) {
      this.elsewhere = true;
      this.loading = false;
      return;
    }
    this.elsewhere = false;
    this.#lock = lock;
    void lock.lost.then(async () => {
      if (this.#lock !== lock) return;
      await this.#closeWorld();
      this.elsewhere = true;
    });

    let store: LogStore;
    if (this.#db) {
      const browserStore = await openBrowserLogStore(this.#db, record);
      browserStore.onSaveChange = (unsaved, error) => {
        this.unsaved = unsaved;
        if (error) this.error = `Could not save to this browser's storage: ${error instanceof Error ? error.message : String(error)}`;
      };
      this.#store = browserStore;
      store = browserStore;
      void navigator.storage?.persist?.().catch(() => false);
    } else {
      store = memoryLogStore(record.seed);
    }
    const world = LocalWorld.open(content, store);
    this.#world = world;
    // The rule parser always answers first; the model (when on) reads only what it did not understand.
    const chain = new ChainParser(new RuleParser(), this.freePhrasing.parser);
    this.#chain = chain;
    const session = new Session(world, { name: this.preferredName, clock: () => Date.now(), parser: chain });
    const game = new Game(session, content, browserMemory(key));
    game.begin();
    this.game = game;
    this.loading = false;
  }

  async #closeWorld(): Promise<void> {
    const world = this.#world;
    const lock = this.#lock;
    this.#world = null;
    this.#store = null;
    this.#lock = null;
    this.game?.dispose();
    this.game = null;
    this.unsaved = 0;
    if (world) await world.close();
    lock?.release();
  }
}
