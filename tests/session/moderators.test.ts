// Moderators (issue 19), three players each on their own kept world, through the memory relay and
// the project's relay (a process), every command typed into a session: Ana made the world and names
// Bo a moderator; Bo bans, unbans and mutes like Ana, but not Ana nor (as a modified client) the
// owner, nor name moderators; Bo's world, reopened from its folder, still knows he moderates; after
// Ana removes him his ban is refused by the rules on every replica; the owner's ban un-names him. Mal, with a modified client, forges a moderator's
// record for herself and changes nothing anywhere. A moderator's ban racing the owner's removal of
// that moderator is decided by the zone's order alone, the same on every replica.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { hashState, type Action, type GameEvent } from '../../src/engine/index.ts';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { createIntent } from '../../src/sync/intent/intent.ts';
import { appointment, moderatorKeyOf } from '../../src/sync/intent/succession.ts';
import type { ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import { roomName, zoneDocName } from '../../src/sync/world/world-key.ts';
import { KeptWorld } from './kept-world.ts';
import { RELAYS, relayForBlock, until } from '../sync/relay-pair.ts';
import type { RelayConnector } from '../../src/sync/world/relay-link.ts';

const START = 60_000;

/** The events every replica folded the intent `id` to, or null where it is not in the fold. */
function foldedAs(zone: ZoneReplica, id: string): readonly GameEvent[] | null {
  const i = zone.fold.entries.findIndex((e) => e.id === id);
  return i < 0 ? null : zone.fold.eventsAt(i);
}

/** A bare link into one zone's document, to write what a modified client would. */
async function hostileLink(connect: RelayConnector, worldKey: string, zone: string): Promise<{ write(raw: { id: string; raw: unknown }): void; close(): void }> {
  const doc = new Y.Doc();
  const link = connect(doc, roomName(worldKey, zoneDocName(zone)));
  await link.whenSynced(5000);
  return {
    write: (i) => doc.getMap('intents').set(i.id, i.raw),
    close: () => {
      link.destroy();
      doc.destroy();
    },
  };
}

describe.each(RELAYS)('moderators, through %s', (_name, start) => {
  const relays = relayForBlock(start);

  it('the owner names and removes a moderator, whose moderation counts only while named; forgeries change nothing', async () => {
    const { relay, connect, close } = relays();
    const clock = { at: START };
    const ana = await KeptWorld.create('Ana', { relay, clock, stepMs: 1000, owned: true });
    ana.session.start();
    const bo = await KeptWorld.create('Bo', { relay, clock, stepMs: 1000, worldKey: ana.worldKey });
    bo.session.start();
    const mal = await KeptWorld.create('Mal', { relay, clock, stepMs: 1000, worldKey: ana.worldKey });
    mal.session.start();
    const all = [ana, bo, mal];
    const zone = ana.zone;
    const hostile = await hostileLink(connect, ana.worldKey, zone);
    try {
      await until(() => all.every((k) => ['Ana', 'Bo', 'Mal'].every((n) => k.backend.status().roster.some((r) => r.name === n))));
      const say = async (k: KeptWorld, line: string) => (await k.session.handle(line)).text;

      // Nobody but the owner moderates, and only the owner names moderators.
      expect(await say(bo, 'ban Mal')).toContain("Only the isle's maker and its moderators");
      expect(await say(bo, 'moderator add Bo')).toContain("Only the isle's maker names moderators");
      expect(await say(ana, 'moderator add Bo')).toContain('Bo is now a moderator');
      await until(() => all.every((k) => k.backend.status().moderators?.includes(bo.player) === true));
      expect(await say(bo, 'members')).toMatch(/Ana \(owner, who made this isle\)[\s\S]*Bo \(moderator, you\)[\s\S]*Mal \(player\)/);
      expect(bo.session.observe().world.role).toBe('moderator');
      expect(mal.session.observe().world.members.map((m) => [m.name, m.role])).toEqual([['Ana', 'owner'], ['Bo', 'moderator'], ['Mal', 'player']]);

      // Mal's modified client forges her own moderator record: signed by her own key as `by` (the
      // rules refuse it: she is nobody's moderator), or claiming to be the owner's (no replica takes it).
      const malMod = moderatorKeyOf(mal.identity);
      const selfNamed = createIntent(malMod, { world: mal.backend.id, zone, seq: 1, prev: null, turn: 1, at: clock.at, action: { kind: 'mod', target: mal.player, appointed: { ...appointment(mal.identity, malMod.player, mal.backend.id), by: mal.player } } as Action });
      hostile.write(selfNamed);
      const malOther = createIdentity();
      const asOwner = createIntent(malOther, { world: mal.backend.id, zone, seq: 1, prev: null, turn: 1, at: clock.at, action: { kind: 'ban', target: ana.player, appointed: appointment(mal.identity, malOther.player, mal.backend.id) } as Action });
      hostile.write(asOwner);
      await until(() => all.every((k) => foldedAs(k.backend.shared.zoneReplica(zone)!, selfNamed.id) !== null && (k.backend.shared.zoneReplica(zone)!.diagnostics.snapshot()['intent/not-moderator'] ?? 0) > 0));
      for (const k of all) {
        expect(foldedAs(k.backend.shared.zoneReplica(zone)!, selfNamed.id)).toMatchObject([{ type: 'refused', reason: 'moderation/not-moderator' }]);
        expect(k.backend.status().moderators).toEqual([bo.player]);
      }

      // Bo moderates like the owner, but touches neither the owner nor (modified) can his key reach her.
      expect(await say(bo, 'mute Ana')).toContain("A moderator cannot ban or mute the isle's maker");
      const boOther = createIdentity();
      const atOwner = createIntent(boOther, { world: bo.backend.id, zone, seq: 1, prev: null, turn: 1, at: clock.at, action: { kind: 'ban', target: ana.player, appointed: { ...appointment(bo.identity, boOther.player, bo.backend.id), by: bo.player } } as Action });
      const rejectedBefore = ana.backend.shared.zoneReplica(zone)!.diagnostics.snapshot()['intent/not-moderator'] ?? 0;
      hostile.write(atOwner);
      await until(() => (ana.backend.shared.zoneReplica(zone)!.diagnostics.snapshot()['intent/not-moderator'] ?? 0) > rejectedBefore);
      expect(ana.me).toBeDefined();
      // Nor can he name moderators: the rules refuse it on every replica (his key signed it, so it is folded).
      const boThird = createIdentity();
      // (Signed after what Bo has seen: at turn 1 it would sort before Ana named him, and be refused as no moderator's.)
      const naming = createIntent(boThird, { world: bo.backend.id, zone, ...bo.backend.shared.zoneReplica(zone)!.nextFields(boThird.player, clock.at), action: { kind: 'mod', target: mal.player, appointed: { ...appointment(bo.identity, boThird.player, bo.backend.id), by: bo.player } } as Action });
      hostile.write(naming);
      await until(() => all.every((k) => foldedAs(k.backend.shared.zoneReplica(zone)!, naming.id) !== null));
      for (const k of all) {
        expect(foldedAs(k.backend.shared.zoneReplica(zone)!, naming.id)).toMatchObject([{ type: 'refused', reason: 'moderation/owner-only' }]);
        expect(k.backend.status().moderators).toEqual([bo.player]);
      }
      expect(await say(bo, 'ban Mal')).toContain('Mal is banished');
      await until(() => all.every((k) => k.backend.state.players[mal.player] === undefined));
      expect((await mal.session.handle('say let me back')).text).toContain('banished');
      expect(await say(mal, 'members')).toContain('Mal (player, banned, you)');

      // Bo's world, reopened from its folder, still knows he moderates: he lets Mal back.
      await bo.reopen();
      expect(await say(bo, 'members')).toContain('Bo (moderator, you)');
      expect(await say(bo, 'unban Mal')).toContain('Mal may come back');
      await until(() => all.every((k) => k.backend.state.players[mal.player] !== undefined));

      // Removed, Bo's moderation is refused: by his session, and (a modified client) by the rules everywhere.
      expect(await say(ana, 'moderator remove Bo')).toContain('Bo is no longer a moderator');
      await until(() => all.every((k) => k.backend.status().moderators?.length === 0));
      expect(await say(bo, 'ban Mal')).toContain("Only the isle's maker and its moderators");
      const late = await bo.backend.moderate('ban', mal.player);
      expect(late.events).toMatchObject([{ type: 'refused', reason: 'moderation/not-moderator' }]);
      const boMod = moderatorKeyOf(bo.identity).player;
      const lastOfBo = (k: KeptWorld) => [...k.backend.shared.zoneReplica(zone)!.fold.entries].reverse().find((e) => e.player === boMod)?.id;
      const id = lastOfBo(bo)!;
      await until(() => all.every((k) => lastOfBo(k) === id));
      for (const k of all) {
        expect(foldedAs(k.backend.shared.zoneReplica(zone)!, id)).toMatchObject([{ type: 'refused', reason: 'moderation/not-moderator' }]);
        expect(k.backend.state.players[mal.player]).toBeDefined();
      }
      await until(() => new Set(all.map((k) => hashState(k.backend.state))).size === 1);
      // Ana's world too, reopened, holds the same.
      await ana.reopen();
      expect(await say(ana, 'members')).toMatch(/Bo \(player\)[\s\S]*Mal \(player\)/);
      // Named again and then banned by the owner, Bo is a moderator no more, even once unbanned.
      expect(await say(ana, 'mod Bo')).toContain('Bo is now a moderator');
      await until(() => all.every((k) => k.backend.status().moderators?.includes(bo.player) === true));
      expect(await say(ana, 'ban Bo')).toContain('Bo is banished');
      await until(() => all.every((k) => k.backend.status().moderators?.length === 0 && k.backend.state.players[bo.player] === undefined));
      expect(await say(ana, 'unban Bo')).toContain('Bo may come back');
      await until(() => all.every((k) => k.backend.state.players[bo.player] !== undefined));
      expect(await say(bo, 'members')).toContain('Bo (player, you)');
      for (const k of all) {
        expect(k.violations).toEqual([]);
        expect(k.errors).toEqual([]);
      }
    } finally {
      hostile.close();
      for (const k of [mal, bo, ana]) await k.dispose();
      close();
    }
  }, 120_000);

  it("a moderator's ban racing the owner's removal of them: the zone's order decides, identically everywhere", async () => {
    const { relay, connect, close } = relays();
    const clock = { at: START };
    const ana = await KeptWorld.create('Ana', { relay, clock, stepMs: 1000, owned: true });
    ana.session.start();
    const bo = await KeptWorld.create('Bo', { relay, clock, stepMs: 1000, worldKey: ana.worldKey });
    bo.session.start();
    const mal = await KeptWorld.create('Mal', { relay, clock, stepMs: 1000, worldKey: ana.worldKey });
    mal.session.start();
    const all = [ana, bo, mal];
    const zone = ana.zone;
    const hostile = await hostileLink(connect, ana.worldKey, zone);
    try {
      await until(() => all.every((k) => k.backend.status().roster.length === 3));
      expect((await ana.session.handle('mod bo')).text).toContain('Bo is now a moderator');
      await until(() => all.every((k) => k.backend.status().moderators?.includes(bo.player) === true));
      await until(() => new Set(all.map((k) => k.backend.state.tick)).size === 1);
      // Both sign at once from the same head: the same turn, neither having seen the other.
      const anaMod = moderatorKeyOf(ana.identity);
      const boMod = moderatorKeyOf(bo.identity);
      const at = clock.at + 1000;
      const unmod = createIntent(anaMod, { world: ana.backend.id, zone, ...ana.backend.shared.zoneReplica(zone)!.nextFields(anaMod.player, at), action: { kind: 'unmod', target: bo.player, appointed: appointment(ana.identity, anaMod.player, ana.backend.id) } });
      const ban = createIntent(boMod, { world: bo.backend.id, zone, ...bo.backend.shared.zoneReplica(zone)!.nextFields(boMod.player, at), action: { kind: 'ban', target: mal.player, appointed: { ...appointment(bo.identity, boMod.player, bo.backend.id), by: bo.player } } });
      expect(unmod.turn).toBe(ban.turn);
      hostile.write(ban);
      hostile.write(unmod);
      await until(() => all.every((k) => foldedAs(k.backend.shared.zoneReplica(zone)!, ban.id) !== null && foldedAs(k.backend.shared.zoneReplica(zone)!, unmod.id) !== null));
      const entries = ana.backend.shared.zoneReplica(zone)!.fold.entries;
      const banFirst = entries.findIndex((e) => e.id === ban.id) < entries.findIndex((e) => e.id === unmod.id);
      for (const k of all) {
        const z = k.backend.shared.zoneReplica(zone)!;
        expect(z.fold.entries.findIndex((e) => e.id === ban.id) < z.fold.entries.findIndex((e) => e.id === unmod.id)).toBe(banFirst);
        expect(foldedAs(z, ban.id)![0]).toMatchObject(banFirst ? { type: 'moderated', what: 'ban', by: bo.player } : { type: 'refused', reason: 'moderation/not-moderator' });
        expect(k.backend.state.players[mal.player] === undefined).toBe(banFirst);
        expect(k.backend.status().moderators).toEqual([]);
      }
      await until(() => new Set(all.map((k) => hashState(k.backend.state))).size === 1);
    } finally {
      hostile.close();
      for (const k of [mal, bo, ana]) await k.dispose();
      close();
    }
  }, 120_000);
});
