/**
 * Move the world (issue 19): the owner makes a new link, the world moves to it, members' clients
 * follow through a pointer only each of them can open, and whoever holds only the old (leaked)
 * link is left behind in the old, frozen copy.
 *
 *   const moved = await moveWorld(world, { carry: carryNothing, leaveOut: [mallory] });
 *   moved.newKey; moved.carried; moved.left; moved.frozen;
 *
 * The steps, in this order: make the new key (private, same owner) and the new world's root (its
 * name and content version) -> `carry(old, newKey)` -> write each carried member's pointer (the
 * new key sealed to their box key, signed by the owner: moved-pointers.ts) -> freeze the old
 * world (the owner's MOVED in every zone: every intent after it is refused).
 *
 * What moves of the world's STATE is `carry`'s: it is the seam for the owner-signed world cut
 * (issue 15, being built separately). `carryNothing` carries nothing: the new world starts as a
 * fresh isle, and the old copy keeps everything that happened, frozen.
 */
import type { RosterEntry } from './roster.ts';
import { createWorldKey, ownerKeyOf } from './world-key.ts';
import { fromBase64Url } from '../intent/bytes.ts';
import type { SharedWorld } from './shared-world.ts';

/** Carries the state of `from` into the world of `toKey` (whose root exists: name, content version). */
export type CarryState = (from: SharedWorld, toKey: string) => Promise<void>;

/** Carries nothing: the new world starts as a fresh isle (until the state transfer of issue 15 exists). */
export const carryNothing: CarryState = async () => {};

/** Why a member was not carried. */
export type LeftBehind = 'left-out' | 'banned' | 'no-box-key';

export type MoveResult =
  | { readonly ok: false; readonly reason: 'not-owner' | 'watching' | 'no-new-world' }
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
}

export async function moveWorld(world: SharedWorld, o: MoveOptions): Promise<MoveResult> {
  if (!world.owning) return { ok: false, reason: 'not-owner' };
  // Only the tab that plays writes (tab-lock.ts): it alone can freeze the old world.
  if (world.role !== 'writer') return { ok: false, reason: 'watching' };
  const owner = ownerKeyOf(world.worldKey);
  if (owner === null) return { ok: false, reason: 'not-owner' };
  const newKey = createWorldKey(owner, { private: true });
  if (!(await world.makeMovedWorld(newKey))) return { ok: false, reason: 'no-new-world' };
  await o.carry(world, newKey);
  // HPKE loads only when a world moves (it is not in the first screen's code).
  const { sealToMember } = await import('./member-box.ts');
  const leaveOut = new Set(o.leaveOut ?? []);
  const carried: RosterEntry[] = [];
  const left: { entry: RosterEntry; why: LeftBehind }[] = [];
  for (const entry of world.roster()) {
    const why: LeftBehind | null = entry.player === world.player ? null : leaveOut.has(entry.player) ? 'left-out' : world.isBanned(entry.player) ? 'banned' : null;
    const box = entry.box === undefined ? null : fromBase64Url(entry.box);
    if (why !== null || box === null) {
      left.push({ entry, why: why ?? 'no-box-key' });
      continue;
    }
    await world.writeMovedPointer(entry.player, await sealToMember(box, { world: world.worldId, member: entry.player }, newKey));
    carried.push(entry);
  }
  const frozen = await world.freeze();
  return { ok: true, newKey, carried, left, frozen: frozen.ok };
}
