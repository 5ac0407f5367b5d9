/**
 * The observation: everything an agent (or the web app's side panel) needs to know about the
 * player's situation, as plain JSON. The `--json` agent API prints it after every command.
 */
import type { Content, Direction, Slot } from '../content/schema.ts';
import { SLOTS } from '../content/vocabulary.ts';
import { clockAt, coinOf, compareCodeUnits, containerNow, enemyAlive, hashState, journalOf, nodeRemaining, npcsAt, OFFER_TTL_MS, playerStats, scopeOf, waresAt, type GameState, type JournalEntry, type TradedGoods, type WorldClock } from '../engine/index.ts';
import type { AwakePlayers } from '../narrate/index.ts';
import { partyOf, type ObservedParty } from './company.ts';
import type { Member, MemberRole } from './members.ts';

export interface Observation {
  readonly turn: number;
  readonly stateHash: string;
  /**
   * The isle's clock at the game time `at` (engine/clock.ts): `day` counts from game time 0,
   * `hour` 0-23 (a day starts at dawn, 06:00), the phase, the weather and the tide. The same on
   * every replica; `night` is `phase === 'night'`.
   */
  readonly time: { readonly at: number; readonly night: boolean } & WorldClock;
  readonly world: ObservedWorld;
  readonly location: {
    readonly id: string; readonly name: string; readonly zone: string;
    readonly exits: readonly { readonly dir: Direction; readonly to: string; readonly locked: boolean }[];
  } | null;
  readonly here: {
    readonly items: readonly { id: string; name: string; qty: number }[];
    readonly nodes: readonly { id: string; name: string; resource: string; remaining: number; tool: string | null }[];
    readonly enemies: readonly { id: string; name: string; hp: number; maxHp: number }[];
    readonly npcs: readonly { id: string; name: string }[];
    readonly stations: readonly { id: string; name: string }[];
    /**
     * Other players here; `online` is false for one whose client is not connected (described
     * asleep). `companionOf`: the player is a companion keeping that player company (signed in
     * its join), with the friend's name when known here.
     */
    readonly players: readonly { id: string; name: string; online: boolean; companionOf?: CompanionOf }[];
    /** What the vendors here sell (price each, how many are on the shelf now) and buy (price each). */
    readonly wares: readonly { npc: string; item: string; name: string; price: number; left: number }[];
    readonly buys: readonly { npc: string; item: string; name: string; price: number }[];
    /**
     * Chests and the like here: `open` (its lid is up, or it has none), `locked` (shut with a lock
     * nobody has undone yet), and what it holds: null while it is shut (nobody can see inside).
     */
    readonly containers: readonly { id: string; name: string; open: boolean; locked: boolean; items: readonly { id: string; name: string; qty: number }[] | null }[];
  };
  /** Trade offers that stand between the viewer and another player (made by either), soonest to lapse first. */
  readonly offers: readonly ObservedOffer[];
  readonly player: {
    readonly id: string; readonly name: string;
    readonly hp: number; readonly maxHp: number; readonly mp: number; readonly maxMp: number;
    readonly sp: number; readonly maxSp: number; readonly level: number; readonly exp: number;
    /** Coin carried. */
    readonly coin: number;
    /** EXP still missing to the next level (null past the last level); `exp` is what is gathered toward it. */
    readonly expToNext: number | null; readonly attack: number; readonly defence: number;
    readonly effects: readonly { id: string; name: string; turnsLeft: number; kind: 'buff' | 'debuff' }[];
    readonly equipment: Readonly<Record<Slot, { id: string; name: string } | null>>;
    readonly inventory: readonly { id: string; name: string; qty: number; weight: number; slot?: Slot }[];
    readonly carried: { readonly weight: number; readonly maxWeight: number; readonly slots: number; readonly maxSlots: number };
    readonly visited: readonly string[];
    readonly fighting: string | null;
    /** This character is a companion keeping that player company. */
    readonly companionOf?: CompanionOf;
  } | null;
  readonly recipes: readonly {
    id: string; name: string; output: string; qty: number; inputs: readonly { item: string; qty: number }[];
    tools: readonly string[]; station: string | null;
  }[];
  /** The journal (reading it writes nothing): active and finished quests, in story order. */
  readonly quests: readonly ObservedQuest[];
  /** The player's party, whom they follow and who follows them (session/company.ts). */
  readonly party: ObservedParty;
}

/** A standing offer: `from` gives `gives` to `to` for `wants`, until game time `lapsesAt` (or either leaves the room). */
export interface ObservedOffer {
  readonly from: string;
  readonly to: string;
  readonly gives: TradedGoods;
  readonly wants: TradedGoods;
  readonly lapsesAt: number;
}

function offersOf(state: GameState, viewer: string, at: number): ObservedOffer[] {
  const all = state.offers ?? {};
  return Object.keys(all).sort(compareCodeUnits).flatMap((from) => {
    const o = all[from]!;
    const lapsesAt = o.at + OFFER_TTL_MS;
    if ((from !== viewer && o.to !== viewer) || at > lapsesAt) return [];
    return [{ from, to: o.to, gives: o.gives, wants: o.wants, lapsesAt }];
  }).sort((a, b) => a.lapsesAt - b.lapsesAt);
}

/** Whom a companion keeps company: the friend's player id, and name when known here. */
export interface CompanionOf {
  readonly player: string;
  readonly name: string | null;
}

function companionOf(state: GameState, id: string): { companionOf?: CompanionOf } {
  const friend = state.players[id]?.companionOf;
  return friend === undefined ? {} : { companionOf: { player: friend, name: state.players[friend]?.name ?? null } };
}

/** A quest as the journal shows it: id, name, status, stage, text, world, objectives (engine/journal.ts). */
export type ObservedQuest = JournalEntry;

export interface ObservedWorld {
  readonly id: string;
  /** The play link (for a spectator, the watch link it was opened with); null while nobody else could reach the world. */
  readonly link: string | null;
  /** The watch link: read the world, never join (docs/links.md); null for a world without one. */
  readonly watchLink: string | null;
  /** The world was made with another version of the content than this client runs. */
  readonly contentMismatch: boolean;
  /** The player who made the world and owns it (its key names them), or null (single-player, or made before owners). */
  readonly owner: string | null;
  /** What this player is here: owner, moderator (named by the owner), player, or spectator (a watch link). */
  readonly role: MemberRole | 'spectator';
  /** Everyone who joined a shared world (members.ts): role, banned, muted; [] for a single-player world. */
  readonly members: readonly Member[];
}

/** `awake`: who is playing (a shared world's presence); without it every player here counts as online. */
export function observe(
  content: Content, state: GameState, viewer: string, world: ObservedWorld, at: number, awake?: AwakePlayers,
): Observation {
  const player = state.players[viewer];
  const where = player ? content.locations.get(player.location) : undefined;
  const name = (id: string) => content.items.get(id)?.name ?? id;
  const clock = clockAt(content, state.seed, at);
  const base = { turn: state.tick, stateHash: hashState(state), time: { at, night: clock.phase === 'night', ...clock }, world, quests: journalOf(content, state, viewer), offers: offersOf(state, viewer, at), party: partyOf(state, viewer, at) };
  const recipes = [...content.recipes.values()].map((r) => ({
    id: r.id, name: name(r.output.item), output: r.output.item, qty: r.output.qty,
    inputs: r.inputs.map((i) => ({ item: i.item, qty: i.qty })), tools: [...r.tools], station: r.station ?? null,
  }));
  if (!player || !where) {
    return { ...base, location: null, here: { items: [], nodes: [], enemies: [], npcs: [], stations: [], players: [], wares: [], buys: [], containers: [] }, player: null, recipes };
  }
  const scope = scopeOf(content, state, viewer);
  const vendorsHere = [...content.npcs.values()].filter((n) => n.location === where.id && n.shop !== undefined);
  const floor = state.floors[where.id] ?? {};
  const stats = playerStats(content, player);
  const equipment = Object.fromEntries(
    SLOTS.map((slot) => {
      const id = player.equipment[slot];
      return [slot, id ? { id, name: name(id) } : null];
    }),
  ) as Record<Slot, { id: string; name: string } | null>;
  return {
    ...base,
    location: {
      id: where.id, name: where.name, zone: where.zone,
      exits: where.exits.map((x) => ({ dir: x.dir, to: x.to, locked: x.lock !== undefined && !state.flags.includes(x.lock.id) })),
    },
    here: {
      items: Object.keys(floor).sort().filter((id) => (floor[id] ?? 0) > 0).map((id) => ({ id, name: name(id), qty: floor[id]! })),
      nodes: [...content.nodes.values()].filter((n) => n.location === where.id).map((n) => ({
        id: n.id, name: n.name, resource: n.resource, remaining: nodeRemaining(content, state, n.id, at), tool: n.tool ?? null,
      })),
      enemies: [...content.enemies.values()].flatMap((e) => {
        const alive = e.locations.includes(where.id) ? enemyAlive(content, state, where.id, e.id, at) : null;
        return alive ? [{ id: e.id, name: e.name, hp: alive.hp, maxHp: e.hp }] : [];
      }),
      npcs: npcsAt(content, where.id, at).map((n) => ({ id: n.id, name: n.name })),
      stations: [...content.stations.values()].filter((s) => s.location === where.id).map((s) => ({ id: s.id, name: s.name })),
      players: scope.entities.filter((e) => e.kind === 'player').map((p) => ({ id: p.id, name: p.name, online: awake?.has(p.id) ?? true, ...companionOf(state, p.id) })),
      wares: vendorsHere.flatMap((n) => waresAt(state, n, at).map(({ ware, left }) => ({ npc: n.id, item: ware.item, name: name(ware.item), price: ware.price, left }))),
      buys: vendorsHere.flatMap((n) => (n.shop?.buys ?? []).map((w) => ({ npc: n.id, item: w.item, name: name(w.item), price: w.price }))),
      containers: where.containers.map((c) => {
        const now = containerNow(content, state, c.id)!;
        const items = now.open ? Object.keys(now.items).sort(compareCodeUnits).map((id) => ({ id, name: name(id), qty: now.items[id]! })) : null;
        return { id: c.id, name: c.name, open: now.open, locked: !now.unlocked, items };
      }),
    },
    player: {
      id: player.id, name: player.name, hp: player.hp, maxHp: stats.maxHp, mp: player.mp, maxMp: stats.maxMp,
      sp: player.sp, maxSp: stats.maxSp, level: player.level, exp: player.exp, expToNext: stats.expToNext, coin: coinOf(player),
      attack: stats.attack, defence: stats.defence,
      effects: player.effects.map((e) => {
        const effect = content.effects.get(e.id);
        return { id: e.id, name: effect?.name ?? e.id, turnsLeft: e.turnsLeft, kind: effect?.kind ?? 'buff' };
      }),
      equipment,
      inventory: player.inventory.map((s) => {
        const item = content.items.get(s.item);
        return { id: s.item, name: name(s.item), qty: s.qty, weight: (item?.weight ?? 0) * s.qty, ...(item?.slot ? { slot: item.slot } : {}) };
      }),
      carried: { weight: stats.weight, maxWeight: stats.maxWeight, slots: stats.slots, maxSlots: stats.maxSlots },
      visited: [...player.visited],
      fighting: player.fighting, ...companionOf(state, viewer),
    },
    recipes,
  };
}
