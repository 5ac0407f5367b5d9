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
 *   const issue = chains.add(verified, accepted, dropped); // pushes onto the two arrays; ChainIssue | null
 */
import type { VerifiedIntent } from './intent.ts';
import { lotteryOf, type OrderKey } from './order.ts';

export interface ChainEntry extends OrderKey {
  readonly intent: VerifiedIntent;
  readonly player: string;
  /** `at` clamped non-decreasing along the player's chain: the game time the fold uses. */
  readonly at: number;
}

/**
 * The lottery is a sha256 (the largest cost of accepting an intent after its own checks), and
 * the order only reads it to break a tie of turns, so it is worked out on first read.
 */
class AcceptedEntry implements ChainEntry {
  readonly id: string;
  readonly player: string;
  readonly seq: number;
  readonly turn: number;
  readonly #seed: number;
  #lottery: string | null = null;
  constructor(readonly intent: VerifiedIntent, readonly at: number, seed: number) {
    const e = intent.env;
    this.#seed = seed;
    this.id = intent.id;
    this.player = e.player;
    this.seq = e.seq;
    this.turn = e.turn;
  }
  get lottery(): string {
    return (this.#lottery ??= lotteryOf(this.#seed, this.turn, this.player));
  }
}

export type ChainIssue = 'chain/duplicate' | 'chain/equivocation' | 'chain/broken-link' | 'chain/after-stop';

/** The signed intents seen for one seq: usually one, an array once a second one arrives. */
type Candidates = VerifiedIntent | VerifiedIntent[];

interface Chain {
  readonly candidates: Map<number, Candidates>;
  readonly accepted: ChainEntry[];
  /** Seq at which the chain stopped for good, or null. Only ever decreases. */
  stoppedAt: number | null;
}

export class PlayerChains {
  readonly #chains = new Map<string, Chain>();
  readonly #seed: number;

  constructor(worldSeed: number) {
    this.#seed = worldSeed;
  }

  /**
   * Record a signed intent; pushes the entries it makes foldable onto `accepted` and the ones it
   * drops (equivocation) onto `dropped`, so a batch allocates no change object per intent.
   */
  add(intent: VerifiedIntent, accepted: ChainEntry[], dropped: ChainEntry[]): ChainIssue | null {
    const { player, seq } = intent.env;
    let chain = this.#chains.get(player);
    if (!chain) {
      chain = { candidates: new Map(), accepted: [], stoppedAt: null };
      this.#chains.set(player, chain);
    }
    const atSeq = chain.candidates.get(seq);
    let count = 1;
    if (atSeq === undefined) chain.candidates.set(seq, intent);
    else if (Array.isArray(atSeq)) {
      if (atSeq.some((c) => c.id === intent.id)) return 'chain/duplicate';
      count = atSeq.push(intent);
    } else {
      if (atSeq.id === intent.id) return 'chain/duplicate';
      chain.candidates.set(seq, [atSeq, intent]);
      count = 2;
    }
    if (chain.stoppedAt !== null && seq >= chain.stoppedAt) return count > 1 ? 'chain/equivocation' : 'chain/after-stop';
    if (seq <= chain.accepted.length) {
      // A second signed intent for a seq already accepted: drop the branch from here on.
      chain.stoppedAt = seq;
      for (const e of chain.accepted.splice(seq - 1)) dropped.push(e);
      return 'chain/equivocation';
    }
    if (seq !== chain.accepted.length + 1) return null; // waits for its predecessors
    return this.#extend(chain, accepted);
  }

  #extend(chain: Chain, out: ChainEntry[]): ChainIssue | null {
    for (;;) {
      const seq = chain.accepted.length + 1;
      const intent = chain.candidates.get(seq);
      if (intent === undefined) return null;
      if (Array.isArray(intent)) {
        chain.stoppedAt = seq;
        return 'chain/equivocation';
      }
      const before = chain.accepted[seq - 2];
      const e = intent.env;
      const links = before === undefined ? e.prev === null : e.prev === before.id && e.turn > before.turn;
      if (!links) {
        chain.stoppedAt = seq;
        return 'chain/broken-link';
      }
      const entry = new AcceptedEntry(intent, before === undefined ? e.at : Math.max(e.at, before.at), this.#seed);
      chain.accepted.push(entry);
      out.push(entry);
    }
  }

  /** The accepted head of a player's chain (what their next intent must extend). */
  head(player: string): ChainEntry | null {
    const chain = this.#chains.get(player);
    return chain?.accepted[chain.accepted.length - 1] ?? null;
  }

  /** Highest seq the player has signed here, accepted or not (a writer must go past it). */
  highestSeq(player: string): number {
    const chain = this.#chains.get(player);
    if (!chain) return 0;
    let max = 0;
    for (const s of chain.candidates.keys()) if (s > max) max = s;
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
