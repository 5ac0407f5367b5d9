/**
 * A shared world as one player's session drives it: documents loaded as needed (root, the
 * current zone, neighbours prefetched), local-first intents, news and revisions from others.
 *
 *   const world = await SharedWorld.open({ content, identity, worldKey, store, relay, name: 'Ana',
 *                                          create: { name: 'Ana's isle' } });
 *   const r = world.submit({ kind: 'take', target: 'moonpetal' });  // applied at once
 *   if (r.ok) narrate(r.events, r.state);
 *   world.onChange((c) => { narrate(c.news); if (c.revision) narrateRevision(c.revision); });
 *   world.state; world.stateHash; world.link; world.pendingCount; world.role; await world.close();
 *
 * A move through an exit into another zone becomes `travel` here and `arrive` there
 * (replica/crossing.ts); `submit` returns the travel's events and the new zone's state. When a
 * late intent in the zone left changes how that travel folds, this client signs a `settle` for
 * its arrive (the hand-over is corrected; nothing crosses twice) and narrates it as a revision.
 */
import * as Y from 'yjs';
import type { Content } from '../../content/schema.ts';
import type { Action } from '../../engine/action.ts';
import type { GameEvent } from '../../engine/events.ts';
import type { GameState } from '../../engine/state.ts';
import type { DocStore, StoredDoc } from './doc-store.ts';
import { engineRules } from '../replica/engine-rules.ts';
import type { Identity } from '../intent/identity.ts';
import { createIntent, type VerifiedIntent } from '../intent/intent.ts';
import { ZonePresence } from './presence.ts';
import { linkRelay, type RelayLink, type RelayOptions } from './relay-link.ts';
import { inventoryDelta, type Revision, type RevisionCause } from '../replica/revision.ts';
import { readRoster, signRosterEntry, type RosterEntry } from './roster.ts';
import type { Rules } from '../replica/rules.ts';
import type { SyncAction } from '../intent/sync-action.ts';
import { claimWriterTab, type TabRole } from './tab-lock.ts';
import { RootDoc, type WorldMeta } from './world-docs.ts';
import { roomName, rootDocName, worldIdOf, worldLink, worldSeedOf } from './world-key.ts';
import { crossingTarget, digestPlayer, type Arrival, type Departure } from '../replica/crossing.ts';
import { ZoneHandle } from './zone-handle.ts';
import type { ZoneReplica } from '../replica/zone-replica.ts';
import { neighbourZones } from './neighbours.ts';
import { canonicalJson } from '../../content/canonical.ts';
import type { PlayerState } from '../../engine/state.ts';
import { locateCharacter, type Whereabouts } from '../replica/whereabouts.ts';

export interface SharedWorldOptions {
  readonly content: Content;
  readonly identity: Identity;
  readonly worldKey: string;
  readonly store: DocStore;
  readonly relay?: RelayOptions | null;
  /** Display name used for `join` and the roster. */
  readonly name: string;
  /**
   * Make the world if its meta is not found (locally or on the relay). Only for a world key this
   * device just made: a joiner passes null, or a slow relay would let it start a second world
   * under the same key with another seed.
   */
  readonly create?: { readonly name: string } | null;
  readonly rules?: Rules;
  /** Page URL the share link is built on (default: a relative `#/w/<key>`). */
  readonly linkBase?: string;
  /** The author's clock for intents' `at` (default Date.now). */
  readonly now?: () => number;
  /**
   * How long opening waits, in all, for the relay before using what is stored locally (ms,
   * default 3000). A relay that refuses the connection ends the wait at once, unless the world
   * is not stored here or this device lacks our own intents in the zone.
   */
  readonly relayTimeoutMs?: number;
  readonly checkpointEvery?: number;
}

/** One intent by another player and the events it produced: the same shape as a revision's cause. */
export type NewsItem = RevisionCause;

export interface WorldChange {
  readonly zone: string;
  /** What others did, in fold order. */
  readonly news: readonly NewsItem[];
  /** What a re-fold changed for the local player, if anything. */
  readonly revision: Revision | null;
  readonly state: GameState;
}

export type SubmitResult =
  | { readonly ok: true; readonly id: string; readonly events: readonly GameEvent[]; readonly state: GameState }
  | { readonly ok: false; readonly reason: 'sync/watching' | 'sync/chain-stopped' | 'sync/zone-loading' | 'sync/not-in-zone' | 'sync/character-not-found' | 'sync/zone-unreadable' };

/** How many zones left lately stay open (a journey A -> B -> C still settles A's late news). */
const KEEP_LEFT_ZONES = 3;

/** A player state as plain JSON data (what an `arrive` or `settle` signs). */
function carriedState(p: PlayerState): PlayerState {
  return JSON.parse(canonicalJson(p)) as PlayerState;
}

function samePlayerState(a: PlayerState | null, b: PlayerState | null): boolean {
  return a === b || (a !== null && b !== null && canonicalJson(a) === canonicalJson(b));
}

export class SharedWorld {
  readonly worldId: string;
  readonly meta: WorldMeta;
  readonly #o: SharedWorldOptions;
  readonly #rules: Rules;
  readonly #root: RootDoc;
  readonly #rootStored: StoredDoc;
  readonly #rootLink: RelayLink | null;
  readonly #role: TabRole;
  readonly #zones = new Map<string, ZoneHandle>();
  readonly #listeners = new Set<(c: WorldChange) => void>();
  #zone: string;
  #presence: ZonePresence | null = null;
  #closed = false;
  #name: string;
  /** Zones whose logs hold our intents (signed into the roster). */
  readonly #zonesWritten = new Set<string>();
  /** The last zones this session left, newest last: kept open so their late intents still settle our crossings. */
  readonly #left: string[] = [];
  #settleQueued = false;
  /** Departure -> the arrival it was last compared with (states are immutable: same pair, same verdict). */
  readonly #settleChecked = new WeakMap<Departure, Arrival>();
  /** The last revision of ours in a zone we are not in: the cause a settle narrates. */
  #revisionElsewhere: Revision | null = null;
  /** Our character exists in this world (we have a history) but was not found on this device. */
  #notFound = false;
  /** Loads under way for the player (see `ready`). */
  #loading: Promise<void> = Promise.resolve();
  /** A defeat took us out of the zone; the arrival in the respawn's zone is being signed. */
  #following = false;
  /** Zones whose stored copy this device cannot read, with why. */
  readonly #unreadable = new Map<string, string>();
  /** The events of the join this world made for a new player as it opened. */
  #joined: readonly GameEvent[] = [];
  /** Told once to the player as the world opens (a character restored). */
  #notice: string | null = null;

  private constructor(o: SharedWorldOptions, meta: WorldMeta, root: RootDoc, stored: StoredDoc, link: RelayLink | null, role: TabRole, zone: string) {
    this.#o = o;
    this.#rules = o.rules ?? engineRules;
    this.worldId = worldIdOf(o.worldKey);
    this.meta = meta;
    this.#root = root;
    this.#rootStored = stored;
    this.#rootLink = link;
    this.#role = role;
    this.#zone = zone;
    this.#name = o.name;
  }

  static async open(o: SharedWorldOptions): Promise<SharedWorld> {
    const relay = o.relay ?? null;
    // One budget for the whole open (root, then the zone), so a silent relay costs it once.
    const deadline = Date.now() + (o.relayTimeoutMs ?? 3000);
    const left = (): number => Math.max(0, deadline - Date.now());
    const ydoc = new Y.Doc();
    const room = roomName(o.worldKey, rootDocName());
    const stored = o.store.open(ydoc, room);
    await stored.whenLoaded;
    const link = relay ? linkRelay(ydoc, room, relay) : null;
    const root = new RootDoc(ydoc);
    // Read meta and roster as the relay has them (our roster entry decides the zone and whether
    // we join). A world known only to the relay is worth the whole timeout; one stored here
    // starts at once when the relay cannot be reached.
    const seed = worldSeedOf(o.worldKey);
    if (link) await link.whenSynced(left(), { untilUnreachable: root.readMeta(seed) !== null });
    if (!root.readMeta(seed)) {
      if (!o.create) {
        link?.destroy();
        await stored.close();
        throw new Error('world not found: nothing stored locally and the relay did not provide it');
      }
      root.initMeta({ name: o.create.name, seed, contentVersion: o.content.version });
    }
    const meta = root.readMeta(seed)!;
    const role = await claimWriterTab(`vetrellis:${worldIdOf(o.worldKey)}:${o.identity.player}`);
    const mine = readRoster(root.roster, worldIdOf(o.worldKey)).get(o.identity.player);
    const startZone = o.content.locations.get(o.content.world.start)?.zone ?? [...o.content.zones.keys()][0]!;
    const zone = mine && o.content.zones.has(mine.zone) ? mine.zone : startZone;
    const world = new SharedWorld(o, meta, root, stored, link, role, zone);
    for (const z of mine?.zones ?? []) world.#zonesWritten.add(z);
    await world.#enter(zone, left());
    // A returning player whose zone does not hold them is looked for, never made again.
    const where = world.state.players[o.identity.player] ? 'found' : await world.#findCharacter([...(mine?.zones ?? []), startZone], left());
    if (where === 'new' && mine) world.#notFound = true;
    if (where === 'completed') {
      const from = o.content.zones.get(world.#left[world.#left.length - 1] ?? '')?.name.toLowerCase() ?? 'last place you were';
      world.#notice = `Your character was restored, with everything you carried, where your way out of the ${from} led.`;
    }
    if (!mine && role.writer) {
      // The join notes the zone in the roster; write the roster here only if it did not.
      if (where === 'new') {
        const joined = world.submit({ kind: 'join', name: o.name });
        if (joined.ok) world.#joined = joined.events;
      }
      if (!readRoster(root.roster, world.worldId).has(o.identity.player)) world.#writeRoster(world.#zone);
    }
    return world;
  }

  get player(): string {
    return this.#o.identity.player;
  }
  get zone(): string {
    return this.#zone;
  }
  get replica(): ZoneReplica {
    return this.#zones.get(this.#zone)!.replica!;
  }
  get state(): GameState {
    return this.replica.state;
  }
  get stateHash(): string {
    return this.replica.stateHash;
  }
  get role(): 'writer' | 'watcher' {
    return this.#role.writer ? 'writer' : 'watcher';
  }
  get link(): string {
    return worldLink(this.#o.linkBase ?? '', this.#o.worldKey, null);
  }
  /** True when the world's content version differs from the content this client runs. */
  get contentMismatch(): boolean {
    return this.meta.contentVersion !== this.#o.content.version;
  }
  /** Own intents the relay has not confirmed yet (for the "not yet shared" indicator); 0 without a relay. */
  get pendingCount(): number {
    let n = 0;
    for (const h of this.#zones.values()) n += h.link?.pending ?? 0;
    return n;
  }
  /**
   * The link to the relay as a player would describe it: no relay at all (`local`), `offline`
   * (relay configured, socket down), `connecting` (socket up, first sync not done), `synced`.
   */
  get connection(): 'local' | 'offline' | 'connecting' | 'synced' {
    const link = this.#zones.get(this.#zone)?.link;
    if (!link) return 'local';
    if (!link.connected) return 'offline';
    return link.provider.synced ? 'synced' : 'connecting';
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
    return this.#presence;
  }
  roster(): RosterEntry[] {
    return [...readRoster(this.#root.roster, this.worldId).values()];
  }
  diagnostics(): Record<string, number> {
    return this.replica.diagnostics.snapshot();
  }

  onChange(cb: (c: WorldChange) => void): () => void {
    this.#listeners.add(cb);
    return () => this.#listeners.delete(cb);
  }

  /** Sign and apply an action at once (local-first); the relay only adds or revises. */
  submit(action: Action): SubmitResult {
    if (!this.#role.writer) return { ok: false, reason: 'sync/watching' };
    const here = this.#zones.get(this.#zone)!;
    const replica = here.replica!;
    if (!replica.canWrite(this.player)) return { ok: false, reason: 'sync/chain-stopped' };
    const me = replica.state.players[this.player];
    if (action.kind === 'move' && me) {
      const target = crossingTarget(this.#o.content, me.location, action.dir);
      if (target) return this.#cross(here, action.dir, target.zone);
    }
    if (!me) {
      // Our character is somewhere in this world's history: a join would make a second one.
      if (this.#notFound || (action.kind === 'join' && this.#hasHistory(replica))) return { ok: false, reason: 'sync/character-not-found' };
      if (action.kind !== 'join') return { ok: false, reason: this.#following ? 'sync/zone-loading' : 'sync/not-in-zone' };
    }
    const intent = this.#sign(replica, action);
    here.write(intent);
    this.#noteWritten(here.zone);
    const events = this.#eventsOf(replica, intent.id);
    // A defeat woke us at the respawn point in another zone: follow (`ready()` waits for it).
    if (me && !replica.state.players[this.player]) this.#track(this.#follow());
    if (action.kind === 'name' && events.some((e) => e.type === 'renamed')) {
      this.#name = action.name;
      this.#writeRoster(this.#zone);
    }
    this.#updatePresence();
    return { ok: true, id: intent.id, events, state: replica.state };
  }

  #cross(from: ZoneHandle, dir: Extract<Action, { kind: 'move' }>['dir'], toZone: string): SubmitResult {
    if (this.#unreadable.has(toZone)) return { ok: false, reason: 'sync/zone-unreadable' };
    const to = this.#zones.get(toZone);
    if (!to) return { ok: false, reason: 'sync/zone-loading' };
    this.#activate(to);
    // The arrive takes a turn in the zone entered: sign it knowing that zone's log (when the
    // relay can be reached), or it sorts among intents already there and re-folds for everyone.
    if (this.#mustSyncFirst(to) || this.#syncing(to)) return { ok: false, reason: 'sync/zone-loading' };
    const replicaA = from.replica!;
    // The state carried out is the move as this replica folds it now (the digest binds the pair;
    // the real fold of `travel` in the old zone counts a mismatch if a revision lands later).
    const at = replicaA.nextFields(this.player, this.#o.now?.() ?? Date.now()).at;
    const preview = this.#rules.apply(this.#o.content, replicaA.state, { id: 'preview', player: this.player, at, action: { kind: 'move', dir } });
    const moved = preview.state.players[this.player];
    if (!moved || moved.location === replicaA.state.players[this.player]?.location) {
      // Refused (locked, in combat): fold it as a plain move so everyone sees the same refusal.
      const intent = this.#sign(replicaA, { kind: 'move', dir });
      from.write(intent);
      this.#noteWritten(from.zone);
      return { ok: true, id: intent.id, events: this.#eventsOf(replicaA, intent.id), state: replicaA.state };
    }
    const fromLocation = replicaA.state.players[this.player]!.location;
    const replicaB = this.#activate(to);
    // Both intents are signed before either is written: a crossing that cannot be signed whole
    // (a state the schema refuses) throws here and changes nothing.
    const travel = this.#sign(replicaA, { kind: 'travel', dir, digest: digestPlayer(moved) });
    const arrive = replicaB.state.players[this.player]
      ? null
      : this.#sign(replicaB, { kind: 'arrive', from: from.zone, fromLocation, dir, travel: travel.id, state: carriedState(moved) });
    from.write(travel);
    this.#noteWritten(from.zone);
    const events = this.#eventsOf(replicaA, travel.id);
    if (arrive) {
      to.write(arrive);
      this.#noteWritten(to.zone);
    }
    this.#settleIn(to, from.zone);
    return { ok: true, id: travel.id, events, state: replicaB.state };
  }

  /** The player now stands in `h`'s zone (having left `left`, if set): roster, presence, neighbours follow. */
  #settleIn(h: ZoneHandle, left: string | null): void {
    this.#zone = h.zone;
    if (left !== null) {
      this.#left.push(left);
      if (this.#left.length > KEEP_LEFT_ZONES) this.#left.shift();
    }
    if (this.#role.writer) this.#writeRoster(h.zone);
    this.#presentIn(h);
    this.#track(this.#prefetch(h.zone));
  }

  /**
   * Resolves once what this world is loading for the player is done (the neighbours of a zone
   * just entered, the zone a defeat woke them in), or the relay's time for it is up. Commands
   * wait for it, so `north` typed straight after `north` finds the next zone ready.
   */
  async ready(): Promise<void> {
    await this.#loading;
    const timeout = this.#o.relayTimeoutMs ?? 3000;
    const syncing = neighbourZones(this.#o.content, this.#zone).map((z) => this.#zones.get(z)).filter((h) => h !== undefined && this.#syncing(h));
    await Promise.all(syncing.map((h) => h!.link!.whenSynced(Math.max(0, timeout - (Date.now() - h!.openedAt)), { untilUnreachable: true })));
  }

  #track(work: Promise<unknown>): void {
    this.#loading = Promise.all([this.#loading, work.catch(() => undefined)]).then(() => undefined);
  }

  /** After a defeat took us out of this zone: find the zone we woke in and sign our arrival there. */
  async #follow(): Promise<void> {
    this.#following = true;
    try {
      await this.#findCharacter([...this.#zonesWritten], this.#o.relayTimeoutMs ?? 3000);
    } finally {
      this.#following = false;
    }
  }

  /** Any intent of ours in this zone's log (we joined or passed through). */
  #hasHistory(replica: ZoneReplica): boolean {
    return replica.highestSeq(this.player) > 0 || readRoster(this.#root.roster, this.worldId).has(this.player);
  }

  /**
   * Our character is not in the zone we opened: look for it in the zones we wrote in (and where
   * their crossings lead). Found elsewhere, we play there; halfway through a crossing that never
   * completed (a client failed between its `travel` and its `arrive`), the crossing is completed
   * with the state the zone left computed, and the player is told once.
   */
  async #findCharacter(zones: readonly string[], timeout: number): Promise<'found' | 'completed' | 'not-found' | 'new'> {
    const deadline = Date.now() + timeout;
    const where = await locateCharacter(this.player, [this.#zone, ...zones], async (zone) => this.#activate(await this.#openZone(zone, Math.max(0, deadline - Date.now()))));
    switch (where.kind) {
      case 'found':
        if (where.zone !== this.#zone) this.#settleIn(this.#zones.get(where.zone)!, null);
        return 'found';
      case 'unfinished-crossing':
        if (this.#completeCrossing(where)) return 'completed';
        this.#notFound = true;
        return 'not-found';
      case 'not-found':
        this.#notFound = true;
        return 'not-found';
      case 'new':
        return 'new';
    }
  }

  /** Signs the `arrive` a crossing never got; true when the character now stands in the zone entered. */
  #completeCrossing(w: Extract<Whereabouts, { kind: 'unfinished-crossing' }>): boolean {
    const to = this.#zones.get(w.to)!;
    const replica = this.#activate(to);
    if (!this.#role.writer || !replica.canWrite(this.player) || this.#mustSyncFirst(to)) return false;
    const d = w.departure;
    to.write(this.#sign(replica, { kind: 'arrive', from: w.from, fromLocation: d.fromLocation, dir: d.dir, travel: w.travel, state: carriedState(d.state) }));
    this.#noteWritten(to.zone);
    if (!replica.state.players[this.player]) return false;
    this.#settleIn(to, w.from);
    return true;
  }

  /** A zone's handle, opened (and its relay's copy awaited, up to `timeout`) if it was not yet. */
  async #openZone(zone: string, timeout: number): Promise<ZoneHandle> {
    let h = this.#zones.get(zone);
    if (!h) {
      const opened = await ZoneHandle.open(zone, this.#o.worldKey, this.#o.store, this.#o.relay ?? null);
      h = this.#zones.get(zone);
      if (h) await opened.close();
      else this.#zones.set(zone, (h = opened));
    }
    if (h.link) await h.link.whenSynced(timeout, { untilUnreachable: true });
    return h;
  }

  /** The zone's first sync with a reachable relay is still under way (within the open timeout). */
  #syncing(h: ZoneHandle): boolean {
    if (!h.link || h.link.synced || h.link.unreachable) return false;
    return Date.now() - h.openedAt < (this.#o.relayTimeoutMs ?? 3000);
  }

  /** We wrote in this zone before (from this key) but this device holds none of it yet. */
  #mustSyncFirst(h: ZoneHandle): boolean {
    return this.#zonesWritten.has(h.zone) && (h.replica?.highestSeq(this.player) ?? 0) === 0 && !(h.link?.synced ?? true);
  }

  #sign(replica: ZoneReplica, action: SyncAction): VerifiedIntent {
    const f = replica.nextFields(this.player, this.#o.now?.() ?? Date.now());
    return createIntent(this.#o.identity, { world: this.worldId, zone: replica.zone, ...f, action });
  }

  #eventsOf(replica: ZoneReplica, id: string): readonly GameEvent[] {
    const entries = replica.fold.entries;
    for (let i = entries.length - 1; i >= 0; i--) if (entries[i]!.id === id) return replica.fold.eventsAt(i);
    return [];
  }

  #activate(h: ZoneHandle): ZoneReplica {
    return h.activate(
      { rules: this.#rules, content: this.#o.content, world: this.worldId, zone: h.zone, seed: this.meta.seed, viewer: this.player, checkpointEvery: this.#o.checkpointEvery ?? 64 },
      (change, local) => {
        if (change.revision && h.zone !== this.#zone && change.revision.causes.some((c) => c.player !== this.player)) this.#revisionElsewhere = change.revision;
        this.#queueSettle();
        if (local || h.zone !== this.#zone) return;
        // A watching tab tells its player's own moves too: another tab of theirs made them.
        const news = change.news.filter((n) => n.entry.player !== this.player || !this.#role.writer).map((n) => ({ id: n.entry.id, player: n.entry.player, events: n.events }));
        if (news.length === 0 && !change.revision) return;
        const c: WorldChange = { zone: h.zone, news, revision: change.revision, state: h.replica!.state };
        for (const cb of this.#listeners) cb(c);
      },
    );
  }

  async #enter(zone: string, timeout: number): Promise<void> {
    let h = this.#zones.get(zone);
    if (!h) {
      h = await ZoneHandle.open(zone, this.#o.worldKey, this.#o.store, this.#o.relay ?? null);
      this.#zones.set(zone, h);
    }
    this.#activate(h);
    // Nothing is signed here before the relay's copy of the log is folded: an intent signed
    // without it takes a turn that is already used (a re-fold for everyone) and, from a device
    // that holds none of our own intents here, forks our chain (equivocation). The replica is
    // bound, so the relay's answer is folded when the sync completes. Offline starts at once
    // (the relay refused or closed), except when our chain is at stake: then the rest of the timeout.
    const deadline = Date.now() + timeout;
    if (h.link) await h.link.whenSynced(timeout, { untilUnreachable: !this.#mustSyncFirst(h) });
    this.#presentIn(h);
    await this.#prefetch(zone);
    // A first step into a neighbour signs an arrive there: let their logs come in too.
    const neighbours = neighbourZones(this.#o.content, zone).map((z) => this.#zones.get(z)?.link);
    await Promise.all(neighbours.map((link) => link?.whenSynced(Math.max(0, deadline - Date.now()), { untilUnreachable: true })));
  }

  /** Presence follows the player: announce in `h`'s zone, leave the previous one. */
  #presentIn(h: ZoneHandle): void {
    this.#presence?.destroy();
    this.#presence = new ZonePresence(h.awareness, this.player);
    this.#updatePresence();
  }

  /**
   * Open the neighbours of `zone` (load and sync their logs) so crossing into them is instant,
   * and close zones that are now two or more steps away, unless we left them lately.
   */
  async #prefetch(zone: string): Promise<void> {
    const wanted = new Set([zone, ...neighbourZones(this.#o.content, zone), ...this.#left]);
    for (const [z, h] of [...this.#zones]) {
      // Only a durable store gets a closed zone back; a zone whose intents the relay has not
      // confirmed stays open until it has them.
      if (!this.#o.store.durable || wanted.has(z) || z === this.#zone || (h.link?.pending ?? 0) > 0) continue;
      this.#zones.delete(z);
      await h.close();
    }
    for (const n of wanted) {
      if (this.#zones.has(n) || this.#unreadable.has(n)) continue;
      let h: ZoneHandle;
      try {
        h = await ZoneHandle.open(n, this.#o.worldKey, this.#o.store, this.#o.relay ?? null);
      } catch (e) {
        // A neighbour this device cannot read (a damaged store) stays closed: crossing into it is refused.
        this.#unreadable.set(n, e instanceof Error ? e.message : String(e));
        continue;
      }
      if (this.#zones.has(n) || this.#closed) await h.close();
      else this.#zones.set(n, h);
    }
    // Fold the neighbours holding our travels and arrives, so a hand-over a late intent changed
    // is settled even after a reload.
    for (const n of wanted) {
      const h = this.#zones.get(n);
      if (h && !this.#closed && this.#zonesWritten.has(n)) this.#activate(h);
    }
    this.#queueSettle();
  }

  #queueSettle(): void {
    if (this.#settleQueued || this.#closed) return;
    this.#settleQueued = true;
    queueMicrotask(() => {
      this.#settleQueued = false;
      if (!this.#closed) this.#settleCrossings();
    });
  }

  /**
   * For each of our travels folded in a loaded zone whose arrive is loaded too: if the state the
   * travel carried out (as that zone folds it now) differs from what the arrive carries, sign a
   * `settle` for the arrive. Settles cascade: a settled arrive changes that zone's next travel.
   */
  #settleCrossings(): void {
    if (!this.#role.writer) return;
    for (const from of this.#zones.values()) {
      const departures = from.replica?.fold.departuresOf(this.player);
      if (!departures) continue;
      for (const [travel, d] of departures) {
        const to = d.zone === null ? undefined : this.#zones.get(d.zone);
        const arrival = to?.replica?.fold.arrivalOf(this.player, travel);
        if (!to || !arrival || this.#settleChecked.get(d) === arrival) continue;
        if (samePlayerState(d.state, arrival.carried)) {
          this.#settleChecked.set(d, arrival);
          continue;
        }
        if (!to.replica!.canWrite(this.player) || this.#mustSyncFirst(to)) continue;
        if (this.#syncing(to)) {
          void to.link!.whenSynced(this.#o.relayTimeoutMs ?? 3000).then(() => this.#queueSettle());
          continue;
        }
        this.#settleChecked.set(d, arrival);
        this.#writeSettle(from, to, arrival, d.state);
      }
    }
  }

  #writeSettle(from: ZoneHandle, to: ZoneHandle, arrival: Arrival, state: PlayerState | null): void {
    const replica = to.replica!;
    const before = this.state.players[this.player] ?? null;
    const carried = state === null ? null : (JSON.parse(canonicalJson(state)) as PlayerState);
    to.write(this.#sign(replica, { kind: 'settle', arrive: arrival.id, state: carried }));
    this.#noteWritten(to.zone);
    if (to.zone !== this.#zone) return;
    // Settled as never having left: the player is where the zone left says they are.
    if (!replica.state.players[this.player] && from.replica!.state.players[this.player]) this.#settleIn(from, null);
    const after = this.state.players[this.player] ?? null;
    const cause = this.#revisionElsewhere;
    this.#revisionElsewhere = null;
    const revision: Revision = {
      viewer: this.player,
      causes: (cause?.causes ?? []).map((c) => ({ ...c, name: from.replica!.state.players[c.player]?.name ?? this.#rosterName(c.player) })),
      disappeared: cause?.disappeared ?? [],
      appeared: cause?.appeared ?? [],
      inventory: inventoryDelta(before, after),
      before,
      after,
    };
    const c: WorldChange = { zone: this.#zone, news: [], revision, state: this.state };
    for (const cb of this.#listeners) cb(c);
  }

  /** Note that our intents now live in `zone` (signed into the roster the first time). */
  #noteWritten(zone: string): void {
    if (this.#zonesWritten.has(zone)) return;
    this.#zonesWritten.add(zone);
    this.#writeRoster(this.#zone);
  }

  #rosterName(player: string): string | undefined {
    return readRoster(this.#root.roster, this.worldId).get(player)?.name;
  }

  #writeRoster(zone: string): void {
    const entry = signRosterEntry(this.#o.identity, { world: this.worldId, name: this.#name, zone, zones: [...this.#zonesWritten], at: this.#o.now?.() ?? Date.now() });
    this.#root.roster.set(this.player, entry);
    this.#rootLink?.track();
  }

  #updatePresence(): void {
    const me = this.replica.state.players[this.player];
    if (this.#presence && me) this.#presence.set({ name: me.name, location: me.location });
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#presence?.destroy();
    for (const h of this.#zones.values()) await h.close();
    this.#zones.clear();
    this.#rootLink?.destroy();
    await this.#rootStored.close();
    this.#root.doc.destroy();
    this.#role.release();
  }
}
