// While Bo plays offline, a hostile peer writes structs under Bo's Yjs client id and next clocks
// (the relay takes them, as it took nothing from Bo yet). When Bo comes back, his offline moves
// must still reach everyone: writes the relay has not confirmed are written again under a fresh
// client id, and his "not yet shared" count is about what the relay holds of his, not a clock.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { MemoryDocStore } from '../../src/sync/world/doc-store.ts';
import { MemoryRelay, type MemoryLink } from '../../src/sync/world/memory-relay.ts';
import { SharedWorld } from '../../src/sync/world/shared-world.ts';
import { createWorldKey, roomName, zoneDocName } from '../../src/sync/world/world-key.ts';
import { content } from './fixture.ts';

describe('client id squatting', () => {
  it("Bo's offline take reaches Ana although a peer wrote under Bo's client id meanwhile", async () => {
    const relay = new MemoryRelay();
    const worldKey = createWorldKey();
    const open = (name: string, create = false) => SharedWorld.open({ content, identity: createIdentity(), worldKey, store: new MemoryDocStore(), relay: relay.connect, name, create: create ? { name: 'Squat' } : null });
    const ana = await open('Ana', true);
    const before = new Set(relay.links);
    const bo = await open('Bo');
    const zone = bo.zone;
    const room = roomName(worldKey, zoneDocName(zone));
    const boLink = relay.links.find((l) => !before.has(l) && l.name === room) as MemoryLink;
    const boClient = boLink.awareness.clientID;

    relay.disconnect(boLink);
    expect(bo.submit({ kind: 'take', target: 'rope' }).ok).toBe(true);
    expect(bo.pendingCount).toBeGreaterThan(0);

    // The squatter takes Bo's client id: his structs so far, then one of its own at his next clock.
    const squatter = new Y.Doc();
    Y.applyUpdate(squatter, Y.encodeStateAsUpdate(relay.roomDoc(room)!));
    squatter.clientID = boClient;
    squatter.getMap<unknown>('intents').set('squatted', 'x'.repeat(200));
    squatter.getMap<unknown>('intents').set('squatted-2', 'y'.repeat(200));
    relay.connect(squatter, room);

    relay.manual = true;
    relay.reconnect(boLink);
    // Written again under a fresh client id, the take is still "not yet shared" until the relay
    // holds it (a zone with pending writes stays open, so they never stay on this device alone).
    expect(bo.pendingCount).toBeGreaterThan(0);
    relay.flush();
    await new Promise((r) => setTimeout(r, 0));
    relay.flush();
    const boAsAnaSees = ana.zoneReplica(zone)!.state.players[bo.player];
    expect(boAsAnaSees?.inventory.some((s) => s.item === 'rope')).toBe(true);
    expect(ana.zoneReplica(zone)!.stateHash).toBe(bo.zoneReplica(zone)!.stateHash);
    expect(bo.pendingCount).toBe(0);
    await bo.close();
    await ana.close();
    relay.close();
  });
});
