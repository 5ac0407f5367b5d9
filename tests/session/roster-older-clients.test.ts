// Roster entries a client of this release writes are listed by the previous release's clients
// (issue 19): session 13 put the member's box key into the signed roster entry, and clients
// before it validate entries strictly and drop one with a field they do not know, so a member on
// such a client could not see newer members. The box key now has a signed record of its own
// (box-records.ts). Two players on kept worlds through the memory relay and the project's relay:
// every roster entry as the relay holds it is read by the pre-session-13 validator (a labelled
// fixture copied from git), the box keys are still there for the owner, and an entry in session
// 13's form (with `box`) is still read by this release, box and all.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoxRecord } from '../../src/sync/world/box-records.ts';
import { boxKeyText } from '../../src/sync/world/member-box.ts';
import { readRosterEntry, signRosterEntry } from '../../src/sync/world/roster.ts';
import { worldCipherOf } from '../../src/sync/world/world-cipher.ts';
import { isPrivateWorld, memberKeyOfWorld, roomName, rootDocName, worldIdOf } from '../../src/sync/world/world-key.ts';
import { readRosterEntryBeforeSession13 } from '../fixtures/older-clients/roster-before-s13.ts';
import { RELAYS, relayForBlock, until } from '../sync/relay-pair.ts';
import { KeptWorld } from './kept-world.ts';

describe.each(RELAYS)('roster entries and older clients, through %s', (_name, start) => {
  const relays = relayForBlock(start);

  it("a previous release's client lists every member this release writes, and the owner still has their box keys", async () => {
    const { relay, connect, close } = relays();
    const clock = { at: 60_000 };
    const ana = await KeptWorld.create('Ana', { relay, clock, stepMs: 1000, owned: true });
    const bo = await KeptWorld.create('Bo', { relay, clock, stepMs: 1000, worldKey: ana.worldKey });
    // What an older client holding the link reads: the root document as the relay has it.
    const doc = new Y.Doc();
    const link = connect(doc, roomName(ana.worldKey, rootDocName()));
    try {
      await link.whenSynced(5000);
      const world = worldIdOf(ana.worldKey);
      const members = memberKeyOfWorld(ana.worldKey);
      const cipher = isPrivateWorld(ana.worldKey) ? worldCipherOf(ana.worldKey) : null;
      const opened = (place: 'roster', key: string, value: unknown): unknown => (cipher === null ? value : cipher.open(place, key, value));
      const roster = doc.getMap('roster');
      const boxes = doc.getMap('boxes');
      await until(() => roster.size === 2 && boxes.size === 2);
      for (const k of [ana, bo]) {
        const raw = opened('roster', k.player, roster.get(k.player));
        expect(readRosterEntryBeforeSession13(k.player, raw, world, members)?.name, `${k.name}'s entry, as an older client reads it`).toBe(k.name);
        expect(readRosterEntry(k.player, raw, world, members)?.name).toBe(k.name);
        // The box key is published beside the entry, signed by the member, and the owner reads it.
        const box = await boxKeyText(k.identity);
        expect(readBoxRecord(k.player, opened('roster', `box ${k.player}`, boxes.get(k.player)), world)).toBe(box);
        expect(ana.backend.shared.boxKeyOf(k.player)).toBe(box);
      }
      // A record moved to another member's place, or garbled, is nobody's box key.
      expect(readBoxRecord(bo.player, opened('roster', `box ${ana.player}`, boxes.get(ana.player)), world)).toBeNull();

      // An entry as a session-13 client signs it (box inside): older clients drop it (what this
      // change avoids for entries written now), and this release still reads it, box and all.
      const box = await boxKeyText(bo.identity);
      const s13 = signRosterEntry(bo.identity, { world, name: 'Bo', zone: 'harbor', zones: ['harbor'], at: clock.at, box });
      expect(readRosterEntryBeforeSession13(bo.player, s13, world)).toBeNull();
      expect(readRosterEntry(bo.player, s13, world)?.box).toBe(box);
    } finally {
      link.destroy();
      doc.destroy();
      await bo.dispose();
      await ana.dispose();
      close();
    }
  }, 60_000);
});
