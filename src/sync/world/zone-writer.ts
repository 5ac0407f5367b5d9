/**
 * Where a world's own intents are made: zones' replicas bound to their logs (with the world's
 * one verifier), the player's actions signed with the next fields of their chain, and written
 * to a zone's log, whose fold answers with the events they produced.
 *
 *   const writer = new ZoneWriter({ identity, worldId, seed, content, rules, checkpointEvery, place, onFold });
 *   const replica = writer.activate(handle);
 *   const events = writer.put(handle, writer.sign(replica, { kind: 'take', target: 'rope' }, at));
 */
import type { Content } from '../../content/schema.ts';
import type { GameEvent } from '../../engine/events.ts';
import { AT_MAX } from '../intent/envelope.ts';
import { createIntent, type VerifiedIntent } from '../intent/intent.ts';
import { signBytes, type Identity } from '../intent/identity.ts';
import type { SyncAction } from '../intent/sync-action.ts';
import { Verifier } from '../intent/verifier.ts';
import type { FoldChange } from '../replica/fold.ts';
import type { Rules } from '../replica/rules.ts';
import { TURN_SOFT_MAX, type ZoneReplica, type ZoneReplicaOptions } from '../replica/zone-replica.ts';
import { CrossingBoard } from '../replica/crossing-board.ts';
import { HeadHistory } from '../replica/seals.ts';
import type { PlayerPlace } from './player-place.ts';
import type { ZoneHandle } from './zone-handle.ts';

export interface ZoneWriterOptions {
  readonly identity: Identity;
  readonly worldId: string;
  readonly seed: number;
  readonly content: Content;
  readonly rules: Rules;
  readonly checkpointEvery: number;
  /** Told of each zone the player writes in. */
  readonly place: PlayerPlace;
  /** Each fold of an active zone's log; `local` when it folded our own write. */
  readonly onFold: (h: ZoneHandle, change: FoldChange, local: boolean) => void;
  /**
   * Arrives in the active zones wait for travels in these zones, which have no replica here:
   * open and activate them (verified crossings read the zone left's own fold).
   */
  readonly onTravelsAwaited?: (zones: ReadonlySet<string>) => void;
  /** The world's owner (player id), or null: only their seals count. */
  readonly owner: string | null;
  /** The world's member public key (docs/links.md), or null: joins need no membership proof. */
  readonly member?: Uint8Array | null;
  /** The owner's key, on the owner's device (whichever generation of it plays): it writes the seals. */
  readonly sealer?: Identity | null;
  readonly sealing?: { readonly afterMs: number; readonly everyTurns: number };
}

/** H_MS of docs/finality.md: a seal's point is the head as the owner's device saw it this long ago. */
export const SEAL_AFTER_MS = 10 * 60_000;
/** H_TURNS of docs/finality.md: seal points are multiples of this many turns. */
export const SEAL_EVERY_TURNS = 100;

const eventsOf = (change: FoldChange, id: string): readonly GameEvent[] => change.news.find((n) => n.entry.id === id)?.events ?? [];

export class ZoneWriter {
  readonly #o: ZoneWriterOptions;
  /** What this world remembers of the intents it checked (and made): one for all its zones. */
  readonly #verifier = new Verifier();
  /** What this world's devices checked (the owner's cut vouches for the tail it passed: world-cutter.ts). */
  get verifier(): Verifier {
    return this.#verifier;
  }
  /** Where the world's zone replicas read each other's crossings (docs/finality.md). */
  readonly #crossings = new CrossingBoard();
  /** The handle of each replica activated here (what waits in its log is folded before we sign). */
  readonly #handles = new WeakMap<ZoneReplica, ZoneHandle>();
  /** On the owner's device: when each zone's head reached each turn, and whether a seal check is queued. */
  readonly #heads = new WeakMap<ZoneReplica, HeadHistory>();
  readonly #sealQueued = new WeakSet<ZoneReplica>();

  constructor(o: ZoneWriterOptions) {
    this.#o = o;
  }

  /** The options a replica of `zone` folds with here, but for its viewer, verifier and crossing board. */
  replicaOptions(zone: string): Omit<ZoneReplicaOptions, 'viewer' | 'verifier' | 'crossings'> {
    const o = this.#o;
    return { rules: o.rules, content: o.content, world: o.worldId, zone, seed: o.seed, checkpointEvery: o.checkpointEvery, owner: o.owner, member: o.member ?? null };
  }

  /** The zone's replica, bound to its log (once). */
  activate(h: ZoneHandle): ZoneReplica {
    const o = this.#o;
    const replica = h.activate(
      { ...this.replicaOptions(h.zone), viewer: o.identity.player, verifier: this.#verifier, crossings: this.#crossings },
      (change, local) => {
        o.onFold(h, change, local);
        this.#askForAwaited();
        // Folds may be told while `activate` is still making the replica.
        if (h.replica !== null) this.#maySeal(h, h.replica);
      },
    );
    this.#handles.set(replica, h);
    this.#maySeal(h, replica);
    replica.onTravelsAwaited = () => this.#askForAwaited();
    this.#askForAwaited();
    return replica;
  }

  #asked = false;
  /** Once per microtask: the zones that waiting arrives name and no replica here folds. */
  #askForAwaited(): void {
    if (this.#asked || !this.#o.onTravelsAwaited) return;
    this.#asked = true;
    queueMicrotask(() => {
      this.#asked = false;
      const awaited = this.#crossings.awaited();
      if (awaited.size > 0) this.#o.onTravelsAwaited!(awaited);
    });
  }

  /**
   * On the owner's device, after a fold: note the head, and write the zone's next seal when its
   * point (the head `afterMs` ago, rounded down to `everyTurns`) has moved past the final seal's.
   * Written once the fold's listeners are done (a write inside the log's observer would nest).
   */
  #maySeal(h: ZoneHandle, replica: ZoneReplica): void {
    const o = this.#o;
    const sealer = o.sealer ?? null;
    if (sealer === null || o.owner !== sealer.player) return;
    let history = this.#heads.get(replica);
    if (history === undefined) this.#heads.set(replica, (history = new HeadHistory()));
    history.note(Date.now(), replica.fold.headTurnAtMost(TURN_SOFT_MAX));
    if (this.#sealQueued.has(replica)) return;
    this.#sealQueued.add(replica);
    const { afterMs, everyTurns } = o.sealing ?? { afterMs: SEAL_AFTER_MS, everyTurns: SEAL_EVERY_TURNS };
    const check = (): void => {
      this.#sealQueued.delete(replica);
      if (h.replica !== replica) return; // closed meanwhile
      const upTo = Math.floor(history.turnAt(Date.now() - afterMs) / everyTurns) * everyTurns;
      const s = upTo <= (replica.finalSeal?.point ?? 0) ? null : replica.sealToWrite(upTo, 1);
      if (s === null) {
        // A zone gone quiet is sealed once what it holds is old enough, without waiting for a fold.
        const head = replica.fold.headTurnAtMost(TURN_SOFT_MAX);
        if (Math.floor(head / everyTurns) * everyTurns > (replica.finalSeal?.point ?? 0) && afterMs > 0) {
          this.#sealQueued.add(replica);
          const timer = setTimeout(check, afterMs);
          (timer as { unref?: () => void }).unref?.();
        }
        return;
      }
      const at = replica.fold.entries[s.count - 1]!.at;
      const seal = createIntent(sealer, { world: o.worldId, zone: replica.zone, seq: s.n, prev: s.prev, turn: s.point, at, action: { kind: 'seal', heads: s.heads, state: s.state } }, signBytes, this.#verifier);
      h.write(seal);
    };
    queueMicrotask(check);
  }

  /**
   * On the owner's device: seal the zone now, through turn `upTo` (the owner's MOVED: move-world.ts),
   * so nothing signed later can be placed before it (after a final seal, late entries are placed
   * after its point: docs/finality.md). False when no seal can be written now (one is pending, or
   * an arrive in the set waits for its travel's seal): the regular seals cover it later.
   */
  sealThrough(h: ZoneHandle, replica: ZoneReplica, upTo: number): boolean {
    const o = this.#o;
    const sealer = o.sealer ?? null;
    if (sealer === null || o.owner !== sealer.player) return false;
    const s = upTo <= (replica.finalSeal?.point ?? 0) ? null : replica.sealToWrite(upTo, 1);
    if (s === null) return false;
    const at = replica.fold.entries[s.count - 1]!.at;
    h.write(createIntent(sealer, { world: o.worldId, zone: replica.zone, seq: s.n, prev: s.prev, turn: s.point, at, action: { kind: 'seal', heads: s.heads, state: s.state } }, signBytes, this.#verifier));
    return true;
  }

  /** The next intent of `identity` (ours, or another of this device's keys: the owner's moderator key) in `replica`'s zone. */
  signAs(identity: Identity, replica: ZoneReplica, action: SyncAction, at: number, after = 0): VerifiedIntent {
    // Its own entries waiting in a large delivery (written by another device) come first:
    // signing past them unseen would fork the chain.
    this.#handles.get(replica)?.ingestClaimedBy(identity.player);
    // Game time past what an intent may carry (a world whose time a hostile member pushed to the
    // bound, counted on from there: Session's clock) is held at the bound, never refused whole.
    const f = replica.nextFields(identity.player, Math.min(at, AT_MAX), after);
    // Known sound to the world's verifier as it is made: reading it back checks no signature.
    return createIntent(identity, { world: this.#o.worldId, zone: replica.zone, ...f, action }, signBytes, this.#verifier);
  }

  /** Our next intent in `replica`'s zone, signed at game time `at` (clamped by the chain), at a turn after `after`. */
  sign(replica: ZoneReplica, action: SyncAction, at: number, after = 0): VerifiedIntent {
    return this.signAs(this.#o.identity, replica, action, at, after);
  }

  /** Write one of our intents to its zone's log; the events it folded to. */
  put(h: ZoneHandle, intent: VerifiedIntent): readonly GameEvent[] {
    const change = h.write(intent);
    this.#o.place.noteWritten(h.zone);
    return eventsOf(change, intent.id);
  }
}
