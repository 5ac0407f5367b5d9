// A hostile member fills a zone's log with intents whose ids are right and whose signatures are
// not. An honest device checks each such string once: its verdict is kept with the world on
// disk, so reopening the world verifies none of them again (nor its own valid log), and none of
// them changes the state.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { createIntent } from '../../src/sync/intent/intent.ts';
import { MemoryDocStore } from '../../src/sync/world/doc-store.ts';
import { MemoryRelay } from '../../src/sync/world/memory-relay.ts';
import { FileDocStore } from '../../src/sync/world/node-doc-store.ts';
import { SharedWorld } from '../../src/sync/world/shared-world.ts';
import { createWorldKey, roomName, worldIdOf, zoneDocName } from '../../src/sync/world/world-key.ts';
import { content } from './fixture.ts';

const JUNK = 300;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A hostile member's one update of `n` intents with right ids and failing signatures, into `zone`'s room. */
function writeJunk(relay: MemoryRelay, worldKey: string, zone: string, n: number): void {
  const mallory = createIdentity();
  const hostile = new Y.Doc();
  relay.connect(hostile, roomName(worldKey, zoneDocName(zone)));
  relay.flush();
  const fakeSignature = () => new Uint8Array(64).fill(7);
  hostile.transact(() => {
    const log = hostile.getMap<unknown>('intents');
    let prev: string | null = null;
    for (let i = 0; i < n; i++) {
      const junk = createIntent(mallory, { world: worldIdOf(worldKey), zone, seq: i + 1, prev, turn: i + 1, at: i, action: { kind: 'say', text: `junk ${i}` } }, fakeSignature);
      log.set(junk.id, junk.raw);
      prev = junk.id;
    }
  });
}

describe('junk intents with bad signatures', () => {
  it('are verified once per device: a reopened world refuses them by their hash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vetrellis-junk-'));
    dirs.push(dir);
    const relay = new MemoryRelay();
    const worldKey = createWorldKey();
    const identity = createIdentity();
    const open = () => SharedWorld.open({ content, identity, worldKey, store: new FileDocStore(dir), relay: relay.connect, name: 'Ana', create: { name: 'Junk' } });
    const ana = await open();
    const zone = ana.zone;
    const clean = ana.stateHash;

    writeJunk(relay, worldKey, zone, JUNK);
    // A delivery this large is folded in slices (zone-log.ts), each in its own task.
    await vi.waitFor(() => expect(ana.zoneReplica(zone)!.verifier.stats().checks).toBeGreaterThanOrEqual(JUNK), { timeout: 20_000 });
    expect(ana.stateHash).toBe(clean);
    await ana.close();
    await new Promise((r) => setTimeout(r, 10));

    const again = await open();
    expect(again.stateHash).toBe(clean);
    expect(again.zoneReplica(zone)!.verifier.stats().checks).toBe(0);
    expect(again.zoneReplica(zone)!.diagnostics.snapshot()['intent/bad-signature']).toBe(JUNK);
    await again.close();
    relay.close();
  });

  it('a large delivery is folded in slices: the player is answered before the junk is all checked, and nothing is lost', async () => {
    const relay = new MemoryRelay();
    const worldKey = createWorldKey();
    const ana = await SharedWorld.open({ content, identity: createIdentity(), worldKey, store: new MemoryDocStore(), relay: relay.connect, name: 'Ana', create: { name: 'Junk' } });
    const bo = await SharedWorld.open({ content, identity: createIdentity(), worldKey, store: new MemoryDocStore(), relay: relay.connect, name: 'Bo' });
    relay.flush();
    const zone = ana.zone;
    const many = 3_000;
    writeJunk(relay, worldKey, zone, many);
    relay.flush();
    const checked = () => ana.zoneReplica(zone)!.diagnostics.snapshot()['intent/bad-signature'] ?? 0;
    // The delivery has reached Ana's document, but only its first slice (if any) is checked yet.
    expect(checked()).toBeLessThan(many);
    const said = ana.submit({ kind: 'say', text: 'Still here.' });
    expect(said.ok).toBe(true);
    relay.flush();
    await vi.waitFor(() => expect(checked()).toBe(many), { timeout: 20_000 });
    await vi.waitFor(() => expect(bo.zoneReplica(zone)!.diagnostics.snapshot()['intent/bad-signature']).toBe(many), { timeout: 20_000 });
    relay.flush();
    expect(ana.stateHash).toBe(bo.stateHash);
    await ana.close();
    await bo.close();
    relay.close();
  }, 60_000);

  it("a player's own intents that wait in a large delivery are folded before they sign: their chain never forks", async () => {
    const relay = new MemoryRelay();
    const worldKey = createWorldKey();
    const identity = createIdentity();
    const phone = await SharedWorld.open({ content, identity, worldKey, store: new MemoryDocStore(), relay: relay.connect, name: 'Ana', create: { name: 'Two devices' } });
    relay.flush();
    const zone = phone.zone;
    const room = roomName(worldKey, zoneDocName(zone));
    const laptop = await SharedWorld.open({ content, identity, worldKey, store: new MemoryDocStore(), relay: relay.connect, name: 'Ana' });
    relay.flush();
    // The laptop plays offline, then comes back: its writes reach the phone as one large update.
    const laptopLink = relay.links.filter((l) => l.name === room).at(-1)!;
    relay.disconnect(laptopLink);
    for (let i = 0; i < 400; i++) expect(laptop.submit({ kind: 'say', text: `offline ${i}` }).ok).toBe(true);
    relay.reconnect(laptopLink);
    relay.flush();
    expect(phone.submit({ kind: 'say', text: 'From the phone.' }).ok).toBe(true);
    relay.flush();
    await vi.waitFor(() => expect(phone.zoneReplica(zone)!.applied).toBe(laptop.zoneReplica(zone)!.applied), { timeout: 20_000 });
    expect(phone.zoneReplica(zone)!.stoppedPlayers()).toEqual([]);
    expect(laptop.zoneReplica(zone)!.stoppedPlayers()).toEqual([]);
    expect(phone.stateHash).toBe(laptop.stateHash);
    await phone.close();
    await laptop.close();
    relay.close();
  }, 60_000);
});
