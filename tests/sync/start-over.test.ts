// A way back for a chain that stopped (issue 14, docs/finality.md): a player whose history in a
// zone was signed two ways (two devices on one key) starts over as the next generation of their
// key: a new level-1 character under the same name in the start zone, while the stopped one leaves
// the isle with everything it carried, wherever it stood. Nobody else can retire a character.
// Through the memory relay and the project's relay, with the player's world kept on disk.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { toBase64Url } from '../../src/sync/intent/bytes.ts';
import { createIdentity, type Identity } from '../../src/sync/intent/identity.ts';
import { createIntent } from '../../src/sync/intent/intent.ts';
import { checkSuccession, generationOf, successionProof } from '../../src/sync/intent/succession.ts';
import { SharedWorldBackend } from '../../src/session/shared-world-backend.ts';
import { MemoryDocStore } from '../../src/sync/world/doc-store.ts';
import { FileDocStore } from '../../src/sync/world/node-doc-store.ts';
import { createWorldKey, roomName, zoneDocName } from '../../src/sync/world/world-key.ts';
import { content } from './fixture.ts';
import { RELAYS, relayForBlock, until } from './relay-pair.ts';
import type { RelayConnector } from '../../src/sync/world/relay-link.ts';


/** A second device with the same key signs another intent for the player's last seq in `zone`. */
async function fork(me: Identity, world: SharedWorldBackend, worldKey: string, connect: RelayConnector): Promise<() => void> {
  const zone = world.shared.zone;
  const mine = world.shared.zoneReplica(zone)!.fold.entries.filter((e) => e.player === me.player).at(-1)!;
  // The other device signed its own last intent, and went on from it: whether or not the owner
  // has sealed ours by now, the chain cannot go on past the fork.
  const twin = createIntent(me, { world: world.id, zone, seq: mine.seq, prev: mine.intent.prev, turn: mine.intent.signedTurn, at: mine.at, action: { kind: 'say', text: 'the other device' } });
  const after = createIntent(me, { world: world.id, zone, seq: mine.seq + 1, prev: twin.id, turn: mine.intent.signedTurn + 1, at: mine.at + 1, action: { kind: 'wait' } });
  const doc = new Y.Doc();
  const link = connect(doc, roomName(worldKey, zoneDocName(zone)));
  await link.whenSynced(5000);
  doc.transact(() => {
    doc.getMap('intents').set(twin.id, twin.raw);
    doc.getMap('intents').set(after.id, after.raw);
  });
  return () => {
    link.destroy();
    doc.destroy();
  };
}

describe('succession proofs', () => {
  it('verify for the next generation of the same key only', () => {
    const ana = createIdentity();
    const next = generationOf(ana, 1);
    expect(generationOf(ana, 1).player).toBe(next.player);
    expect(next.player).not.toBe(ana.player);
    const proof = successionProof(ana, next, 'w'.repeat(64));
    expect(checkSuccession(proof, next.player, 'w'.repeat(64))).toBe(true);
    expect(checkSuccession(proof, createIdentity().player, 'w'.repeat(64))).toBe(false);
    expect(checkSuccession(proof, next.player, 'x'.repeat(64))).toBe(false);
    // Mallory names Ana's key, but cannot sign with it.
    const mallory = createIdentity();
    const forged = { ...successionProof(mallory, mallory, 'w'.repeat(64)), player: ana.player, key: toBase64Url(ana.publicKey) };
    expect(checkSuccession(forged, mallory.player, 'w'.repeat(64))).toBe(false);
  });
});

describe.each(RELAYS)('starting over, through %s', (_name, start) => {
  const relays = relayForBlock(start);

  it('a stopped character leaves the isle with what it carried; its player plays on under the same name, also after a reload', async () => {
    const { relay, connect, close } = relays();
    const dir = mkdtempSync(join(tmpdir(), 'vetrellis-start-over-'));
    const anaKey = createIdentity();
    const worldKey = createWorldKey(anaKey.publicKey);
    const opts = { content, worldKey, relay, sealing: { afterMs: 0, everyTurns: 2 } };
    const openAna = () => SharedWorldBackend.open({ ...opts, identity: anaKey, store: new FileDocStore(join(dir, 'ana')), name: 'Ana', create: { name: 'Forked' } });
    let ana = await openAna();
    const bo = await SharedWorldBackend.open({ ...opts, identity: createIdentity(), store: new MemoryDocStore(), name: 'Bo' });
    const undo: (() => void)[] = [];
    try {
      const now = Date.now();
      expect(ana.submit({ kind: 'take', target: 'moonpetal' }, now).blocked).toBeUndefined();
      await until(() => ana.submit({ kind: 'move', dir: 'north' }, now + 1000).blocked === undefined);
      expect(ana.shared.zone).toBe('village');
      ana.submit({ kind: 'wait' }, now + 2000);
      // Before starting over there is nothing to start over from.
      expect(await ana.startOver()).toBeNull();
      undo.push(await fork(anaKey, ana, worldKey, connect));
      await until(() => ana.shared.stopped);
      const refused = ana.submit({ kind: 'wait' }, now + 3000);
      expect(refused.blockedReason).toBe('sync/chain-stopped');
      expect(refused.blocked).toContain('START OVER');

      const events = await ana.startOver();
      expect(events?.some((e) => e.type === 'joined' && e.name === 'Ana')).toBe(true);
      expect(events?.some((e) => e.type === 'retired' && e.former === anaKey.player)).toBe(true);
      const heir = ana.player;
      expect(heir).toBe(generationOf(anaKey, 1).player);
      expect(ana.shared.zone).toBe('harbor');
      const me = ana.state.players[heir]!;
      expect([me.name, me.level, me.inventory.length]).toEqual(['Ana', 1, 0]);
      // The stopped character is gone where it stood, moonpetal and all, on every replica.
      await until(() => ana.shared.zoneReplica('village')?.state.players[anaKey.player] === undefined);
      expect(Object.values(ana.shared.zoneReplica('village')!.state.floors['green'] ?? {})).toEqual([]);
      await until(() => bo.state.players[heir]?.name === 'Ana');
      expect(bo.drainNews().events.some((e) => e.type === 'joined' && e.player === heir)).toBe(true);
      expect(ana.submit({ kind: 'take', target: 'rope' }, now + 4000).blocked).toBeUndefined();
      // Everyone's WHO lists one Ana, the heir, who still made this isle; her device still seals it.
      await until(() => bo.status().roster.filter((r) => r.name === 'Ana').length === 1);
      expect(bo.status().roster.find((r) => r.name === 'Ana')!.player).toBe(heir);
      expect(bo.status().owner).toBe(heir);
      const sealed = bo.shared.zoneReplica('harbor')!.finalSeal?.n ?? 0;
      for (let i = 0; i < 4; i++) ana.submit({ kind: 'wait' }, now + 4100 + i);
      await until(() => (bo.shared.zoneReplica('harbor')!.finalSeal?.n ?? 0) > sealed);
      await until(() => ana.pendingCount === 0);
      await ana.close();

      // The key file is all a device keeps: reopening plays the latest generation, not the stopped one.
      ana = await openAna();
      expect(ana.player).toBe(heir);
      expect(ana.state.players[heir]!.inventory.some((s) => s.item === 'rope')).toBe(true);
      expect(ana.submit({ kind: 'wait' }, now + 5000).blocked).toBeUndefined();

      // Nobody else can retire a character: Mallory names Bo's key in a join of her own.
      const mallory = createIdentity();
      const boKey = bo.shared.roster().find((r) => r.player === bo.player)!.publicKey;
      const forged = { ...successionProof(mallory, mallory, ana.id), player: bo.player, key: boKey };
      const claim = createIntent(mallory, { world: ana.id, zone: 'harbor', seq: 1, prev: null, turn: 1, at: now, action: { kind: 'join', name: 'Bo', succeeds: forged } });
      const doc = new Y.Doc();
      const link = connect(doc, roomName(worldKey, zoneDocName('harbor')));
      undo.push(() => {
        link.destroy();
        doc.destroy();
      });
      await link.whenSynced(5000);
      doc.getMap('intents').set(claim.id, claim.raw);
      await until(() => (bo.shared.zoneReplica('harbor')!.diagnostics.snapshot()['intent/bad-succession'] ?? 0) > 0);
      expect(bo.state.players[bo.player]?.name).toBe('Bo');
      expect(bo.state.players[mallory.player]).toBeUndefined();
    } finally {
      for (const u of undo) u();
      await bo.close(0);
      await ana.close(0);
      close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
