/**
 * Move the world (issue 19): the owner makes a new link, the world moves to it, members' clients
 * follow through a pointer only each of them can open, and whoever holds only the old (leaked)
 * link is left behind in the old, frozen copy.
 *
 *   const moved = await moveWorld(world, { carry: carryNothing, leaveOut: [mallory] });
 *   moved.newKey; moved.carried; moved.left; moved.frozen;
 *
 * The steps, in this order: make the new key (private, same owner) and the new world's root (its
 * name and content version) -> freeze the old world (the owner's MOVED in every zone, sealed
 * through: every intent after it is refused) -> `carry(old, newKey)` -> write each carried
 * member's pointer (the new key sealed to their box key, signed by the owner: moved-pointers.ts).
 *
 * What moves of the world's STATE is `carry`'s: `carryByCut` (the default) starts the new world
 * from the frozen world's snapshots, under a cut the owner signs there (world-cutter.ts);
 * `carryNothing` carries nothing (tests of the pointers and the freeze alone).
 *
 * Changed when the carry was plugged in: the old world is frozen before the state is carried, so
 * what is carried is final (nothing after the MOVED counts there).
 */
import type { RosterEntry } from './roster.ts';
import { createWorldKey, ownerKeyOf } from './world-key.ts';
import { fromBase64Url } from '../intent/bytes.ts';
import type { SharedWorld } from './shared-world.ts';

/** Carries the state of `from` into the world of `toKey` (whose root exists: name, content version). */
export type CarryState = (from: SharedWorld, toKey: string) => Promise<void>;

/** Carries nothing: the new world starts as a fresh isle (tests of the pointers and the freeze alone). */
export const carryNothing: CarryState = async () => {};

/**
 * Carries the frozen world's state (shared-world.ts `carryInto`, world-cutter.ts): the new world
 * starts from every zone's snapshot at the seal through the MOVED. Throws with the reason when it
 * cannot yet (a zone not sealed, the relay not confirming): MOVE WORLD FINISH finishes it.
 */
export const carryByCut: CarryState = async (from, toKey) => {
  const r = await from.carryInto(toKey);
  if (!r.ok) throw new Error(r.reason);
};

/** Why a member was not carried. */
export type LeftBehind = 'left-out' | 'banned' | 'no-box-key';

export type MoveResult =
  | { readonly ok: false; readonly reason: 'not-owner' | 'watching' | 'no-new-world' }
  /** The world is frozen, but its state could not be carried yet (`detail` says why): finishing (to `newKey`) carries it. */
  | { readonly ok: false; readonly reason: 'not-carried'; readonly detail: string; readonly newKey: string }
  | {
      readonly ok: true;
      readonly newKey: string;
      /** Members whose pointer was written (they follow), the owner included. */
      readonly carried: readonly RosterEntry[];
      /** Members left behind, and why (`no-box-key`: their client has not opened the world since box keys exist). */
      readonly left: readonly { readonly entry: RosterEntry; readonly why: LeftBehind }[];
      /** Every zone holds the owner's MOVED (false: some zone could not be written now; freezing again finishes it). */
      readonly frozen: boolean;
    };

export interface MoveOptions {
  readonly carry: CarryState;
  /** Player ids of members the owner leaves behind (besides banned players, who always are). */
  readonly leaveOut?: readonly string[];
  /** The key to move to: a move that could not finish is finished to the key it began with (no world made twice). */
  readonly newKey?: string;
  /** Called with the key once it is made, before anything is written (the device keeps it: move-memory.ts). */
  readonly began?: (newKey: string) => Promise<void>;
}

/**
 * Where `world` stands in a move, as this device sees it: `frozen` (a MOVED holds in some zone
 * open here: a move began and has not finished, or this is a copy left behind), `arrived` (this
 * world was moved here: its newest cut names the world it came from), or `not-moved`.
 */
export function moveStage(world: SharedWorld, zones: Iterable<string>): 'not-moved' | 'frozen' | 'arrived' {
  for (const zone of zones) if (world.zoneReplica(zone)?.state.moderation?.moved === true) return 'frozen';
  return world.movedFrom !== null ? 'arrived' : 'not-moved';
}

export async function moveWorld(world: SharedWorld, o: MoveOptions): Promise<MoveResult> {
  if (!world.owning) return { ok: false, reason: 'not-owner' };
  // Only the tab that plays writes (tab-lock.ts): it alone can freeze the old world.
  if (world.role !== 'writer') return { ok: false, reason: 'watching' };
  const owner = ownerKeyOf(world.worldKey);
  if (owner === null) return { ok: false, reason: 'not-owner' };
  const newKey = o.newKey ?? createWorldKey(owner, { private: true });
  await o.began?.(newKey);
  if (!(await world.makeMovedWorld(newKey))) return { ok: false, reason: 'no-new-world' };
  // Frozen first, so what is carried is final: nothing after the MOVED counts in the old world.
  const frozen = await world.freeze();
  try {
    await o.carry(world, newKey);
  } catch (e) {
    return { ok: false, reason: 'not-carried', detail: e instanceof Error ? e.message : String(e), newKey };
  }
  // HPKE loads only when a world moves (it is not in the first screen's code).
  const { sealToMember } = await import('./member-box.ts');
  await world.boxKeysReady();
  const leaveOut = new Set(o.leaveOut ?? []);
  const carried: RosterEntry[] = [];
  const left: { entry: RosterEntry; why: LeftBehind }[] = [];
  for (const entry of world.roster()) {
    const why: LeftBehind | null = entry.player === world.player ? null : leaveOut.has(entry.player) ? 'left-out' : world.isBanned(entry.player) ? 'banned' : null;
    const text = world.boxKeyOf(entry.player);
    const box = text === null ? null : fromBase64Url(text);
    if (why !== null || box === null) {
      left.push({ entry, why: why ?? 'no-box-key' });
      continue;
    }
    await world.writeMovedPointer(entry.player, await sealToMember(box, { world: world.worldId, member: entry.player }, newKey));
    carried.push(entry);
  }
  return { ok: true, newKey, carried, left, frozen: frozen.ok };
}
