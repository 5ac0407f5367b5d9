/**
 * What a SharedWorld takes and gives: its options, what `submit` answers, and the changes its
 * listeners hear (shared-world.ts does the work).
 *
 *   const world = await SharedWorld.open(options);          // SharedWorldOptions
 *   const r: SubmitResult = world.submit(action, at);
 *   world.onChange((c: WorldChange) => …);
 */
import type { Content } from '../../content/schema.ts';
import type { GameEvent } from '../../engine/events.ts';
import type { GameState } from '../../engine/state.ts';
import type { Identity } from '../intent/identity.ts';
import type { Revision, RevisionCause } from '../replica/revision.ts';
import type { Rules } from '../replica/rules.ts';
import type { DocStore } from './doc-store.ts';
import type { RelayChoice } from './relay-link.ts';

export interface SharedWorldOptions {
  readonly content: Content;
  readonly identity: Identity;
  readonly worldKey: string;
  readonly store: DocStore;
  readonly relay?: RelayChoice | null;
  /** Display name used for `join` and the roster. */
  readonly name: string;
  /**
   * Join as a companion of the player of this name (the roster's): the join is signed with
   * `companionOf: <their player id>`. Opening fails, writing nothing, when nobody of that name
   * is in the roster. Only a new character's join carries it.
   */
  readonly companionOf?: string;
  /**
   * Make the world if its meta is not found (locally or on the relay). Only for a world key this
   * device just made: a joiner passes null, or a slow relay would let it start a second world
   * under the same key with another seed.
   */
  readonly create?: { readonly name: string } | null;
  readonly rules?: Rules;
  /** Page URL the share link is built on (default: a relative `#/w/<key>`). */
  readonly linkBase?: string;
  /** Game time as the world opens (a new player's join); default this machine's clock. Later times come with `submit`. */
  readonly at?: number;
  /**
   * How long opening waits, in all, for the relay before using what is stored locally (ms,
   * default 3000). A relay that refuses the connection ends the wait at once, unless the world
   * is not stored here or this device lacks our own intents in the zone.
   */
  readonly relayTimeoutMs?: number;
  readonly checkpointEvery?: number;
  /**
   * When the owner's device seals a zone (docs/finality.md "Seals"): the point is the fold's head
   * as it was `afterMs` ago on this device's clock, rounded down to a multiple of `everyTurns`
   * (so two of the owner's devices with the same log write the same seal). Default
   * SEAL_AFTER_MS and SEAL_EVERY_TURNS; only the owner's device writes seals.
   */
  readonly sealing?: { readonly afterMs: number; readonly everyTurns: number };
  /**
   * On the owner's device: how often (ms) to look whether the world should begin a new epoch,
   * and after how many entries in the open zones' documents it should (world-cutter.ts). False:
   * never on its own (tests cut with `cutWorld`). Defaults: every 10 minutes, 5,000 entries.
   */
  readonly cutting?: { readonly everyMs: number; readonly afterEntries: number } | false;
  /**
   * Start over (docs/finality.md "A way back"): play as the next generation of `identity`'s key,
   * a new level-1 character in the start zone under the same name, and retire the character of
   * the latest generation (it leaves the isle with everything it carried). Without it, the world
   * opens as the latest generation this key has in the roster.
   */
  readonly startOver?: boolean;
  /**
   * Start what the first prompt does not need only when `startLate()` is called, not as the world
   * opens: publishing the player's box key (member-box.ts: what a moving owner seals the new link
   * to) and TELL (tells.ts). The web app calls it after its first screen, so that code is not part
   * of it. Default false (both start as the world opens).
   */
  readonly startLater?: boolean;
}

/** One intent by another player and the events it produced: the same shape as a revision's cause. */
export type NewsItem = RevisionCause;

export interface WorldChange {
  readonly zone: string;
  /** What others did, in fold order. */
  readonly news: readonly NewsItem[];
  /** What a re-fold changed for the local player, if anything. */
  readonly revision: Revision | null;
  /**
   * Answers to the local player's offers folded in a zone they have since left (`zone`): another
   * player's deeds there that took or declined them (answersOfferOf). Told once, when folded.
   */
  readonly settled?: readonly GameEvent[];
  readonly state: GameState;
}

export type SubmitRefusal = 'sync/moved' | 'sync/watching' | 'sync/spectator' | 'sync/chain-stopped' | 'sync/banned' | 'sync/zone-loading' | 'sync/not-in-zone' | 'sync/character-not-found' | 'sync/zone-unreadable';
export type SubmitResult =
  | { readonly ok: true; readonly id: string; readonly events: readonly GameEvent[]; readonly state: GameState }
  | { readonly ok: false; readonly reason: SubmitRefusal };
