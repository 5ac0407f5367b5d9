/**
 * The world a session plays in, behind one small interface: a local single-player world (this
 * file) or a shared world synced through Yjs (src/sync). The session never cares which.
 */
import type { Content } from '../content/schema.ts';
import type { Action, GameEvent, GameState, ModerationKind } from '../engine/index.ts';
import type { AwakePlayers, RevisionLike } from '../narrate/index.ts';

/** What a player is told when the world was made with another version of the content (`contentMismatch`). */
export const CONTENT_MISMATCH_NOTICE = 'This world was made with a different version of Vetrellis. Some things may not match for everyone.';

/** What a spectator (a world opened with its watch link, docs/links.md) is told when they try to act. */
export const SPECTATOR_REFUSAL = 'You are watching this world; ask its owner for the play link to join.';

/** Something that happened without the local player typing it: others' deeds, revisions. */
export interface WorldNews {
  readonly events: readonly GameEvent[];
  /** Re-folds that changed what the local player saw ("Ana reached it first ..."). */
  readonly revisions: readonly RevisionLike[];
  /** Tells from players elsewhere in the world (none in a single-player world). */
  readonly tells?: readonly HeardTell[];
  /**
   * Answers to the local player's offers that they did not see given: taken or declined while
   * they were away (found in the log when the world opened), or folded in a zone they had left.
   */
  readonly meanwhile?: readonly OfferAnswered[];
  /** Lines the world itself has to tell (it followed its owner to a new link). */
  readonly notes?: readonly string[];
  /** Names of players the world knows (its roster), for those no longer in the state the news is told with. */
  readonly nameOf?: (player: string) => string | undefined;
}

/** Another player's answer to the local player's offer (a `traded` or `declined` event), and when it came. */
export interface OfferAnswered {
  readonly event: GameEvent;
  /** away: while the player's world was closed; elsewhere: in a zone they had left by the time it was folded. */
  readonly while: 'away' | 'elsewhere';
}

/** A TELL from a player in another part of the isle: their name, the zone they were last in (roster), their words. */
export interface HeardTell {
  readonly player: string;
  readonly name: string;
  readonly zone: string | null;
  readonly text: string;
}

/** What became of a TELL to a player elsewhere: see src/sync/world/tells.ts. */
export type TellOutcome = 'told' | 'asleep' | 'offline' | 'slow' | 'watching' | 'spectator';

export interface SubmitOutcome {
  readonly state: GameState;
  readonly events: readonly GameEvent[];
  /** Why the world could not take the action at all (a watching tab, a zone still loading). */
  readonly blocked?: string;
  /** The same, as a namespaced reason for agents (`sync/zone-loading`). */
  readonly blockedReason?: string;
}

/** How a shared world stands with the relay and who is around; null for a single-player world. */
export interface WorldStatus {
  /** local: no relay; offline: relay unreachable; connecting; synced. */
  readonly connection: 'local' | 'offline' | 'connecting' | 'synced';
  /** Own actions the relay has not confirmed yet. */
  readonly pending: number;
  /** This tab writes, or only watches (another tab of the same player writes), or the world was opened with its watch link. */
  readonly role: 'writer' | 'watcher' | 'spectator';
  /** Players connected in this zone right now (presence), by name and location. */
  readonly online: readonly { readonly player: string; readonly name: string; readonly location: string }[];
  /** Everyone who ever joined the world, with the zone they were last in. */
  readonly roster: readonly { readonly player: string; readonly name: string; readonly zone: string }[];
  /** The world was made with another version of the content than this client runs. */
  readonly contentMismatch: boolean;
  /** The player who made the world and owns it (its key names them); null for worlds made before owners. */
  readonly owner: string | null;
  /** Players the owner banned, as this part of the world knows it: their characters left the world (WHO and the players panel leave them out). */
  readonly banned?: readonly string[];
  /** Players muted, and the moderators the owner named, as this part of the world knows it (the MEMBERS list). */
  readonly muted?: readonly string[];
  readonly moderators?: readonly string[];
  /** The part of the world the player is in is frozen: the world moved away, or (for its owner) a move stopped halfway that MOVE WORLD FINISH finishes. */
  readonly frozen?: boolean;
}

/** What MOVE WORLD did (WorldBackend.moveWorld). */
export type MoveOutcome =
  | { readonly ok: false; readonly reason: 'not-owner' | 'watching' | 'no-new-world' | 'not-opened' | 'busy' }
  /** MOVE WORLD FINISH: no move under way here (`not-moved`), this is the world a move finished in (`arrived`), or this device no longer knows whom the owner left out (`who-left-out`: say it again). */
  | { readonly ok: false; readonly reason: 'not-moved' | 'arrived' | 'who-left-out' }
  /** MOVE WORLD FINISH after a move whose freeze the relay did not confirm everywhere: the old world could not be reached again. */
  | { readonly ok: false; readonly reason: 'old-unreachable' }
  /** MOVE WORLD FINISH after such a move: the relay now holds the old world frozen everywhere. */
  | { readonly ok: true; readonly refrozen: true }
  /** The old world is frozen, but its state could not be carried to the new link yet (`detail`: why). */
  | { readonly ok: false; readonly reason: 'not-carried'; readonly detail: string }
  | {
      readonly ok: true;
      /** Names of the members who follow (besides the owner). */
      readonly carried: readonly string[];
      readonly left: readonly { readonly name: string; readonly why: 'left-out' | 'banned' | 'no-box-key' }[];
      /** Every zone of the old world is frozen (false: some could not be reached). */
      readonly frozen: boolean;
    };

export interface WorldBackend {
  readonly content: Content;
  readonly id: string;
  /** The local player's id. */
  readonly player: string;
  readonly state: GameState;
  /** The share link, once the world is shared. */
  readonly link: string | null;
  /** The watch link (read, never join: docs/links.md); null for a world without one. */
  readonly watchLink?: string | null;
  /** The world was made with another version of the content than this client runs (never for a single-player world). */
  readonly contentMismatch: boolean;
  /** Something to tell the player once, as the world opens (their character was restored); null if nothing. */
  readonly notice: string | null;
  /** The events of the join the world made for a new player as it opened (a shared world joins them itself). */
  readonly joinedOnOpen: readonly GameEvent[];
  /**
   * Resolves when what the world is loading for the player is in (the zones next to the one just
   * entered, the zone a defeat woke them in), or its time is up. The session waits for it before
   * each action, so commands typed in a burst meet the world their predecessors left.
   */
  ready(): Promise<void>;
  /** Apply one action of the local player at game time `at` (ms). */
  submit(action: Action, at: number): SubmitOutcome;
  /** Private words to a player in another zone, if she is playing now; absent where nobody else plays. */
  tell?(player: string, text: string): Promise<TellOutcome>;
  /** News since the last call (empty for a single-player world). */
  drainNews(): WorldNews;
  /**
   * Called whenever news arrive without the local player acting, and whenever `status()` (or the
   * state, with nothing to narrate) changed; returns an unsubscribe.
   */
  subscribe(listener: () => void): () => void;
  /** Sync status for the connection indicator and presence; null when nothing is shared. */
  status(): WorldStatus | null;
  /**
   * Other players whose client is connected right now (presence, so it lags a little), for
   * narration to tell them from those who left; null when the world has no presence at all.
   */
  awake(): AwakePlayers | null;
  /**
   * Start over as a new character under the same name (docs/finality.md "A way back"), where the
   * player's history stopped and the world allows it: the events of the new join (the old
   * character leaving the isle among them), or null when there is nothing to start over from.
   */
  startOver?(): Promise<readonly GameEvent[] | null>;
  /**
   * The owner's or a moderator's moderation of a player (MOD and UNMOD: the owner's only), in
   * every zone of the world (a shared world only): `ok` false when this player may not moderate
   * here, or some zone could not be written now.
   */
  moderate?(what: ModerationKind, player: string): Promise<{ readonly ok: boolean; readonly events: readonly GameEvent[] }>;
  /**
   * Move the world to a new link (the owner's, issue 19: docs/links.md "Moving a world"), leaving
   * behind banned players and `leaveOut` (player ids); this backend then plays in the new world.
   */
  moveWorld?(leaveOut: readonly string[]): Promise<MoveOutcome>;
  /**
   * Finish a move that could not complete (MOVE WORLD FINISH: a zone not frozen, the state not
   * carried): to the key it began with, leaving out whom it left out, as this device remembers;
   * `leaveOut` null when the owner named nobody now. Idempotent: a finished move says so.
   */
  finishMove?(leaveOut: readonly string[] | null): Promise<MoveOutcome>;
  /** True when moving the world carries what happened on the isle (false until the state transfer of issue 15 is plugged in). */
  readonly movingCarriesState?: boolean;
  /** The key the world is open with now: it changes when the world follows its owner to a new link. */
  readonly worldKey?: string;
  /** Called with the new key when this world followed (or made) a move: what a host keeps to open it next time. */
  onMovedTo?(cb: (worldKey: string) => void): () => void;
  /** Start the box key and TELL now, where the world was opened to start them later (SharedWorldOptions.startLater). */
  startLate?(): Promise<void>;
  /** Persist and release resources. */
  close(): Promise<void>;
}
