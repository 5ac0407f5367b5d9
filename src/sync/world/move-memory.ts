/**
 * What the owner's device remembers of a move it began (issue 19, "Move the world"), kept in the
 * device's own store beside the world's documents, so a device that stops halfway (closed,
 * crashed, the page reloaded) finishes the move to the key it began with, leaving out whom it
 * left out, instead of asking again or making a second new world. One small document per world,
 * never linked to a relay: it holds a secret (the new key), as the world folder or the browser's
 * storage already do (the old key, the player's key).
 *
 *   await rememberMove(store, oldKey, { pending: { newKey, leaveOut } });   // before anything is written
 *   const { pending, unfrozen } = await recallMove(store, worldKey);        // as the world opens again
 *
 * `pending`: kept under the old world's key from the moment the new key is made until the
 * pointers are written. `unfrozen`: kept under the new world's key, the old world's key while the
 * relay has not confirmed its freeze everywhere (MOVE WORLD FINISH pushes it again).
 */
import * as Y from 'yjs';
import { z } from 'zod/mini';
import { MOVE_MEMORY_DOC } from './device-docs.ts';
import type { DocStore } from './doc-store.ts';
import { isWorldKey, roomName } from './world-key.ts';

/** The name the store keeps a world's move memory under (no relay ever sees it: it is never linked). */
export const moveMemoryRoom = (worldKey: string): string => roomName(worldKey, MOVE_MEMORY_DOC);

const WorldKeyText = z.string().check(z.maxLength(200), z.refine(isWorldKey, 'not a world key'));
export const PendingMove = z.object({ newKey: WorldKeyText, leaveOut: z.array(z.string().check(z.maxLength(200))).check(z.maxLength(10_000)) });
export type PendingMove = z.infer<typeof PendingMove>;

export interface MoveMemory {
  readonly pending: PendingMove | null;
  readonly unfrozen: string | null;
}

const NOTHING: MoveMemory = { pending: null, unfrozen: null };

/** Reads a record kept as JSON text; a damaged one counts as none (the device then asks, as it would have). */
function readRecord<T>(map: Y.Map<unknown>, key: string, schema: z.ZodMiniType<T>): T | null {
  const text = map.get(key);
  if (typeof text !== 'string') return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function withMemory<T>(store: DocStore, worldKey: string, use: (map: Y.Map<unknown>) => T): Promise<T> {
  const doc = new Y.Doc();
  const stored = store.open(doc, moveMemoryRoom(worldKey));
  try {
    await stored.whenLoaded;
    return use(doc.getMap('move'));
  } finally {
    await stored.close();
    doc.destroy();
  }
}

/** What this device remembers of a move of the world of `worldKey` (nothing, on a store that keeps nothing). */
export async function recallMove(store: DocStore, worldKey: string): Promise<MoveMemory> {
  if (!store.durable) return NOTHING;
  // Only look where something was kept: opening a browser database makes it.
  if (store.holds !== undefined && !(await store.holds(moveMemoryRoom(worldKey)))) return NOTHING;
  return withMemory(store, worldKey, (map) => ({ pending: readRecord(map, 'pending', PendingMove), unfrozen: readRecord(map, 'unfrozen', WorldKeyText) }));
}

/** Keeps (a value) or forgets (null) each part given; resolves once the store holds it. */
export async function rememberMove(store: DocStore, worldKey: string, change: Partial<MoveMemory>): Promise<void> {
  if (!store.durable) return;
  await withMemory(store, worldKey, (map) => {
    for (const key of ['pending', 'unfrozen'] as const) {
      if (!(key in change)) continue;
      const value = change[key];
      if (value === null || value === undefined) map.delete(key);
      else map.set(key, JSON.stringify(value));
    }
  });
}
