/**
 * A player's id: the sha256 (hex) of their Ed25519 public key, so an id cannot be claimed without
 * the key. Its own module so that code which only names players (world keys, the app shell) does
 * not load the curve.
 *
 *   playerIdOf(identity.publicKey) // 64 hex characters
 */
import { sha256Hex } from './bytes.ts';

export function playerIdOf(publicKey: Uint8Array): string {
  return sha256Hex(publicKey);
}
