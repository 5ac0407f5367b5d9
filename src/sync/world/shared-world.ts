/**
 * A shared world as one player's session drives it: documents loaded as needed (root, the
 * current zone, neighbours prefetched), local-first intents, news and revisions from others.
 *
 *   const world = await SharedWorld.open({ content, identity, worldKey, store, relay, name: 'Ana',
 *                                          create: { name: 'Ana's isle' } });
 *   const r = world.submit({ kind: 'take', target: 'moonpetal' }, gameTime);  // applied at once
 *   if (r.ok) narrate(r.events, r.state);
 *   world.onChange((c) => { narrate(c.news); if (c.revision) narrateRevision(c.revision); });
 *   world.onStatus(() => render());   // connection, unconfirmed writes, tab role, roster, who is here
 *   world.state; world.stateHash; world.link; world.pendingCount; world.role; await world.close();
 *
 * `relay` is y-websocket's options (players) or a connector of links (tests: memory-relay.ts).
 * A move through an exit into another zone becomes `travel` here and `arrive` there (what to sign
 * is traveller.ts's `crossingPlan`); `submit` returns the travel's events and the new zone's
 * state. When a late intent in the zone left changes how that travel folds, this client signs a
 * `settle` for its arrive (hand-overs.ts) and narrates it as a revision.
 *
 * The work is done by its parts: world-root.ts (meta, roster), zone-set.ts (which zones are open),
 * zone-handle.ts (one zone's document, link and replica), zone-writer.ts (signing and writing our
 * intents), traveller.ts (the crossing decisions), hand-overs.ts (settles), player-place.ts (zone,
 * roster, presence), character-search.ts (finding a lost character), owner-actions.ts (the owner's
 * cuts, moderation and moving the world: loaded when first asked for); this file orchestrates them.
 */
import type { Action, ModerationKind } from '../../engine/action.ts';
import type { GameEvent } from '../../engine/events.ts';
import type { GameState } from '../../engine/state.ts';
import { engineRules } from '../replica/engine-rules.ts';
import type { SettleAction } from '../intent/sync-action.ts';
import { crossingTarget } from '../replica/crossing.ts';
import type { FoldChange } from '../replica/fold.ts';
import type { Revision } from '../replica/revision.ts';
import type { ZoneReplica } from '../replica/zone-replica.ts';
import { findCharacter, type CharacterSearch } from './character-search.ts';
import { HandOvers } from './hand-overs.ts';
import { neighbourZones } from './neighbours.ts';
import { PlayerPlace } from './player-place.ts';
import type { ZonePresence } from './presence.ts';
import type { RosterEntry } from './roster.ts';
import { namesCollide } from '../../engine/name-key.ts';
import { answersOfferOf } from '../../engine/rules/offers.ts';
import { generationOf, MAX_GENERATION, successionProof, type Succession } from '../intent/succession.ts';
import type { Identity } from '../intent/identity.ts';
import type { SharedWorldOptions, SubmitRefusal, SubmitResult, WorldChange } from './shared-world-api.ts';
import { claimWriterTab, type TabRole } from './tab-lock.ts';
import { arriveFor, crossingPlan, settledRevision } from './traveller.ts';
import { relayConnector } from './websocket-link.ts';
import type { RelayConnector } from './relay-link.ts';
import type { WorldMeta } from './world-docs.ts';
import { canJoin, isPrivateWorld, isWorldKey, memberKeyOfWorld, memberOf, watchLink, worldIdOf, worldLink, worldOwnerOf } from './world-key.ts';
import { membershipProof } from '../intent/membership.ts';
import { WorldRoot } from './world-root.ts';
import type { ZoneHandle } from './zone-handle.ts';
import { ZoneSet } from './zone-set.ts';
import { ZoneWriter } from './zone-writer.ts';
import { checkSnapshot } from '../replica/snapshot.ts';
import type { CutResult } from './world-cutter.ts';
import type { OwnerView } from './owner-actions.ts';
import type { HeardTell, TellResult, WorldTells } from './tells.ts';

export type { NewsItem, SharedWorldOptions, SubmitRefusal, SubmitResult, WorldChange } from './shared-world-api.ts';

/** How often the owner's device looks whether to begin a new epoch, and after how many entries it does. */
const CUT_LOOK_EVERY_MS = 10 * 60_000;
const CUT_AFTER_ENTRIES = 5_000;

/** The owner's actions (cuts, moderation, moving the world): loaded the first time one is asked for. */
const loadOwner = (): Promise<typeof import('./owner-actions.ts')> => import('./owner-actions.ts');

const refused = (reason: SubmitRefusal): SubmitResult => ({ ok: false, reason });

/** The role of a world opened with a watch link: it never writes, and is never promoted. */
const SPECTATOR: TabRole = { writer: false, onPromoted: () => {}, release: () => {} };

export class SharedWorld {
  readonly worldId: string;
  readonly meta: WorldMeta;
  readonly #o: SharedWorldOptions;
  readonly #timeoutMs: number;
  readonly #root: WorldRoot;
  readonly #zones: ZoneSet;
  readonly #role: TabRole;
  readonly #place: PlayerPlace;
  readonly #writer: ZoneWriter;
  readonly #handOvers: HandOvers;
  /**
   * TELL to players anywhere in the world (the root's awareness): tells.ts, loaded as the world
   * opens but not before its first prompt; null without a relay.
   */
  #tells: Promise<WorldTells> | null = null;
  /** Who listens for tells (`onTell`), told of each once tells.ts is in. */
  readonly #tellListeners = new Set<(t: HeardTell) => void>();
  readonly #listeners = new Set<(c: WorldChange) => void>();
  readonly #statusListeners = new Set<() => void>();
  #closed = false;
  /** The game time intents are signed at: the latest the session gave (clamped per chain by the replica). */
  #at: number;
  /** Zones opened because arrives elsewhere wait for their travels (kept open). */
  readonly #awaited = new Set<string>();
  /** The last revision of ours in a zone we are not in: the cause a settle narrates. */
  #revisionElsewhere: Revision | null = null;
  /** Our character exists in this world (we have a history) but was not found on this device. */
  #notFound = false;
  /** Loads under way for the player (see `ready`). */
  #loading: Promise<void> = Promise.resolve();
  /** A defeat took us out of the zone; the arrival in the respawn's zone is being signed. */
  #following = false;
  /** The events of the join this world made for a new player as it opened. */
  #joined: readonly GameEvent[] = [];
  /** Told once to the player as the world opens (a character restored). */
  #notice: string | null = null;
  /** How this world's documents reach the relay (null: no relay). */
  #connect: RelayConnector | null = null;

  readonly #generation: { readonly base: Identity; readonly succeeds: Succession | undefined };

  private constructor(o: SharedWorldOptions, root: WorldRoot, zones: ZoneSet, role: TabRole, zone: string, written: readonly string[], generation: { readonly base: Identity; readonly succeeds: Succession | undefined }) {
    this.#o = o;
    this.#generation = generation;
    this.#timeoutMs = o.relayTimeoutMs ?? 3000;
    this.worldId = root.worldId;
    this.meta = root.meta;
    this.#root = root;
    this.#zones = zones;
    this.#role = role;
    this.#at = o.at ?? Date.now();
    this.#place = new PlayerPlace(root, o.identity, () => this.#at, zone, o.name, written, generation.succeeds);
    this.#writer = new ZoneWriter({
      identity: o.identity, worldId: root.worldId, seed: root.meta.seed, content: o.content, rules: o.rules ?? engineRules,
      checkpointEvery: o.checkpointEvery ?? 64, place: this.#place, onFold: (h, change, local) => this.#folded(h, change, local),
      onTravelsAwaited: (zones) => this.#openAwaited(zones),
      // Seals are signed with the key the world names, whichever generation of it plays.
      owner: worldOwnerOf(o.worldKey), member: memberKeyOfWorld(o.worldKey), sealer: generation.base.player === worldOwnerOf(o.worldKey) ? generation.base : null, sealing: o.sealing,
    });
    this.#handOvers = new HandOvers({
      player: o.identity.player, zones, timeoutMs: this.#timeoutMs,
      mayWrite: (h) => this.#mayWrite(h),
      writeSettle: (from, to, settle) => this.#writeSettle(from, to, settle),
    });
    const statusChanged = (): void => {
      for (const cb of this.#statusListeners) cb();
    };
    zones.onStatus(statusChanged);
    root.onRoster(statusChanged);
    root.onMoved(statusChanged);
    role.onPromoted(statusChanged);
    this.#place.onPresence(statusChanged);
  }

  static async open(o: SharedWorldOptions): Promise<SharedWorld> {
    // One budget for the whole open (root, then the zone), so a silent relay costs it once.
    const deadline = Date.now() + (o.relayTimeoutMs ?? 3000);
    const left = (): number => Math.max(0, deadline - Date.now());
    const connect = relayConnector(o.relay);
    // A private world's documents and presence are sealed (world-cipher.ts, loaded only for one).
    const cipher = isPrivateWorld(o.worldKey) ? (await import('./world-cipher.ts')).worldCipherOf(o.worldKey) : null;
    const root = await WorldRoot.open({ ...o, connect, cipher }, left());
    // The key's latest generation in this world plays; starting over plays the next one.
    let latest = 0;
    while (latest < MAX_GENERATION && root.rosterEntry(generationOf(o.identity, latest + 1).player)) latest++;
    const base = o.identity;
    const playing = o.startOver === true ? latest + 1 : latest;
    // Signed into the join (on starting over) and into every roster entry of a later generation.
    const succeeds = playing === 0 ? undefined : successionProof(generationOf(base, playing - 1), generationOf(base, playing), root.worldId);
    o = { ...o, identity: generationOf(base, playing) };
    if (o.startLater !== true && canJoin(o.worldKey)) void root.setBox(o.identity, await (await import('./member-box.ts')).boxKeyText(o.identity));
    // A watch link reads and never writes (docs/links.md): no tab of it plays, so it needs no lock.
    const role: TabRole = canJoin(o.worldKey) ? await claimWriterTab(`vetrellis:${worldIdOf(o.worldKey)}:${o.identity.player}`) : SPECTATOR;
    const mine = root.rosterEntry(o.identity.player);
    const startZone = o.content.locations.get(o.content.world.start)?.zone ?? [...o.content.zones.keys()][0]!;
    const zone = mine && o.content.zones.has(mine.zone) ? mine.zone : startZone;
    const rules = o.rules ?? engineRules;
    const zones = new ZoneSet({
      content: o.content, worldKey: o.worldKey, store: o.store, connect, relayTimeoutMs: o.relayTimeoutMs ?? 3000, cipher,
      // Zones open at the newest epoch (world-cut.ts), from the snapshot the owner's cut names.
      cut: () => root.latestCut(),
      cuts: () => root.cuts(),
      checkSnapshot: (snap, zone) => checkSnapshot(snap, rules, { world: root.worldId, zone }),
      // A member who folded the history says so when a cut's snapshot is not what it folded (world-challenge.ts).
      ...(role === SPECTATOR ? {} : { challenge: (cut, zone, seal, own) => root.writeChallenge(o.identity, cut, zone, seal, own) }),
    });
    root.onCuts(() => zones.bridge());
    const world = new SharedWorld(o, root, zones, role, zone, mine?.zones ?? [], { base, succeeds });
    world.#connect = connect;
    await world.#enter(zone, left());
    // A returning player whose zone does not hold them is looked for, never made again.
    // A world moved here (issue 19) carries characters that have no roster entry here yet: they are looked for everywhere.
    const carried = mine === null && root.latestCut()?.from !== undefined ? [...o.content.zones.keys()] : [];
    const where = world.state.players[o.identity.player] || role === SPECTATOR ? 'found' : await world.#findCharacter([...(mine?.zones ?? []), ...carried, startZone], left());
    if (where === 'new' && mine) world.#notFound = true;
    if (where === 'completed') {
      const from = o.content.zones.get(world.#place.left[world.#place.left.length - 1] ?? '')?.name.toLowerCase() ?? 'last place you were';
      world.#notice = `Your character was restored, with everything you carried, where your way out of the ${from} led.`;
    }
    if (!mine && role.writer) {
      // The join notes the zone in the roster; write the roster here only if it did not.
      if (where === 'new') {
        const friend = o.companionOf === undefined ? undefined : friendId(root.roster(), o.companionOf);
        const member = memberOf(o.worldKey);
        const joined = world.submit({
          kind: 'join', name: o.name, ...(friend === undefined ? {} : { companionOf: friend }), ...(succeeds === undefined ? {} : { succeeds }),
          ...(member === null ? {} : { member: membershipProof(member, root.worldId, o.identity.player) }),
        }, world.#at);
        // (A later generation that finds no character of its own here starts afresh the same way.)
        if (joined.ok) world.#joined = joined.events;
        const formerZone = succeeds === undefined ? undefined : root.rosterEntry(succeeds.player)?.zone;
        if (joined.ok && succeeds !== undefined && formerZone !== undefined && formerZone !== zone && o.content.zones.has(formerZone)) {
          world.#joined = [...world.#joined, ...(await world.#retireIn(formerZone, succeeds, left()))];
        }
      }
      if (!root.rosterEntry(o.identity.player)) world.#place.sign();
    }
    world.#at = Math.max(world.#at, world.state.time);
    world.#cutNowAndThen();
    if (o.startLater !== true) void world.#startTells();
    return world;
  }

  get player(): string {
    return this.#o.identity.player;
  }
  /** This player's history in the zone they are in was signed two ways and stopped: only starting over plays on. */
  get stopped(): boolean {
    const replica = this.#zones.get(this.#place.zone)?.replica;
    return replica !== null && replica !== undefined && replica.stoppedPlayers().includes(this.player);
  }
  get zone(): string {
    return this.#place.zone;
  }
  get replica(): ZoneReplica {
    return this.#zones.get(this.#place.zone)!.replica!;
  }
  get state(): GameState {
    return this.replica.state;
  }
  get stateHash(): string {
    return this.replica.stateHash;
  }
  /** writer: this tab plays; watcher: another tab of this player plays; spectator: opened with a watch link. */
  get role(): 'writer' | 'watcher' | 'spectator' {
    return this.#role === SPECTATOR ? 'spectator' : this.#role.writer ? 'writer' : 'watcher';
  }
  /** The key this world was opened with (the play key, or the watch key for a spectator). */
  get worldKey(): string {
    return this.#o.worldKey;
  }
  /** The link this world was opened with: the play link, or the watch link for a spectator. */
  get link(): string {
    return worldLink(this.#o.linkBase ?? '', this.#o.worldKey, null);
  }
  /** The world's watch link (docs/links.md); null for a world made before watch links. */
  get watchLink(): string | null {
    return watchLink(this.#o.linkBase ?? '', this.#o.worldKey, null);
  }
  /** The player who made the world, when its key names them (world-key.ts); null for older worlds. */
  get owner(): string | null {
    const owner = worldOwnerOf(this.#o.worldKey);
    return owner === null ? null : this.#root.heirOf(owner);
  }
  /** True when the world's content version differs from the content this client runs. */
  get contentMismatch(): boolean {
    return this.meta.contentVersion !== null && this.meta.contentVersion !== this.#o.content.version;
  }
  /** Writes to the root document (roster entries, moved pointers) the relay has not confirmed yet; 0 without a relay. */
  get rootPendingCount(): number {
    return this.#root.link?.pending ?? 0;
  }
  /** Own intents the relay has not confirmed yet (for the "not yet shared" indicator); 0 without a relay. */
  get pendingCount(): number {
    return this.#zones.pendingCount;
  }
  /**
   * The link to the relay as a player would describe it: no relay at all (`local`), `offline`
   * (relay configured, socket down), `connecting` (socket up, first sync not done), `synced`.
   */
  get connection(): 'local' | 'offline' | 'connecting' | 'synced' {
    const link = this.#zones.get(this.#place.zone)?.link;
    if (!link) return 'local';
    if (!link.connected) return 'offline';
    return link.syncedNow ? 'synced' : 'connecting';
  }
  /** The events of the join made for a new player as the world opened (none for a returning one). */
  get joinedOnOpen(): readonly GameEvent[] {
    return this.#joined;
  }
  /** What the player should be told once as the world opens (their character was restored), if anything. */
  get notice(): string | null {
    return this.#notice;
  }
  get presence(): ZonePresence | null {
    return this.#place.presence;
  }
  roster(): readonly RosterEntry[] {
    return this.#root.roster();
  }
  /** The replica this world folds of `zone`, if it holds that zone open and folded (tests, tools). */
  zoneReplica(zone: string): ZoneReplica | null {
    return this.#zones.get(zone)?.replica ?? null;
  }
  diagnostics(): Record<string, number> {
    return this.replica.diagnostics.snapshot();
  }

  /**
   * Private words to a player wherever she is in this world, if she is playing now (tells.ts):
   * nothing is written to any log. `text` must be safe speech (the parser checks it).
   */
  async tell(player: string, text: string): Promise<TellResult> {
    if (this.#role === SPECTATOR) return 'spectator';
    if (!this.#role.writer) return 'watching';
    const tells = await this.#startTells();
    if (!tells || this.#closed) return 'offline';
    return tells.send(player, text);
  }

  /** Called with each tell addressed to this player, once. */
  onTell(cb: (t: HeardTell) => void): () => void {
    this.#tellListeners.add(cb);
    return () => this.#tellListeners.delete(cb);
  }

  onChange(cb: (c: WorldChange) => void): () => void {
    this.#listeners.add(cb);
    return () => this.#listeners.delete(cb);
  }

  /**
   * Called when what a status line shows may have changed without news: the connection, own
   * writes the relay has not confirmed, this tab's role, the roster, who is present here.
   */
  onStatus(cb: () => void): () => void {
    this.#statusListeners.add(cb);
    return () => this.#statusListeners.delete(cb);
  }

  /**
   * Sign and apply an action at once (local-first); the relay only adds or revises. `at` is the
   * game time (the session's clock; default this machine's), kept non-decreasing.
   */
  submit(action: Action, at: number = Date.now()): SubmitResult {
    this.#at = Math.max(this.#at, at);
    if (this.#role === SPECTATOR) return refused('sync/spectator');
    if (!this.#role.writer) return refused('sync/watching');
    const here = this.#zones.get(this.#place.zone)!;
    const replica = here.replica!;
    // A frozen copy: the owner moved the world (every replica refuses what we would sign).
    if (replica.state.moderation?.moved === true) return refused('sync/moved');
    if (!replica.canWrite(this.player)) return refused('sync/chain-stopped');
    const me = replica.state.players[this.player];
    if (action.kind === 'move' && me) {
      const target = crossingTarget(this.#o.content, me.location, action.dir);
      if (target) return this.#cross(here, action.dir, target.zone);
    }
    if (!me && replica.state.moderation?.banned.includes(this.player)) return refused('sync/banned');
    if (!me) {
      // Our character is somewhere in this world's history: a join would make a second one.
      if (this.#notFound || (action.kind === 'join' && this.#hasHistory(replica))) return refused('sync/character-not-found');
      if (action.kind !== 'join') return refused(this.#following ? 'sync/zone-loading' : 'sync/not-in-zone');
    }
    const intent = this.#writer.sign(replica, action, this.#at);
    const events = this.#writer.put(here, intent);
    // A defeat woke us at the respawn point in another zone: follow (`ready()` waits for it).
    if (me && !replica.state.players[this.player]) this.#track(this.#follow());
    // The roster and presence carry the name the rules gave (a rename, or "Ana 2" for a taken name).
    this.#place.update(replica.state.players[this.player]);
    return { ok: true, id: intent.id, events, state: replica.state };
  }

  #cross(from: ZoneHandle, dir: Extract<Action, { kind: 'move' }>['dir'], toZone: string): SubmitResult {
    if (this.#zones.unreadable(toZone)) return refused('sync/zone-unreadable');
    const to = this.#zones.get(toZone);
    if (!to) return refused('sync/zone-loading');
    const replicaB = this.#writer.activate(to);
    // The arrive takes a turn in the zone entered: sign it knowing that zone's log (when the
    // relay can be reached), or it sorts among intents already there and re-folds for everyone.
    if (this.#place.mustSyncFirst(to) || this.#zones.syncing(to)) return refused('sync/zone-loading');
    // Our own chain there waits for a travel of ours in a zone still opening (we left that way
    // long ago, and it was closed since): an arrive now would wait behind it, and we would stand
    // nowhere until it opens. It is being opened (`#openAwaited`); cross a moment later.
    if (replicaB.waitsForTravel(this.player) && [...replicaB.travelsAwaited()].some((z) => !this.#zones.get(z)?.replica)) return refused('sync/zone-loading');
    const replicaA = from.replica!;
    const at = replicaA.nextFields(this.player, this.#at).at;
    const alreadyThere = replicaB.state.players[this.player] !== undefined;
    const plan = crossingPlan({ rules: this.#o.rules ?? engineRules, content: this.#o.content, player: this.player, dir, at, zone: from.zone, state: replicaA.state, alreadyThere });
    if (plan.kind === 'refused') {
      const move = this.#writer.sign(replicaA, plan.move, this.#at);
      return { ok: true, id: move.id, events: this.#writer.put(from, move), state: replicaA.state };
    }
    // Both intents are signed before either is written: a crossing that cannot be signed whole
    // (a state the schema refuses) throws here and changes nothing.
    const travel = this.#writer.sign(replicaA, plan.travel, this.#at);
    const arrive = plan.kind === 'cross' && plan.arrive ? this.#writer.sign(replicaB, arriveFor(plan.arrive, travel.id), this.#at, travel.turn) : null;
    const events = this.#writer.put(from, travel);
    if (plan.kind === 'fell') {
      // Defeated on the way: the follow signs the arrival where they woke.
      this.#track(this.#follow());
      return { ok: true, id: travel.id, events, state: replicaA.state };
    }
    if (arrive) this.#writer.put(to, arrive);
    if (!replicaB.state.players[this.player]) {
      // The travel folded otherwise than its preview (whose dice are not the intent's): a parting
      // blow felled them, and they woke where the zone left says. Follow them there.
      this.#track(this.#follow());
      return { ok: true, id: travel.id, events, state: replicaA.state };
    }
    this.#settleIn(to, from.zone);
    return { ok: true, id: travel.id, events, state: replicaB.state };
  }

  /** The player now stands in `h`'s zone (having left `left`, if set): roster, presence, neighbours follow. */
  #settleIn(h: ZoneHandle, left: string | null): void {
    this.#place.moveTo(h, left, this.#role.writer, h.replica?.state.players[this.player]);
    this.#track(this.#prefetch(h.zone));
  }

  /** This tab may sign in `h`'s zone now. */
  #mayWrite(h: ZoneHandle): boolean {
    return this.#role.writer && h.replica!.canWrite(this.player) && !this.#place.mustSyncFirst(h);
  }

  /**
   * Resolves once what this world is loading for the player is done (the neighbours of a zone
   * just entered, the zone a defeat woke them in), or the relay's time for it is up. Commands
   * wait for it, so `north` typed straight after `north` finds the next zone ready.
   */
  async ready(): Promise<void> {
    // Work tracked while we wait (a zone that arrives here wait for, opened as a fold finds them)
    // is waited for too.
    for (let seen: Promise<void> | null = null; seen !== this.#loading; ) {
      seen = this.#loading;
      await seen;
    }
    await this.#zones.neighboursSynced(this.#place.zone);
  }

  #track(work: Promise<unknown>): void {
    this.#loading = Promise.all([this.#loading, work.catch(() => undefined)]).then(() => undefined);
  }

  /** After a defeat took us out of this zone: find the zone we woke in and sign our arrival there. */
  async #follow(): Promise<void> {
    this.#following = true;
    try {
      await this.#findCharacter([...this.#place.written], this.#timeoutMs);
    } finally {
      this.#following = false;
    }
  }

  async #findCharacter(zones: readonly string[], timeout: number): ReturnType<typeof findCharacter> {
    const search: CharacterSearch = {
      player: this.player, zones: this.#zones, place: this.#place, writer: this.#writer, at: () => this.#at,
      mayWrite: (h) => this.#mayWrite(h), settleIn: (h, left) => this.#settleIn(h, left),
    };
    const where = await findCharacter(search, zones, timeout);
    if (where === 'not-found') this.#notFound = true;
    return where;
  }

  /** Any intent of ours in this zone's log (we joined or passed through). */
  #hasHistory(replica: ZoneReplica): boolean {
    return replica.highestSeq(this.player) > 0 || this.#root.rosterEntry(this.player) !== null;
  }

  /** A fold of an active zone's log: settles may be due, and others' deeds here are news. */
  #folded(h: ZoneHandle, change: FoldChange, local: boolean): void {
    if (change.revision && h.zone !== this.#place.zone && change.revision.causes.some((c) => c.player !== this.player)) this.#revisionElsewhere = change.revision;
    this.#handOvers.queue();
    // An offer of ours answered in a zone we have left (the answer came first in the fold): news
    // for us, though we no longer watch that zone. Not from a zone's first fold (old history).
    if (!local && h.zone !== this.#place.zone && (change.from ?? 0) > 0) {
      const settled = change.news.flatMap((n) => n.events.filter((e) => answersOfferOf(e, this.player)));
      if (settled.length > 0) this.#tell({ zone: h.zone, news: [], revision: null, settled, state: h.replica!.state });
    }
    if (local || h.zone !== this.#place.zone) return;
    // A watching tab tells its player's own moves too: another tab of theirs made them.
    const news = change.news.filter((n) => n.entry.player !== this.player || !this.#role.writer).map((n) => ({ id: n.entry.id, player: n.entry.player, events: n.events }));
    if (news.length === 0 && !change.revision) return;
    if (change.revision && change.revision.causes.length === 0) {
      // Re-read from the zone left (verified crossings): what was carried here changed there.
      // That zone's own revision, which names the cause, is delivered right after this one.
      const revision = change.revision;
      queueMicrotask(() => {
        const cause = this.#revisionElsewhere;
        this.#revisionElsewhere = null;
        const nameOf = (p: string): string | undefined => {
          for (const z of this.#zones.values()) {
            const name = z.replica?.state.players[p]?.name;
            if (name !== undefined) return name;
          }
          return this.#root.rosterEntry(p)?.name;
        };
        this.#tell({ zone: h.zone, news, revision: settledRevision(this.player, cause, revision.before, revision.after, nameOf), state: h.replica!.state });
      });
      return;
    }
    this.#tell({ zone: h.zone, news, revision: change.revision, state: h.replica!.state });
  }

  #tell(c: WorldChange): void {
    for (const cb of this.#listeners) cb(c);
  }

  async #enter(zone: string, timeout: number): Promise<void> {
    const h = await this.#zones.open(zone);
    this.#writer.activate(h);
    // Nothing is signed here before the relay's copy of the log is folded: an intent signed
    // without it takes a turn that is already used (a re-fold for everyone) and, from a device
    // that holds none of our own intents here, forks our chain (equivocation). The replica is
    // bound, so the relay's answer is folded when the sync completes. Offline starts at once
    // (the relay refused or closed), except when our chain is at stake: then the rest of the timeout.
    const deadline = Date.now() + timeout;
    if (h.link) await h.link.whenSynced(timeout, { untilUnreachable: !this.#place.mustSyncFirst(h) });
    this.#place.presentIn(h, h.replica?.state.players[this.player]);
    // Every zone holding our intents is opened once: what this device kept there (a crossing
    // signed offline, then closed) reaches the relay even if we never pass that way again.
    await this.#prefetch(zone, [...this.#place.written]);
    // A first step into a neighbour signs an arrive there: let their logs come in too.
    const neighbours = neighbourZones(this.#o.content, zone).map((z) => this.#zones.get(z)?.link);
    await Promise.all(neighbours.map((link) => link?.whenSynced(Math.max(0, deadline - Date.now()), { untilUnreachable: true })));
  }

  /**
   * Arrives here wait for travels in zones this device does not fold: open and fold them (an
   * arrive brings what the zone left's own fold says walked out), and keep them open.
   */
  #openAwaited(zones: ReadonlySet<string>): void {
    for (const z of zones) {
      if (this.#closed || this.#awaited.has(z) || !this.#o.content.zones.has(z)) continue;
      this.#awaited.add(z);
      // `ready()` waits for it: a crossing into the zone whose arrives wait for it is answered once
      // they are placed, instead of "still loading".
      this.#track(this.#zones.open(z).then(
        (h) => {
          if (!this.#closed) this.#writer.activate(h);
        },
        () => this.#awaited.delete(z),
      ));
    }
  }

  /** Neighbours open (crossing into them is instant); the ones holding our travels and arrives folded, so a changed hand-over is settled even after a reload. */
  async #prefetch(zone: string, also: readonly string[] = []): Promise<void> {
    const wanted = await this.#zones.prefetch(zone, () => [this.#place.zone, ...this.#place.left, ...this.#awaited], also);
    for (const n of wanted) {
      const h = this.#zones.get(n);
      if (h && !this.#closed && this.#place.written.has(n)) this.#writer.activate(h);
    }
    this.#handOvers.queue();
  }

  /**
   * Begin the world's next epoch (world-cut.ts), on the owner's device (owner-actions.ts
   * `cutWorld`): new devices open the zones from snapshots instead of the whole history. Refused
   * for anyone but the owner, and while a zone has play that is not sealed yet.
   */
  async cutWorld(o: { readonly timeoutMs?: number } = {}): Promise<CutResult> {
    return (await loadOwner()).cutWorld(this.#ownerView(), o);
  }

  /** Carry this frozen world's state into the world it moves to, on the owner's device (owner-actions.ts `carryInto`). */
  async carryInto(toKey: string): Promise<CutResult> {
    return (await loadOwner()).carryInto(this.#ownerView(), toKey);
  }

  /** The epoch the zone we stand in is open at (0 before the world's first cut). */
  get epoch(): number {
    return this.#zones.get(this.#place.zone)?.epoch ?? 0;
  }

  /**
   * Moderate `target` (issue 19), on the owner's or a moderator's device (owner-actions.ts
   * `moderate`): written into every zone under this device's moderator key. The events of the
   * zone the player stands in; refused when this tab does not write, or some zone could not be
   * written now (those written stand; doing it again finishes the rest).
   */
  async moderate(what: ModerationKind, target: string): Promise<{ readonly ok: boolean; readonly events: readonly GameEvent[] }> {
    return (await loadOwner()).moderate(this.#ownerView(), what, target);
  }

  /** What the owner's actions (owner-actions.ts) use of this world, as it is now. */
  #ownerView(): OwnerView {
    return {
      worldId: this.worldId, worldName: this.meta.name, options: this.#o, base: this.#generation.base, writes: this.#role.writer, owning: this.owning,
      root: this.#root, zones: this.#zones, writer: this.#writer, connect: this.#connect, timeoutMs: this.#timeoutMs,
      zone: () => this.#place.zone, at: () => this.#at, closed: () => this.#closed,
    };
  }

  /** This device holds the key of the world's owner (the key the world key names): it may move the world. */
  get owning(): boolean {
    const owner = worldOwnerOf(this.#o.worldKey);
    return owner !== null && this.#generation.base.player === owner && canJoin(this.#o.worldKey);
  }

  /** The zone the player stands in is frozen: the owner moved the world (every intent after it is refused). */
  get moved(): boolean {
    return this.#zones.get(this.#place.zone)?.replica?.state.moderation?.moved === true;
  }

  /** The id of the world this one was moved from (its newest cut's `from`: world-cut.ts); null when it was not moved here. */
  get movedFrom(): string | null {
    return this.#root.latestCut()?.from ?? null;
  }

  /** `player` is banned in any zone this device holds open (they are not carried when the world moves). */
  isBanned(player: string): boolean {
    for (const h of this.#zones.values()) if (h.replica?.state.moderation?.banned.includes(player) === true) return true;
    return false;
  }

  /**
   * Where the owner moved the world, for this player: the new play key from the owner's pointer
   * sealed to this player's box key (moved-pointers.ts), or null when there is none for them (the
   * world has not moved, or the owner did not carry them, or this is a watch link).
   */
  async movedTo(): Promise<string | null> {
    if (!canJoin(this.#o.worldKey)) return null;
    const pointer = await this.#root.movedPointer(this.player);
    if (pointer === null) return null;
    const { openAsMember } = await import('./member-box.ts');
    const key = await openAsMember(this.#o.identity, { world: this.worldId, member: this.player }, pointer.to);
    return key !== null && isWorldKey(key) && canJoin(key) && key !== this.#o.worldKey ? key : null;
  }

  /**
   * Publish this player's box key in its own signed record (SharedWorldOptions.startLater;
   * box-records.ts). Nothing for a watch link.
   */
  async publishBoxKey(): Promise<void> {
    if (!canJoin(this.#o.worldKey) || this.#root.hasBox(this.player)) return;
    const { boxKeyText } = await import('./member-box.ts');
    if (!this.#closed) await this.#root.setBox(this.#o.identity, await boxKeyText(this.#o.identity));
  }

  /** Start what the world opened without (SharedWorldOptions.startLater): the box key and TELL. */
  async startLate(): Promise<void> {
    void this.#startTells();
    await this.publishBoxKey();
  }

  /**
   * TELL (tells.ts), started once: its code loads, and the tab that plays listens (a watching tab
   * hears nothing: a watcher promoted starts to). Null without a relay.
   */
  #startTells(): Promise<WorldTells> | null {
    const link = this.#root.link;
    if (link === null || this.#closed) return null;
    this.#tells ??= import('./tells.ts').then(({ WorldTells }) => {
      const root = this.#root;
      const tells = new WorldTells(link, this.#o.identity, root.worldId, {
        cipher: root.cipher,
        nameOf: (p) => root.rosterEntry(p)?.name ?? null,
        silenced: (p) => {
          const m = this.#zones.get(this.#place.zone)?.replica?.state.moderation;
          return m !== undefined && (m.muted.includes(p) || m.banned.includes(p));
        },
      });
      tells.onHeard((t) => {
        for (const cb of this.#tellListeners) cb(t);
      });
      if (this.#closed) tells.destroy();
      else if (this.#role.writer) tells.listen();
      else this.#role.onPromoted(() => this.#closed || tells.listen());
      return tells;
    });
    return this.#tells;
  }

  /** Members' box keys can be read (`boxKeyOf`): the record code is in. */
  async boxKeysReady(): Promise<void> {
    await this.#root.loadBoxCode();
  }

  /** `player`'s box public key as published (WorldRoot.boxOf); null when they have none here yet. */
  boxKeyOf(player: string): string | null {
    return this.#root.boxOf(player);
  }

  /** Called when the owner's pointers to a moved world change (here or from the relay): `movedTo` may now answer. */
  onMoved(cb: () => void): () => void {
    return this.#root.onMoved(cb);
  }

  /** Make the root of the world the owner is moving to and wait until the relay holds it (owner-actions.ts). The owner's device only. */
  async makeMovedWorld(newKey: string): Promise<boolean> {
    return (await loadOwner()).makeMovedWorld(this.#ownerView(), newKey);
  }

  /** Write the owner's pointer for `member` (`sealed`: the new key sealed to their box key). The owner's device only. */
  async writeMovedPointer(member: string, sealed: string): Promise<void> {
    return (await loadOwner()).writeMovedPointer(this.#ownerView(), member, sealed);
  }

  /**
   * Freeze this world (issue 19, "Move the world"; owner-actions.ts `freeze`): the owner's MOVED in
   * every zone, after which every replica refuses every intent there. `ok` false when a zone
   * could not be written now (those written stand; doing it again finishes the rest).
   */
  async freeze(): Promise<{ readonly ok: boolean; readonly events: readonly GameEvent[] }> {
    return (await loadOwner()).freeze(this.#ownerView());
  }

  /**
   * The character we succeed stopped in another zone: our first intent there retires it, so it
   * leaves the isle there too. The events it folded to (none if it could not be written now).
   */
  async #retireIn(zone: string, succeeds: Succession, timeoutMs: number): Promise<readonly GameEvent[]> {
    const h = await this.#zones.openSynced(zone, timeoutMs);
    if (this.#closed) return [];
    const replica = this.#writer.activate(h);
    if (!this.#mayWrite(h)) return [];
    return this.#writer.put(h, this.#writer.sign(replica, { kind: 'retire', succeeds }, this.#at));
  }

  #writeSettle(from: ZoneHandle, to: ZoneHandle, settle: SettleAction): void {
    const replica = to.replica!;
    const before = this.state.players[this.player] ?? null;
    this.#writer.put(to, this.#writer.sign(replica, settle, this.#at));
    if (to.zone !== this.#place.zone) return;
    // Settled as never having left: the player is where the zone left says they are.
    if (!replica.state.players[this.player] && from.replica!.state.players[this.player]) this.#settleIn(from, null);
    const cause = this.#revisionElsewhere;
    this.#revisionElsewhere = null;
    const nameOf = (p: string): string | undefined => from.replica!.state.players[p]?.name ?? this.#root.rosterEntry(p)?.name;
    const revision = settledRevision(this.player, cause, before, this.state.players[this.player] ?? null, nameOf);
    this.#tell({ zone: this.#place.zone, news: [], revision, state: this.state });
  }

  /**
   * On the owner's device, now and then: begin a new epoch once the open zones' documents hold
   * `afterEntries` entries (history a new device would otherwise download). One try at a time;
   * a refusal (a zone not sealed yet) is tried again at the next look.
   */
  #cutNowAndThen(): void {
    const c = this.#o.cutting ?? { everyMs: CUT_LOOK_EVERY_MS, afterEntries: CUT_AFTER_ENTRIES };
    if (c === false || !this.#role.writer || this.#generation.base.player !== worldOwnerOf(this.#o.worldKey)) return;
    let busy = false;
    // What this device's last cut carried into its tail: a cut drops only what is sealed, so while
    // seals lag, the new epoch may begin with as many entries as the threshold, and counting
    // those would cut again at every look. A cut needs that many entries more.
    let carried = 0;
    const look = (): void => {
      if (this.#closed || busy) return;
      if (this.#zones.entriesAtNewestEpoch() - carried < c.afterEntries) return;
      busy = true;
      void this.cutWorld().then((r) => {
        if (r.ok) carried = r.tail;
      }).finally(() => (busy = false));
    };
    const timer = setInterval(look, c.everyMs);
    (timer as { unref?: () => void }).unref?.();
    this.#stopCutting = () => clearInterval(timer);
  }

  #stopCutting = (): void => {};

  async close(): Promise<void> {
    this.#closed = true;
    this.#stopCutting();
    this.#statusListeners.clear();
    this.#handOvers.close();
    this.#tellListeners.clear();
    void this.#tells?.then((tells) => tells.destroy());
    this.#place.close();
    await this.#zones.close();
    await this.#root.close();
    this.#role.release();
  }
}


/** The player id of the roster's player called `name` (as names compare), for a companion's join. */
function friendId(roster: readonly RosterEntry[], name: string): string {
  const found = roster.find((r) => namesCollide(r.name, name));
  if (found === undefined) throw new Error(`nobody called "${name}" has joined this world yet; start the companion once they have`);
  return found.player;
}
