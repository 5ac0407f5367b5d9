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
 *   const change = chains.add(verified); // { accepted: ChainEntry[], dropped: ChainEntry[] }
 */
import type { VerifiedIntent } from './intent.ts';
import { lotteryOf, type OrderKey } from './order.ts';

export interface ChainEntry extends OrderKey {
  readonly intent: VerifiedIntent;
  readonly player: string;
  /** `at` clamped non-decreasing along the player's chain: the game time the fold uses. */
  readonly at: number;
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

export interface ChainChange {
  readonly accepted: readonly ChainEntry[];
  readonly dropped: readonly ChainEntry[];
  readonly issue: ChainIssue | null;
}

const NOTHING: ChainChange = { accepted: [], dropped: [], issue: null };

export class PlayerChains {
  readonly #chains = new Map<string, Chain>();
  readonly #seed: number;

  constructor(worldSeed: number) {
    this.#seed = worldSeed;
  }

  add(intent: VerifiedIntent): ChainChange {
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
      if (atSeq.some((c) => c.id === intent.id)) return { ...NOTHING, issue: 'chain/duplicate' };
      count = atSeq.push(intent);
    } else {
      if (atSeq.id === intent.id) return { ...NOTHING, issue: 'chain/duplicate' };
      chain.candidates.set(seq, [atSeq, intent]);
      count = 2;
    }
    if (chain.stoppedAt !== null && seq >= chain.stoppedAt) {
      return { ...NOTHING, issue: count > 1 ? 'chain/equivocation' : 'chain/after-stop' };
    }
    if (seq <= chain.accepted.length) {
      // A second signed intent for a seq already accepted: drop the branch from here on.
      chain.stoppedAt = seq;
      return { accepted: [], dropped: chain.accepted.splice(seq - 1), issue: 'chain/equivocation' };
    }
    if (seq !== chain.accepted.length + 1) return NOTHING; // waits for its predecessors
    return this.#extend(chain);
  }

  #extend(chain: Chain): ChainChange {
    const accepted: ChainEntry[] = [];
    let issue: ChainIssue | null = null;
    for (;;) {
      const seq = chain.accepted.length + 1;
      const intent = chain.candidates.get(seq);
      if (intent === undefined) break;
      if (Array.isArray(intent)) {
        chain.stoppedAt = seq;
        issue = 'chain/equivocation';
        break;
      }
      const before = chain.accepted[seq - 2];
      const links = before === undefined
        ? intent.env.prev === null
        : intent.env.prev === before.id && intent.env.turn > before.turn;
      if (!links) {
        chain.stoppedAt = seq;
        issue = 'chain/broken-link';
        break;
      }
      const e = intent.env;
      const entry: ChainEntry = {
        intent, id: intent.id, player: e.player, seq: e.seq, turn: e.turn,
        lottery: lotteryOf(this.#seed, e.turn, e.player),
        at: before === undefined ? e.at : Math.max(e.at, before.at),
      };
      chain.accepted.push(entry);
      accepted.push(entry);
    }
    return { accepted, dropped: [], issue };
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
