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

/** One accepted intent: its order key and the game time the fold uses (see `placeIntent`). */
export type ChainEntry = PlacedIntent & OrderKey;

export type ChainIssue = 'chain/duplicate' | 'chain/equivocation' | 'chain/broken-link' | 'chain/after-stop';

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
  /** Seq at which the chain stopped for good, or null. Only ever decreases; every accepted seq is below it. */
  stoppedAt: number | null;
}

export class PlayerChains {
  readonly #chains = new Map<string, Chain>();
  readonly #seed: number;
  readonly #placeTravel: PlaceTravel | null;
  /** Players whose next seq is an arrive waiting for its travel. */
  readonly #waitingForTravel = new Set<string>();

  constructor(worldSeed: number, placeTravel: PlaceTravel | null = null) {
    this.#seed = worldSeed;
    this.#placeTravel = placeTravel;
  }

  /**
   * Record a signed intent; pushes the entries it makes foldable onto `accepted` and the ones it
   * drops (equivocation) onto `dropped`, so a batch allocates no change object per intent.
   */
  add(intent: VerifiedIntent, accepted: ChainEntry[], dropped: ChainEntry[]): ChainIssue | null {
    const { player, seq } = intent;
    let chain = this.#chains.get(player);
    if (!chain) {
      chain = { key: lotteryKey(this.#seed, player), waiting: new Map(), accepted: [], stoppedAt: null };
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
    const held = chain.accepted[seq - 1]!.intent;
    if (held.id === intent.id) return 'chain/duplicate';
    // Equivocation: drop the branch from here on. The dropped intents stay candidates of their
    // seqs, so what arrives for those seqs later is judged as if they had never been accepted.
    chain.stoppedAt = seq;
    this.#waitingForTravel.delete(intent.player);
    const gone = chain.accepted.splice(seq - 1);
    chain.waiting.set(seq, [held, intent]);
    for (let i = 1; i < gone.length; i++) chain.waiting.set(seq + i, gone[i]!.intent);
    for (const e of gone) dropped.push(e);
    return 'chain/equivocation';
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
    let turn = before === undefined || intent.signedTurn > before.turn ? intent.signedTurn : before.turn + 1;
    const action = this.#placeTravel === null ? null : intent.action;
    if (action !== null && action.kind === 'arrive') {
      const travelTurn = this.#placeTravel!(action.from, intent.player, action.travel);
      if (travelTurn === undefined) return 'waits-for-travel';
      if (travelTurn >= turn) turn = travelTurn + 1;
    }
    const entry = placeIntent(intent, turn, lotteryTicket(chain.key, turn), before === undefined ? intent.signedAt : Math.max(intent.signedAt, before.at));
    chain.accepted.push(entry);
    out.push(entry);
    return 'accepted';
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
