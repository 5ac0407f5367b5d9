// Moving the world (issue 19), four players each on their own kept world, through the memory relay
// and the project's relay (a process), every command typed into a session. Ana made the world; Bo
// and Cy play in it; Mal holds the link too (it leaked to her), and Ana leaves her behind. Before
// the move Mal's modified client forges a MOVED and changes nothing. MOVE WORLD alone explains and
// moves nothing; Bo may not move it; MOVE WORLD NOW WITHOUT Mal moves it: Bo and Cy follow by
// themselves (their worlds reopened from their folders open the new world too), Mal stays in the
// frozen copy, where every action is refused with a clear line, even one her modified client
// writes straight into the log (backdated before the MOVED too: the owner sealed through it), and
// she can open none of the pointers. The state moves with the world (world-cutter.ts
// `carryIntoWorld`): Bo stands on the beach where he stood, as he was, and nobody joins afresh.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Action } from '../../src/engine/index.ts';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { createIntent } from '../../src/sync/intent/intent.ts';
import { appointment } from '../../src/sync/intent/succession.ts';
import { openAsMember } from '../../src/sync/world/member-box.ts';
import { readMovedPointer } from '../../src/sync/world/moved-pointers.ts';
import type { RelayConnector } from '../../src/sync/world/relay-link.ts';
import { canJoin, ownerKeyOf, roomName, rootDocName, worldIdOf, worldSeedOf, zoneDocName } from '../../src/sync/world/world-key.ts';
import { FOLLOWED_NOTE } from '../../src/session/shared-world-backend.ts';
import { LEFT_BEHIND_TEXT } from '../../src/narrate/moved-lines.ts';
import { KeptWorld } from './kept-world.ts';
import { RELAYS, relayForBlock, until } from '../sync/relay-pair.ts';

const START = 60_000;

/** A bare link into one document of a world, as a modified client holding the link would use it. */
async function bareDoc(connect: RelayConnector, worldKey: string, docName: string): Promise<{ doc: Y.Doc; close(): void }> {
  const doc = new Y.Doc();
  const link = connect(doc, roomName(worldKey, docName));
  await link.whenSynced(5000);
  return {
    doc,
    close: () => {
      link.destroy();
      doc.destroy();
    },
  };
}

describe.each(RELAYS)('moving the world, through %s', (_name, start) => {
  const relays = relayForBlock(start);

  it('members follow to the new link; the leaked-link holder is left in the frozen copy and can do nothing there', async () => {
    const { relay, connect, close } = relays();
    const clock = { at: START };
    const ana = await KeptWorld.create('Ana', { relay, clock, stepMs: 1000, owned: true });
    ana.session.start();
    const oldKey = ana.worldKey;
    const joiners = await Promise.all(['Bo', 'Cy', 'Mal'].map((n) => KeptWorld.create(n, { relay, clock, stepMs: 1000, worldKey: oldKey })));
    const [bo, cy, mal] = joiners as [KeptWorld, KeptWorld, KeptWorld];
    for (const k of joiners) k.session.start();
    const all = [ana, bo, cy, mal];
    const zone = ana.zone;
    const hostileZone = await bareDoc(connect, oldKey, zoneDocName(zone));
    const hostileRoot = await bareDoc(connect, oldKey, rootDocName());
    try {
      // Every member has published a box key the owner can seal to (box-records.ts).
      await until(() => all.every((k) => k.backend.shared.roster().length === 4 && all.every((m) => k.backend.shared.boxKeyOf(m.player) !== null)));
      const say = async (k: KeptWorld, line: string) => (await k.session.handle(line)).text;

      // Mal's modified client forges the owner's MOVED (under a key she appointed herself): junk to every replica.
      const forgedKey = createIdentity();
      const forged = createIntent(forgedKey, { world: mal.backend.id, zone, seq: 1, prev: null, turn: 2, at: clock.at, action: { kind: 'moved', appointed: appointment(mal.identity, forgedKey.player, mal.backend.id) } as Action });
      hostileZone.doc.getMap('intents').set(forged.id, forged.raw);
      await until(() => all.every((k) => (k.backend.shared.zoneReplica(zone)!.diagnostics.snapshot()['intent/not-owner'] ?? 0) > 0));
      for (const k of all) expect(k.backend.shared.moved).toBe(false);
      // Bo walks to the beach and looks about: where he stands and what he has seen move with the world.
      await say(bo, 'west');
      const boWas = bo.me!;
      expect(boWas.location).not.toBe('harbor-quay');
      for (const words of ['say the tide turns', 'say the gulls are loud', 'say time to go']) await say(ana, words);

      // Asking explains and moves nothing; nobody but the owner may move the world.
      const asked = await say(ana, 'move world');
      expect(asked).toContain('MOVE WORLD NOW');
      expect(asked).toContain('What has happened on the isle moves with it.');
      expect(ana.backend.worldKey).toBe(oldKey);
      expect(await say(bo, 'move world now')).toBe("Only the isle's maker can move this world to a new link.");
      expect(await say(ana, 'move world now without Zed')).toBe('Nobody called Zed has been on this isle.');

      const seedBefore = ana.state.seed;
      const moved = await say(ana, 'move world now without Mal');
      expect(moved).toContain('The world has moved to a new link');
      expect(moved).toMatch(/2 members follow you there by themselves: (Bo, Cy|Cy, Bo)\./);
      expect(moved).toContain('Left behind: Mal (you left them out).');
      const newKey = ana.backend.worldKey;
      expect(newKey).not.toBe(oldKey);
      expect(canJoin(newKey) && newKey.startsWith('E')).toBe(true);
      expect(ownerKeyOf(newKey)).toEqual(ownerKeyOf(oldKey));
      expect(ana.backend.link).toContain(newKey);

      // Bo and Cy follow by themselves, and are told so in one line.
      await until(() => bo.backend.worldKey === newKey && cy.backend.worldKey === newKey, 20_000);
      for (const k of [bo, cy]) {
        expect(k.session.poll().map((l) => l.text)).toContain(FOLLOWED_NOTE);
        expect(k.backend.id).toBe(worldIdOf(newKey));
      }
      // The isle moved with them: Bo stands where he stood, as he was, and they play on together.
      expect(bo.me?.location).toBe(boWas.location);
      expect(bo.me?.visited).toEqual(boWas.visited);
      expect(await say(bo, 'say we made it')).toContain('we made it');
      await until(() => ana.state.players[bo.player] !== undefined && cy.state.players[bo.player] !== undefined);
      expect(ana.state.players[bo.player]?.location).toBe(boWas.location);
      // The isle's seed moves with its state (docs/links.md "The seed"): weather, tides and dice go
      // on as they would have; only the ordering lottery is keyed anew.
      expect(bo.state.seed).toBe(seedBefore);
      expect(worldSeedOf(newKey)).not.toBe(seedBefore);
      // Nobody has a second character: the carried ones were found, not joined afresh.
      expect(Object.values(ana.state.players).filter((p) => p.name === 'Bo')).toHaveLength(1);

      // Mal is left in the old world, frozen: reading works, acting does not.
      await until(() => mal.backend.shared.moved);
      expect(mal.backend.worldKey).toBe(oldKey);
      expect(await mal.backend.shared.movedTo()).toBeNull();
      expect(await say(mal, 'look')).toContain('Harbor');
      expect(await say(mal, 'say is anyone still here?')).toBe(LEFT_BEHIND_TEXT);
      expect(mal.backend.shared.zoneReplica(zone)!.highestSeq(mal.player)).toBe(1);
      const r = mal.backend.shared.zoneReplica(zone)!;
      // Backdated to a turn before the owner's MOVED (a Lamport turn is the author's to choose): the
      // owner sealed the zone through the MOVED as it froze it, so it is placed after it, and refused.
      await until(() => r.finalSeal !== null && r.finalSeal.point >= r.fold.entries.find((e) => e.intent.action.kind === 'moved')!.turn);
      const tip = r.nextFields(mal.player, clock.at + 2);
      const mine = r.fold.entries.filter((e) => e.player === mal.player);
      const backdated = createIntent(mal.identity, { world: mal.backend.id, zone, ...tip, turn: mine[mine.length - 1]!.intent.turn + 1, action: { kind: 'say', text: 'from the past' } });
      expect(backdated.turn).toBeLessThan(r.fold.entries.find((e) => e.intent.action.kind === 'moved')!.turn);
      hostileZone.doc.getMap('intents').set(backdated.id, backdated.raw);
      await until(() => r.fold.entries.some((e) => e.id === backdated.id));
      expect(r.fold.eventsAt(r.fold.entries.findIndex((e) => e.id === backdated.id))).toMatchObject([{ type: 'refused', reason: 'moderation/moved' }]);
      // Her modified client writes a signed, well-chained intent straight into the log: refused by the rules.
      const head = r.nextFields(mal.player, clock.at + 1);
      const sneak = createIntent(mal.identity, { world: mal.backend.id, zone, ...head, turn: head.turn + 5, action: { kind: 'say', text: 'let me back in' } });
      hostileZone.doc.getMap('intents').set(sneak.id, sneak.raw);
      await until(() => r.fold.entries.some((e) => e.id === sneak.id));
      const i = r.fold.entries.findIndex((e) => e.id === sneak.id);
      expect(r.fold.eventsAt(i)).toMatchObject([{ type: 'refused', reason: 'moderation/moved' }]);
      // No pointer opens for her: not hers (there is none), not Bo's or Cy's.
      const moved_ = hostileRoot.doc.getMap('moved');
      await until(() => moved_.size >= 3);
      for (const member of [ana.player, bo.player, cy.player]) {
        const pointer = readMovedPointer(member, moved_.get(member), mal.backend.id, ownerKeyOf(oldKey));
        expect(pointer).not.toBeNull();
        expect(await openAsMember(mal.identity, { world: mal.backend.id, member }, pointer!.to)).toBeNull();
        expect(await openAsMember(mal.identity, { world: mal.backend.id, member: mal.player }, pointer!.to)).toBeNull();
      }
      expect(moved_.has(mal.player)).toBe(false);
      // A pointer Mal writes for herself (signed by her) leads nowhere.
      const ownPointer = JSON.stringify({ v: 1, world: mal.backend.id, member: mal.player, to: moved_.get(bo.player), sig: 'y'.repeat(86) });
      moved_.set(mal.player, ownPointer);
      expect(readMovedPointer(mal.player, ownPointer, mal.backend.id, ownerKeyOf(oldKey))).toBeNull();
      expect(await mal.backend.shared.movedTo()).toBeNull();
      expect(mal.backend.worldKey).toBe(oldKey);

      // Bo's world, reopened from his folder (which still names the old link), opens the new world.
      await bo.reopen();
      expect(bo.backend.worldKey).toBe(newKey);
      expect(bo.me).toBeDefined();
      expect(bo.backend.notice).toBe(FOLLOWED_NOTE);

      // Moved again, from the private world now (its pointers stored sealed): Bo and Cy follow again,
      // and Bo's folder, still naming the first link, goes both ways as it opens.
      await until(() => ana.backend.shared.boxKeyOf(cy.player) !== null);
      expect(await say(ana, 'move world now')).toContain('2 members follow you there by themselves');
      const thirdKey = ana.backend.worldKey;
      expect(thirdKey).not.toBe(newKey);
      await until(() => bo.backend.worldKey === thirdKey && cy.backend.worldKey === thirdKey, 20_000);
      await bo.reopen();
      expect(bo.backend.worldKey).toBe(thirdKey);
      expect(bo.me).toBeDefined();
    } finally {
      hostileZone.close();
      hostileRoot.close();
      for (const k of all) await k.dispose();
      close();
    }
  }, 90_000);
});
