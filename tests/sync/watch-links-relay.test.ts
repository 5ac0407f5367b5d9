// Watch links through the memory relay and the project's relay (issue 19, docs/links.md): two
// players play with the play link, a third opens the watch link and follows the story as it
// happens, but whatever it tries is refused with a clear message; and a modified client with the
// watch link, which signs a join and writes it straight into the zone's log, is refused on every
// replica alike (the relay is a stranger and refuses nothing), so every state hash agrees.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Session } from '../../src/session/index.ts';
import { SharedWorldBackend } from '../../src/session/shared-world-backend.ts';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { createIntent } from '../../src/sync/intent/intent.ts';
import { MemoryDocStore } from '../../src/sync/world/doc-store.ts';
import { ZonePresence } from '../../src/sync/world/presence.ts';
import { signRosterEntry } from '../../src/sync/world/roster.ts';
import { createWorldKey, rootDocName, roomName, watchKeyOf, zoneDocName } from '../../src/sync/world/world-key.ts';
import { content } from './fixture.ts';
import { RELAYS, relayForBlock, until } from './relay-pair.ts';

describe.each(RELAYS)('watch links, through %s', (_name, start) => {
  const relays = relayForBlock(start);

  it('two play, a watcher follows the story and can do nothing; a forged join is refused everywhere', async () => {
    const { relay, connect, close } = relays();
    const anaKey = createIdentity();
    const playKey = createWorldKey(anaKey.publicKey);
    const watchKey = watchKeyOf(playKey)!;
    const open = (name: string, worldKey: string, identity = createIdentity()) =>
      SharedWorldBackend.open({ content, worldKey, identity, store: new MemoryDocStore(), name, relay, ...(name === 'Ana' ? { create: { name: 'Open Sky' } } : {}) });
    const ana = await open('Ana', playKey, anaKey);
    const bo = await open('Bo', playKey);
    const wendelKey = createIdentity();
    const wendel = await open('Wendel', watchKey, wendelKey);
    const docs: { destroy(): void }[] = [];
    let t = 0;
    const clock = () => Date.now() + (t += 1);
    try {
      expect(ana.watchLink).toContain(watchKey);
      expect(wendel.status().role).toBe('spectator');
      const watching = new Session(wendel, { name: 'Wendel', clock });
      expect(watching.start().text).toContain('You are watching this world');

      // The players play; the watcher sees it happen, and holds no character.
      const anaSession = new Session(ana, { name: 'Ana', clock });
      anaSession.start();
      await anaSession.handle('take moonpetal');
      await anaSession.handle('say the tide is turning');
      await until(() => wendel.state.players[ana.player]?.inventory.some((s) => s.item === 'moonpetal') === true && wendel.state.players[bo.player] !== undefined);
      await until(() => wendel.shared.stateHash === ana.shared.stateHash);
      const seen = watching.poll().map((l) => l.text).join('\n');
      expect(seen).toContain('Ana says, "the tide is turning"');
      expect(seen).toContain('Ana takes a moonpetal');
      expect(wendel.state.players[wendel.player]).toBeUndefined();

      // Every action is refused before anything is signed, with words that say why.
      const refused = await watching.handle('take rope');
      expect(refused.text).toBe('You are watching this world; ask its owner for the play link to join.');
      expect(wendel.submit({ kind: 'say', text: 'let me in' }, clock()).blockedReason).toBe('sync/spectator');
      expect(wendel.shared.zoneReplica('harbor')!.highestSeq(wendel.player)).toBe(0);

      // A modified client with the watch link signs a join and a take and writes them to the log.
      const zone = ana.shared.zoneReplica('harbor')!;
      const join = createIntent(wendelKey, { world: wendel.id, zone: 'harbor', seq: 1, prev: null, turn: zone.nextFields(wendelKey.player, clock()).turn, at: clock(), action: { kind: 'join', name: 'Wendel' } });
      const take = createIntent(wendelKey, { world: wendel.id, zone: 'harbor', seq: 2, prev: join.id, turn: join.turn + 1, at: clock(), action: { kind: 'take', target: 'rope' } });
      const doc = new Y.Doc();
      const link = connect(doc, roomName(watchKey, zoneDocName('harbor')));
      docs.push({ destroy: () => { link.destroy(); doc.destroy(); } });
      await link.whenSynced(5000);
      doc.getMap('intents').set(join.id, join.raw);
      doc.getMap('intents').set(take.id, take.raw);
      const worlds = [ana, bo, wendel];
      await until(() => worlds.every((w) => (w.shared.zoneReplica('harbor')!.diagnostics.snapshot()['intent/not-member'] ?? 0) > 0));
      await anaSession.handle('drop moonpetal');
      await until(() => worlds.every((w) => w.shared.stateHash === ana.shared.stateHash));
      for (const w of worlds) {
        expect(w.state.players[wendelKey.player]).toBeUndefined();
        expect(w.state.floors['pier']?.['rope']).toBe(1);
      }
    } finally {
      for (const d of docs) d.destroy();
      await Promise.all([ana.close(), bo.close(), wendel.close()]);
      close();
    }
  }, 60_000);

  it('a modified watcher client cannot list itself in the roster nor show as present', async () => {
    const { relay, connect, close } = relays();
    const anaKey = createIdentity();
    const playKey = createWorldKey(anaKey.publicKey);
    const watchKey = watchKeyOf(playKey)!;
    const ana = await SharedWorldBackend.open({ content, worldKey: playKey, identity: anaKey, store: new MemoryDocStore(), name: 'Ana', relay, create: { name: 'Open Sky' } });
    const bo = await SharedWorldBackend.open({ content, worldKey: playKey, identity: createIdentity(), store: new MemoryDocStore(), name: 'Bo', relay });
    const wendelKey = createIdentity();
    const rootDoc = new Y.Doc();
    const zoneDoc = new Y.Doc();
    const rootLink = connect(rootDoc, roomName(watchKey, rootDocName()));
    const zoneLink = connect(zoneDoc, roomName(watchKey, zoneDocName('harbor')));
    const presence = new ZonePresence(zoneLink.awareness, wendelKey, { world: ana.id, zone: 'harbor' });
    try {
      await Promise.all([rootLink.whenSynced(5000), zoneLink.whenSynced(5000)]);
      // Bo, a member, is listed and present; Wendel signs an entry (with Bo's proof copied) and his presence.
      await until(() => ana.status().roster.some((r) => r.name === 'Bo') && ana.status().online.some((p) => p.name === 'Bo'));
      const boEntry = JSON.parse(rootDoc.getMap('roster').get(bo.player) as string) as { member: string };
      rootDoc.getMap('roster').set(wendelKey.player, signRosterEntry(wendelKey, { world: ana.id, name: 'Wendel', zone: 'harbor', zones: ['harbor'], at: Date.now(), member: boEntry.member }));
      presence.set({ name: 'Wendel', location: 'pier' });
      // The relay passes them on (a third client sees them arrive); the members' clients show neither.
      const witnessRoot = new Y.Doc();
      const witnessZone = new Y.Doc();
      const witnessLinks = [connect(witnessRoot, roomName(watchKey, rootDocName())), connect(witnessZone, roomName(watchKey, zoneDocName('harbor')))];
      await until(() => witnessRoot.getMap('roster').has(wendelKey.player) && [...witnessLinks[1]!.awareness.getStates().values()].some((st) => JSON.stringify(st).includes('Wendel')));
      for (const l of witnessLinks) l.destroy();
      witnessRoot.destroy();
      witnessZone.destroy();
      await new Promise((r) => setTimeout(r, 500));
      for (const w of [ana, bo]) {
        expect(w.status().roster.map((r) => r.name).sort()).toEqual(['Ana', 'Bo']);
        expect(w.status().online.map((p) => p.name)).not.toContain('Wendel');
      }
    } finally {
      presence.destroy();
      rootLink.destroy();
      zoneLink.destroy();
      rootDoc.destroy();
      zoneDoc.destroy();
      await Promise.all([ana.close(), bo.close()]);
      close();
    }
  }, 60_000);
});
