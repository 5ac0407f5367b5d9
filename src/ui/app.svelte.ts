/**
 * The page as a whole: which world is open (the address is its link), your list of worlds, the
 * preferred display name, and whether the log is saved. Worlds are shared worlds (Yjs documents in
 * IndexedDB, synced through the page's own relay or the one the link names). A world the list
 * marks single-player is a `LocalWorld` over its own IndexedDB log: that log holds unsigned
 * intents, which no shared world could take in, so it is played as it is, never converted.
 *
 *   const app = new AppState();
 *   await app.init();          // opens the world in the address, your last world, or a new one
 *   app.game?.submit('look');
 */
import type { Content } from '../session/index.ts';
import { canJoin, createWorldKey, loadCommandCode, Session, watchKeyOf } from '../session/index.ts';
import { deleteWorld, listWorlds, openLocalDb, putWorld, type WorldRecord } from '../session/browser-db.ts';
import type { BrowserLogStore } from '../session/browser-log-store.ts';
import { nameProblem } from '../session/player-name.ts';
import type { ChainParser } from '../session/parsers.ts';
import { LazyParser } from '../session/lazy-parser.ts';
import { loadErrandCode } from '../session/lazy-errands.ts';
import type { WorldBackend } from '../session/world.ts';
import type { WorldLock } from '../session/browser-local-world.ts';
import { loadContent } from './content.ts';
import type { CompanionHost } from './companion-host.ts';
import { afterFirstPaint, loadCompletion } from './deferred.ts';
import type { FreePhrasing } from './free-phrasing.svelte.ts';
import { Game, type GameMemory, type TranscriptEntry } from './game.svelte.ts';
import { parseRoute, relayMove, relayMoveQuestion, routeHash, seedOfKey, type Route } from './route.ts';

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

/**
 * The sync layer (Yjs, y-websocket, y-indexeddb, signatures) is its own chunk, requested as the
 * page starts (index.html preloads it too), so the entry chunk stays small and the two download
 * in parallel.
 */
let browserWorld: Promise<typeof import('../session/browser-world.ts')> | null = null;
const loadBrowserWorld = () => (browserWorld ??= import('../session/browser-world.ts'));

function randomId(): string {
  return [...crypto.getRandomValues(new Uint8Array(8))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export class AppState {
  worlds = $state.raw<readonly WorldRecord[]>([]);
  current = $state.raw<WorldRecord | null>(null);
  game = $state.raw<Game | null>(null);
  /** The open shared world's companion (invited, asleep or awake); null for a single-player world. */
  companion = $state.raw<CompanionHost | null>(null);
  /** Intents not yet written to IndexedDB. */
  unsaved = $state(0);
  error = $state<string | null>(null);
  loading = $state(true);
  /** The open world is being played in another tab of this browser. */
  elsewhere = $state(false);
  /** Set when this browser keeps nothing (no IndexedDB): worlds last until the tab closes. */
  ephemeral = $state(false);
  /**
   * The page asks the player's name before the first world it opens in this browser (none was
   * ever chosen or skipped here); the world waits for `answerName`.
   */
  askingName = $state(false);
  #nameAnswered: () => void = () => {};
  /**
   * The opt-in language model, shared by every world this page opens: its code is loaded after the
   * first screen (`loadFreePhrasing`), or when Settings is opened first.
   */
  #freePhrasing: FreePhrasing | null = null;
  #loadingFreePhrasing: Promise<FreePhrasing> | null = null;
  #parser: LazyParser<ChainParser> | null = null;
  #db: IDBDatabase | null = null;
  #lock: WorldLock | null = null;
  #content: Content | null = null;
  #world: WorldBackend | null = null;
  #store: BrowserLogStore | null = null;
  #opening: Promise<void> = Promise.resolve();
  /** World keys this page made: only these may create a world (a joiner's key never does). */
  readonly #madeHere = new Set<string>();

  get preferredName(): string {
    const name = readLocal(NAME);
    // A name the rules refuse (kept before they refused it) would make every join fail.
    return name !== null && nameProblem(name) === null ? name : DEFAULT_NAME;
  }

  set preferredName(name: string) {
    writeLocal(NAME, name);
  }

  /**
   * The answer to the name question: a name to arrive by, or null to skip (the default name,
   * never asked again; Settings changes it). Returns why a name cannot be used, and keeps asking.
   */
  answerName(name: string | null): string | null {
    const chosen = name?.trim() || DEFAULT_NAME;
    const problem = nameProblem(chosen);
    if (problem) return problem;
    this.preferredName = chosen;
    this.askingName = false;
    this.#nameAnswered();
    return null;
  }

  get content(): Content | null {
    return this.#content;
  }

  /** The link that brings a friend into the open world (null for a single-player world). */
  get shareLink(): string | null {
    const w = this.current;
    if (!w || w.kind !== 'shared' || !this.game) return null;
    return `${location.origin}${location.pathname}${routeHash(w.key, w.relay ?? null)}`;
  }

  /**
   * The link that lets someone follow the open world without playing (docs/links.md): null for a
   * single-player world, a world made before watch links, and a world opened with its watch link
   * (its share link is that already).
   */
  get watchLink(): string | null {
    const w = this.current;
    if (!w || w.kind !== 'shared' || !this.game || !canJoin(w.key)) return null;
    const watch = watchKeyOf(w.key);
    return watch === null ? null : `${location.origin}${location.pathname}${routeHash(watch, w.relay ?? null)}`;
  }

  async init(): Promise<void> {
    try {
      // The sync layer's code, the content and the list of worlds all load at once.
      void loadBrowserWorld().catch(() => {});
      const content = loadContent();
      content.catch(() => {});
      try {
        this.#db = await openLocalDb();
        this.worlds = await listWorlds(this.#db);
      } catch (error) {
        console.warn('IndexedDB unavailable; worlds will not be kept', error);
        this.ephemeral = true;
      }
      this.#content = await content;
      // Lets tests (and curious players) check the page plays the same content as Node.
      document.documentElement.dataset.contentVersion = this.#content.version;
      if (readLocal(NAME) === null) {
        this.askingName = true;
        this.loading = false;
        await new Promise<void>((resolve) => (this.#nameAnswered = resolve));
        this.loading = true;
      }
      addEventListener('hashchange', () => void this.#follow());
      await this.#follow();
      afterFirstPaint(() => void this.loadFreePhrasing().then((fp) => fp.resume()).catch((error: unknown) => console.warn('free phrasing did not resume', error)));
    } catch (error) {
      console.error(error);
      this.error = error instanceof Error ? error.message : String(error);
      this.loading = false;
    }
  }

  /** The opt-in language model's state (once; again after a failed load). */
  loadFreePhrasing(): Promise<FreePhrasing> {
    this.#loadingFreePhrasing ??= import('./free-phrasing.svelte.ts').then(({ FreePhrasing }) => {
      const fp = new FreePhrasing();
      fp.onChange = (llm) => {
        const chain = this.#parser?.loaded;
        if (chain) chain.llm = llm;
      };
      this.#freePhrasing = fp;
      return fp;
    }, (error: unknown) => {
      this.#loadingFreePhrasing = null;
      throw error;
    });
    return this.#loadingFreePhrasing;
  }

  /** Makes a new world and goes there. */
  async createWorld(): Promise<void> {
    location.hash = routeHash(await this.#newKey());
  }

  goTo(key: string): void {
    location.hash = routeHash(key, this.worlds.find((w) => w.key === key)?.relay ?? null);
  }

  /** A new world's key, owned by this browser's player (the key names them: issue 19), and private (docs/links.md). */
  async #newKey(): Promise<string> {
    const owner = await (await loadBrowserWorld()).browserPlayerKey().catch(() => undefined);
    const key = createWorldKey(owner, { private: true });
    this.#madeHere.add(key);
    return key;
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
    const record = this.worlds.find((w) => w.key === key);
    if (this.current?.key === key) await this.#closeWorld();
    if (this.#db) await deleteWorld(this.#db, key);
    if (record?.kind === 'shared' && this.#content) await (await loadBrowserWorld()).forgetBrowserWorld(this.#content, key);
    writeLocal(historyKey(key), null);
    writeLocal(transcriptKey(key), null);
    if (readLocal(LAST_WORLD) === key) writeLocal(LAST_WORLD, null);
    this.worlds = this.#db ? await listWorlds(this.#db) : this.worlds.filter((w) => w.key !== key);
    if (this.current?.key === key) {
      this.current = null;
      const next = this.worlds[0];
      history.replaceState(null, '', next ? routeHash(next.key, next.relay ?? null) : routeHash(await this.#newKey()));
      await this.#follow();
    }
  }

  /** Opens the address's world afresh from this browser's copy (a world file just added to it). */
  reopen(): Promise<void> {
    this.current = null;
    return this.#follow();
  }

  /** Takes the open (single-player) world over from the other tab playing it. */
  async playHere(): Promise<void> {
    const key = this.current?.key;
    if (!key) return;
    this.#opening = this.#opening.then(() => this.#open({ worldKey: key, relay: null }, true));
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
      this.loading = false;
    });
    return this.#opening;
  }

  async #openFromAddress(): Promise<void> {
    let route = parseRoute(location.hash);
    if (!route) {
      const last = readLocal(LAST_WORLD);
      const known = this.worlds.find((w) => w.key === last) ?? this.worlds[0];
      history.replaceState(null, '', known ? routeHash(known.key, known.relay ?? null) : routeHash(await this.#newKey()));
      route = parseRoute(location.hash)!;
    }
    if (this.current?.key === route.worldKey) return;
    await this.#open(route);
  }

  async #saveRecord(record: WorldRecord): Promise<void> {
    if (this.#db) {
      await putWorld(this.#db, record);
      this.worlds = await listWorlds(this.#db);
    } else {
      this.worlds = [record, ...this.worlds.filter((w) => w.key !== record.key)];
    }
  }

  async #open(route: Route, steal = false): Promise<void> {
    const key = route.worldKey;
    this.loading = true;
    this.error = null;
    await this.#closeWorld();
    const known = this.worlds.find((w) => w.key === key);
    // A single-player world (no kind) is played from its own log; so is every world in a browser
    // that keeps nothing (a shared world's documents live in IndexedDB).
    const shared = this.#db !== null && (known ? known.kind === 'shared' : true);
    const now = Date.now();
    const moved = known && shared ? await this.#approveRelayMove(known, route.relay) : null;
    const record: WorldRecord = known
      ? { ...known, lastPlayed: now, ...(moved ? { relay: moved } : {}) }
      : { key, name: `Isle ${this.worlds.length + 1}`, seed: seedOfKey(key), player: `p-${randomId()}`, created: now, lastPlayed: now,
          ...(shared ? { kind: 'shared' as const, relay: route.relay } : {}) };
    const world = shared ? await this.#openShared(record, !known) : await this.#openLocal(record, steal);
    if (!world) {
      this.loading = false;
      return;
    }
    this.#world = world;
    // The rule parser always answers first; the model (when on) reads only what it did not understand.
    // Its code is not needed for the first screen: it loads right after that is painted.
    const parser = new LazyParser(async () => (await import('../session/parsers.ts')).ruleParserWithModel(this.#freePhrasing?.parser));
    this.#parser = parser;
    const session = new Session(world, { name: this.preferredName, clock: () => Date.now(), parser });
    const game = new Game(session, this.#content!, browserMemory(key));
    game.begin();
    this.game = game;
    this.loading = false;
    afterFirstPaint(() => {
      if (shared && canJoin(key)) void this.#startCompanion(key, game).catch((error: unknown) => console.warn('the companion code did not load', error));
      // The box key a moving owner seals the new link to (issue 19), and TELL: their code is not the first screen's.
      if (shared) void world.startLate?.().catch((error: unknown) => console.warn('the box key could not be published yet', error));
      void parser.load().catch((error: unknown) => console.warn('the parser did not load yet', error));
      void loadCommandCode().catch(() => {});
      void loadCompletion().catch(() => {});
      void loadErrandCode().catch(() => {});
    });
  }

  /**
   * The companion of a shared world: a player of its own in a Web Worker of this tab, reaching the
   * world through the same relay by the world's link, and recorded with the world so it wakes when
   * the world opens. Its code (and the panel's) is a chunk of its own, loaded after the first screen.
   */
  async #startCompanion(key: string, game: Game): Promise<void> {
    const { companionHost } = await import('./companion-ui.ts');
    if (this.game !== game) return;
    const record = () => this.worlds.find((w) => w.key === key) ?? this.current;
    const host = companionHost({
      link: `${location.origin}${location.pathname}${routeHash(key, record()?.relay ?? null)}`,
      friend: () => game.observation?.player?.name ?? null,
      recorded: record()?.companion ?? null,
      save: async (name) => {
        const now = record();
        if (!now || now.key !== key) return;
        const { companion: _, ...rest } = now;
        const next: WorldRecord = name === null ? rest : { ...rest, companion: name };
        await this.#saveRecord(next);
        if (this.current?.key === key) this.current = next;
      },
    });
    this.companion = host;
    // Only the tab that plays wakes the companion: another tab of this player only watches.
    if (game.status?.role === 'writer') host.wake();
  }

  /** The relay a link moves a known world to, once the player said yes (named by host); else null. */
  async #approveRelayMove(known: WorldRecord, linked: string | null): Promise<string | null> {
    const { relayForPage } = await loadBrowserWorld();
    const here = relayForPage(location, null);
    const to = relayMove(known.relay ?? null, linked, here);
    return to !== null && confirm(relayMoveQuestion(known.name, to, known.relay ?? here)) ? to : null;
  }

  /** A shared world from IndexedDB and the relay; null (with the reason shown) when it cannot open. */
  async #openShared(record: WorldRecord, isNew: boolean): Promise<WorldBackend | null> {
    const { openBrowserWorld, relayForPage } = await loadBrowserWorld();
    const key = record.key;
    let world;
    try {
      world = await openBrowserWorld({
        content: this.#content!,
        worldKey: key,
        relay: relayForPage(location, record.relay ?? null),
        name: this.preferredName,
        create: this.#madeHere.has(key) ? { name: record.name } : null,
        linkBase: `${location.origin}${location.pathname}`,
      });
    } catch (error) {
      console.warn(error);
      this.error = isNew
        ? 'No world was found at this link: neither this browser nor the relay has it. Check the link, or that the relay it names is running.'
        : `This world could not be read in this browser (${error instanceof Error ? error.message : String(error)}). Nothing in it was changed; your other worlds are unaffected.`;
      return null;
    }
    // A friend's world keeps the name its maker gave it.
    const named = isNew && !this.#madeHere.has(key) ? { ...record, name: world.shared.meta.name || record.name } : record;
    await this.#saveRecord(named);
    writeLocal(LAST_WORLD, key);
    this.current = named;
    if (location.hash !== routeHash(key, named.relay ?? null)) history.replaceState(null, '', routeHash(key, named.relay ?? null));
    // The owner moved this world (issue 19) and it followed, as it opened or later: the list and the address name the new link.
    let at = key;
    const followed = async (to: string): Promise<void> => {
      const from = at;
      at = to;
      await this.#followMove(from, to);
    };
    if (world.worldKey !== key) await followed(world.worldKey);
    world.onMovedTo((to) => void followed(to));
    this.elsewhere = false;
    void navigator.storage?.persist?.().catch(() => false);
    return world;
  }

  /**
   * The open world followed its owner to a new link (issue 19, "Move the world"): its entry in the
   * list, the address and the last world opened name the new key from now on (the old entry goes:
   * opening the old link would follow again). The game itself goes on: the world switched under it.
   */
  async #followMove(from: string, to: string): Promise<void> {
    const old = this.worlds.find((w) => w.key === from) ?? (this.current?.key === from ? this.current : null);
    if (old === null) return;
    const next: WorldRecord = { ...old, key: to, seed: seedOfKey(to), lastPlayed: Date.now() };
    await (await loadBrowserWorld()).carryWorldKeyProfile(from, to);
    await this.#saveRecord(next);
    if (this.#db) {
      await deleteWorld(this.#db, from);
      this.worlds = await listWorlds(this.#db);
    } else this.worlds = this.worlds.filter((w) => w.key !== from);
    if (readLocal(LAST_WORLD) === from) writeLocal(LAST_WORLD, to);
    if (this.current?.key === from) {
      this.current = next;
      history.replaceState(null, '', routeHash(to, next.relay ?? null));
    }
  }

  /** A single-player world (the list says so, or the browser keeps nothing). */
  async #openLocal(record: WorldRecord, steal: boolean): Promise<WorldBackend | null> {
    await this.#saveRecord(record);
    writeLocal(LAST_WORLD, record.key);
    this.current = record;

    // Only worlds from before sharing and browsers without IndexedDB come here: shared worlds' first screen goes without it.
    const { openBrowserLocalWorld } = await import('../session/browser-local-world.ts');
    const opened = await openBrowserLocalWorld(this.#content!, this.#db, record, steal);
    if (!opened) {
      this.elsewhere = true;
      return null;
    }
    this.elsewhere = false;
    const { lock, store } = opened;
    this.#lock = lock;
    void lock.lost.then(async () => {
      if (this.#lock !== lock) return;
      await this.#closeWorld();
      this.elsewhere = true;
    });
    if (store) {
      store.onSaveChange = (unsaved, error) => {
        this.unsaved = unsaved;
        if (error) this.error = `Could not save to this browser's storage: ${error instanceof Error ? error.message : String(error)}`;
      };
      this.#store = store;
      void navigator.storage?.persist?.().catch(() => false);
    }
    return opened.world;
  }

  async #closeWorld(): Promise<void> {
    const world = this.#world;
    const lock = this.#lock;
    this.#world = null;
    this.#store = null;
    this.#lock = null;
    this.game?.dispose();
    this.game = null;
    // The companion stays recorded and wakes when this world opens again; its last deeds flush meanwhile.
    void this.companion?.close();
    this.companion = null;
    this.unsaved = 0;
    if (world) await world.close();
    lock?.release();
  }
}
