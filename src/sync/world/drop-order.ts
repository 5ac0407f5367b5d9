/**
 * Rooms a world's owner can retire on the relay (docs/finality.md, "Dropping old epochs on the
 * relay"). The relay cannot read a world's documents, nor tell which of its rooms are superseded:
 * a room's name is a one-way hash of the world's key and the document's name. So the rooms of
 * epochs cut since session 15 are *owned*: their names bind the owner's public key,
 *
 *   room = 'vetrellis-' + sha256('vetrellis/owned-room\n' + owner + '\n' + inner)[0..40]
 *   inner = sha256('vetrellis/room\n' + world identity + '\n' + document name)
 *
 * Only a link holder can compute `inner`; given it and the owner's key, the relay recomputes the
 * room's name, and only the owner can sign an order naming it. A **drop order** is that signature
 * over a list of `inner` hashes; the relay checks it, waits out its grace period (a month by
 * default: devices still bridging the old epoch, challenges) and then deletes the rooms, keeping
 * their names as dropped. Nobody but the owner can name a room of the owner's to the relay (that
 * would take a sha256 collision), and an order for rooms that are not the owner's drops nothing.
 *
 *   const text = signDropOrder(owner, [innerRoomHash(worldKey, 'zone/harbor@1.o…')]);  // world-key.ts
 *   readDropOrder(text, verifyBytes);        // { owner, rooms: ['vetrellis-…'] } | { error }
 */
import { z } from 'zod/mini';
import { canonicalJson, compareCodeUnits } from '../../content/canonical.ts';
import { fromBase64Url, toBase64Url, utf8ToBytes } from '../intent/bytes.ts';
import { signBytes, type Identity } from '../intent/identity.ts';
import { Hex64 } from '../intent/sync-action.ts';
import { ownedRoomName } from './world-key.ts';

const PREFIX = 'vetrellis/drop/v1\n';
/** Rooms one order may name: a world of 256 zones, 16 epochs at once. */
export const DROP_ORDER_ROOMS = 4096;
/** The largest order text a relay reads (4,096 hashes of 64 characters and a signature). */
export const DROP_ORDER_BYTES = 300 * 1024;

const DropOrderSchema = z.strictObject({
  v: z.literal(1),
  owner: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
  rooms: z.array(Hex64).check(z.minLength(1), z.maxLength(DROP_ORDER_ROOMS)),
  sig: z.string().check(z.regex(/^[A-Za-z0-9_-]{86}$/)),
});

const bodyOf = (owner: string, rooms: readonly string[]): string => PREFIX + canonicalJson({ v: 1, owner, rooms });

/** The owner's order to drop the rooms with these inner hashes (sorted, each once). */
export function signDropOrder(owner: Identity, inners: readonly string[]): string {
  const rooms = [...new Set(inners)].sort(compareCodeUnits);
  const key = toBase64Url(owner.publicKey);
  const sig = toBase64Url(signBytes(owner, utf8ToBytes(bodyOf(key, rooms))));
  return canonicalJson({ v: 1, owner: key, rooms, sig });
}

/**
 * An order as the relay reads it: canonical, each room once and in order, signed by the key it
 * names (checked by `verify`: the relay's own Ed25519). The rooms come back as their names.
 */
export function readDropOrder(
  text: string,
  verify: (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean,
): { readonly owner: string; readonly rooms: readonly string[] } | { readonly error: string } {
  if (text.length > DROP_ORDER_BYTES) return { error: 'order too large' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { error: 'order is not JSON' };
  }
  const r = DropOrderSchema.safeParse(parsed);
  if (!r.success) return { error: `order malformed: ${r.error.issues[0]?.path.join('.') || 'record'}` };
  const { owner, rooms, sig } = r.data;
  if (canonicalJson(r.data) !== text) return { error: 'order not canonical' };
  for (let i = 1; i < rooms.length; i++) if (compareCodeUnits(rooms[i - 1]!, rooms[i]!) >= 0) return { error: 'rooms not sorted or repeated' };
  const key = fromBase64Url(owner);
  const signature = fromBase64Url(sig);
  if (key === null || signature === null || !verify(key, utf8ToBytes(bodyOf(owner, rooms)), signature)) return { error: 'bad signature' };
  return { owner, rooms: rooms.map((inner) => ownedRoomName(owner, inner)) };
}
