/**
 * What happened when an intent was applied. Narration turns these into prose for each viewer
 * ("You take the rope." / "Ana takes the rope."), the agent API reports them, and sync compares
 * them across re-folds to narrate revisions.
 *
 * Every event names its actor (`player`) and where it happened (`location`), so a narrator can
 * decide who saw it. A refusal is an event too: player-facing failures are values, not throws.
 */
import type { Direction, Id, Slot } from '../content/schema.ts';
import type { ActionKind, ModerationKind } from './action.ts';

/** Namespaced reasons a rule said no, `<kind>/<why>`. */
export type RefusalReason =
  | 'player/not-joined' | 'player/already-joined' | 'player/defeated-cooldown'
  | 'retire/not-here'
  | 'moderation/banned' | 'moderation/muted' | 'moderation/already' | 'moderation/not-so'
  /** A named moderator's word when they are not (or no longer) one here; MOD/UNMOD by one; a moderator targeted by one. */
  | 'moderation/not-moderator' | 'moderation/owner-only' | 'moderation/protected' | 'moderation/target-banned'
  /** The owner moved the world to a new link before this point of the zone's order: this copy is frozen. */
  | 'moderation/moved'
  | 'examine/not-here'
  | 'move/no-exit' | 'move/locked' | 'move/in-combat'
  /** A way open only at some times (clock.ts): shut by the tide, the weather or the hour now. */
  | 'move/tide' | 'move/weather' | 'move/hour'
  | 'take/not-here' | 'take/not-portable' | 'take/too-heavy' | 'take/no-slots' | 'take/not-enough'
  | 'drop/not-carried' | 'drop/not-enough'
  | 'give/not-carried' | 'give/not-enough' | 'give/no-recipient' | 'give/too-heavy' | 'give/no-slots'
  | 'give/npc-declines'
  | 'equip/not-carried' | 'equip/not-equippable' | 'equip/no-slots' | 'equip/too-heavy'
  | 'unequip/not-equipped' | 'unequip/no-slots' | 'unequip/too-heavy'
  | 'use/not-carried' | 'use/nothing-happens' | 'use/no-lock' | 'use/not-learned' | 'use/no-sp' | 'use/no-mp' | 'use/full-health'
  | 'gather/no-node' | 'gather/no-tool' | 'gather/depleted' | 'gather/no-sp' | 'gather/too-heavy'
  | 'gather/no-slots' | 'gather/tide' | 'gather/weather' | 'gather/hour'
  | 'craft/unknown-recipe' | 'craft/missing' | 'craft/no-sp' | 'craft/too-heavy' | 'craft/no-slots'
  | 'attack/no-enemy' | 'attack/unknown-skill' | 'attack/not-learned' | 'attack/no-sp' | 'attack/no-mp'
  | 'talk/no-npc' | 'talk/unknown-topic'
  /** The NPC is elsewhere at this hour (their schedule): `place` says where. */
  | 'talk/away' | 'give/away'
  | 'rest/in-combat' | 'rest/too-soon'
  | 'say/no-listener' | 'say/not-here'
  | 'name/taken'
  | 'rate/too-fast' | 'rate/companion-too-fast'
  | TradeRefusal | PartyRefusal | ContainerRefusal;

/** Company's reasons (rules/party.ts). */
export type PartyRefusal =
  | 'party/no-player' | 'party/self' | 'party/already-member' | 'party/already-joined' | 'party/in-another' | 'party/full'
  | 'party/no-invite' | 'party/not-in-party'
  | 'follow/not-here' | 'follow/self' | 'follow/already' | 'follow/not-following';

/**
 * Containers' reasons (rules/containers.ts): `take/closed` and `take/not-in` are TAKE ... FROM
 * a shut container or one that lacks the item (another player may have been quicker).
 */
export type ContainerRefusal =
  | 'put/not-carried' | 'put/not-enough' | 'put/no-container' | 'put/closed' | 'put/full'
  | 'take/no-container' | 'take/closed' | 'take/not-in'
  | 'open/no-container' | 'open/no-lid' | 'open/already' | 'open/locked'
  | 'close/no-container' | 'close/no-lid' | 'close/already';

/** Trade's reasons (rules/vendors.ts, rules/offers.ts). */
export type TradeRefusal =
  | 'trade/no-vendor' | 'trade/away' | 'trade/not-sold' | 'trade/sold-out' | 'trade/no-coin' | 'trade/not-wanted'
  | 'trade/not-carried' | 'trade/not-enough' | 'trade/too-heavy' | 'trade/no-slots'
  | 'trade/no-player' | 'trade/self' | 'trade/empty-offer' | 'trade/no-offer' | 'trade/they-lack' | 'trade/you-lack';

/** Facts a refusal carries so prose can say exactly what is missing and by how much. */
export interface RefusalDetail {
  readonly item?: Id;
  readonly target?: string;
  readonly dir?: Direction;
  readonly lock?: Id;
  /** Grams over the weight limit, or slots short. */
  readonly overBy?: number;
  readonly limit?: number;
  readonly need?: number;
  readonly have?: number;
  /** Where someone is instead (an NPC away at this hour). */
  readonly place?: Id;
  /** A tool or key needed. */
  readonly tool?: Id;
  /** Game time at which a depleted node is ready again, or a rest away from an inn is allowed. */
  readonly readyAt?: number;
  /** Coin: how much is needed and held (`need`/`have` then count items). */
  readonly coin?: boolean;
  /** Crafting: every input short (with how many are carried), tool and station missing. */
  readonly missing?: {
    readonly inputs: readonly { readonly item: Id; readonly need: number; readonly have: number }[];
    readonly tools: readonly Id[];
    readonly station: Id | null;
  };
}

interface Base {
  /** Actor: the player whose intent this came from. */
  readonly player: string;
  /** Where it happened (the actor's location, before any move). */
  readonly location: Id;
}

export type GameEvent =
  | (Base & { type: 'refused'; kind: ActionKind; reason: RefusalReason; detail: RefusalDetail })
  /** `asked`: the name the join asked for, when another player here held it (`name` is the numbered one given). */
  | (Base & { type: 'joined'; name: string; asked?: string })
  /** `player` (the successor) started over: the character it succeeds (`former`, named `name`) left the isle, with all it carried. */
  | (Base & { type: 'retired'; former: string; name: string })
  /**
   * `target` was moderated (named `name` when this zone knows them) by the owner, or by the
   * moderator `by` (their player id; `player` is the key that signed it).
   */
  | (Base & { type: 'moderated'; what: ModerationKind; target: string; name?: string; by?: string })
  /** The owner moved the world to a new link (action.ts MovedAction): from here on this zone refuses every intent. */
  | (Base & { type: 'world-moved' })
  | (Base & { type: 'renamed'; from: string; to: string })
  | (Base & { type: 'looked' })
  | (Base & { type: 'examined'; target: string; what: 'item' | 'node' | 'enemy' | 'npc' | 'station' | 'scenery' | 'player' | 'recipe' | 'skill' | 'container' })
  | (Base & { type: 'moved'; dir: Direction; to: Id; firstVisit: boolean })
  | (Base & { type: 'unlocked'; dir: Direction; lock: Id; key: Id })
  /** `from`: out of that container (rules/containers.ts), not off the floor. */
  | (Base & { type: 'took'; item: Id; qty: number; from?: Id })
  | (Base & { type: 'put'; item: Id; qty: number; container: Id })
  /** `key`: it was locked, and this key undid the lock (for good) before the lid was lifted. */
  | (Base & { type: 'container-opened'; container: Id; key?: Id })
  | (Base & { type: 'container-closed'; container: Id })
  | (Base & { type: 'dropped'; item: Id; qty: number })
  | (Base & { type: 'gave'; item: Id; qty: number; to: string })
  | (Base & { type: 'inventory-shown' })
  | (Base & { type: 'status-shown' })
  | (Base & { type: 'equipped'; item: Id; slot: Slot; replaced: Id | null })
  | (Base & { type: 'unequipped'; item: Id; slot: Slot })
  /**
   * `qty` eaten or drunk (absent: one), their HP/MP/SP together. `asked`: how many the player
   * asked for, when fewer were used (no more would have done any good, or no more were carried).
   */
  | (Base & { type: 'consumed'; item: Id; hp: number; mp: number; sp: number; qty?: number; asked?: number })
  /**
   * Effect events with `enemy` set are about that enemy in `location` (a skill's debuff), not the
   * player. `renewed`: the effect was already active and its duration was refreshed (it keeps
   * ticking; it did not start again).
   */
  | (Base & { type: 'effect-started'; effect: Id; turns: number; enemy?: Id; renewed?: true })
  | (Base & { type: 'effect-ended'; effect: Id; enemy?: Id })
  | (Base & { type: 'effect-ticked'; effect: Id; hp: number; mp: number; sp: number; enemy?: Id })
  /**
   * `qty` units taken (in one batch or more); `asked`/`stopped` when fewer than asked for were
   * gathered: the node ran dry, SP ran out, or the pack could hold no more.
   */
  | (Base & {
    type: 'gathered'; node: Id; item: Id; qty: number; remaining: number; asked?: number; stopped?: 'depleted' | 'no-sp' | 'full';
  })
  | (Base & { type: 'crafted'; recipe: Id; item: Id; qty: number })
  | (Base & { type: 'attacked'; enemy: Id; skill: Id | null; damage: number; enemyHp: number })
  | (Base & { type: 'healed-self'; skill: Id; hp: number })
  | (Base & { type: 'enemy-attacked'; enemy: Id; damage: number; hp: number })
  | (Base & { type: 'enemy-missed'; enemy: Id })
  /** A creature here fell on the player as they came in (its `ambush` held): its blow follows. */
  | (Base & { type: 'ambushed'; enemy: Id })
  /**
   * `player` struck the last blow (or it was their turn when a debuff finished it). `exp` is the
   * enemy's whole EXP; `shares` what each player who wounded it gained (sorted by player id, none
   * of 0); `loot` everything it gave, to `looter`, of which `dropped` did not fit and fell here.
   */
  | (Base & {
    type: 'enemy-defeated'; enemy: Id; exp: number; shares: readonly { player: string; exp: number }[]; looter: string;
    loot: readonly { item: Id; qty: number }[]; dropped: readonly { item: Id; qty: number }[];
    /** Coin the looter took from it (absent: none). */
    coin?: number;
    /**
     * The looter's party there shared it (rules/party.ts): what each member took, sorted by player
     * id, none empty. Absent when the looter took it all.
     */
    portions?: readonly LootPortion[];
  })
  /** A gift that did not fit falls to the floor (an enemy's loot says it in `enemy-defeated`). */
  | (Base & { type: 'loot-dropped'; item: Id; qty: number })
  | (Base & { type: 'level-up'; level: number })
  | (Base & { type: 'player-defeated'; by: Id; respawn: Id; expLost: number })
  /** A player defeated elsewhere comes round here, at the respawn point (a shared world's other zone). */
  | (Base & { type: 'revived' })
  /** `shout`: shouted rather than said (heard the same way). */
  | (Base & { type: 'said'; text: string; shout?: true; to?: string; whisper?: true })
  | (Base & { type: 'emoted'; text: string })
  | (Base & { type: 'talked'; npc: Id; topic: Id | null; text: string; gave: { item: Id; qty: number } | null })
  | (Base & { type: 'rested'; hp: number; mp: number; sp: number })
  /** A thing of this room that works (a lever, a wheel: scenery with `works`) was worked; `target` is its scenery id. */
  | (Base & { type: 'worked'; target: Id })
  /** A mechanism here moved on (`step`), came undone (`reset`: worked out of order) or was solved (its flag is set). */
  | (Base & { type: 'mechanism'; mechanism: Id; outcome: 'step' | 'reset' | 'solved' })
  /**
   * A part of a `together` objective done (rules/quests.ts): `have` of `need` players have done
   * theirs within the turns allowed. Told to everyone here.
   */
  | (Base & { type: 'together-part'; quest: Id; stage: Id; objective: number; have: number; need: number })
  /** Items handed to an NPC who wanted them for a quest (theirs now). */
  | (Base & { type: 'delivered'; npc: Id; item: Id; qty: number })
  /**
   * Quests (rules/quests.ts). `player` is whose quest it is; `world`: a world quest's shared
   * tally moved (every player here may be told). `stage` is the stage's id; `objective` its index.
   */
  | (Base & { type: 'quest-started'; quest: Id })
  | (Base & { type: 'quest-progress'; quest: Id; stage: Id; objective: number; have: number; need: number; world?: true })
  | (Base & { type: 'quest-stage-done'; quest: Id; stage: Id; world?: true })
  /** The quest is done and `player` is given its rewards (a world quest: each contributor, once). */
  | (Base & { type: 'quest-done'; quest: Id; world?: true })
  | (Base & { type: 'waited' })
  | TradeEvent | PartyEvent;

/**
 * Company (rules/party.ts). `party-invited`: `player` asked `to` into party `party` (`formed`:
 * the inviter was in none, and this formed it). `party-joined`: `player` joined `party` on
 * `from`'s invitation. `party-left`: `player` left it. `following`: `player` now follows `target`
 * (`instead`: whom they followed before); `unfollowed`: they stopped following `target`.
 */
export type PartyEvent =
  | (Base & { type: 'party-invited'; to: string; party: string; formed?: true })
  | (Base & { type: 'party-joined'; party: string; from: string })
  | (Base & { type: 'party-left'; party: string })
  | (Base & { type: 'following'; target: string; instead?: string })
  | (Base & { type: 'unfollowed'; target: string });

/** One party member's part of an enemy's loot: items (in loot order) and coin. */
export interface LootPortion {
  readonly player: string;
  readonly items: readonly { readonly item: Id; readonly qty: number }[];
  readonly coin?: number;
}

/** Goods as a trade event carries them: items sorted by id, and coin. */
export interface TradedGoods {
  readonly items: readonly { readonly item: Id; readonly qty: number }[];
  readonly coin: number;
}

/**
 * Trade (rules/vendors.ts, rules/offers.ts). `price` is the coin paid or received in all.
 * `traded`: `player` accepted `with`'s offer, handing over `gave` and receiving `got`.
 * `declined`: `player` declined `from`'s offer to them (`withdrawn`: `player` took back their own, made to `to`).
 */
export type TradeEvent =
  | (Base & { type: 'bought'; npc: Id; item: Id; qty: number; price: number })
  | (Base & { type: 'sold'; npc: Id; item: Id; qty: number; price: number })
  | (Base & { type: 'wares-shown'; npc: Id })
  | (Base & { type: 'offered'; to: string; gives: TradedGoods; wants: TradedGoods })
  | (Base & { type: 'traded'; with: string; gave: TradedGoods; got: TradedGoods })
  | (Base & { type: 'declined'; from: string; to: string; withdrawn?: true });

export type GameEventType = GameEvent['type'];
export type EventOf<T extends GameEventType> = Extract<GameEvent, { type: T }>;
