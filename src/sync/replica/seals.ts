/**
 * The owner's seals of one zone (docs/finality.md "Seals"): which seal is final, and what a new
 * one should say. A seal is a signed entry of the zone's log with kind `seal`, by the world's
 * owner (named by the world key), outside every player's chain. Its envelope's `seq` is its
 * number n, `prev` the seal before it; its `heads` name, for each player whose sealed prefix
 * moved, the last sealed entry `[player, seq, id]`. The sealed set is, for each player, the chain
 * prefix that ends there (found by following `prev`), so a seal does not depend on the order in
 * which a replica accepted anything.
 *
 * The final seal is found by walking n = 1, 2, ...: among the seals of number n that name the
 * final seal of n - 1 as `prev`, the one with the smallest id that is well formed counts. It
 * becomes final once this replica holds every entry its set names and can place them all;
 * until then it is pending, and so is everything after it. Once final, its set is fixed in the
 * chains (a second candidate for a sealed seq never wins: PlayerChains.seal), and every entry
 * outside it is placed after its point (PlayerChains.raiseFloor): a late intent is folded after
 * the final part, never into it.
 *
 *   const seals = new SealChain(owner);
 *   seals.add(verifiedSeal);                               // SealIssue | null
 *   const fresh = seals.advance(known, chains, added, dropped, count); // newly final seals
 *   const next = sealProposal(fold.entries, seals.final, cutoffAt, minTurns);
 */
import type { VerifiedIntent } from '../intent/intent.ts';
import { SEAL_MAX_HEADS, type SealAction } from '../intent/sync-action.ts';
import { compareCodeUnits } from '../../content/canonical.ts';
import type { ChainEntry, PlayerChains } from './player-chains.ts';

export type SealIssue = 'seal/not-owner' | 'seal/invalid' | 'seal/equivocation' | 'seal/false-state' | 'seal/before-snapshot';

export interface FinalSeal {
  readonly id: string;
  readonly n: number;
  /** The highest placed turn of the sealed set: every entry outside it is placed after this. */
  readonly point: number;
  /** The sealed seq of each player (the whole set, not only this seal's heads). */
  readonly sealed: ReadonlyMap<string, number>;
  /** How many entries the set holds: they are the fold's first `count` entries. */
  readonly count: number;
  /** The state hash the owner signed for the set. */
  readonly state: string;
}

/** A seal's heads and where its set ends in the fold (what the owner's device signs next). */
export interface SealProposal {
  readonly heads: SealAction['heads'];
  /** The set's size: the fold's first `count` entries. */
  readonly count: number;
  readonly point: number;
}

type Verdict = 'pending' | 'invalid' | Map<string, VerifiedIntent[]>;

export class SealChain {
  readonly #owner: string | null;
  /** Every seal by the owner, by number. */
  readonly #byN = new Map<number, VerifiedIntent[]>();
  /** Seals found ill-formed against the seal they follow (a function of the two: never changes). */
  readonly #invalid = new Set<string>();
  /** The final seals, in order (the last is `final`); the first is `#base` when there is one. */
  #finals: FinalSeal[] = [];
  /** A seal arrived that may count before one already final here: the zone must be judged anew (`reset`). */
  #stale = false;
  /** The seal of the snapshot this replica started from (null: it folded the history). */
  readonly #base: FinalSeal | null;

  constructor(owner: string | null, base: FinalSeal | null = null) {
    this.#owner = owner;
    this.#base = base;
    if (base !== null) this.#finals.push(base);
  }

  /** The final seal of number n, if this replica made it final (or started from it). */
  #finalOf(n: number): FinalSeal | undefined {
    return this.#finals[n - (this.#base?.n ?? 1)];
  }

  get final(): FinalSeal | null {
    return this.#finals[this.#finals.length - 1] ?? null;
  }

  /** The final seal `id`, if this replica made it final (or started from it). */
  finalById(id: string): FinalSeal | undefined {
    for (let i = this.#finals.length - 1; i >= 0; i--) if (this.#finals[i]!.id === id) return this.#finals[i];
    return undefined;
  }

  /**
   * True when a seal arrived with a smaller id than the final seal of its number, following the
   * same seal: the owner sealed twice (two of their devices, or on purpose), and the smaller id
   * counts. Everything this replica fixed from that seal on is then judged anew (`reset`, and
   * the caller rebuilds its chains).
   */
  get stale(): boolean {
    return this.#stale;
  }

  /** Forget which seals are final (every seal is kept, and judged again by `advance`). */
  reset(): void {
    this.#finals = this.#base === null ? [] : [this.#base];
    this.#invalid.clear();
    this.#stale = false;
  }

  /** True when a seal after the final one is held (it may become final). */
  get hasNext(): boolean {
    return this.#byN.has((this.final?.n ?? 0) + 1);
  }

  add(seal: VerifiedIntent): SealIssue | null {
    if (this.#owner === null || seal.player !== this.#owner) return 'seal/not-owner';
    // The snapshot's seal and those before it are history here: nothing below it can be judged.
    if (this.#base !== null && seal.seq <= this.#base.n) return 'seal/before-snapshot';
    const counted = this.#finalOf(seal.seq);
    if (counted !== undefined && seal.prev === (this.#finalOf(seal.seq - 1)?.id ?? null) && compareCodeUnits(seal.id, counted.id) < 0) this.#stale = true;
    const list = this.#byN.get(seal.seq);
    if (list === undefined) {
      this.#byN.set(seal.seq, [seal]);
      return null;
    }
    list.push(seal);
    return 'seal/equivocation';
  }

  /**
   * Make final every seal that now can be, in order; their sets are fixed in `chains` (entries
   * pushed onto `accepted` and `dropped` as the chains change). Returns the newly final seals.
   */
  advance(known: (id: string) => VerifiedIntent | undefined, chains: PlayerChains, accepted: ChainEntry[], dropped: ChainEntry[], issue: (i: SealIssue) => void): FinalSeal[] {
    const out: FinalSeal[] = [];
    for (;;) {
      const final = this.final;
      const prev = final?.id ?? null;
      const candidates = (this.#byN.get((final?.n ?? 0) + 1) ?? [])
        .filter((s) => s.prev === prev && !this.#invalid.has(s.id))
        .sort((a, b) => compareCodeUnits(a.id, b.id));
      let next: FinalSeal | null = null;
      for (const seal of candidates) {
        const verdict = this.#judge(seal, known, chains);
        if (verdict === 'pending') return out;
        if (verdict === 'invalid') {
          this.#invalid.add(seal.id);
          issue('seal/invalid');
          continue;
        }
        next = this.#fix(seal, verdict, chains, accepted, dropped);
        break;
      }
      if (next === null) return out;
      this.#finals.push(next);
      out.push(next);
    }
  }

  /** The seal's set beyond the final one, player by player (each path in seq order), if it can be fixed now. */
  #judge(seal: VerifiedIntent, known: (id: string) => VerifiedIntent | undefined, chains: PlayerChains): Verdict {
    const a = seal.action as SealAction;
    const before = this.final?.sealed;
    const paths = new Map<string, VerifiedIntent[]>();
    let last = '';
    for (const [player, seq, id] of a.heads) {
      if (compareCodeUnits(player, last) <= 0) return 'invalid';
      last = player;
      const from = before?.get(player) ?? 0;
      if (seq <= from) return 'invalid';
      const path: VerifiedIntent[] = [];
      let at: string | null = id;
      for (let s = seq; s > from; s--) {
        const intent: VerifiedIntent | undefined = at === null ? undefined : known(at);
        if (intent === undefined) return at === null ? 'invalid' : 'pending';
        if (intent.player !== player || intent.seq !== s || intent.action.kind === 'seal') return 'invalid';
        const next = path[path.length - 1];
        if (next !== undefined && next.signedTurn <= intent.signedTurn) return 'invalid';
        path.push(intent);
        at = intent.prev;
      }
      path.reverse();
      if (from > 0) {
        const head = chains.entry(player, from);
        if (head === undefined || path[0]!.prev !== head.id || path[0]!.signedTurn <= head.intent.signedTurn) return 'invalid';
      } else if (path[0]!.prev !== null) return 'invalid';
      if (!chains.agrees(player, path)) return 'invalid';
      if (!chains.canSeal(path)) return 'pending';
      paths.set(player, path);
    }
    return paths;
  }

  #fix(seal: VerifiedIntent, paths: Map<string, VerifiedIntent[]>, chains: PlayerChains, accepted: ChainEntry[], dropped: ChainEntry[]): FinalSeal {
    const before = this.final;
    const sealed = new Map(before?.sealed ?? []);
    let count = before?.count ?? 0;
    let point = before?.point ?? 0;
    for (const [player, path] of paths) {
      chains.seal(player, path, accepted, dropped);
      const seq = path[path.length - 1]!.seq;
      sealed.set(player, seq);
      count += path.length;
      point = Math.max(point, chains.entry(player, seq)!.turn);
    }
    chains.raiseFloor(point + 1, accepted, dropped);
    return { id: seal.id, n: seal.seq, point, sealed, count, state: (seal.action as SealAction).state };
  }
}

/**
 * What the owner's next seal would say, or null when there is nothing to seal: every fold entry
 * placed at or before turn `upTo`, up to the turn of the first one not `ready` (an arrive whose
 * travel is not sealed yet), when that is at least `minTurns` turns past the final seal's point. A seal names at most SEAL_MAX_HEADS players; with more, it ends before the turn of the
 * first one over.
 */
export function sealProposal(entries: readonly ChainEntry[], final: FinalSeal | null, upTo: number, minTurns: number, ready: (e: ChainEntry) => boolean = () => true): SealProposal | null {
  const from = final?.count ?? 0;
  let end = from;
  while (end < entries.length && entries[end]!.turn <= upTo && ready(entries[end]!)) end++;
  if (end < entries.length && entries[end]!.turn <= upTo) {
    // Not ready (an arrive whose travel is not sealed in its zone yet): the set ends before its turn.
    const turn = entries[end]!.turn;
    while (end > from && entries[end - 1]!.turn === turn) end--;
  }
  const last = new Map<string, ChainEntry>();
  for (let i = from; i < end; i++) {
    const e = entries[i]!;
    if (!last.has(e.player) && last.size === SEAL_MAX_HEADS) {
      end = i;
      while (end > from && entries[end - 1]!.turn === e.turn) end--;
      break;
    }
    last.set(e.player, e);
  }
  if (end === from) return null;
  const point = entries[end - 1]!.turn;
  if (point - (final?.point ?? 0) < minTurns) return null;
  // Each player's last entry in the set (cut back to `end` if the cap moved it).
  last.clear();
  for (let i = from; i < end; i++) last.set(entries[i]!.player, entries[i]!);
  const heads = [...last.values()].sort((a, b) => compareCodeUnits(a.player, b.player)).map((e) => [e.player, e.seq, e.id] as [string, number, string]);
  return { heads, count: end, point };
}

/**
 * When the owner's device saw its fold's head reach each turn (its own clock: never read by the
 * rules). A seal's point is the head as it was `H_MS` ago, so that what honest players signed
 * since, and what is still on its way, is not made late; entries' own `at`, which their authors
 * choose, play no part.
 *
 *   history.note(Date.now(), replica.headTurn);   // after each fold
 *   history.turnAt(Date.now() - H_MS)             // the head then (0: none known)
 */
export class HeadHistory {
  readonly #times: number[] = [];
  readonly #turns: number[] = [];

  note(now: number, headTurn: number): void {
    const n = this.#turns.length;
    if (n > 0 && this.#turns[n - 1]! >= headTurn) return;
    this.#times.push(now);
    this.#turns.push(headTurn);
  }

  /** The head turn as it was at `time`, forgetting what is older (0 when nothing that old is known). */
  turnAt(time: number): number {
    let i = 0;
    while (i < this.#times.length && this.#times[i]! <= time) i++;
    if (i === 0) return 0;
    const turn = this.#turns[i - 1]!;
    this.#times.splice(0, i - 1);
    this.#turns.splice(0, i - 1);
    return turn;
  }
}
