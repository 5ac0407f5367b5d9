// A world's owner is named by its key (issue 19): the maker's public key follows the secret, so
// the owner is part of the world's identity. Keys made before owners name none; a key with
// another owner is another world (its rooms, id and seed differ), so nobody can claim one.
import { describe, expect, it } from 'vitest';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { createWorldKey, isWorldKey, ownerKeyOf, parseWorldLink, roomName, rootDocName, worldIdOf, worldLink, worldOwnerOf, worldSeedOf } from '../../src/sync/world/world-key.ts';

describe("a world's owner", () => {
  it('is the maker named by the key, and survives the share link', () => {
    const ana = createIdentity();
    const key = createWorldKey(ana.publicKey);
    expect(isWorldKey(key)).toBe(true);
    expect(worldOwnerOf(key)).toBe(ana.player);
    expect(ownerKeyOf(key)).toEqual(ana.publicKey);
    const link = worldLink('https://vetrellis.example/', key, 'wss://relay.example/');
    expect(parseWorldLink(link)?.worldKey).toBe(key);
    expect(worldOwnerOf(parseWorldLink(link)!.worldKey)).toBe(ana.player);
  });

  it('is nobody for keys made before owners, and for a key whose owner part is not a key', () => {
    expect(worldOwnerOf(createWorldKey())).toBeNull();
    expect(worldOwnerOf('short-but-valid-key-1234')).toBeNull();
    expect(worldOwnerOf(createWorldKey().repeat(2).slice(0, 85))).toBeNull();
  });

  it('cannot be claimed: the same secret with another owner is another world', () => {
    const ana = createIdentity();
    const mallory = createIdentity();
    const key = createWorldKey(ana.publicKey);
    // A play key: P, the secret (43 characters), the owner.
    const claimed = key.slice(0, 44) + createWorldKey(mallory.publicKey).slice(44);
    expect(worldOwnerOf(claimed)).toBe(mallory.player);
    expect(worldIdOf(claimed)).not.toBe(worldIdOf(key));
    expect(roomName(claimed, rootDocName())).not.toBe(roomName(key, rootDocName()));
    expect(worldSeedOf(claimed)).not.toBe(worldSeedOf(key));
  });
});
