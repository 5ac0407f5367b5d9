/**
 * Who may join a world that has a watch link (docs/links.md): the holder of the play link derives
 * the world's member key from its secret and signs the joiner's player id with it; every replica
 * checks that signature against the member public key the watch key names, so whoever holds only
 * the watch link reads the world but cannot join it.
 *
 *   const member = memberKeyOf(secret);                       // from the play key's secret
 *   const proof = membershipProof(member, worldId, me.player);   // goes in the join (`member`)
 *   checkMembership(proof, member.publicKey, worldId, me.player); // true: what every replica checks
 */
import { fromBase64Url, sha256Bytes, toBase64Url, utf8ToBytes } from './bytes.ts';
import { identityFromSecret, signBytes, verifyBytes, type Identity } from './identity.ts';

const PREFIX = 'vetrellis/member/v1\n';

/** The world's member key, from the play key's 32-byte secret. */
export function memberKeyOf(secret: Uint8Array): Identity {
  return identityFromSecret(sha256Bytes(new Uint8Array([...utf8ToBytes('vetrellis/member-key/v1\n'), ...secret])));
}

/** The world's read secret, from the play key's 32-byte secret: what a watch link carries. */
export function readSecretOf(secret: Uint8Array): Uint8Array {
  return sha256Bytes(new Uint8Array([...utf8ToBytes('vetrellis/read/v1\n'), ...secret]));
}

/** The member key's signature over `player` in world `world` (base64url, 86 characters). */
export function membershipProof(member: Identity, world: string, player: string): string {
  return toBase64Url(signBytes(member, utf8ToBytes(`${PREFIX}${world}\n${player}`)));
}

/** True when `proof` is the member key `memberKey`'s signature over `player` in `world`. Never throws. */
export function checkMembership(proof: string | undefined, memberKey: Uint8Array, world: string, player: string): boolean {
  if (proof === undefined) return false;
  const sig = fromBase64Url(proof);
  if (sig === null || sig.length !== 64) return false;
  return verifyBytes(memberKey, utf8ToBytes(`${PREFIX}${world}\n${player}`), sig);
}
