// Moderation (issue 19): the world's owner bans, unbans, mutes and unmutes players by name. Each is
// a signed intent of the owner's moderator key (appointed by the key the world names), written into
// every zone and checked by the rules, identically on every replica: a banned player's character
// leaves the world wherever it stands and their intents change nothing; a muted player's speech
// reaches nobody; a member who is not the owner can do none of it, even with a modified client.
// Through the memory relay and the project's relay, the owner's commands typed into a session.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Session } from '../../src/session/index.ts';
import { SharedWorldBackend } from '../../src/session/shared-world-backend.ts';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { createIntent } from '../../src/sync/intent/intent.ts';
import { appointment, moderatorKeyOf } from '../../src/sync/intent/succession.ts';
import { MemoryDocStore } from '../../src/sync/world/doc-store.ts';
import { createWorldKey, roomName, zoneDocName } from '../../src/sync/world/world-key.ts';
import { content } from './fixture.ts';
import { RELAYS, relayForBlock, until } from './relay-pair.ts';


describe.each(RELAYS)('moderation, through %s', (_name, start) => {
  const relays = relayForBlock(start);

  it('the owner bans, mutes, unmutes and unbans by name; nobody else can', async () => {
    const { relay, connect, close } = relays();
    const anaKey = createIdentity();
    const worldKey = createWorldKey(anaKey.publicKey);
    const open = (name: string, identity = createIdentity()) => SharedWorldBackend.open({ content, worldKey, identity, store: new MemoryDocStore(), name, relay, ...(name === 'Ana' ? { create: { name: 'Kept Order' } } : {}) });
    const ana = await open('Ana', anaKey);
    const bo = await open('Bo');
    const malloryKey = createIdentity();
    const mallory = await open('Mallory', malloryKey);
    let t = 0;
    const session = new Session(ana, { name: 'Ana', clock: () => Date.now() + (t += 1) });
    session.start();
    const boSession = new Session(bo, { name: 'Bo', clock: () => Date.now() + (t += 1) });
    boSession.start();
    const stop: (() => void)[] = [];
    try {
      const now = Date.now();
      expect(mallory.submit({ kind: 'take', target: 'moonpetal' }, now).blocked).toBeUndefined();
      await until(() => mallory.submit({ kind: 'move', dir: 'north' }, now + 1).blocked === undefined);
      await until(() => bo.status().roster.some((r) => r.name === 'Mallory') && ana.status().roster.some((r) => r.name === 'Mallory'));

      // A member cannot moderate: Bo's command is refused, and a modified client's ban changes nothing.
      expect((await boSession.handle('ban mallory')).text).toContain("Only the isle's maker");
      const boMod = moderatorKeyOf(createIdentity());
      const forged = createIntent(boMod, { world: bo.id, zone: 'village', seq: 1, prev: null, turn: 1, at: now, action: { kind: 'ban', target: mallory.player, appointed: appointment(boMod, boMod.player, bo.id) } });
      const doc = new Y.Doc();
      const link = connect(doc, roomName(worldKey, zoneDocName('village')));
      stop.push(() => {
        link.destroy();
        doc.destroy();
      });
      await link.whenSynced(5000);
      doc.getMap('intents').set(forged.id, forged.raw);
      await until(() => (mallory.shared.zoneReplica('village')!.diagnostics.snapshot()['intent/not-moderator'] ?? 0) > 0);
      expect(mallory.state.players[mallory.player]).toBeDefined();

      // The owner bans Mallory from the harbor while she stands in the village.
      const banned = await session.handle('ban Mallory');
      expect(banned.text).toContain('Mallory is banished from this isle');
      await until(() => mallory.shared.zoneReplica('village')?.state.players[mallory.player] === undefined);
      const refused = mallory.submit({ kind: 'say', text: 'let me back' }, now + 2);
      expect(refused.blockedReason).toBe('sync/banned');
      expect(refused.blocked).toContain('banished');
      // A modified client that signs anyway changes nothing: the rules refuse it on every replica.
      const zone = mallory.shared.zoneReplica('village')!;
      const f = zone.nextFields(mallory.player, now + 3);
      const sneaked = createIntent(malloryKey, { world: mallory.id, zone: 'village', ...f, action: { kind: 'take', target: 'moonpetal' } });
      doc.getMap('intents').set(sneaked.id, sneaked.raw);
      await until(() => zone.has(sneaked.id));
      expect(zone.fold.eventsAt(zone.fold.entries.findIndex((e) => e.id === sneaked.id)).some((e) => e.type === 'refused' && e.reason === 'moderation/banned')).toBe(true);
      await until(() => bo.state.players[mallory.player] === undefined);
      // WHO leaves her out, in every part of the isle that knows of the ban.
      expect((await boSession.handle('who')).text).not.toContain('Mallory');

      // Muted, Bo's words reach nobody; unmuted, they do.
      expect((await session.handle('mute bo')).text).toContain('Bo is silenced');
      await until(() => bo.state.moderation?.muted.includes(bo.player) === true);
      expect((await boSession.handle('say is anyone there')).text).toContain('nobody hears');
      expect((await session.handle('unmute bo')).text).toContain('Bo may speak again');
      await until(() => bo.state.moderation?.muted.includes(bo.player) === false);
      await boSession.handle('say hello again');
      await until(() => ana.state.players[bo.player] !== undefined);
      const heard: string[] = [];
      await until(() => {
        heard.push(...session.poll().map((l) => l.text));
        return heard.some((l) => l.includes('hello again'));
      });

      // Unbanned, Mallory is back where she stood, with what she carried.
      expect((await session.handle('unban mallory')).text).toContain('Mallory may come back');
      await until(() => mallory.shared.zoneReplica('village')?.state.players[mallory.player] !== undefined);
      expect(mallory.state.players[mallory.player]!.inventory.some((s) => s.item === 'moonpetal')).toBe(true);
      expect(mallory.submit({ kind: 'say', text: 'thank you' }, now + 4).events.some((e) => e.type === 'said')).toBe(true);
    } finally {
      for (const s of stop) s();
      for (const w of [mallory, bo, ana]) await w.close(0);
      close();
    }
  }, 60_000);
});
