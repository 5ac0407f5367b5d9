/**
 * Box key records (issue 19, "Move the world"): each member publishes their box public key
 * (member-box.ts) in a record of its own, in the root document's `boxes` map, keyed by their
 * player id and signed by their player key, so the owner can seal the moved world's new key to
 * them. Not in the roster entry: clients before session 14 read roster entries with a strict
 * schema and drop one with a field they do not know, so a member on such a client would not see
 * newer members at all. Entries signed by session-13 clients still carry `box`, and are read as
 * before (WorldRoot.boxOf).
 *
 *   root.boxes.set(me.player, signBoxRecord(me, { world, box: await boxKeyText(me) }));
 *   readBoxRecord(player, raw, world);   // the box public key (43 characters) or null
 */
import { canonicalJson, canonicalJsonBounded } from '../../content/canonical.ts';
import { fromBase64Url, toBase64Url, utf8ToBytes } from '../intent/bytes.ts';
import { playerIdOf, signBytes, verifyBytes, type Identity } from '../intent/identity.ts';

const PREFIX = 'vetrellis/box/v1\n';
/** A record is about 330 characters; anything much longer is junk. */
const MAX_RECORD_CHARS = 1024;
const BOX = /^[A-Za-z0-9_-]{43}$/;

/** The player's signed record of their box public key in `world`, as stored (before a private world's sealing). */
export function signBoxRecord(identity: Identity, f: { readonly world: string; readonly box: string }): string {
  const body = { v: 1 as const, world: f.world, player: identity.player, publicKey: toBase64Url(identity.publicKey), box: f.box };
  const sig = toBase64Url(signBytes(identity, utf8ToBytes(PREFIX + canonicalJson(body))));
  return canonicalJson({ ...body, sig });
}

/** The box public key in the record stored under `player`, if the player signed it for `world`; null for anything else. Never throws. */
export function readBoxRecord(player: string, raw: unknown, world: string): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_RECORD_CHARS) return null;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v) || canonicalJsonBounded(v, MAX_RECORD_CHARS) !== raw) return null;
  const r = v as Record<string, unknown>;
  if (Object.keys(r).length !== 6 || r['v'] !== 1 || r['world'] !== world || r['player'] !== player) return null;
  const { box, publicKey, sig } = r;
  if (typeof box !== 'string' || !BOX.test(box) || typeof publicKey !== 'string' || typeof sig !== 'string') return null;
  const pk = fromBase64Url(publicKey);
  const signature = fromBase64Url(sig);
  if (pk === null || signature === null || playerIdOf(pk) !== player) return null;
  const { sig: _s, ...body } = r;
  return verifyBytes(pk, utf8ToBytes(PREFIX + canonicalJson(body)), signature) ? box : null;
}
