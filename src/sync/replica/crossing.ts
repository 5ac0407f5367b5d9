/**
 * Moving between zones, folded by the sync layer around the engine's `apply` (the engine has no
 * notion of zones or of a player leaving its state):
 *
 * - `travel { dir, digest }` in the zone being left: the engine's `move` decides (locks, combat);
 *   if the player moved out of this zone they are removed from this zone's state. `digest` is
 *   sha256 of the player state they carried out; a mismatch with what this fold computed (a
 *   revision landed after they left) is counted, not undone: the other zone already has them.
 * - `arrive { from, fromLocation, dir, travel, state }` in the zone entered: the signed full
 *   player state joins this zone's state (if it names a location here, only known items, the
 *   player is not already here, and no earlier arrive here used the same travel). Others here
 *   see a `moved` event into the location.
 * - `join { name }` enters the world once: only in the zone of the world's start, and only as the
 *   player's first intent there. A player who has left this zone, or lives in another, is never
 *   made again by a join (a client that lost track of its character must find it, not replace it).
 * - A defeat that wakes the player in another zone leaves this zone like a travel (`leaveByRule`);
 *   its `arrive` has `dir: null` and names the intent that defeated them.
 * - `settle { arrive, state }`, signed later by the same player in the zone entered, when the
 *   zone left folded their `travel` into a different state (a revision there: they lost the
 *   lottery for the last rope just before leaving). The fold applies the arrive as if it had
 *   carried the settled state (null: the travel failed, the player never arrived) and re-applies
 *   everything after it, so nothing crosses the border twice. The fold itself only needs this
 *   zone's log; the traveller's own client, which holds both logs, writes the settle.
 */
import { isBanned } from '../../engine/rules/moderation.ts';
import type { Content } from '../../content/schema.ts';
import type { GameEvent } from '../../engine/events.ts';
import type { GameState, PlayerState } from '../../engine/state.ts';
import { sha256Hex } from '../intent/bytes.ts';
import { canonicalJson } from '../../content/canonical.ts';
import type { Rules, ApplyResult } from './rules.ts';
import type { ArriveAction, CrossingAction, SettleAction, SyncAction, TravelAction } from '../intent/sync-action.ts';
import { compareOrder } from './order.ts';
import type { ChainEntry } from './player-chains.ts';

export type CrossingIssue =
  | 'join/outside-start-zone'
  | 'join/not-first'
  | 'travel/not-here'
  | 'travel/digest-mismatch'
  | 'arrive/already-here'
  | 'arrive/invalid-state'
  | 'arrive/travel-reused'
  | 'arrive/no-departure'
  | 'settle/unknown-arrive';

export interface CrossingIntent {
  readonly id: string;
  readonly player: string;
  readonly at: number;
  readonly action: CrossingAction;
  /** Whether it may start the zone's clock (the engine's `EngineIntent.startsClock`). */
  readonly startsClock?: boolean;
}

/**
 * How a `travel` folded: the zone the exit leads into and the state carried out (null: they
 * stayed), with where and when they left (what an `arrive` for it names).
 */
export interface Departure {
  readonly zone: string | null;
  readonly state: PlayerState | null;
  readonly fromLocation: string | null;
  /** The exit taken; null when a rule took them out (a defeat wakes them at the respawn point). */
  readonly dir: TravelAction['dir'] | null;
  /** The travel's game time (the author's clock, clamped per player). */
  readonly at: number;
  /**
   * The zone left's game time after the intent that took them out, when it is not `at` (an
   * author's clock more than a day ahead of the zone's, or behind it): an arrival into a zone
   * whose clock has not started starts it here (`departedAt`; docs/intent-format.md "Game time").
   */
  readonly clock?: number;
}

/** The zone left's game time when the traveller left it (what an arrival starts a clock at). */
export function departedAt(d: Departure): number {
  return d.clock ?? d.at;
}

/** `clock` of a departure at `at`, from a zone whose time was then `time` (absent when the same, as departures were before it). */
function clockOf(at: number, time: number): { clock?: number } {
  return time === at ? {} : { clock: time };
}

/** Two departures say the same thing (what a zone entered reads of them). */
export function sameDeparture(a: Departure | null | undefined, b: Departure | null | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  if (a.zone !== b.zone || a.fromLocation !== b.fromLocation || a.dir !== b.dir || a.at !== b.at || a.clock !== b.clock) return false;
  return a.state === b.state || (a.state !== null && b.state !== null && digestPlayer(a.state) === digestPlayer(b.state));
}

/**
 * How an `arrive` folded: which intent, the state it carries (its own or its latest settle's;
 * null: settled as never having left), and whether that state joined this zone.
 */
export interface Arrival {
  readonly id: string;
  readonly player: string;
  readonly carried: PlayerState | null;
  readonly entered: boolean;
}

export interface CrossingResult extends ApplyResult {
  readonly departure?: Departure;
  readonly arrival?: Arrival;
}

export function digestPlayer(p: PlayerState): string {
  return sha256Hex(canonicalJson(p));
}

export function zoneOfLocation(content: Content, location: string): string | null {
  return content.locations.get(location)?.zone ?? null;
}

/** The zone an exit from `location` leads into, when it differs from the location's own. */
export function crossingTarget(content: Content, location: string, dir: string): { zone: string; to: string } | null {
  const loc = content.locations.get(location);
  const exit = loc?.exits.find((x) => x.dir === dir);
  if (!loc || !exit) return null;
  const zone = zoneOfLocation(content, exit.to);
  return zone !== null && zone !== loc.zone ? { zone, to: exit.to } : null;
}

function withoutPlayer(state: GameState, player: string): GameState {
  const { [player]: _gone, ...players } = state.players;
  return { ...state, players };
}

export function applyTravel(rules: Rules, content: Content, zone: string, state: GameState, i: CrossingIntent & { action: TravelAction }, issue: (x: CrossingIssue) => void): CrossingResult {
  const before = state.players[i.player];
  if (!before) {
    issue('travel/not-here');
    return { state, events: [], departure: { zone: null, state: null, fromLocation: null, dir: i.action.dir, at: i.at } };
  }
  const target = crossingTarget(content, before.location, i.action.dir)?.zone ?? null;
  const r = rules.apply(content, state, { id: i.id, player: i.player, at: i.at, action: { kind: 'move', dir: i.action.dir }, startsClock: i.startsClock });
  const after = r.state.players[i.player];
  const stayed = { zone: target, fromLocation: before.location, dir: i.action.dir, at: i.at, state: null };
  if (!after) return { ...r, departure: stayed };
  const landed = zoneOfLocation(content, after.location);
  if (landed === zone) return { ...r, departure: stayed };
  if (digestPlayer(after) !== i.action.digest) issue('travel/digest-mismatch');
  // Where they really are: a defeat on the way (poison as they walked) wakes them at the respawn
  // point, whose zone the arrive then names, with no exit (`dir: null`).
  const dir = landed === target ? i.action.dir : null;
  return { state: withoutPlayer(r.state, i.player), events: r.events, departure: { zone: landed, fromLocation: before.location, dir, at: i.at, ...clockOf(i.at, r.state.time), state: after } };
}

/**
 * Whether a `join` may enter this zone's state: the engine alone would make a fresh character of
 * anyone absent from the state, including a player who travelled out of it.
 */
export function joinIssue(content: Content, zone: string, seq: number): CrossingIssue | null {
  if (zoneOfLocation(content, content.world.start) !== zone) return 'join/outside-start-zone';
  return seq === 1 ? null : 'join/not-first';
}

/**
 * A rule other than a travel took the author out of this zone: a defeat wakes them at the
 * world's respawn point, which may lie in another zone. Like a travel, they leave this zone's
 * state, and their client brings them into the respawn's zone with an `arrive` (no `dir`) naming
 * this intent. Otherwise `r` as it is.
 */
export function leaveByRule(content: Content, zone: string, state: GameState, r: ApplyResult, i: { readonly player: string; readonly at: number }): CrossingResult {
  const before = state.players[i.player];
  const after = r.state.players[i.player];
  if (before === undefined || after === undefined || after.location === before.location) return r;
  const to = zoneOfLocation(content, after.location);
  if (to === null || to === zone) return r;
  return { state: withoutPlayer(r.state, i.player), events: r.events, departure: { zone: to, state: after, fromLocation: before.location, dir: null, at: i.at, ...clockOf(i.at, r.state.time) } };
}

function validArrival(content: Content, zone: string, player: string, s: PlayerState): boolean {
  if (s.id !== player || zoneOfLocation(content, s.location) !== zone) return false;
  if (!s.inventory.every((st) => content.items.has(st.item))) return false;
  if (!Object.values(s.equipment).every((it) => it === undefined || content.items.has(it))) return false;
  return s.effects.every((e) => content.effects.has(e.id));
}

/**
 * `carried` is the state the arrival brings: the arrive's own, or its latest settle's (null:
 * settled as never having left). `travelUsed`: an earlier arrive of this player here already
 * used this travel (one travel brings a player in once). `clockFrom`: the zone left's time when
 * they left it (verified crossings in a world with an owner), which starts this zone's clock if it
 * has not started (docs/intent-format.md "Game time"); null: the arrival leaves the time alone.
 */
export function applyArrive(
  content: Content,
  zone: string,
  state: GameState,
  i: CrossingIntent & { action: ArriveAction },
  carried: PlayerState | null,
  travelUsed: boolean,
  issue: (x: CrossingIssue) => void,
  clockFrom: number | null = null,
): CrossingResult {
  const a = i.action;
  const none: CrossingResult = { state, events: [], arrival: { id: i.id, player: i.player, carried, entered: false } };
  if (travelUsed) {
    issue('arrive/travel-reused');
    return { state, events: [] };
  }
  if (state.players[i.player]) {
    issue('arrive/already-here');
    return none;
  }
  if (carried === null) return none;
  if (!validArrival(content, zone, i.player, carried)) {
    issue('arrive/invalid-state');
    return none;
  }
  const event: GameEvent = a.dir === null
    ? { type: 'revived', player: i.player, location: carried.location }
    : { type: 'moved', player: i.player, location: a.fromLocation, dir: a.dir, to: carried.location, firstVisit: false };
  const time = state.time === 0 && clockFrom !== null ? clockFrom : state.time;
  return { state: { ...state, time, players: { ...state.players, [i.player]: carried } }, events: [event], arrival: { id: i.id, player: i.player, carried, entered: true } };
}

/** Arrivals are per player: someone else's arrive naming my travel does not displace mine. */
const arrivalKey = (player: string, travel: string): string => `${player}:${travel}`;

/**
 * The crossing rules as one zone's fold applies them, with the ledger they need: the arrive and
 * settle entries in the log (a settle rewrites what its arrive carried; one travel brings a
 * player in once), and how each travel and arrive folded (what a traveller's client compares to
 * decide its settles). The fold indexes every change to its entries here first, then asks it to
 * apply each entry that is a crossing (or a join), and to look after every other rule's result.
 *
 *   const crossings = new CrossingLedger(rules, content, zone, onIssue);
 *   const resettled = crossings.index(added, dropped);    // arrive ids whose settles changed
 *   crossings.handles(action) ? crossings.apply(state, e) : crossings.afterRule(state, rules.apply(...), e);
 */
export class CrossingLedger {
  /**
   * Verified crossings (docs/finality.md): the departure each placed arrive reads, by travel id,
   * as the zone left folded it (null: that intent took nobody out). Null when this zone's fold
   * believes what arrives carry (a replica on its own, as in most unit tests).
   */
  readonly #departuresRead: Map<string, Departure | null> | null;
  /** Bumped whenever a departure recorded here appears, changes or goes. */
  #departureEpoch = 0;
  /** Departures of entries being re-applied, until they are recorded again (or found gone). */
  readonly #reapplied = new Map<string, Departure>();
  readonly #arrivesByTravel = new Map<string, ChainEntry[]>();
  readonly #settlesByArrive = new Map<string, ChainEntry[]>();
  readonly #arrives = new Map<string, ChainEntry>();
  readonly #departures = new Map<string, Map<string, Departure>>();
  readonly #arrivals = new Map<string, Arrival>();

  constructor(
    private readonly rules: Rules,
    private readonly content: Content,
    private readonly zone: string,
    private readonly issue: (x: CrossingIssue) => void,
    verified = false,
    /** The world's owner (engine/game-time.ts: whose intents start a clock, and arrivals then do too); null: none. */
    private readonly owner: string | null = null,
  ) {
    this.#departuresRead = verified ? new Map() : null;
  }

  get verified(): boolean {
    return this.#departuresRead !== null;
  }

  /** Changes whenever a departure out of this zone appears, changes or goes. */
  get departureEpoch(): number {
    return this.#departureEpoch;
  }

  /** Departures a snapshot kept (replica/snapshot.ts): its players' last, by the entries that made them. */
  seedDepartures(kept: readonly { readonly player: string; readonly id: string; readonly departure: Departure }[]): void {
    for (const k of kept) {
      let mine = this.#departures.get(k.player);
      if (!mine) this.#departures.set(k.player, (mine = new Map()));
      mine.set(k.id, k.departure);
    }
    if (kept.length > 0) this.#departureEpoch++;
  }

  /** How `player`'s intent `id` took them out of this zone, if it did. */
  departureOf(player: string, id: string): Departure | undefined {
    return this.#departures.get(player)?.get(id);
  }

  /** Verified mode: what the zone left says of `travel` (read by the arrive naming it). */
  readDeparture(travel: string, d: Departure | null): void {
    this.#departuresRead?.set(travel, d);
  }

  /** Verified mode: what the arrive naming `travel` last read. */
  departureRead(travel: string): Departure | null | undefined {
    return this.#departuresRead?.get(travel);
  }

  /** The placed arrives here (verified mode reads their departures). */
  arrives(): IterableIterator<ChainEntry> {
    return this.#arrives.values();
  }

  /** `e` is about to be applied again (a re-fold): its departure must be made again to stand. */
  beforeReapply(e: ChainEntry): void {
    const mine = this.#departures.get(e.player);
    const d = mine?.get(e.id);
    if (d === undefined) return;
    mine!.delete(e.id);
    this.#reapplied.set(e.id, d);
  }

  /** After a re-fold: departures not made again are gone. */
  afterReapply(): void {
    if (this.#reapplied.size > 0) this.#departureEpoch++;
    this.#reapplied.clear();
  }

  /** How `player`'s travels out of this zone folded, by travel id. */
  departuresOf(player: string): ReadonlyMap<string, Departure> {
    return this.#departures.get(player) ?? new Map();
  }

  /** How `player`'s arrive naming `travel` folded here (the first one in fold order), if any. */
  arrivalOf(player: string, travel: string): Arrival | undefined {
    return this.#arrivals.get(arrivalKey(player, travel));
  }

  /** The kinds this ledger applies itself; everything else is the engine's. */
  handles(action: SyncAction): boolean {
    return action.kind === 'travel' || action.kind === 'arrive' || action.kind === 'settle' || action.kind === 'join';
  }

  apply(state: GameState, e: ChainEntry): ApplyResult {
    const action = e.intent.action;
    const i = { id: e.id, player: e.player, at: e.at, startsClock: this.owner === null ? undefined : e.player === this.owner };
    switch (action.kind) {
      case 'travel':
        return this.#noted(applyTravel(this.rules, this.content, this.zone, state, { ...i, action }, this.issue), e);
      case 'arrive': {
        // A banished player does not come back by walking in (rules/moderation.ts).
        if (isBanned(state.moderation, e.player)) return { state, events: [] };
        if (this.#departuresRead === null) {
          return this.#noted(applyArrive(this.content, this.zone, state, { ...i, action }, this.#carried(e, action), this.#travelUsedBefore(e, action), this.issue), e);
        }
        // Verified: the arrive brings what its travel took out, as the zone left folded it.
        const d = this.#departuresRead.get(action.travel) ?? null;
        const carried = d !== null && d.state !== null && d.zone === this.zone ? d.state : null;
        if (carried === null) this.issue('arrive/no-departure');
        const told = d === null ? action : { ...action, fromLocation: d.fromLocation ?? action.fromLocation, dir: d.dir };
        const clockFrom = this.owner === null || carried === null ? null : departedAt(d!);
        return this.#noted(applyArrive(this.content, this.zone, state, { ...i, action: told }, carried, this.#travelUsedBefore(e, action), this.issue, clockFrom), e);
      }
      case 'settle':
        // Its effect is on the arrive it names (see #carried); here it only marks the moment.
        if (!this.#settles(e, action)) this.issue('settle/unknown-arrive');
        return { state, events: [] };
      case 'join': {
        const no = joinIssue(this.content, this.zone, e.intent.seq);
        if (no === null) return this.rules.apply(this.content, state, { ...i, action });
        this.issue(no);
        return { state, events: [] };
      }
      default:
        throw new Error(`CrossingLedger.apply: ${action.kind} is the engine's`);
    }
  }

  /** After any other rule changed the state: a defeat may have taken the author out of this zone. */
  afterRule(state: GameState, r: ApplyResult, e: ChainEntry): ApplyResult {
    return this.#noted(leaveByRule(this.content, this.zone, state, r, e), e);
  }

  /** Index the entries added to and dropped from the fold; returns the arrive ids whose settles changed. */
  index(added: readonly ChainEntry[], dropped: ReadonlySet<string>): Set<string> {
    const resettled = new Set<string>();
    const add = (m: Map<string, ChainEntry[]>, key: string, e: ChainEntry): void => {
      const list = m.get(key);
      if (list) list.push(e);
      else m.set(key, [e]);
    };
    if (dropped.size > 0) {
      for (const m of [this.#arrivesByTravel, this.#settlesByArrive]) {
        for (const [key, list] of m) {
          const kept = list.filter((x) => !dropped.has(x.id));
          if (kept.length === list.length) continue;
          if (m === this.#settlesByArrive) resettled.add(key);
          if (kept.length > 0) m.set(key, kept);
          else m.delete(key);
        }
      }
      for (const id of dropped) this.#arrives.delete(id);
      for (const [key, a] of this.#arrivals) if (dropped.has(a.id)) this.#arrivals.delete(key);
      for (const mine of this.#departures.values()) for (const id of dropped) if (mine.delete(id)) this.#departureEpoch++;
    }
    for (const e of added) {
      const a = e.intent.action;
      if (a.kind === 'arrive') {
        add(this.#arrivesByTravel, arrivalKey(e.player, a.travel), e);
        this.#arrives.set(e.id, e);
      } else if (a.kind === 'settle') {
        add(this.#settlesByArrive, a.arrive, e);
        resettled.add(a.arrive);
      }
    }
    return resettled;
  }

  #noted(r: CrossingResult, e: ChainEntry): ApplyResult {
    if (r.departure) {
      let mine = this.#departures.get(e.player);
      if (!mine) this.#departures.set(e.player, (mine = new Map()));
      mine.set(e.id, r.departure);
      const was = this.#reapplied.get(e.id);
      if (was === undefined || !sameDeparture(was, r.departure)) this.#departureEpoch++;
      this.#reapplied.delete(e.id);
    }
    if (r.arrival) this.#arrivals.set(arrivalKey(e.player, (e.intent.action as ArriveAction).travel), r.arrival);
    return r;
  }

  /** The state an arrive brings: its latest settle's (highest seq by the same player), else its own. */
  #carried(e: ChainEntry, a: ArriveAction): PlayerState | null {
    let latest: ChainEntry | null = null;
    for (const s of this.#settlesByArrive.get(e.id) ?? []) {
      if (s.player === e.player && (latest === null || s.intent.seq > latest.intent.seq)) latest = s;
    }
    return latest ? (latest.intent.action as SettleAction).state : a.state;
  }

  /** An earlier arrive (in fold order) of this player here already used this travel. */
  #travelUsedBefore(e: ChainEntry, a: ArriveAction): boolean {
    return (this.#arrivesByTravel.get(arrivalKey(e.player, a.travel)) ?? []).some((x) => x !== e && compareOrder(x, e) < 0);
  }

  /** The settle names an arrive of its own author in this log. */
  #settles(e: ChainEntry, s: SettleAction): boolean {
    return this.#arrives.get(s.arrive)?.player === e.player;
  }
}
