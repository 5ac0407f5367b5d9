/**
 * One zone's replica, independent of Yjs: feed it log entries (key, stored value) in any order,
 * any number of times, and it validates them, chains them per player, and folds the accepted
 * ones in the agreed order. Replicas fed the same set of entries reach the same state.
 *
 *   const replica = new ZoneReplica({ rules, content, world, zone, seed, viewer: me.player });
 *   const change = replica.ingest([[key, value], ...]);   // { news, revision, refolded }
 *   replica.state; replica.stateHash; replica.diagnostics.snapshot();
 *   const next = replica.nextFields(me.player, Date.now()); // seq/prev/turn/at for a new intent
 *
 * Invalid data never throws out of `ingest`; each refusal is counted by reason.
 */
import type { Content } from '../../content/schema.ts';
import type { GameState } from '../../engine/state.ts';
import { isModerationKind, type ActionOf, type ModerationKind } from '../../engine/action.ts';
import { compareCodeUnits } from '../../content/canonical.ts';
import { Diagnostics } from './diagnostics.ts';
import { OrderedFold, type FoldChange } from './fold.ts';
import { envelopeTail, type Expected } from '../intent/envelope.ts';
import { readIntent, type VerifiedIntent } from '../intent/intent.ts';
import { Verifier } from '../intent/verifier.ts';
import { BoundedMemo } from '../intent/bounded-memo.ts';

/** Rejected log entries remembered (so re-delivery of the same junk is not read again). */
const MAX_REJECTED = 100_000;
import { PlayerChains, type ChainEntry } from './player-chains.ts';
import type { Rules } from './rules.ts';
import { sameDeparture, type Departure } from './crossing.ts';
import type { BoardMember, CrossingBoard } from './crossing-board.ts';
import { checkAppointment, checkSuccession } from '../intent/succession.ts';
import { checkMembership } from '../intent/membership.ts';
import { SealChain, sealProposal, type FinalSeal, type SealProposal } from './seals.ts';
import { SNAPSHOT_VERSION, type SnapshotDeparture, type SnapshotHead, type ZoneSnapshot } from './snapshot.ts';

export interface ZoneReplicaOptions {
  readonly rules: Rules;
  readonly content: Content;
  /** World id (hash of the world key) intents must name. */
  readonly world: string;
  readonly zone: string;
  readonly seed: number;
  /** Whose revisions to compute (the local player), if any. */
  readonly viewer?: string | null;
  readonly checkpointEvery?: number;
  /** Called once for each valid intent this replica learns (e.g. to persist its verdict). */
  readonly onValid?: (intent: VerifiedIntent) => void;
  /** Called for each stored string whose signature failed here (e.g. to persist that verdict). */
  readonly onBadSignature?: (id: string, raw: string) => void;
  /** The world's memory of checked intents (one per world; a replica of its own by default). */
  readonly verifier?: Verifier;
  /**
   * The world's crossing board: with it, an arrive brings exactly what its travel took out of
   * the zone left, as that zone's fold computed it (docs/finality.md "Verified crossings").
   * Without it, what an arrive carries is believed (a zone replica on its own).
   */
  readonly crossings?: CrossingBoard;
  /**
   * The world's owner (player id), whose seals fix the order of the log up to a point
   * (docs/finality.md "Seals"); null or absent: a world whose key names no owner has no seals.
   */
  readonly owner?: string | null;
  /**
   * Start from this snapshot of the zone (replica/snapshot.ts) instead of its beginning: the log
   * below its seal is not needed (entries of it are ignored if fed). The caller checked it
   * (`checkSnapshot`, and the hash its world cut names).
   */
  readonly snapshot?: ZoneSnapshot;
  /**
   * With `snapshot`: the entries the world cut vouches for in this epoch, (id, sha256 of the exact
   * string), taken as checked by this replica only (envelope.ts `Expected.vouched`).
   */
  readonly vouched?: readonly (readonly [string, string])[];
  /**
   * The world's member public key (docs/links.md): every join must carry its signature over the
   * joiner; null or absent: a world made before watch links, whose joins need no proof.
   */
  readonly member?: Uint8Array | null;
}

export interface NextFields {
  readonly seq: number;
  readonly prev: string | null;
  readonly turn: number;
  readonly at: number;
}

/**
 * Honest turns grow by about one per intent, so they never get near this. A hostile intent with
 * a huge turn is not followed (honest authors Lamport-bump only from turns up to here), so it
 * cannot push honest turns past the schema's maximum; it just sorts after them.
 */
export const TURN_SOFT_MAX = 2 ** 50;

const EMPTY: FoldChange = { news: [], revision: null, refolded: 0 };
const NO_IDS: ReadonlySet<string> = new Set();

export class ZoneReplica implements BoardMember {
  readonly world: string;
  readonly zone: string;
  readonly seed: number;
  readonly diagnostics = new Diagnostics();
  viewer: string | null;
  readonly #rules: Rules;
  #chains: PlayerChains;
  readonly #fold: OrderedFold;
  /** Every well-formed intent seen, by id: the log is add-only, whatever the map later says. */
  readonly #known = new Map<string, VerifiedIntent>();
  /** Keys already judged invalid with this exact value (so re-delivery is cheap). */
  readonly #rejected = new BoundedMemo<string, unknown>(MAX_REJECTED);
  /** What every intent here must name (one object, not one per entry read). */
  readonly #expect: Expected;
  readonly #verifier: Verifier;
  #hash: string | null = null;
  readonly #onValid: ((intent: VerifiedIntent) => void) | null;
  readonly #onBadSignature: ((id: string, raw: string) => void) | null;
  readonly #board: CrossingBoard | null;
  readonly #seals: SealChain;
  readonly #owner: string | null;
  /** The snapshot this replica started from (null: from the zone's beginning). */
  readonly #snapshot: ZoneSnapshot | null;
  /** Its heads by player (entries this replica never held but other zones may ask about). */
  readonly #baseHeads = new Map<string, SnapshotHead>();
  readonly #member: Uint8Array | null;
  /** Something was ingested since the seal after the final one was last judged. */
  #sealsToJudge = false;
  /** How many entries the final seal held before this batch (`seal/final-part-refolded`). */
  #finalCountBefore = 0;
  /** The departure epoch of each zone left, as this replica last read its departures. */
  readonly #epochsRead = new Map<string, number>();
  /** Re-folds the crossing board caused (another zone changed what an arrive here reads). */
  onCrossingChange: ((change: FoldChange) => void) | null = null;
  /** After an ingest that leaves arrives here waiting for their travels (see `travelsAwaited`). */
  onTravelsAwaited: (() => void) | null = null;

  constructor(o: ZoneReplicaOptions) {
    this.world = o.world;
    this.zone = o.zone;
    this.#expect = {
      world: o.world, zone: o.zone, tail: envelopeTail(o.world, o.zone),
      ...(o.snapshot === undefined || o.vouched === undefined || o.vouched.length === 0 ? {} : { vouched: new Map(o.vouched) }),
    };
    this.#verifier = o.verifier ?? new Verifier();
    this.seed = o.seed >>> 0;
    this.viewer = o.viewer ?? null;
    this.#rules = o.rules;
    this.#onValid = o.onValid ?? null;
    this.#onBadSignature = o.onBadSignature ?? null;
    this.#board = o.crossings ?? null;
    const snap = o.snapshot ?? null;
    if (snap !== null && (snap.world !== o.world || snap.zone !== o.zone)) throw new Error(`ZoneReplica: a snapshot of ${snap.zone} cannot start ${o.zone}`);
    this.#snapshot = snap;
    for (const h of snap?.heads ?? []) this.#baseHeads.set(h.player, h);
    this.#owner = o.owner ?? null;
    this.#seals = new SealChain(this.#owner, snap === null ? null : {
      id: snap.seal.id, n: snap.seal.n, point: snap.seal.point, count: 0, state: snap.seal.state,
      sealed: new Map(snap.heads.map((h) => [h.player, h.seq])),
    });
    this.#member = o.member ?? null;
    this.#chains = this.#newChains();
    this.#fold = new OrderedFold(o.rules, o.content, o.zone, snap?.state ?? o.rules.createWorld(o.content, this.seed), {
      checkpointEvery: o.checkpointEvery ?? 64,
      onIssue: (i) => this.diagnostics.count(i),
      verifiedCrossings: this.#board !== null,
      owner: this.#owner,
    });
    if (snap !== null) this.#fold.crossings.seedDepartures(snap.departures);
    this.#leaveBoard = this.#board?.join(this) ?? null;
  }

  readonly #leaveBoard: (() => void) | null;

  /** Leave the world's crossing board (the zone is closed); what was folded stays as it is. */
  close(): void {
    this.#leaveBoard?.();
  }

  // BoardMember: what the other zones of the world read of this one.
  placedTurnOf(player: string, id: string): number | undefined {
    const intent = this.#known.get(id);
    if (intent === undefined) {
      const base = this.#baseHeads.get(player);
      return base?.id === id ? this.#chains.placedTurnOf(player, base.seq, id) : undefined;
    }
    return intent.player !== player ? undefined : this.#chains.placedTurnOf(player, intent.seq, id);
  }
  waitsForTravel(player: string): boolean {
    return this.#chains.waitsForTravel(player);
  }
  departureOf(player: string, id: string): Departure | undefined {
    return this.#fold.crossings.departureOf(player, id);
  }
  get departureEpoch(): number {
    return this.#fold.crossings.departureEpoch;
  }

  travelsAwaited(): ReadonlySet<string> {
    return this.#chains.travelsAwaited();
  }

  /** An arrive here asks where its travel was placed; what it took out is read at the same time. */
  #placeTravel(from: string, player: string, id: string): number | undefined {
    const fact = this.#board!.travel(from, player, id, this.zone);
    if (fact === undefined || fact === 'unknown') return undefined;
    this.#fold.crossings.readDeparture(id, fact.departure);
    return fact.turn;
  }

  /**
   * Catch up with the other zones of the world: place arrives whose travel is now placed, take
   * back those whose travel was dropped, and re-fold from each arrive whose travel's departure
   * changed. Told through `onCrossingChange`; true when something changed.
   */
  catchUp(): boolean {
    const board = this.#board;
    if (board === null) return false;
    const ledger = this.#fold.crossings;
    const dropped: ChainEntry[] = [];
    const added: ChainEntry[] = [];
    const redo = new Set<string>();
    let stale: Set<string> | null = null;
    for (const zone of board.zones()) {
      const now = board.epochOf(zone);
      if (zone !== this.zone && this.#epochsRead.get(zone) !== now) {
        (stale ??= new Set()).add(zone);
        this.#epochsRead.set(zone, now);
      }
    }
    if (stale !== null) {
      for (const x of [...ledger.arrives()]) {
        const a = x.intent.action;
        if (a.kind !== 'arrive' || !stale.has(a.from)) continue;
        // A sealed arrive's travel is sealed where it left (seals.ts): nothing there can move it
        // any more, and a zone started from a snapshot may no longer hold it.
        if (x.seq <= this.#chains.sealedSeq(x.player)) continue;
        const fact = board.travel(a.from, x.player, a.travel, this.zone);
        if (fact === 'unknown') continue;
        if (fact === undefined) {
          this.#chains.unplace(x.player, x.seq, dropped);
          continue;
        }
        const placedAfter = this.#chains.travelTurnOf(x.id);
        if (placedAfter !== undefined && placedAfter !== fact.turn) {
          // The zone left placed the travel elsewhere (a seal made it late there): so moves the arrive.
          ledger.readDeparture(a.travel, fact.departure);
          this.#chains.travelMoved(x.player, x.seq, fact.turn, added, dropped);
          continue;
        }
        if (!sameDeparture(ledger.departureRead(a.travel), fact.departure)) {
          ledger.readDeparture(a.travel, fact.departure);
          redo.add(x.id);
        }
      }
    }
    // A seal waiting here for another zone's seal (its arrives' travels) is judged again.
    if (this.#chains.retryWaitingArrives(added) > 0 || this.#seals.hasNext) this.#sealsToJudge = true;
    const fresh = this.#advanceSeals(added, dropped);
    if (added.length === 0 && dropped.length === 0 && redo.size === 0) {
      // A seal made final here moves nothing here, but a seal elsewhere may wait for it (an
      // arrive there names a travel it sealed): the board goes round again.
      this.#checkSealedStates(fresh);
      return fresh.length > 0;
    }
    const change = this.#foldChanges(added, dropped, redo, fresh);
    this.onCrossingChange?.(change);
    return true;
  }

  /** Fold what the chains accepted and dropped (an entry may be both: accepted, then dropped in the same batch). */
  #foldChanges(added: readonly ChainEntry[], dropped: readonly ChainEntry[], redo: ReadonlySet<string>, sealed: readonly FinalSeal[]): FoldChange {
    let droppedIds = NO_IDS;
    let keptAdded = added;
    if (dropped.length > 0) {
      droppedIds = new Set(dropped.map((e) => e.id));
      // By object: an entry placed again is a new object under the same id (player-chains.ts).
      const gone = new Set<ChainEntry>(dropped);
      keptAdded = added.filter((e) => !gone.has(e));
    }
    this.#hash = null;
    const change = this.#fold.update(keptAdded, droppedIds, this.viewer, redo);
    // What a final seal fixed is never folded differently (docs/finality.md, "A bounded past"):
    // counted if it ever is, which only the owner sealing twice (a re-chaining) may cause.
    if (change.from !== undefined && change.from < this.#finalCountBefore) this.diagnostics.count('seal/final-part-refolded');
    this.#checkSealedStates(sealed);
    return change;
  }

  #checkSealedStates(sealed: readonly FinalSeal[]): void {
    for (const seal of sealed) {
      // Order is all the owner is trusted with: a seal whose state differs still fixes it.
      if (this.#rules.hashState(this.#fold.stateAt(seal.count)) !== seal.state) this.diagnostics.count('seal/false-state');
    }
  }

  /** Make final the seals that now can be (their sets are fixed in the chains). */
  #advanceSeals(added: ChainEntry[], dropped: ChainEntry[]): FinalSeal[] {
    this.#finalCountBefore = this.#seals.final?.count ?? 0;
    if (this.#seals.stale) {
      this.#rechain(added, dropped);
      this.#finalCountBefore = 0;
    }
    if (!this.#sealsToJudge || !this.#seals.hasNext) return [];
    this.#sealsToJudge = false;
    return this.#seals.advance((id) => this.#known.get(id), this.#chains, added, dropped, (i) => this.diagnostics.count(i));
  }

  /**
   * The owner sealed twice with one number, and the seal that counts arrived after the other was
   * made final here: chain every intent again from nothing (everything in the fold is dropped,
   * and what the new chains accept is added), and judge the seals anew. Costs a re-fold of the
   * zone's history; only the owner can cause it.
   */
  #rechain(added: ChainEntry[], dropped: ChainEntry[]): void {
    this.diagnostics.count('seal/rejudged');
    for (const e of this.#fold.entries) dropped.push(e);
    this.#seals.reset();
    this.#chains = this.#newChains();
    added.length = 0;
    for (const intent of this.#known.values()) {
      if (intent.action.kind !== 'seal') this.#chains.add(intent, added, dropped);
    }
    this.#sealsToJudge = true;
  }

  #newChains(): PlayerChains {
    const board = this.#board;
    const chains = board === null
      ? new PlayerChains(this.seed)
      : new PlayerChains(this.seed, (from, player, id) => this.#placeTravel(from, player, id), (from, player, id) => board.travelSealed(from, player, id));
    const snap = this.#snapshot;
    if (snap !== null) {
      chains.startFrom(snap.heads);
      chains.raiseFloor(snap.seal.point + 1, [], []);
    }
    return chains;
  }

  /**
   * The zone at its final seal, as a snapshot a new device can start from (replica/snapshot.ts),
   * or null before the first final seal. Heads are the whole sealed set's, departures those of
   * players whose sealed head took them out of the zone.
   */
  snapshot(): ZoneSnapshot | null {
    const final = this.#seals.final;
    return final === null ? null : this.#snapshotAt(final);
  }

  /**
   * The snapshot this replica's own fold gives at the final seal `sealId`, or null when it did not
   * fold through that seal itself (not final here yet, or the seal of the snapshot it started
   * from). What a device holding the history compares a cut's snapshot with (world-challenge.ts).
   */
  snapshotAt(sealId: string): ZoneSnapshot | null {
    const seal = this.#seals.finalById(sealId);
    return seal === undefined || seal.id === this.#snapshot?.seal.id ? null : this.#snapshotAt(seal);
  }

  #snapshotAt(final: FinalSeal): ZoneSnapshot {
    const heads: SnapshotHead[] = [];
    const departures: SnapshotDeparture[] = [];
    for (const player of [...final.sealed.keys()].sort(compareCodeUnits)) {
      const e = this.#chains.entry(player, final.sealed.get(player)!)!;
      heads.push({ player, seq: e.seq, id: e.id, signedTurn: e.intent.signedTurn, turn: e.turn, at: e.at, kind: e.intent.action.kind });
      const departure = this.#fold.crossings.departureOf(player, e.id);
      if (departure !== undefined) departures.push({ player, id: e.id, departure });
    }
    // A JSON copy: the snapshot is data to store and send, sharing nothing with the fold.
    const state = JSON.parse(JSON.stringify(this.#fold.stateAt(final.count))) as GameState;
    return { v: SNAPSHOT_VERSION, world: this.world, zone: this.zone, seal: { id: final.id, n: final.n, point: final.point, state: final.state }, heads, departures, state };
  }

  // BoardMember: an entry's place is final once the final seal's set holds it.
  sealedEntry(player: string, id: string): boolean {
    if (this.#baseHeads.get(player)?.id === id) return true;
    const intent = this.#known.get(id);
    if (intent === undefined || intent.player !== player || intent.seq > this.#chains.sealedSeq(player)) return false;
    return this.#chains.entry(player, intent.seq)?.id === id;
  }

  /** The final seal here (null: none yet). */
  get finalSeal(): FinalSeal | null {
    return this.#seals.final;
  }


  /**
   * What the owner's next seal here would say (heads, and the state after its set), sealing
   * every entry placed up to turn `upTo`, or null when that is fewer than `minTurns` turns past
   * the final seal. The caller signs it (seq = n, prev = the final seal's id, turn = point).
   */
  sealToWrite(upTo: number, minTurns: number): (SealProposal & { readonly n: number; readonly prev: string | null; readonly state: string }) | null {
    if (this.#seals.hasNext) return null; // one seal at a time: the last one written is not final here yet
    const final = this.#seals.final;
    const board = this.#board;
    // Arrives whose travels are not sealed yet wait for the next seal (else this one would wait for them).
    const ready = board === null ? () => true : (e: ChainEntry) => e.intent.action.kind !== 'arrive' || board.travelSealed(e.intent.action.from, e.player, e.intent.action.travel);
    const p = sealProposal(this.#fold.entries, final, upTo, minTurns, ready);
    if (p === null) return null;
    const state: GameState = this.#fold.stateAt(p.count);
    return { ...p, n: (final?.n ?? 0) + 1, prev: final?.id ?? null, state: this.#rules.hashState(state) };
  }

  get state(): GameState {
    return this.#fold.state;
  }
  get stateHash(): string {
    this.#hash ??= this.#rules.hashState(this.#fold.state);
    return this.#hash;
  }
  /** Number of intents folded. */
  get applied(): number {
    return this.#fold.length;
  }
  get headTurn(): number {
    return Math.max(this.#fold.headTurn, this.#snapshot?.seal.point ?? 0);
  }
  /** The fold, read-only, for tests and tools (entries in order, events per entry). */
  get fold(): OrderedFold {
    return this.#fold;
  }
  /**
   * True when `raw` under `key` fails a check that an entry vouched for by a cut skips (its
   * signature, its id, its key: epoch-ref.ts `AttestedTail`); checked with this replica's
   * verifier, so an entry already read here costs nothing. Schema failures are not counted:
   * every device refuses those alike, vouched for or not.
   */
  failsCryptoChecks(key: string, raw: string): boolean {
    const read = readIntent(key, raw, this.#expect, this.#verifier);
    return !read.ok && (read.reason === 'intent/bad-signature' || read.reason === 'intent/id-mismatch' || read.reason === 'intent/key-mismatch');
  }

  /** The verifier this replica reads with (its world's). */
  get verifier(): Verifier {
    return this.#verifier;
  }
  has(id: string): boolean {
    return this.#known.has(id);
  }
  /** The stored value of a known valid intent (to re-insert one someone deleted). */
  rawOf(id: string): string | null {
    return this.#known.get(id)?.raw ?? null;
  }
  /**
   * Another string stored under a known id. The log keeps one string per id on every replica:
   * a valid one (the same body with another valid signature) that sorts first in code-unit order
   * replaces ours here (same body, same outcome, no re-fold); anything else is answered by
   * writing ours back. So replicas holding different signatures of one intent settle on one
   * string, instead of rewriting each other's forever. True when ours should be written back.
   */
  keepsOwnString(key: string, value: unknown): boolean {
    const ours = this.#known.get(key);
    if (!ours || value === ours.raw) return false;
    if (typeof value !== 'string' || compareCodeUnits(value, ours.raw) > 0) return true;
    const read = readIntent(key, value, this.#expect, this.#verifier);
    if (!read.ok) {
      this.diagnostics.count(read.reason);
      return true;
    }
    this.#known.set(key, read.intent);
    this.#onValid?.(read.intent);
    this.diagnostics.count('log/other-signature');
    return false;
  }

  stoppedPlayers(): string[] {
    return this.#chains.stoppedPlayers();
  }

  /** Validate and fold log entries. Never throws. */
  ingest(entries: Iterable<readonly [key: string, value: unknown]>): FoldChange {
    const added: ChainEntry[] = [];
    const dropped: ChainEntry[] = [];
    // Indexing an array costs less per entry than the iterator protocol and destructuring.
    const list = Array.isArray(entries) ? (entries as readonly (readonly [string, unknown])[]) : [...entries];
    for (let i = 0; i < list.length; i++) {
      const entry = list[i]!;
      try {
        this.#ingestOne(entry[0], entry[1], added, dropped);
      } catch {
        this.diagnostics.count('intent/unexpected');
      }
    }
    if (added.length > 0 || dropped.length > 0) this.#sealsToJudge = true;
    const sealed = this.#advanceSeals(added, dropped);
    if (this.onTravelsAwaited !== null && this.#chains.waitsForAnyTravel()) this.onTravelsAwaited();
    if (added.length === 0 && dropped.length === 0) {
      if (sealed.length > 0) {
        // Nothing moved here, but a seal elsewhere may have waited for this one (see catchUp).
        this.#checkSealedStates(sealed);
        this.#board?.settle();
      }
      return EMPTY;
    }
    const change = this.#foldChanges(added, dropped, NO_IDS, sealed);
    this.#board?.settle();
    return change;
  }

  #ingestOne(key: string, value: unknown, added: ChainEntry[], dropped: ChainEntry[]): void {
    if (this.#known.has(key)) {
      this.diagnostics.count('intent/duplicate');
      return;
    }
    if (this.#rejected.size > 0 && this.#rejected.get(key) === value && value !== undefined) return;
    const read = readIntent(key, value, this.#expect, this.#verifier);
    if (!read.ok) {
      this.#rejected.set(key, value);
      this.diagnostics.count(read.reason);
      if (read.reason === 'intent/bad-signature' && typeof value === 'string') this.#onBadSignature?.(key, value);
      return;
    }
    const a = read.intent.action;
    if ((a.kind === 'join' || a.kind === 'retire') && a.succeeds !== undefined && !checkSuccession(a.succeeds, read.intent.player, this.world)) {
      // Only the key of the character it names may hand it on (else anyone could retire anyone).
      this.#rejected.set(key, value);
      this.diagnostics.count('intent/bad-succession');
      return;
    }
    if (a.kind === 'join' && this.#member !== null && !checkMembership(a.member, this.#member, this.world, read.intent.player)) {
      // Only the play link makes members: whoever holds the watch link reads, and cannot join.
      this.#rejected.set(key, value);
      this.diagnostics.count('intent/not-member');
      return;
    }
    if (isModerationKind(a.kind) && !this.#appointed(a as ActionOf<ModerationKind>, read.intent.player)) {
      // Moderation is the owner's, and the moderators' they named (whether `by` is one here is the rules' to say).
      this.#rejected.set(key, value);
      this.diagnostics.count('intent/not-moderator');
      return;
    }
    if (a.kind === 'moved' && (this.#owner === null || a.appointed.by !== undefined || !checkAppointment(a.appointed, read.intent.player, this.#owner, this.world))) {
      // Moving the world is the owner's alone: anyone else's MOVED is junk here, as everywhere.
      this.#rejected.set(key, value);
      this.diagnostics.count('intent/not-owner');
      return;
    }
    this.#known.set(key, read.intent);
    this.#onValid?.(read.intent);
    if (a.kind === 'seal') {
      const issue = this.#seals.add(read.intent);
      if (issue !== null) this.diagnostics.count(issue);
      if (issue !== 'seal/not-owner') this.#sealsToJudge = true;
      return;
    }
    const issue = this.#chains.add(read.intent, added, dropped);
    if (issue !== null) this.diagnostics.count(issue);
  }

  /**
   * A moderation intent's appointment verifies (docs/intent-format.md, "Moderation and
   * moderators"): without `by`, the owner's key signed the author's id; with `by`, that player's
   * key did (`by` is the hash of it), `by` is not the owner, and the target is not the owner
   * (whom no moderator may touch). Stateless, so identical on every replica; whether `by` is a
   * moderator is the rules' to judge.
   */
  #appointed(a: ActionOf<ModerationKind>, author: string): boolean {
    const owner = this.#owner;
    if (owner === null) return false;
    const by = a.appointed.by;
    if (by === undefined) return checkAppointment(a.appointed, author, owner, this.world);
    return by !== owner && a.target !== owner && checkAppointment(a.appointed, author, by, this.world);
  }

  /**
   * Chain fields for the player's next intent here; `now` is clamped to their chain. `after`: a
   * turn the intent must follow (an arrive follows its travel's turn in the zone left, so it is
   * placed where it was signed: docs/finality.md).
   */
  nextFields(player: string, now: number, after = 0): NextFields {
    const head = this.#chains.head(player);
    // Our own intents may wait after the head (an arrive whose travel's zone is not loaded yet):
    // the next one goes after them, not beside them.
    const tip = this.#chains.tip(player);
    return {
      seq: tip ? tip.seq + 1 : 1,
      prev: tip ? tip.id : null,
      turn: Math.max(this.#fold.headTurnAtMost(TURN_SOFT_MAX), this.#snapshot?.seal.point ?? 0, head?.turn ?? 0, tip?.signedTurn ?? 0, Math.min(after, TURN_SOFT_MAX)) + 1,
      at: Math.max(Math.floor(now), tip?.at ?? 0),
    };
  }

  /** Highest seq the player has signed in this zone's log as seen here (0: none). */
  highestSeq(player: string): number {
    return this.#chains.highestSeq(player);
  }

  /** True when the player may still write here (their chain was not stopped). */
  canWrite(player: string): boolean {
    return !this.#chains.isStopped(player) && this.#chains.highestSeq(player) === (this.#chains.tip(player)?.seq ?? 0);
  }
}
