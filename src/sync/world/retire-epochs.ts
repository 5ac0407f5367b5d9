/**
 * The owner's device asks the relay to drop the rooms of epochs nobody needs any more
 * (docs/finality.md, "Dropping old epochs on the relay"; drop-order.ts). Kept: the epoch zones
 * open at (the newest cut nobody challenged) and the one before it (devices still bridging from
 * it, and where zones go back to if the newest is challenged). Dropped: every older epoch whose
 * rooms are owned (cuts made since session 15). Epoch 0 and older cuts' rooms are not owned, so
 * they stay on the relay; nobody new reads them. The relay waits out its grace period before it
 * deletes anything, so a device away for less than that still finds the rooms.
 *
 *   const reply = await retireOldEpochs({ root, worldKey, owner, zones, connect });  // null: nothing to drop
 */
import type { Identity } from '../intent/identity.ts';
import { signDropOrder } from './drop-order.ts';
import { cutKey, epochDocName, newestCut, type WorldCut } from './world-cut.ts';
import { innerRoomHash } from './world-key.ts';
import type { DropReply, RelayConnector } from './relay-link.ts';
import type { WorldRoot } from './world-root.ts';

/** The cuts whose rooms go: owned, older than the newest unchallenged cut, and not the unchallenged one before it. */
export function retiredCuts(cuts: readonly WorldCut[], challenged: ReadonlySet<string>): WorldCut[] {
  const standing = cuts.filter((c) => !challenged.has(cutKey(c)));
  const newest = newestCut(standing);
  if (newest === null) return [];
  const before = newestCut(standing.filter((c) => c.epoch < newest.epoch));
  return cuts.filter((c) => c.id.startsWith('o') && c.epoch < newest.epoch && c !== before);
}

export async function retireOldEpochs(o: {
  readonly root: WorldRoot;
  readonly worldKey: string;
  readonly owner: Identity;
  readonly zones: Iterable<string>;
  readonly connect: RelayConnector | null;
}): Promise<DropReply | null> {
  if (o.connect?.dropRooms === undefined) return null;
  const challenged = new Set(o.root.challenges().map((c) => c.cut));
  const doomed = retiredCuts(o.root.cuts(), challenged);
  const inners = [...o.zones].flatMap((zone) => doomed.map((cut) => innerRoomHash(o.worldKey, epochDocName(zone, cut))));
  if (inners.length === 0) return null;
  return o.connect.dropRooms(signDropOrder(o.owner, inners));
}
