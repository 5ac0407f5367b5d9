// A hostile member fills a zone's log with intents whose ids are right and whose signatures are
// not. An honest device checks each such string once: its verdict is kept with the world on
// disk, so reopening the world verifies none of them again (nor its own valid log), and none of
// them changes the state.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { createIntent } from '../../src/sync/intent/intent.ts';
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

    const mallory = createIdentity();
    const hostile = new Y.Doc();
    relay.connect(hostile, roomName(worldKey, zoneDocName(zone)));
    const fakeSignature = () => new Uint8Array(64).fill(7);
    hostile.transact(() => {
      const log = hostile.getMap<unknown>('intents');
      let prev: string | null = null;
      for (let i = 0; i < JUNK; i++) {
        const junk = createIntent(mallory, { world: worldIdOf(worldKey), zone, seq: i + 1, prev, turn: i + 1, at: i, action: { kind: 'say', text: `junk ${i}` } }, fakeSignature);
        log.set(junk.id, junk.raw);
        prev = junk.id;
      }
    });
    expect(ana.zoneReplica(zone)!.verifier.stats().checks).toBeGreaterThanOrEqual(JUNK);
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
});
