// The moved world's pointers (issue 19): each member's box key is theirs alone (derived from their
// player secret, the same on each of their devices), a pointer sealed to one member opens for that
// member only, in the world and place it was written for; a pointer record counts only when the
// world's owner signed it for that member; and a record's size is bounded whatever the roster.
import { describe, expect, it } from 'vitest';
import { createIdentity, identityFromSecret } from '../../src/sync/intent/identity.ts';
import { fromBase64Url, sha256Hex, toBase64Url } from '../../src/sync/intent/bytes.ts';
import { boxKeyText, memberBoxOf, MAX_SEALED_POINTER_CHARS, openAsMember, sealToMember } from '../../src/sync/world/member-box.ts';
import { MAX_POINTER_RECORD_CHARS, readMovedPointer, signMovedPointer } from '../../src/sync/world/moved-pointers.ts';
import { readRosterEntry, signRosterEntry } from '../../src/sync/world/roster.ts';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { worldCipherOf } from '../../src/sync/world/world-cipher.ts';

const WORLD = sha256Hex('a world');
const OTHER_WORLD = sha256Hex('another world');

describe('member box keys and sealed pointers', () => {
  const bo = createIdentity();
  const cy = createIdentity();
  const newKey = createWorldKey(createIdentity().publicKey, { private: true });

  it('a box key is a function of the player secret, and differs between players', async () => {
    expect(await boxKeyText(identityFromSecret(bo.secretKey))).toBe(await boxKeyText(bo));
    expect(await boxKeyText(bo)).not.toBe(await boxKeyText(cy));
    expect(await boxKeyText(bo)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('a pointer opens for its member in its world, and for nobody and nowhere else', async () => {
    const sealed = await sealToMember((await memberBoxOf(bo)).publicKey, { world: WORLD, member: bo.player }, newKey);
    expect(sealed.length).toBeLessThanOrEqual(MAX_SEALED_POINTER_CHARS);
    expect(await openAsMember(bo, { world: WORLD, member: bo.player }, sealed)).toBe(newKey);
    // Another member (or whoever holds the old link: they have no key it was sealed to).
    expect(await openAsMember(cy, { world: WORLD, member: bo.player }, sealed)).toBeNull();
    expect(await openAsMember(cy, { world: WORLD, member: cy.player }, sealed)).toBeNull();
    // Copied to another world or another member's place: the binding does not match.
    expect(await openAsMember(bo, { world: OTHER_WORLD, member: bo.player }, sealed)).toBeNull();
    expect(await openAsMember(bo, { world: WORLD, member: cy.player }, sealed)).toBeNull();
    // Tampered, truncated, junk.
    const bytes = fromBase64Url(sealed)!;
    bytes[bytes.length - 1]! ^= 1;
    expect(await openAsMember(bo, { world: WORLD, member: bo.player }, toBase64Url(bytes))).toBeNull();
    expect(await openAsMember(bo, { world: WORLD, member: bo.player }, sealed.slice(0, 40))).toBeNull();
    expect(await openAsMember(bo, { world: WORLD, member: bo.player }, 42)).toBeNull();
    expect(await openAsMember(bo, { world: WORLD, member: bo.player }, 'x'.repeat(MAX_SEALED_POINTER_CHARS + 1))).toBeNull();
  });

  it('a pointer record counts only as the owner signed it, for the member it is stored under', async () => {
    const owner = createIdentity();
    const mal = createIdentity();
    const to = await sealToMember((await memberBoxOf(bo)).publicKey, { world: WORLD, member: bo.player }, newKey);
    const record = signMovedPointer(owner, { world: WORLD, member: bo.player, to });
    // The figures of docs/links.md: per member, whatever the roster; sealed again in a private world.
    expect([to.length, record.length, worldCipherOf(newKey)!.seal('moved', bo.player, record).length]).toEqual([180, 441, 613]);
    expect(record.length).toBeLessThanOrEqual(MAX_POINTER_RECORD_CHARS);
    expect(readMovedPointer(bo.player, record, WORLD, owner.publicKey)).toMatchObject({ member: bo.player, to });
    // Signed by anyone else (Mal holds the old link and writes pointers of her own).
    expect(readMovedPointer(bo.player, signMovedPointer(mal, { world: WORLD, member: bo.player, to }), WORLD, owner.publicKey)).toBeNull();
    // Stored under another member, read in another world, re-spelt, or with no owner to check it against.
    expect(readMovedPointer(cy.player, record, WORLD, owner.publicKey)).toBeNull();
    expect(readMovedPointer(bo.player, record, OTHER_WORLD, owner.publicKey)).toBeNull();
    expect(readMovedPointer(bo.player, record.replace('{', '{ '), WORLD, owner.publicKey)).toBeNull();
    expect(readMovedPointer(bo.player, record.replace(to, to.slice(1)), WORLD, owner.publicKey)).toBeNull();
    expect(readMovedPointer(bo.player, record, WORLD, null)).toBeNull();
    expect(readMovedPointer(bo.player, { to }, WORLD, owner.publicKey)).toBeNull();
  });

  it('a roster entry carries the box key signed with it; entries without one stay valid', async () => {
    const f = { world: WORLD, name: 'Bo', zone: 'harbor', zones: ['harbor'], at: 1 };
    const box = await boxKeyText(bo);
    const withBox = signRosterEntry(bo, { ...f, box });
    expect(readRosterEntry(bo.player, withBox, WORLD)?.box).toBe(box);
    expect(readRosterEntry(bo.player, signRosterEntry(bo, f), WORLD)?.box).toBeUndefined();
    // Someone swaps in their own box key: the signature no longer holds.
    expect(readRosterEntry(bo.player, withBox.replace(box, await boxKeyText(cy)), WORLD)).toBeNull();
    expect(readRosterEntry(bo.player, signRosterEntry(bo, { ...f, box: 'not a key' }), WORLD)).toBeNull();
  });
});
