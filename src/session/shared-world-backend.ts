/**
 * A shared world (src/sync) seen through the session's `WorldBackend`: the session's game time
 * becomes the intents' `at`, refusals of the sync layer become plain words, and others' deeds and
 * revisions queue up as news until the session narrates them.
 *
 *   const world = await SharedWorldBackend.open({ content, identity, worldKey, store, relay, name });
 *   const session = new Session(world, { name, clock: () => Date.now() });
 */
import type { Content } from '../content/schema.ts';
import type { Action, GameEvent, GameState, ModerationKind } from '../engine/index.ts';
import type { AwakePlayers, RevisionLike } from '../narrate/index.ts';
import { SharedWorld, type SharedWorldOptions, type SubmitResult } from '../sync/world/shared-world.ts';
import { answeringSinceLastDeed } from './offer-answers.ts';
import { DeviceMarks } from '../sync/world/device-marks.ts';
import { watchStatus } from './status-watch.ts';
import { SPECTATOR_REFUSAL, type HeardTell, type MoveOutcome, type OfferAnswered, type SubmitOutcome, type TellOutcome, type WorldBackend, type WorldNews, type WorldStatus } from './world.ts';
import { LEFT_BEHIND_TEXT } from '../narrate/moved-lines.ts';
import type { CarryState } from '../sync/world/move-world.ts';
import type { MoveMemory, PendingMove } from '../sync/world/move-memory.ts';

/** What a member reads when their client follows the owner to the world's new link. */
export const FOLLOWED_NOTE = "The isle's maker has moved this world to a new link, and your client follows it there: you play on at the new link (it is the one to keep and share now).";
/** What a member reads when the world moved but its new place cannot be opened yet. */
const FOLLOW_FAILED_NOTE = "The isle's maker has moved this world to a new link, but it cannot be reached from here yet; this client will follow it once it can.";

/** Moves followed one after another as a world opens (each is an owner's signed pointer, so this only bounds the work). */
const MAX_HOPS = 16;

export interface BackendOptions {
  /** What moving the world carries into the new one (move-world.ts); default `carryByCut` (the whole state, from the frozen world's snapshots). */
  readonly carry?: CarryState;
}

const BLOCKED: Readonly<Record<Extract<SubmitResult, { ok: false }>['reason'], string>> = {
  'sync/moved': LEFT_BEHIND_TEXT,
  'sync/spectator': SPECTATOR_REFUSAL,
  'sync/watching': 'This world is open in another tab or window of yours; this one only watches. Play there, or close it.',
  'sync/chain-stopped': 'Your history in this world was signed twice in two different ways (the same key used in two places at once), so the world no longer accepts your actions from here. START OVER begins again as a new character under your name; what this one carries stays behind.',
  'sync/banned': 'You are banished from this world: nothing you do here reaches it any more.',
  'sync/zone-loading': 'That part of the isle is still loading. Try again in a moment.',
  'sync/not-in-zone': 'You are not in this part of the world yet.',
  'sync/zone-unreadable': 'That part of the isle cannot be read on this device: its stored copy is damaged. Nothing was changed, and you stay where you are.',
  'sync/character-not-found':
    'Your character in this world could not be found on this device (its history may not have arrived yet). Nothing was changed; try again once this device is back online, or open the world where you last played.',
};

export class SharedWorldBackend implements WorldBackend {
  readonly #events: GameEvent[] = [];
  readonly #meanwhile: OfferAnswered[] = [];
  /** Which answers to the player's offers this device has told (kept on the device only). */
  #told: DeviceMarks | null = null;
  /** Ids of the answering entries queued in `#meanwhile` and not yet handed to the session. */
  readonly #untold: string[] = [];
  readonly #revisions: RevisionLike[] = [];
  readonly #tells: HeardTell[] = [];
  readonly #listeners = new Set<() => void>();
  readonly #notes: string[] = [];
  readonly #movedListeners = new Set<(worldKey: string) => void>();
  /** null: `carryByCut`. */
  readonly #carry: CarryState | null;
  /** The owner's MOVE WORLD is under way (its own pointer must not make it follow halfway). */
  #moving = false;
  /**
   * A move this device began that has not finished: MOVE WORLD FINISH takes it up (same key, same
   * members left out). Kept in the device's store too (move-memory.ts), so it outlives a restart.
   */
  #pendingMove: PendingMove | null = null;
  /** The key of a world this device moved away from whose freeze the relay did not confirm everywhere: MOVE WORLD FINISH pushes it again (kept as `#pendingMove` is). */
  #unconfirmedFreeze: string | null = null;
  #following = false;
  #followFailed = false;
  #notice: string | null = null;
  #closed = false;

  #shared: SharedWorld;
  /** What `subscribe`d listeners watch of the current world (watched anew after a start-over). */
  readonly #watchers = new Map<() => void, () => void>();
  #detach: () => void = () => {};

  private constructor(shared: SharedWorld, readonly content: Content, private readonly relayed: boolean, private options: SharedWorldOptions, b: BackendOptions) {
    this.#shared = shared;
    this.#carry = b.carry ?? null;
    this.#attach(shared);
  }

  get shared(): SharedWorld {
    return this.#shared;
  }

  #attach(shared: SharedWorld): void {
    const stopChanges = shared.onChange((change) => {
      for (const n of change.news) this.#events.push(...n.events);
      for (const event of change.settled ?? []) this.#meanwhile.push({ event, while: 'elsewhere' });
      if (change.revision) this.#revisions.push(change.revision);
      for (const l of this.#listeners) l();
    });
    const stopTells = shared.onTell((t) => {
      this.#tells.push({ player: t.from, name: t.name, zone: shared.roster().find((r) => r.player === t.from)?.zone ?? null, text: t.text });
      for (const l of this.#listeners) l();
    });
    const stopMoved = shared.onMoved(() => this.#checkMoved());
    this.#detach = () => {
      stopChanges();
      stopTells();
      stopMoved();
    };
  }

  #checkMoved(): void {
    if (this.#moving || this.#following || this.#closed) return;
    this.#following = true;
    void this.#follow().then((switched) => {
      this.#following = false;
      // The new world may have moved on already (its pointers came with it): follow again.
      if (switched) this.#checkMoved();
    }, () => {
      this.#following = false;
    });
  }

  /** Where the owner's pointer for this player leads, open it and play there (issue 19, "Move the world"); true once switched. */
  async #follow(): Promise<boolean> {
    const key = await this.#shared.movedTo();
    if (key === null || this.#closed) return false;
    const switched = await this.#switchTo(key);
    if (switched) {
      this.#notes.push(FOLLOWED_NOTE);
      this.#followFailed = false;
    } else if (!this.#followFailed) {
      this.#followFailed = true;
      this.#notes.push(FOLLOW_FAILED_NOTE);
    }
    for (const l of this.#listeners) l();
    return switched;
  }

  /** Play on in the world of `key` (opened as a member, never made), closing this one once its writes reached the relay. */
  async #switchTo(key: string): Promise<boolean> {
    let next: SharedWorld;
    try {
      next = await SharedWorld.open({ ...this.options, worldKey: key, create: null, startOver: false, at: Date.now() });
    } catch {
      return false;
    }
    const old = this.#shared;
    this.#detach();
    for (const stop of this.#watchers.values()) stop();
    this.#shared = next;
    this.options = { ...this.options, worldKey: key };
    this.#attach(next);
    for (const listener of [...this.#watchers.keys()]) this.#watchers.set(listener, watchStatus(next, () => this.status(), listener));
    await closeFlushed(old, this.relayed, 5000);
    // Long past the first screen: the player's box key is published in the new world now.
    void next.startLate().catch(() => undefined);
    for (const cb of this.#movedListeners) cb(key);
    return true;
  }

  get worldKey(): string {
    return this.options.worldKey;
  }

  startLate(): Promise<void> {
    return this.#shared.startLate();
  }

  /** The default carry moves the state (`carryByCut`); a carry a test passes is taken as carrying nothing. */
  get movingCarriesState(): boolean {
    return this.#carry === null;
  }

  onMovedTo(cb: (worldKey: string) => void): () => void {
    this.#movedListeners.add(cb);
    return () => this.#movedListeners.delete(cb);
  }

  async moveWorld(leaveOut: readonly string[]): Promise<MoveOutcome> {
    if (this.#moving) return { ok: false, reason: 'busy' };
    this.#moving = true;
    try {
      return await this.#move(leaveOut);
    } finally {
      this.#moving = false;
    }
  }

  async finishMove(leaveOut: readonly string[] | null): Promise<MoveOutcome> {
    if (this.#moving) return { ok: false, reason: 'busy' };
    this.#moving = true;
    try {
      const { moveStage } = await import('../sync/world/move-world.ts');
      const stage = moveStage(this.#shared, this.content.zones.keys());
      if (!this.#shared.owning) return { ok: false, reason: 'not-owner' };
      if (this.#pendingMove === null && stage !== 'frozen' && this.#unconfirmedFreeze !== null) return await this.#refreeze(this.#unconfirmedFreeze);
      if (this.#pendingMove === null && stage !== 'frozen') return { ok: false, reason: stage === 'arrived' ? 'arrived' : 'not-moved' };
      // Begun on another run of this device (or another device): whom it left out is not known here.
      if (this.#pendingMove === null && leaveOut === null) return { ok: false, reason: 'who-left-out' };
      return await this.#move([...(this.#pendingMove?.leaveOut ?? []), ...(leaveOut ?? [])]);
    } finally {
      this.#moving = false;
    }
  }

  async #move(leaveOut: readonly string[]): Promise<MoveOutcome> {
    const old = this.#shared;
    // The owner's move is rare: its code loads when it happens.
    const { carryByCut, moveWorld } = await import('../sync/world/move-world.ts');
    const oldKey = this.options.worldKey;
    const before = this.#pendingMove;
    const all = [...new Set([...(before?.leaveOut ?? []), ...leaveOut])];
    // Kept before anything is written: a device that stops from here on finishes this very move.
    const began = async (newKey: string): Promise<void> => {
      this.#pendingMove = { newKey, leaveOut: all };
      await this.#remember(oldKey, { pending: this.#pendingMove });
    };
    const r = await moveWorld(old, { carry: this.#carry ?? carryByCut, leaveOut: all, began, ...(before === null ? {} : { newKey: before.newKey }) });
    if (!r.ok) {
      // Stopped before it wrote anything worth finishing: as it was.
      if (r.reason !== 'not-carried' && this.#pendingMove !== before) {
        this.#pendingMove = before;
        await this.#remember(oldKey, { pending: before });
      }
      return r;
    }
    this.#pendingMove = null;
    await this.#remember(oldKey, { pending: null });
    // A zone that could not be frozen just now gets one more try while the old world is still open;
    // frozen means the relay holds every MOVED (one written only here freezes nothing for others).
    const frozen = (r.frozen || (await old.freeze()).ok) && (await confirmed(old, this.relayed, this.options.relayTimeoutMs ?? 3000));
    if (!frozen) await this.#remember(r.newKey, { unfrozen: oldKey });
    // The owner plays on in the new world too (their own pointer says the same).
    if (!(await this.#switchTo(r.newKey))) return { ok: false, reason: 'not-opened' };
    this.#unconfirmedFreeze = frozen ? null : oldKey;
    const nameOf = (p: string): string => old.roster().find((e) => e.player === p)?.name ?? 'A player';
    return { ok: true, carried: r.carried.filter((e) => e.player !== old.player).map((e) => nameOf(e.player)), left: r.left.map((l) => ({ name: l.entry.name, why: l.why })), frozen };
  }

  /** Keeps what this device knows of a move in its store (move-memory.ts); a store that fails to keep it loses only that memory. */
  async #remember(worldKey: string, change: Partial<MoveMemory>): Promise<void> {
    // Loaded with the owner's move, never on the way to a first prompt.
    await import('../sync/world/move-memory.ts').then(({ rememberMove }) => rememberMove(this.options.store, worldKey, change)).catch(() => undefined);
  }

  /**
   * Open the world this device moved away from (`oldKey`) again, freeze what is not frozen there
   * yet, and wait until the relay holds every MOVED (written here before, or now).
   */
  async #refreeze(oldKey: string): Promise<MoveOutcome> {
    let old: SharedWorld;
    try {
      old = await SharedWorld.open({ ...this.options, worldKey: oldKey, create: null, startOver: false, at: Date.now() });
    } catch {
      return { ok: false, reason: 'old-unreachable' };
    }
    try {
      const frozen = (await old.freeze()).ok && (await confirmed(old, this.relayed, this.options.relayTimeoutMs ?? 3000));
      if (!frozen) return { ok: false, reason: 'old-unreachable' };
      this.#unconfirmedFreeze = null;
      await this.#remember(this.options.worldKey, { unfrozen: null });
      return { ok: true, refrozen: true };
    } finally {
      await old.close();
    }
  }

  /**
   * Opens (or creates) the world. Game time comes from the session with each `submit`; opening
   * (a new player's `join`) is stamped with the machine clock.
   */
  static async open(options: SharedWorldOptions, b: BackendOptions = {}): Promise<SharedWorldBackend> {
    let shared = await SharedWorld.open(options);
    // The owner moved this world and carried us: open the new one straight away (the host keeps
    // `worldKey`), and the one after it, if it moved on too.
    let notice: string | null = null;
    for (let hops = 0; hops < MAX_HOPS; hops++) {
      const key = await shared.movedTo();
      if (key === null) break;
      try {
        const next = await SharedWorld.open({ ...options, worldKey: key, create: null, startOver: false });
        await closeFlushed(shared, Boolean(options.relay), 5000);
        shared = next;
        options = { ...options, worldKey: key };
        notice = FOLLOWED_NOTE;
      } catch {
        notice = FOLLOW_FAILED_NOTE;
        break;
      }
    }
    const backend = new SharedWorldBackend(shared, options.content, Boolean(options.relay), options, b);
    backend.#notice = notice;
    if (shared.owning) {
      // A move this device began before it stopped: MOVE WORLD FINISH goes on with it.
      const memory = await import('../sync/world/move-memory.ts').then(({ recallMove }) => recallMove(options.store, options.worldKey)).catch(() => null);
      backend.#pendingMove = memory?.pending ?? null;
      backend.#unconfirmedFreeze = memory?.unfrozen ?? null;
    }
    // Answers to the player's offers given while they were away, each told once on this device.
    const told = await DeviceMarks.open(options.store, options.worldKey, `told-answers:${shared.player}`);
    const answering = answeringSinceLastDeed(shared.replica.fold, shared.player);
    told.keep(new Set(answering.flatMap((a) => (a.id === undefined ? [] : [a.id]))));
    const untold = answering.filter((a) => a.id === undefined || !told.has(a.id));
    backend.#told = told;
    backend.#untold.push(...untold.flatMap((a) => (a.id === undefined ? [] : [a.id])));
    backend.#meanwhile.push(...untold.flatMap((a) => a.answers.map((event) => ({ event, while: 'away' as const }))));
    return backend;
  }

  /** Only where the player's history here stopped: play on as the key's next generation. */
  async startOver(): Promise<readonly GameEvent[] | null> {
    if (!this.#shared.stopped) return null;
    this.#detach();
    for (const stop of this.#watchers.values()) stop();
    await this.#shared.close();
    const next = await SharedWorld.open({ ...this.options, startOver: true, at: Date.now() });
    this.#shared = next;
    this.#attach(next);
    for (const listener of [...this.#watchers.keys()]) this.#watchers.set(listener, watchStatus(next, () => this.status(), listener));
    for (const l of this.#listeners) l();
    return next.joinedOnOpen;
  }

  get id(): string {
    return this.shared.worldId;
  }

  get player(): string {
    return this.shared.player;
  }

  get state(): GameState {
    return this.shared.state;
  }

  /** The share link; null while the world has no relay (nobody else could reach it). */
  get link(): string | null {
    return this.relayed ? this.shared.link : null;
  }

  /** The watch link (docs/links.md); null while the world has no relay, or when it has none. */
  get watchLink(): string | null {
    return this.relayed ? this.shared.watchLink : null;
  }

  get contentMismatch(): boolean {
    return this.shared.contentMismatch;
  }

  get notice(): string | null {
    const notes = [this.#notice, this.shared.notice].filter((n) => n !== null);
    return notes.length === 0 ? null : notes.join(' ');
  }

  get joinedOnOpen(): readonly GameEvent[] {
    return this.shared.joinedOnOpen;
  }

  ready(): Promise<void> {
    return this.shared.ready();
  }

  submit(action: Action, at: number): SubmitOutcome {
    const r = this.shared.submit(action, at);
    if (!r.ok) return { state: this.shared.state, events: [], blocked: BLOCKED[r.reason], blockedReason: r.reason };
    return { state: r.state, events: r.events };
  }

  moderate(what: ModerationKind, player: string): Promise<{ readonly ok: boolean; readonly events: readonly GameEvent[] }> {
    return this.#shared.moderate(what, player);
  }

  tell(player: string, text: string): Promise<TellOutcome> {
    return this.shared.tell(player, text);
  }

  drainNews(): WorldNews {
    // Handed to the session to tell now: not told again when the world opens next on this device.
    if (this.#untold.length > 0) this.#told?.add(this.#untold.splice(0));
    return {
      events: this.#events.splice(0), revisions: this.#revisions.splice(0), tells: this.#tells.splice(0), notes: this.#notes.splice(0),
      meanwhile: this.#meanwhile.splice(0),
      nameOf: (p) => this.shared.roster().find((r) => r.player === p)?.name,
    };
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    this.#watchers.set(listener, watchStatus(this.shared, () => this.status(), listener));
    return () => {
      this.#listeners.delete(listener);
      this.#watchers.get(listener)?.();
      this.#watchers.delete(listener);
    };
  }

  status(): WorldStatus {
    const s = this.shared;
    return {
      connection: s.connection,
      pending: s.pendingCount,
      role: s.role,
      online: (s.presence?.others() ?? []).map((p) => ({ player: p.player, name: p.name, location: p.location })),
      roster: s.roster().map((r) => ({ player: r.player, name: r.name, zone: r.zone })),
      banned: s.state.moderation?.banned ?? [],
      muted: s.state.moderation?.muted ?? [],
      moderators: s.state.moderation?.moderators ?? [],
      contentMismatch: s.contentMismatch,
      owner: s.owner,
      ...(s.moved ? { frozen: true } : {}),
    };
  }

  /**
   * A player counts as awake while any awareness state in this zone names them. Unknown (null)
   * unless this client is synced with the relay: offline, its awareness has dropped everyone,
   * and that says nothing about whether they are playing.
   */
  awake(): AwakePlayers | null {
    const presence = this.shared.presence;
    if (!presence || this.shared.connection !== 'synced') return null;
    return new Set(presence.others().map((p) => p.player));
  }

  /** Own writes the relay has not confirmed yet (0 without a relay). */
  get pendingCount(): number {
    return this.shared.pendingCount;
  }

  /**
   * Waits (up to `flushMs`) for the relay to confirm every own write, then closes: a terminal
   * client that exits right after a command must not leave it only on this disk.
   */
  async close(flushMs = 5000): Promise<void> {
    this.#closed = true;
    try {
      await closeFlushed(this.shared, this.relayed, flushMs);
    } finally {
      await this.#told?.close();
      this.#told = null;
    }
  }
}

/** Waits (up to `flushMs`) for the relay to confirm every own write of `world`, then closes it. */
/** True once the relay holds every write of `world` (at once without a relay); false after `ms`. */
async function confirmed(world: SharedWorld, relayed: boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (relayed && world.pendingCount + world.rootPendingCount > 0) {
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
}

async function closeFlushed(world: SharedWorld, relayed: boolean, flushMs: number): Promise<void> {
  const deadline = Date.now() + flushMs;
  while (relayed && world.pendingCount + world.rootPendingCount > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 25));
  }
  await world.close();
}
