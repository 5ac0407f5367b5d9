/**
 * A kept shared world for session tests: the real content, a SharedWorld on a FileDocStore in a
 * temp folder (no relay), played through SharedWorldBackend and a Session, closed and opened
 * again on the same folder as a player quitting and coming back would.
 *
 *   const kept = await KeptWorld.create('Ana', { companion: 'Bo' });
 *   const reply = await kept.session.handle('go west');
 *   await kept.reopen();             // close, forget caches, open the same folder
 *   await kept.dispose();            // close and delete the folder
 *
 * Through a relay, by another player (the world made by `ana`, joined by its link):
 *
 *   const clock = { at: Date.now() };  // one game clock for both players
 *   const ana = await KeptWorld.create('Ana', { relay, clock });
 *   const bo = await KeptWorld.create('Bo', { relay, clock, worldKey: parseWorldLink(ana.backend.link!)!.worldKey });
 *
 * Every player state the engine makes inside the world (each apply of the fold, previews of
 * crossings included) is checked against the engine's PlayerState schema by a pass-through
 * wrapper of the real rules; what failed is collected in `schemaViolations`, never thrown (a
 * throw inside the fold would be caught there and hide the problem).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Content } from '../../src/content/schema.ts';
import { loadContentDir } from '../../src/content/node-load.ts';
import type { GameEvent, GameState, PlayerState as PlayerStateType } from '../../src/engine/index.ts';
import { PlayerState } from '../../src/engine/player-state.ts';
import { Session } from '../../src/session/index.ts';
import { SharedWorldBackend } from '../../src/session/shared-world-backend.ts';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { sha256Bytes, toBase64Url } from '../../src/sync/intent/bytes.ts';
import { createIdentity, identityFromSecret, type Identity } from '../../src/sync/intent/identity.ts';
import { FileDocStore } from '../../src/sync/world/node-doc-store.ts';
import type { Rules } from '../../src/sync/replica/rules.ts';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import type { CarryState } from '../../src/sync/world/move-world.ts';

/** The relay a shared world syncs through, as SharedWorldBackend.open takes it. */
export type RelayOptions = NonNullable<Parameters<typeof SharedWorldBackend.open>[0]['relay']>;

let loaded: Content | undefined;
/** content/vetrellis, loaded once per test file. */
export function vetrellisContent(): Content {
  loaded ??= loadContentDir();
  return loaded;
}

export interface SchemaViolation {
  readonly player: string;
  readonly action: string;
  readonly issues: string;
  readonly state: unknown;
}

/** The real rules, unchanged, with every player state they produce checked against the schema. */
export function schemaCheckingRules(violations: SchemaViolation[], inner: Rules = engineRules): Rules {
  const seen = new WeakSet<object>();
  const check = (state: GameState, action: string): void => {
    for (const [id, p] of Object.entries(state.players)) {
      if (seen.has(p)) continue;
      seen.add(p);
      const r = PlayerState.safeParse(p);
      if (!r.success && violations.length < 20) violations.push({ player: id, action, issues: r.error.message, state: p });
    }
  };
  return {
    createWorld: (content, seed) => inner.createWorld(content, seed),
    hashState: (state) => inner.hashState(state),
    apply(content, state, intent) {
      const r = inner.apply(content, state, intent);
      if (r.state !== state) check(r.state, JSON.stringify(intent.action));
      return r;
    },
  };
}

export interface KeptWorldOptions {
  /**
   * Derive the world key and the players' keys from this seed (a rerun of a seed then signs the
   * same intents, so the dice fall the same way, provided Date.now() is pinned for the joins);
   * random keys without it.
   */
  readonly seed?: number;
  /** Another player who joins first and then stays at the start, asleep (someone to give to). */
  readonly companion?: string;
  /** Game time of the first command (ms); each command adds `stepMs`. */
  readonly startAt?: number;
  readonly stepMs?: number;
  /** Sync through this relay (none by default: the world is kept on this disk only). */
  readonly relay?: RelayOptions | null;
  /** Join this existing world (made by another player, found on the relay) instead of making one. */
  readonly worldKey?: string;
  /** A game clock shared with another KeptWorld (both players live in the same time); `startAt` is then ignored. */
  readonly clock?: GameClock;
  /** Make a world whose key names this player its owner (moderation, seals: docs/links.md); none by default. */
  readonly owned?: boolean;
}

/** Game time (ms) of the last command; each command of any world sharing it adds its `stepMs`. */
export interface GameClock {
  at: number;
}

export class KeptWorld {
  readonly violations: SchemaViolation[] = [];
  readonly rules: Rules;
  backend!: SharedWorldBackend;
  session!: Session;
  /** The companion's player id, if one joined. */
  companion: string | null = null;
  /** What MOVE WORLD carries, for the next open (undefined: the app's own, `carryByCut`). */
  carry: CarryState | undefined = undefined;
  reopens = 0;
  /** Events of the local player's submissions since the last `takeEvents()`. */
  #events: GameEvent[] = [];
  /** Errors the session reported through onError (a failure inside the world: a bug). */
  readonly errors: unknown[] = [];
  readonly #clock: GameClock;

  private constructor(
    readonly content: Content,
    readonly dir: string,
    readonly identity: Identity,
    readonly worldKey: string,
    readonly name: string,
    readonly stepMs: number,
    clock: GameClock,
    readonly relay: RelayOptions | null,
    /** Another player made this world: open it, never make it. */
    readonly joining: boolean,
  ) {
    this.rules = schemaCheckingRules(this.violations);
    this.#clock = clock;
  }

  static async create(name: string, options: KeptWorldOptions = {}): Promise<KeptWorld> {
    const dir = mkdtempSync(join(tmpdir(), 'vetrellis-kept-'));
    const seeded = (what: string): Uint8Array => sha256Bytes(`kept-world:${options.seed}:${what}`);
    const identityOf = (who: string): Identity => (options.seed === undefined ? createIdentity() : identityFromSecret(seeded(`player:${who}`)));
    const identity = identityOf(name);
    const worldKey = options.worldKey ?? (options.owned === true ? createWorldKey(identity.publicKey) : options.seed === undefined ? createWorldKey() : toBase64Url(seeded('world')));
    const clock = options.clock ?? { at: options.startAt ?? Date.now() };
    const kept = new KeptWorld(vetrellisContent(), dir, identity, worldKey, name, options.stepMs ?? 10_000, clock, options.relay ?? null, options.worldKey !== undefined);
    if (options.companion) {
      const identity = identityOf(options.companion);
      const other = await kept.#openBackend(identity, options.companion);
      const session = new Session(other, { name: options.companion, clock: () => kept.#tick(), onError: (e) => kept.errors.push(e) });
      const first = session.start();
      if (first.status !== 'ok') throw new Error(`the companion could not join: ${first.text}`);
      kept.companion = identity.player;
      await other.close();
    }
    await kept.#open();
    return kept;
  }

  get player(): string {
    return this.backend.player;
  }

  get state(): GameState {
    return this.backend.state;
  }

  /** The local player's state as the world holds it now (undefined: the character is missing). */
  get me(): PlayerStateType | undefined {
    return this.backend.state.players[this.backend.player];
  }

  get zone(): string {
    return this.backend.shared.zone;
  }

  /** The game time the last command was stamped with (the session's clock). */
  get lastAt(): number {
    return this.#clock.at;
  }

  /** The events the local player's actions produced since the last call. */
  takeEvents(): GameEvent[] {
    return this.#events.splice(0);
  }

  #tick(): number {
    this.#clock.at += this.stepMs;
    return this.#clock.at;
  }

  #openBackend(identity: Identity, name: string): Promise<SharedWorldBackend> {
    return SharedWorldBackend.open({
      content: this.content, identity, worldKey: this.worldKey, store: new FileDocStore(join(this.dir, 'docs')),
      relay: this.relay, name, create: this.joining ? null : { name: 'Kept isle' }, rules: this.rules,
    }, this.carry === undefined ? {} : { carry: this.carry });
  }

  async #open(): Promise<void> {
    this.backend = await this.#openBackend(this.identity, this.name);
    const submit = this.backend.submit.bind(this.backend);
    this.backend.submit = (action, at) => {
      const r = submit(action, at);
      this.#events.push(...r.events);
      return r;
    };
    this.session = new Session(this.backend, { name: this.name, clock: () => this.#tick(), onError: (e) => this.errors.push(e) });
  }

  /** Close the world and open the same folder again (a new world object remembers no verdicts); returns the session's greeting. */
  async reopen(): Promise<ReturnType<Session['start']>> {
    await this.goOffline();
    return this.comeBack();
  }

  /** Close the world and keep its folder: the player is away (asleep in the world) until `comeBack()`. */
  async goOffline(): Promise<void> {
    await this.backend.close();
  }

  /** Open the folder again after `goOffline()`, as the player does coming back; returns the session's greeting. */
  async comeBack(): Promise<ReturnType<Session['start']>> {
    await this.#open();
    this.reopens++;
    return this.session.start();
  }

  async dispose(): Promise<void> {
    try {
      await this.backend?.close();
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

/**
 * Ana's kept world (she owns it) with Bo and Mal playing in it, all three started, on one game
 * clock; `ownerRelay`: Ana's own way to the relay, when it differs from the others'.
 */
export async function anaBoMal(relay: RelayOptions, ownerRelay: RelayOptions = relay): Promise<{ ana: KeptWorld; bo: KeptWorld; mal: KeptWorld }> {
  const clock = { at: 60_000 };
  const ana = await KeptWorld.create('Ana', { relay: ownerRelay, clock, stepMs: 1000, owned: true });
  ana.session.start();
  const [bo, mal] = (await Promise.all(['Bo', 'Mal'].map((n) => KeptWorld.create(n, { relay, clock, stepMs: 1000, worldKey: ana.worldKey })))) as [KeptWorld, KeptWorld];
  for (const k of [bo, mal]) k.session.start();
  return { ana, bo, mal };
}

/**
 * Lets queued work run as it does between two commands a person types (settles of crossings).
 */
export async function pause(): Promise<void> {
  for (let i = 0; i < 4; i++) await new Promise<void>((r) => setTimeout(r, 0));
}
