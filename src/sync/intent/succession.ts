/**
 * A way back for a player whose history stopped (docs/finality.md "A way back for a chain that
 * stopped"): a fresh start as a new generation of the same key. Generation g's key is derived
 * from the player's secret (so every device holding the secret finds it again, and nothing more
 * needs storing); its character is new (level 1, in the start zone), and its `join` proves, by
 * the previous generation's signature over the new player id, that it succeeds that character,
 * which then leaves the isle with everything it carried, freeing the name. A swindler gains
 * nothing: what the stopped character holds is gone.
 *
 *   const next = generationOf(me, 1);                       // Identity of generation 1
 *   const succeeds = successionProof(me, next, worldId);    // goes in the join (or a retire)
 *   checkSuccession(succeeds, next.player, worldId);        // true: what every replica checks
 */
import type { Appointment, Succession } from '../../engine/action.ts';
import { fromBase64Url, sha256Bytes, toBase64Url, utf8ToBytes } from './bytes.ts';
import { identityFromSecret, signBytes, verifyBytes, type Identity } from './identity.ts';
import { playerIdOf } from './player-id.ts';

export type { Appointment, Succession };

/** Generations a device looks for (a player starting over this often has other problems). */
export const MAX_GENERATION = 64;

const PREFIX = 'vetrellis/succession/v1\n';

/** Generation `g` of a player's key (0: the key itself). */
export function generationOf(base: Identity, g: number): Identity {
  if (g === 0) return base;
  const seed = new Uint8Array([...utf8ToBytes(`vetrellis/generation/v1\n${g}\n`), ...base.secretKey]);
  return identityFromSecret(sha256Bytes(seed));
}

/** `next` succeeds `former` in world `world`: `former`'s signature over `next`'s player id. */
export function successionProof(former: Identity, next: Identity, world: string): Succession {
  const sig = signBytes(former, utf8ToBytes(`${PREFIX}${world}\n${next.player}`));
  return { player: former.player, key: toBase64Url(former.publicKey), sig: toBase64Url(sig) };
}

/** True when `s` proves that `successor` succeeds `s.player` in `world`. Never throws. */
export function checkSuccession(s: Succession, successor: string, world: string): boolean {
  const key = fromBase64Url(s.key);
  const sig = fromBase64Url(s.sig);
  if (key === null || key.length !== 32 || sig === null || sig.length !== 64) return false;
  if (playerIdOf(key) !== s.player || s.player === successor) return false;
  return verifyBytes(key, utf8ToBytes(`${PREFIX}${world}\n${successor}`), sig);
}

const APPOINTED = 'vetrellis/moderator/v1\n';

/** The key a device moderates with for the owner `owner` (its own chain in each zone, apart from play). */
export function moderatorKeyOf(owner: Identity): Identity {
  return identityFromSecret(sha256Bytes(new Uint8Array([...utf8ToBytes('vetrellis/moderator-key/v1\n'), ...owner.secretKey])));
}

/** The owner's appointment of `moderator` in world `world`. */
export function appointment(owner: Identity, moderator: string, world: string): Appointment {
  return { key: toBase64Url(owner.publicKey), sig: toBase64Url(signBytes(owner, utf8ToBytes(`${APPOINTED}${world}\n${moderator}`))) };
}

/** True when `a` is `owner`'s appointment of `moderator` in `world`. Never throws. */
export function checkAppointment(a: Appointment, moderator: string, owner: string, world: string): boolean {
  const key = fromBase64Url(a.key);
  const sig = fromBase64Url(a.sig);
  if (key === null || key.length !== 32 || sig === null || sig.length !== 64 || playerIdOf(key) !== owner) return false;
  return verifyBytes(key, utf8ToBytes(`${APPOINTED}${world}\n${moderator}`), sig);
}
