/**
 * Per-player intent chains in one zone: which of a player's signed intents are foldable.
 *
 * For each player, the accepted chain is the longest run seq 1, 2, ... k where each seq has
 * exactly one signed candidate, seq 1 has prev = null, each later one names its predecessor's id
 * as prev, and turns strictly increase. This is a function of the set of intents seen, not of the
 * order they arrived in, so every replica holding the same intents accepts the same ones.
 * Two candidates for one seq (equivocation), or one that does not link, stop the chain there for
 * good: that seq and everything after it are dropped, including ones already folded.
 * Each accepted intent's game time is its `at` clamped to be non-decreasing along the chain.
 *
 * With a `placeTravel` (a world that verifies crossings, docs/finality.md "Verified crossings"),
 * an `arrive` is accepted only once the intent it names is an accepted entry of the same author's
 * chain in the zone it names; until then it waits, with the rest of the author's chain here.
 * Each entry is placed at turn max(signed turn, previous entry's placed turn + 1, and for an
 * arrive, the travel's placed turn + 1): a crossing is a Lamport message between zones. An
 * arrive whose travel is later dropped there (equivocation) goes back to waiting, with what
 * followed it (`unplace`).
 *
 *   const issue = chains.add(verified, accepted, dropped); // pushes onto the two arrays; ChainIssue | null
 */
import { placeIntent, type PlacedIntent, type VerifiedIntent } from '../intent/intent.ts';
import { lotteryKey, lotteryTicket, type LotteryKey, type OrderKey } from './order.ts';
import type { SnapshotHead } from './snapshot.ts';

/** One accepted intent: its order key and the game time the fold uses (see `placeIntent`). */
export type ChainEntry = PlacedIntent & OrderKey;

export type ChainIssue = 'chain/duplicate' | 'chain/equivocation' | 'chain/broken-link' | 'chain/after-stop' | 'chain/equivocation-after-seal' | 'chain/before-snapshot' | 'chain/arrive-out-of-journey';

/**
 * The placed turn of `player`'s accepted entry `id` in zone `from` (what an arrive there names),
 * or undefined while that is not known here (the zone not held, the travel not arrived, or never
 * made).
 */
export type PlaceTravel = (from: string, player: string, id: string) => number | undefined;

type Accepting = 'accepted' | 'broken' | 'waits-for-travel';

/** The signed intents seen for one seq: usually one, an array once a second one arrives. */
type Candidates = VerifiedIntent | VerifiedIntent[];

/**
 * Every signed intent seen for a seq is one of its candidates: an accepted seq's only candidate
 * is its entry's intent, so only seqs not (or no longer) accepted are kept in `waiting`, and an
 * intent that extends the chain in order touches no map.
 */
interface Chain {
  /** The player's lottery key in this world (order.ts), worked out once. */
  readonly key: LotteryKey;
  readonly waiting: Map<number, Candidates>;
  readonly accepted: ChainEntry[];
  /**
   * Seq at which the chain stopped for good, or null. Every accepted seq is below it. It only
   * ever decreases, but for a seal: a seal names the candidate that counts up to its head, and
   * other candidates for those seqs are ignored from then on, so a stop among them is lifted
   * (docs/finality.md "What changes in chains").
   */
  stoppedAt: number | null;
  /** The highest seq the final seal covers (0: none): entries up to it are never dropped. */
  sealed: number;
}

export class PlayerChains {
  readonly #chains = new Map<string, Chain>();
  readonly #seed: number;
  readonly #placeTravel: PlaceTravel | null;
  /** Players whose next seq is an arrive waiting for its travel. */
  readonly #waitingForTravel = new Set<string>();
  /**
   * The lowest turn an entry beyond its chain's sealed head is placed at: the final seal's point
   * + 1 (0 without seals). A late intent sorts after the sealed part (docs/finality.md "Late intents").
   */
  #floor = 0;
  /** The placed turn of the travel each accepted arrive was placed after (to place it again). */
  readonly #travelTurns = new Map<string, number>();

  /** Whether a travel in another zone is sealed there (null: crossings are not verified). */
  readonly #travelSealed: ((from: string, player: string, id: string) => boolean) | null;

  constructor(worldSeed: number, placeTravel: PlaceTravel | null = null, travelSealed: ((from: string, player: string, id: string) => boolean) | null = null) {
    this.#seed = worldSeed;
    this.#placeTravel = placeTravel;
    this.#travelSealed = travelSealed;
  }

  /**
   * Start from a snapshot's sealed heads (replica/snapshot.ts): each chain goes on from its head,
   * which counts as sealed; what was signed for the seqs up to it is history, not held here.
   * Call on fresh chains, then `raiseFloor(point + 1)`.
   */
  startFrom(heads: readonly SnapshotHead[]): void {
    for (const h of heads) {
      const key = lotteryKey(this.#seed, h.player);
      const stub = { id: h.id, player: h.player, seq: h.seq, signedTurn: h.signedTurn, signedAt: h.at, turn: h.turn, prev: null, action: { kind: h.kind } } as unknown as VerifiedIntent;
      const head: ChainEntry = { id: h.id, seq: h.seq, turn: h.turn, lottery: lotteryTicket(key, h.turn), player: h.player, at: h.at, intent: stub };
      // Only the head is held: the seqs below it are holes nothing reads (`#again` says so).
      const accepted: ChainEntry[] = [];
      accepted[h.seq - 1] = head;
      this.#chains.set(h.player, { key, waiting: new Map(), accepted, stoppedAt: null, sealed: h.seq });
    }
  }

  /**
   * Record a signed intent; pushes the entries it makes foldable onto `accepted` and the ones it
   * drops (equivocation) onto `dropped`, so a batch allocates no change object per intent.
   */
  add(intent: VerifiedIntent, accepted: ChainEntry[], dropped: ChainEntry[]): ChainIssue | null {
    const { player, seq } = intent;
    let chain = this.#chains.get(player);
    if (!chain) {
      chain = { key: lotteryKey(this.#seed, player), waiting: new Map(), accepted: [], stoppedAt: null, sealed: 0 };
      this.#chains.set(player, chain);
    }
    const next = chain.accepted.length + 1;
    if (seq < next) return this.#again(chain, intent, dropped);
    if (seq === next && chain.stoppedAt === null && chain.waiting.size === 0) {
      const r = this.#accept(chain, intent, accepted);
      if (r === 'accepted') return null;
      chain.waiting.set(seq, intent);
      if (r === 'waits-for-travel') {
        this.#waitingForTravel.add(player);
        return null;
      }
      chain.stoppedAt = seq;
      return 'chain/broken-link';
    }
    const atSeq = chain.waiting.get(seq);
    let count = 1;
    if (atSeq === undefined) chain.waiting.set(seq, intent);
    else if (Array.isArray(atSeq)) {
      if (atSeq.some((c) => c.id === intent.id)) return 'chain/duplicate';
      count = atSeq.push(intent);
    } else {
      if (atSeq.id === intent.id) return 'chain/duplicate';
      chain.waiting.set(seq, [atSeq, intent]);
      count = 2;
    }
    if (chain.stoppedAt !== null && seq >= chain.stoppedAt) return count > 1 ? 'chain/equivocation' : 'chain/after-stop';
    if (seq !== next) return null; // waits for its predecessors
    return this.#extend(player, chain, accepted);
  }

  /**
   * Accept what waited for a travel that is now placed in its zone (with everything after it in
   * those chains); pushes the entries onto `accepted`. Returns how many were accepted.
   */
  retryWaitingArrives(accepted: ChainEntry[]): number {
    const before = accepted.length;
    for (const player of [...this.#waitingForTravel]) {
      this.#waitingForTravel.delete(player);
      const chain = this.#chains.get(player)!;
      if (chain.stoppedAt === null) this.#extend(player, chain, accepted);
    }
    return accepted.length - before;
  }

  waitsForAnyTravel(): boolean {
    return this.#waitingForTravel.size > 0;
  }

  /** The zones whose travels the waiting arrives here name. */
  travelsAwaited(): Set<string> {
    const out = new Set<string>();
    for (const player of this.#waitingForTravel) {
      const chain = this.#chains.get(player)!;
      const next = chain.waiting.get(chain.accepted.length + 1);
      if (next !== undefined && !Array.isArray(next) && next.action.kind === 'arrive') out.add(next.action.from);
    }
    return out;
  }

  /** True while `player`'s chain here waits for the travel its next arrive names. */
  waitsForTravel(player: string): boolean {
    return this.#waitingForTravel.has(player);
  }

  /**
   * The travel that `player`'s accepted arrive of `seq` names is gone from its zone (its chain
   * there was dropped): the arrive and everything after it go back to waiting (pushed onto
   * `dropped`), as if they had not arrived yet.
   */
  unplace(player: string, seq: number, dropped: ChainEntry[]): void {
    const chain = this.#chains.get(player);
    if (!chain || seq > chain.accepted.length) return;
    const gone = chain.accepted.splice(seq - 1);
    for (const e of gone) {
      chain.waiting.set(e.seq, e.intent);
      dropped.push(e);
    }
    this.#waitingForTravel.add(player);
  }

  /** An intent for a seq already accepted: the same one again, or a second signed one. */
  #again(chain: Chain, intent: VerifiedIntent, dropped: ChainEntry[]): ChainIssue {
    const seq = intent.seq;
    const held = chain.accepted[seq - 1];
    // Below the snapshot this replica started from: history it does not hold, read as sealed.
    if (held === undefined) return 'chain/before-snapshot';
    if (held.intent.id === intent.id) return 'chain/duplicate';
    // The sealed candidate stands, with what it did to others; another one for its seq can undo
    // nothing, and is ignored (docs/finality.md "What changes in chains").
    if (seq <= chain.sealed) return 'chain/equivocation-after-seal';
    // Equivocation: drop the branch from here on. The dropped intents stay candidates of their
    // seqs, so what arrives for those seqs later is judged as if they had never been accepted.
    chain.stoppedAt = seq;
    this.#waitingForTravel.delete(intent.player);
    const gone = chain.accepted.splice(seq - 1);
    chain.waiting.set(seq, [held.intent, intent]);
    for (let i = 1; i < gone.length; i++) chain.waiting.set(seq + i, gone[i]!.intent);
    for (const e of gone) dropped.push(e);
    return 'chain/equivocation';
  }

  /**
   * The final seal names `path` (the player's intents from their previous sealed seq + 1 up to
   * its head, in seq order, each linking to the one before): accept them as the chain's entries
   * there, whatever else was signed for those seqs (those others are ignored from now on),
   * placed as usual; then the chain goes on as usual. The caller checked that `path` links and
   * that `canSeal` holds. Pushes onto `accepted`.
   */
  seal(player: string, path: readonly VerifiedIntent[], accepted: ChainEntry[], _dropped: ChainEntry[]): void {
    const chain = this.#chains.get(player)!;
    const head = chain.sealed + path.length;
    for (const intent of path) {
      if (intent.seq > chain.accepted.length) {
        chain.waiting.delete(intent.seq);
        this.#acceptPlaced(chain, intent, accepted);
      }
    }
    // Whatever else was signed for a sealed seq no longer counts: it is ignored, not a stop.
    for (const seq of [...chain.waiting.keys()]) if (seq <= head) chain.waiting.delete(seq);
    if (chain.stoppedAt !== null && chain.stoppedAt <= head) chain.stoppedAt = null;
    chain.sealed = head;
    if (chain.stoppedAt === null) {
      this.#waitingForTravel.delete(player);
      this.#extend(player, chain, accepted);
    }
  }

  /**
   * True when every intent of `path` not yet accepted could be placed now (an arrive's travel
   * is placed in its zone), and every arrive in it names a travel sealed in its zone: a seal is
   * final only once its whole set is placed, where nothing can move it any more.
   */
  canSeal(path: readonly VerifiedIntent[]): boolean {
    if (this.#placeTravel === null) return true;
    for (const intent of path) {
      const a = intent.action;
      if (a.kind !== 'arrive') continue;
      // Where an arrive is placed follows its travel: final only once the travel is.
      if (this.#travelSealed !== null && !this.#travelSealed(a.from, intent.player, a.travel)) return false;
      const chain = this.#chains.get(intent.player);
      if (chain !== undefined && intent.seq <= chain.accepted.length && chain.accepted[intent.seq - 1]!.id === intent.id) continue;
      if (this.#placeTravel(a.from, intent.player, a.travel) === undefined) return false;
    }
    return true;
  }

  /** The accepted entries of `player` agree with `path`'s ids wherever both hold a seq. */
  agrees(player: string, path: readonly VerifiedIntent[]): boolean {
    const chain = this.#chains.get(player);
    if (chain === undefined) return path.length === 0;
    return path.every((intent) => intent.seq > chain.accepted.length || chain.accepted[intent.seq - 1]!.id === intent.id);
  }

  /** The sealed seq of `player` (0: none) and the accepted entry of a seq. */
  sealedSeq(player: string): number {
    return this.#chains.get(player)?.sealed ?? 0;
  }
  entry(player: string, seq: number): ChainEntry | undefined {
    return this.#chains.get(player)?.accepted[seq - 1];
  }

  /**
   * The final seal's point moved to `floor - 1`: every entry beyond its chain's sealed head is
   * placed at `floor` or later. Entries whose place changes are replaced by new entry objects
   * (the old ones pushed onto `dropped`, the new onto `accepted`). Only entries at or below the
   * new point move: for honest logs, a few late ones.
   */
  raiseFloor(floor: number, accepted: ChainEntry[], dropped: ChainEntry[]): void {
    if (floor <= this.#floor) return;
    this.#floor = floor;
    for (const chain of this.#chains.values()) {
      if (chain.accepted.length > chain.sealed && chain.accepted[chain.sealed]!.turn < floor) this.#placeAgain(chain, chain.sealed, accepted, dropped);
    }
  }

  /**
   * An accepted arrive's travel is now placed at `travelTurn` in its zone (the zone left re-placed
   * it): place the arrive, and what follows it, again.
   */
  travelMoved(player: string, seq: number, travelTurn: number, accepted: ChainEntry[], dropped: ChainEntry[]): void {
    const chain = this.#chains.get(player);
    const e = chain?.accepted[seq - 1];
    if (chain === undefined || e === undefined) return;
    this.#travelTurns.set(e.id, travelTurn);
    this.#placeAgain(chain, seq - 1, accepted, dropped);
  }

  /** The placed turn of the travel that the accepted arrive `id` was placed after, if any. */
  travelTurnOf(id: string): number | undefined {
    return this.#travelTurns.get(id);
  }

  /**
   * Place accepted entries from index `from` on again, while their place changes. An arrive whose
   * travel is now placed at or before the entry before it goes back to waiting, with what
   * follows it (see `#acceptPlaced`): the rule reads the places as they end up, not as they were
   * when the arrive was first accepted.
   */
  #placeAgain(chain: Chain, from: number, accepted: ChainEntry[], dropped: ChainEntry[]): void {
    for (let i = from; i < chain.accepted.length; i++) {
      const e = chain.accepted[i]!;
      const before = chain.accepted[i - 1];
      const travelTurn = this.#travelTurns.get(e.id);
      if (travelTurn !== undefined && before !== undefined && travelTurn <= before.turn && before.intent.action.kind === 'travel' && e.seq > chain.sealed) {
        for (const gone of chain.accepted.splice(i)) {
          chain.waiting.set(gone.seq, gone.intent);
          dropped.push(gone);
        }
        this.#waitingForTravel.add(e.player);
        return;
      }
      const turn = this.#turnOf(chain, e.intent, before, travelTurn);
      if (turn === e.turn) break;
      const moved: ChainEntry = { id: e.id, seq: e.seq, turn, lottery: lotteryTicket(chain.key, turn), player: e.player, at: e.at, intent: e.intent };
      chain.accepted[i] = moved;
      dropped.push(e);
      accepted.push(moved);
    }
  }

  /** Where an intent extending `before` is placed (docs/finality.md "Placed turns" and "Late intents"). */
  #turnOf(chain: Chain, intent: VerifiedIntent, before: ChainEntry | undefined, travelTurn: number | undefined): number {
    let turn = before === undefined || intent.signedTurn > before.turn ? intent.signedTurn : before.turn + 1;
    if (travelTurn !== undefined && travelTurn >= turn) turn = travelTurn + 1;
    if (intent.seq > chain.sealed && turn < this.#floor) turn = this.#floor;
    return turn;
  }

  /** Accept the waiting intents that now extend the chain in order. */
  #extend(player: string, chain: Chain, out: ChainEntry[]): ChainIssue | null {
    for (;;) {
      const seq = chain.accepted.length + 1;
      const intent = chain.waiting.get(seq);
      if (intent === undefined) return null;
      if (Array.isArray(intent)) {
        chain.stoppedAt = seq;
        return 'chain/equivocation';
      }
      const r = this.#accept(chain, intent, out);
      if (r === 'waits-for-travel') {
        this.#waitingForTravel.add(player);
        return null;
      }
      if (r === 'broken') {
        chain.stoppedAt = seq;
        return 'chain/broken-link';
      }
      chain.waiting.delete(seq);
    }
  }

  /** Appends `intent` (the next seq) when it links to the chain's head and, for an arrive, its travel is placed. */
  #accept(chain: Chain, intent: VerifiedIntent, out: ChainEntry[]): Accepting {
    const before = chain.accepted[chain.accepted.length - 1];
    const links = before === undefined ? intent.prev === null : intent.prev === before.id && intent.signedTurn > before.intent.signedTurn;
    if (!links) return 'broken';
    return this.#acceptPlaced(chain, intent, out) ? 'accepted' : 'waits-for-travel';
  }

  /**
   * Place `intent` (which links to the chain's head) and append it; false while its travel is not
   * placed, or is placed at or before the author's previous entry here. A journey is one line of
   * Lamport steps through the zones, so an honest arrive always names a travel placed after
   * everything its author did here before; one that does not (a second arrive naming an old
   * travel: a copy of a character) waits, as if its travel were unknown. That needs no memory of
   * every arrive in history, so a replica started from a snapshot judges it the same way.
   */
  #acceptPlaced(chain: Chain, intent: VerifiedIntent, out: ChainEntry[]): boolean {
    const before = chain.accepted[chain.accepted.length - 1];
    const action = this.#placeTravel === null ? null : intent.action;
    let travelTurn: number | undefined;
    if (action !== null && action.kind === 'arrive') {
      travelTurn = this.#placeTravel!(action.from, intent.player, action.travel);
      if (travelTurn === undefined || (before !== undefined && travelTurn <= before.turn && before.intent.action.kind === 'travel')) return false;
      this.#travelTurns.set(intent.id, travelTurn);
    }
    const turn = this.#turnOf(chain, intent, before, travelTurn);
    const entry = placeIntent(intent, turn, lotteryTicket(chain.key, turn), before === undefined ? intent.signedAt : Math.max(intent.signedAt, before.at));
    chain.accepted.push(entry);
    out.push(entry);
    return true;
  }

  /** The placed turn of `player`'s entry of `seq` here, if it is accepted and is `id`. */
  placedTurnOf(player: string, seq: number, id: string): number | undefined {
    const e = this.#chains.get(player)?.accepted[seq - 1];
    return e !== undefined && e.id === id ? e.turn : undefined;
  }

  /** The accepted head of a player's chain (what their next intent must extend). */
  head(player: string): ChainEntry | null {
    const chain = this.#chains.get(player);
    return chain?.accepted[chain.accepted.length - 1] ?? null;
  }

  /**
   * The last intent of `player`'s unbroken run here: the accepted head, then the intents after it
   * that wait (an arrive whose travel's zone is not held yet, and what follows it), each the only
   * one for its seq and linking to the one before. What their next intent must extend: signing
   * after the accepted head while their own later intents wait would fork their own chain.
   */
  tip(player: string): { readonly seq: number; readonly id: string; readonly signedTurn: number; readonly at: number } | null {
    const chain = this.#chains.get(player);
    const head = chain?.accepted[chain.accepted.length - 1];
    if (!chain || !head) return null;
    let tip = { seq: head.seq, id: head.id, signedTurn: head.intent.signedTurn, at: head.at };
    if (chain.stoppedAt !== null) return tip;
    for (;;) {
      const next = chain.waiting.get(tip.seq + 1);
      if (next === undefined || Array.isArray(next) || next.prev !== tip.id || next.signedTurn <= tip.signedTurn) return tip;
      tip = { seq: next.seq, id: next.id, signedTurn: next.signedTurn, at: Math.max(tip.at, next.signedAt) };
    }
  }

  /** Highest seq the player has signed here, accepted or not (a writer must go past it). */
  highestSeq(player: string): number {
    const chain = this.#chains.get(player);
    if (!chain) return 0;
    let max = chain.accepted.length;
    for (const s of chain.waiting.keys()) if (s > max) max = s;
    return max;
  }

  isStopped(player: string): boolean {
    return (this.#chains.get(player)?.stoppedAt ?? null) !== null;
  }

  /** Players whose chain stopped on equivocation or a broken link, sorted. */
  stoppedPlayers(): string[] {
    return [...this.#chains].filter(([, c]) => c.stoppedAt !== null).map(([p]) => p).sort();
  }
}
