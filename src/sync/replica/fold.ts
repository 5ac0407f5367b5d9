/**
 * The ordered fold of one zone: accepted intents kept sorted by the agreed order and applied
 * with the rules, with a checkpoint (a kept state reference; states are immutable) every K
 * intents. New intents that sort after the head just apply; ones that sort before it, or intents
 * dropped by equivocation, restore the nearest checkpoint at or before the first change and
 * re-apply from there (rollback). Never throws: a rule that throws leaves the state unchanged,
 * identically everywhere, and is counted.
 *
 *   const fold = new OrderedFold(rules, content, zone, initialState, { checkpointEvery: 64 });
 *   const change = fold.update(acceptedEntries, droppedIds, viewer);
 */
import type { Content } from '../../content/schema.ts';
import type { GameEvent } from '../../engine/events.ts';
import type { GameState } from '../../engine/state.ts';
import type { ChainEntry } from './player-chains.ts';
import { compareOrder, insertionIndex } from './order.ts';
import { eventDifference, inventoryDelta, sameForViewer, type Revision, type RevisionCause } from './revision.ts';
import type { ApplyResult, Rules } from './rules.ts';
import { CrossingLedger, type Arrival, type CrossingIssue, type Departure } from './crossing.ts';
import type { Action } from '../../engine/action.ts';

export interface AppliedIntent {
  readonly entry: ChainEntry;
  readonly events: readonly GameEvent[];
}

export interface FoldChange {
  /** Newly applied intents with their events, in fold order. */
  readonly news: readonly AppliedIntent[];
  /** Set when already-applied intents were re-applied with different viewer-relevant events. */
  readonly revision: Revision | null;
  /** Intents re-applied because of rollback (0 when everything landed after the head). */
  readonly refolded: number;
  /** Index of the first entry whose place, presence or outcome may have changed (the length before, when all landed after the head). */
  readonly from?: number;
}

const NO_EVENTS: readonly GameEvent[] = [];
const NO_IDS: ReadonlySet<string> = new Set();

/**
 * The fold keeps every intent's events for as long as the zone is open (a re-fold compares them
 * with the new ones), and most intents have exactly one: that one is kept as is, not in a list
 * of its own (what the fold keeps per intent is what bounds the intake speed).
 */
type FoldedEvents = GameEvent | readonly GameEvent[];
function eventsOf(kept: FoldedEvents | undefined): readonly GameEvent[] {
  return kept === undefined ? NO_EVENTS : Array.isArray(kept) ? kept : [kept as GameEvent];
}

export type FoldIssue = 'fold/rule-threw' | 'fold/revision-failed' | CrossingIssue;

export class OrderedFold {
  readonly #rules: Rules;
  readonly #content: Content;
  readonly #zone: string;
  readonly #every: number;
  readonly #onIssue: (i: FoldIssue) => void;
  #entries: ChainEntry[] = [];
  /** Each entry's events, as `eventsOf` reads them: most intents have one, kept without a list. */
  #events: FoldedEvents[] = [];
  /** #checkpoints[c] = state before #entries[c * K]. */
  #checkpoints: GameState[];
  #state: GameState;
  /** Travel, arrive, settle and join: their rules and the ledger they fold with. */
  readonly #crossings: CrossingLedger;
  /** `stateAt`'s index, and the state after that many entries as the last fold through it left it. */
  #mark = -1;
  #markState: GameState | null = null;

  /** The world's owner, whose intents may start the zone's clock (engine/game-time.ts); null: a world without one. */
  readonly #owner: string | null;

  constructor(rules: Rules, content: Content, zone: string, initial: GameState, opts: { checkpointEvery?: number; onIssue?: (i: FoldIssue) => void; verifiedCrossings?: boolean; owner?: string | null } = {}) {
    this.#rules = rules;
    this.#content = content;
    this.#zone = zone;
    this.#every = Math.max(1, opts.checkpointEvery ?? 64);
    this.#onIssue = opts.onIssue ?? (() => {});
    this.#state = initial;
    this.#owner = opts.owner ?? null;
    this.#crossings = new CrossingLedger(rules, content, zone, (i) => this.#onIssue(i), opts.verifiedCrossings ?? false, this.#owner);
    this.#checkpoints = [initial];
  }

  get state(): GameState {
    return this.#state;
  }
  get length(): number {
    return this.#entries.length;
  }
  get entries(): readonly ChainEntry[] {
    return this.#entries;
  }
  eventsAt(index: number): readonly GameEvent[] {
    return eventsOf(this.#events[index]);
  }
  /** Highest turn applied (what the next local intent's turn must exceed). */
  get headTurn(): number {
    return this.#entries[this.#entries.length - 1]?.turn ?? 0;
  }
  /** Highest turn applied that is at most `limit` (entries are sorted by turn first). */
  headTurnAtMost(limit: number): number {
    for (let i = this.#entries.length - 1; i >= 0; i--) {
      const t = this.#entries[i]!.turn;
      if (t <= limit) return t;
    }
    return 0;
  }

  /** How `player`'s travels out of this zone folded, by travel id. */
  departuresOf(player: string): ReadonlyMap<string, Departure> {
    return this.#crossings.departuresOf(player);
  }
  /** How `player`'s arrive naming `travel` folded here (the first one in fold order), if any. */
  arrivalOf(player: string, travel: string): Arrival | undefined {
    return this.#crossings.arrivalOf(player, travel);
  }
  /** The crossing ledger (verified crossings read and feed it: replica/crossing-board.ts). */
  get crossings(): CrossingLedger {
    return this.#crossings;
  }

  /**
   * The state after the first `n` entries (a seal's set is the fold's first entries). Re-folds
   * from the checkpoint before it, unless the last fold through it is still good.
   */
  stateAt(n: number): GameState {
    if (n >= this.#entries.length) return this.#state;
    if (n <= 0) return this.#checkpoints[0]!;
    if (this.#mark !== n || this.#markState === null) {
      this.#mark = n;
      this.#markState = null;
      this.update([], NO_IDS, null, new Set([this.#entries[n - 1]!.id]));
    }
    return this.#markState!;
  }

  #step(state: GameState, e: ChainEntry): ApplyResult {
    try {
      const action = e.intent.action;
      if (this.#crossings.handles(action)) return this.#crossings.apply(state, e);
      // The hot path: one plain object literal per intent (a spread here is much slower in V8).
      const owner = this.#owner;
      const r = this.#rules.apply(this.#content, state, { id: e.id, player: e.player, at: e.at, action: action as Action, startsClock: owner === null ? undefined : e.player === owner });
      return r.state === state ? r : this.#crossings.afterRule(state, r, e);
    } catch {
      this.#onIssue('fold/rule-threw');
      return { state, events: [] };
    }
  }

  #applyFrom(index: number): void {
    const K = this.#every;
    let state = this.#state;
    const crossings = this.#crossings;
    for (let i = index; i < this.#entries.length; i++) {
      if (i % K === 0) this.#checkpoints[i / K] = state;
      const e = this.#entries[i]!;
      crossings.beforeReapply(e);
      const r = this.#step(state, e);
      state = r.state;
      this.#events[i] = r.events.length === 1 ? r.events[0]! : r.events;
      if (i + 1 === this.#mark) this.#markState = state;
    }
    crossings.afterReapply();
    this.#state = state;
  }

  /** Add accepted entries and remove dropped ids; returns what the viewer should hear. */
  update(added: readonly ChainEntry[], dropped: ReadonlySet<string>, viewer: string | null, redo: ReadonlySet<string> = NO_IDS): FoldChange {
    if (added.length === 0 && dropped.size === 0 && redo.size === 0) return { news: [], revision: null, refolded: 0 };
    const fresh = [...added].sort(compareOrder);
    const oldLength = this.#entries.length;
    let first = oldLength;
    if (fresh.length > 0) first = insertionIndex(this.#entries, fresh[0]!);
    if (dropped.size > 0) {
      for (let i = 0; i < first; i++) if (dropped.has(this.#entries[i]!.id)) { first = i; break; }
    }
    // A settle rewrites what its arrive carried, and a departure read anew (verified crossings)
    // what it brings: re-apply from that arrive.
    const resettled = this.#crossings.index(fresh, dropped);
    for (const again of [resettled, redo]) {
      if (again.size > 0) {
        for (let i = 0; i < first; i++) if (again.has(this.#entries[i]!.id)) { first = i; break; }
      }
    }
    const before = viewer ? this.#state.players[viewer] ?? null : null;
    const oldTail = this.#entries.slice(first);
    const oldTailEvents = this.#events.slice(first);
    // Merge the kept old tail with the fresh entries.
    const merged: ChainEntry[] = [];
    let a = 0;
    let b = 0;
    const keep = dropped.size === 0 ? oldTail : oldTail.filter((e) => !dropped.has(e.id));
    while (a < keep.length || b < fresh.length) {
      if (b >= fresh.length || (a < keep.length && compareOrder(keep[a]!, fresh[b]!) <= 0)) merged.push(keep[a++]!);
      else merged.push(fresh[b++]!);
    }
    const K = this.#every;
    let start = first;
    if (first < oldLength) {
      const c = Math.floor(first / K);
      start = c * K;
      this.#state = this.#checkpoints[c]!;
      this.#checkpoints.length = c + 1;
    }
    this.#entries.length = first;
    this.#events.length = first;
    for (const e of merged) this.#entries.push(e);
    this.#applyFrom(start);

    // Nothing before the old head changed: every entry from `first` on is fresh.
    const freshIds = first < oldLength ? new Set(fresh.map((e) => e.id)) : null;
    const news: AppliedIntent[] = [];
    for (let i = first; i < this.#entries.length; i++) {
      const e = this.#entries[i]!;
      if (freshIds === null || freshIds.has(e.id)) news.push({ entry: e, events: eventsOf(this.#events[i]) });
    }
    const refolded = first < oldLength ? this.#entries.length - start - fresh.length : 0;
    let revision: Revision | null = null;
    if (viewer && freshIds !== null) {
      try {
        revision = this.#revision(viewer, first, oldTail, oldTailEvents, freshIds, before);
      } catch {
        this.#onIssue('fold/revision-failed');
      }
      if (revision === null && redo.size > 0) {
        // An arrive re-read its departure: the viewer may carry other things with the same events.
        const after = this.#state.players[viewer] ?? null;
        const inventory = inventoryDelta(before, after);
        if (inventory.length > 0) revision = { viewer, causes: [], disappeared: [], appeared: [], inventory, before, after };
      }
    }
    return { news, revision, refolded, from: first };
  }

  #revision(viewer: string, first: number, oldTail: readonly ChainEntry[], oldEvents: readonly FoldedEvents[], freshIds: ReadonlySet<string>, before: GameState['players'][string] | null): Revision | null {
    const disappeared: GameEvent[] = [];
    const appeared: GameEvent[] = [];
    // The kept old entries are the same objects, in the same order, among the fresh ones from
    // `first` on (update's merge); an old entry not found next was dropped, and now shows nothing.
    const entries = this.#entries;
    let j = first;
    for (let i = 0; i < oldTail.length; i++) {
      const old = oldTail[i]!;
      while (j < entries.length && entries[j] !== old && freshIds.has(entries[j]!.id)) j++;
      const kept = j < entries.length && entries[j] === old;
      const was = eventsOf(oldEvents[i]);
      const now = kept ? eventsOf(this.#events[j++]) : NO_EVENTS;
      if (sameForViewer(was, now, viewer)) continue;
      disappeared.push(...eventDifference(was, now, viewer));
      appeared.push(...eventDifference(now, was, viewer));
    }
    if (disappeared.length === 0 && appeared.length === 0) return null;
    const lastOld = oldTail[oldTail.length - 1];
    const causes: RevisionCause[] = [];
    for (let i = first; i < this.#entries.length; i++) {
      const e = this.#entries[i]!;
      if (lastOld && compareOrder(e, lastOld) > 0) break;
      if (freshIds.has(e.id)) causes.push({ id: e.id, player: e.player, events: eventsOf(this.#events[i]) });
    }
    const after = this.#state.players[viewer] ?? null;
    return { viewer, causes, disappeared, appeared, inventory: inventoryDelta(before, after), before, after };
  }
}
