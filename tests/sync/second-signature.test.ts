// A member signs one of their intents twice (same body, a fresh Ed25519 nonce: both signatures
// valid) and writes the second string over the first. Honest replicas must settle on one string
// per id, with a bounded number of writes, instead of healing the entry back and forth forever;
// the outcome (state hash) is the same everywhere, and a deleted entry is still healed.
import { ed25519 } from '@noble/curves/ed25519.js';
import { mod } from '@noble/curves/abstract/modular.js';
import { bytesToNumberLE, concatBytes, numberToBytesLE } from '@noble/curves/utils.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createIntent, type VerifiedIntent } from '../../src/sync/intent/intent.ts';
import type { Identity } from '../../src/sync/intent/identity.ts';
import { Verifier } from '../../src/sync/intent/verifier.ts';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import { ZoneDoc } from '../../src/sync/world/world-docs.ts';
import { bindZoneLog } from '../../src/sync/world/zone-log.ts';
import { Author, content, identities, SEED, WORLD } from './fixture.ts';

/**
 * The attacker's tool: an Ed25519 signature with a random nonce instead of RFC 8032's derived
 * one. It verifies like any other (the nonce is the signer's choice); only a hostile client
 * makes one. Written here, in a test, because no library signs this way on purpose.
 */
function signWithFreshNonce(identity: Identity, message: Uint8Array): Uint8Array {
  const n = ed25519.Point.Fn.ORDER;
  const { scalar, pointBytes } = ed25519.utils.getExtendedPublicKey(identity.secretKey);
  const r = mod(bytesToNumberLE(ed25519.utils.randomSecretKey()) + 1n, n);
  const R = ed25519.Point.BASE.multiply(r).toBytes();
  const k = mod(bytesToNumberLE(sha512(concatBytes(R, pointBytes, message))), n);
  return concatBytes(R, numberToBytesLE(mod(r + k * scalar, n), 32));
}

interface Peer {
  readonly zone: ZoneDoc;
  readonly replica: ZoneReplica;
  /** Updates this peer's document made itself (its heals among them). */
  writes: number;
}

function peer(): Peer {
  const zone = new ZoneDoc(new Y.Doc(), 'harbor');
  const replica = new ZoneReplica({ rules: engineRules, content, world: WORLD, zone: 'harbor', seed: SEED, verifier: new Verifier() });
  bindZoneLog(zone, replica, () => {});
  return { zone, replica, writes: 0 };
}

/** Deliver every update between the peers until none is made; the rounds it took (capped). */
async function settle(peers: readonly Peer[], cap = 50): Promise<number> {
  for (let round = 1; round <= cap; round++) {
    const before = peers.map((p) => Y.encodeStateVector(p.zone.doc));
    for (const from of peers) for (const to of peers) if (from !== to) Y.applyUpdate(to.zone.doc, Y.encodeStateAsUpdate(from.zone.doc, Y.encodeStateVector(to.zone.doc)), 'remote');
    for (let i = 0; i < 5; i++) await Promise.resolve();
    const after = peers.map((p) => Y.encodeStateVector(p.zone.doc));
    if (before.every((sv, i) => Buffer.from(sv).equals(Buffer.from(after[i]!)))) return round;
  }
  return cap + 1;
}

describe('two valid signatures of one intent', () => {
  it('honest replicas that hold different strings of one id settle on one, stop writing, and agree', async () => {
    const [ia, ib] = identities(2);
    const ana = new Author('harbor', ia!);
    const mal = new Author('harbor', ib!);
    const anaJoin = ana.write({ kind: 'join', name: 'Ana' }, 1);
    const join = mal.write({ kind: 'join', name: 'Mal' }, 1);
    // Mal's join again, signed with a fresh nonce: the same id, another valid string.
    const fields = JSON.parse(join.raw) as { seq: number; prev: string | null; turn: number; at: number };
    const twin = createIntent(ib!, { world: WORLD, zone: 'harbor', seq: fields.seq, prev: fields.prev, turn: fields.turn, at: fields.at, action: { kind: 'join', name: 'Mal' } }, signWithFreshNonce);
    expect(twin.id).toBe(join.id);
    expect(twin.raw).not.toBe(join.raw);

    // Mal hands one string to each honest replica before they meet.
    const honest = [peer(), peer()];
    const put = (p: Peer, i: VerifiedIntent) => p.zone.doc.transact(() => p.zone.intents.set(i.id, i.raw), 'remote');
    put(honest[0]!, anaJoin);
    put(honest[0]!, join);
    put(honest[1]!, anaJoin);
    put(honest[1]!, twin);
    for (const p of honest) p.zone.doc.on('update', (_u: Uint8Array, origin: unknown) => void (origin !== 'remote' && p.writes++));

    expect(await settle(honest)).toBeLessThan(10);
    expect(honest[0]!.writes + honest[1]!.writes).toBeLessThanOrEqual(1);
    const kept = honest.map((p) => p.zone.intents.get(join.id));
    expect(kept[0]).toBe(kept[1]);
    expect([join.raw, twin.raw]).toContain(kept[0]);
    expect(honest[0]!.replica.stateHash).toBe(honest[1]!.replica.stateHash);

    // A deletion is still healed.
    const hostile = peer();
    expect(await settle([...honest, hostile])).toBeLessThan(10);
    hostile.zone.doc.transact(() => hostile.zone.intents.delete(join.id));
    expect(await settle([...honest, hostile])).toBeLessThan(10);
    expect(hostile.zone.intents.get(join.id)).toBe(kept[0]);
  });
});
