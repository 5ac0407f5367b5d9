// A character is never lost and never made twice: worlds left by the crossing wipe (made by an
// earlier version, kept in ../shared/data/worlds) bring their character back; a join outside the
// start zone, or by a player with history, makes no second character on any replica; a command
// that fails inside the shared world is refused, writes nothing and leaves the player playing.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { freePort } from './relay-helper.ts';
import type { Rules } from '../../src/sync/replica/rules.ts';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { createIdentity, loadOrCreateIdentity } from '../../src/sync/intent/identity.ts';
import { FileKeyStore } from '../../src/sync/world/node-key-store.ts';
import { FileDocStore } from '../../src/sync/world/node-doc-store.ts';
import { SharedWorld } from '../../src/sync/world/shared-world.ts';
import { createWorldKey, roomName, zoneDocName } from '../../src/sync/world/world-key.ts';
import { ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import { SharedWorldBackend } from '../../src/session/shared-world-backend.ts';
import { INTERNAL_ERROR_TEXT, Session } from '../../src/session/index.ts';
import { loadContentDir } from '../../src/content/node-load.ts';
import { replies, ROOT, runAgent, runClient } from '../cli/helpers.ts';
import { Author, content, entry, identities, SEED, WORLD } from './fixture.ts';

const WORLDS = resolve(ROOT, '../shared/data/worlds');
const vetrellis = loadContentDir(join(ROOT, 'content/vetrellis'));
const INTRO_START = vetrellis.world.intro.slice(0, 40);

const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'vetrellis-recovery-'));
  temps.push(d);
  return d;
}
function copyWorld(name: string): string {
  const dir = join(tempDir(), name);
  cpSync(join(WORLDS, name), dir, { recursive: true });
  return dir;
}

describe('a world left by the crossing wipe', () => {
  for (const name of ['crossing-failed', 'crossing-failed-reopened']) {
    it(`${name}: Ana comes back at the harbor with her draught, is told once, and stays herself`, async () => {
      const dir = copyWorld(name);
      const first = await runClient(['i', 'status'], ['--world', dir, '--name', 'Ana']);
      expect(first.code).toBe(0);
      expect(first.stdout).toContain('Your character was restored');
      expect(first.stdout).toContain('Harbor of Vetrellis');
      expect(first.stdout).toContain('You are carrying a healing draught.');
      expect(first.stdout).not.toContain(INTRO_START);

      // Next time: no notice, the same Ana, who walks on with what she carries.
      const again = replies((await runAgent(['i', 'n', 'i'], ['--world', dir, '--name', 'Ana'])).stdout);
      expect(again.flatMap((r) => r.news).join(' ')).not.toContain('restored');
      expect(again[0]!.observation.location.id).toBe('harbor-quay');
      expect(again[0]!.observation.player.inventory.map((s) => s.id)).toEqual(['healing-draught']);
      expect(again[1]!.observation.location.id).toBe('village-square');
      expect(again[2]!.text).toContain('healing draught');
      expect(again.every((r) => r.status === 'ok')).toBe(true);

      // One Ana in the whole world: no zone holds a second character of hers.
      const opened = await SharedWorld.open({
        content: vetrellis, identity: await loadOrCreateIdentity(new FileKeyStore(join(dir, 'identity.json'))),
        worldKey: JSON.parse(readFileSync(join(dir, 'world.json'), 'utf8')).worldKey as string,
        store: new FileDocStore(join(dir, 'docs')), name: 'Ana',
      });
      expect(opened.zone).toBe('village');
      expect(opened.notice).toBeNull();
      expect(Object.values(opened.state.players).map((p) => p.name)).toEqual(['Ana']);
      await opened.close();
    });
  }

  it('the agent hears it once, as news of its first reply', async () => {
    const dir = copyWorld('crossing-failed');
    const out = replies((await runAgent(['i', 'i'], ['--world', dir, '--name', 'Ana'])).stdout);
    expect(out[0]!.news).toEqual([expect.stringContaining('Your character was restored')]);
    expect(out[0]!.observation.player.inventory.map((s) => s.id)).toEqual(['healing-draught']);
    expect(out[1]!.news).toEqual([]);
  });
});

describe('join makes a character once', () => {
  const replica = (zone: string) => new ZoneReplica({ rules: engineRules, content, world: WORLD, zone, seed: SEED });

  it('a join outside the start zone, or after the player left the start zone, makes nobody, on every replica', () => {
    const [ia] = identities(1);
    const inHarbor = new Author('harbor', ia);
    const inVillage = new Author('village', ia);
    const join = inHarbor.write({ kind: 'join', name: 'Ana' }, 1);
    const take = inHarbor.write({ kind: 'take', target: 'rope' }, 2);
    const second = inHarbor.write({ kind: 'join', name: 'Ana' }, 3);
    const village = inVillage.write({ kind: 'join', name: 'Ana' }, 1);
    const a = replica('harbor');
    const b = replica('harbor');
    a.ingest([entry(join), entry(take), entry(second)]);
    b.ingest([entry(second), entry(take), entry(join)]);
    expect(a.stateHash).toBe(b.stateHash);
    // The second join did not replace Ana (she still holds the rope she took).
    expect(a.state.players[ia!.player]!.inventory).toEqual([{ item: 'rope', qty: 1 }]);
    expect(a.diagnostics.get('join/not-first')).toBeGreaterThanOrEqual(1);

    const v = replica('village');
    v.ingest([entry(village)]);
    expect(v.state.players).toEqual({});
    expect(v.diagnostics.get('join/outside-start-zone')).toBe(1);
  });

  /** Ana takes the rope and crosses north; then this device loses the zone documents `lose` picks. */
  async function anaCrossedThenLost(lose: (docs: string) => string[]) {
    const dir = tempDir();
    const identity = createIdentity();
    const worldKey = createWorldKey();
    const w = await SharedWorld.open({ content, identity, worldKey, store: new FileDocStore(join(dir, 'docs')), name: 'Ana', create: { name: 'T' } });
    w.submit({ kind: 'take', target: 'rope' });
    w.submit({ kind: 'move', dir: 'north' });
    await w.close();
    for (const f of lose(join(dir, 'docs'))) rmSync(f);
    return { dir, identity, worldKey, docs: join(dir, 'docs') };
  }

  it('a returning player whose zones this device lost is never joined again, and nothing is written', async () => {
    // Every zone document goes; the root (world and roster, which knows Ana) stays.
    const zoneDocs = (d: string) => readdirSync(d).filter((f) => f.endsWith('.yupd') && readFileSync(join(d, f)).includes(Buffer.from('"seq"'))).map((f) => join(d, f));
    const { identity, worldKey, docs } = await anaCrossedThenLost((d) => (expect(zoneDocs(d)).toHaveLength(2), zoneDocs(d)));
    const before = snapshot(docs);
    const world = await SharedWorldBackend.open({ content, identity, worldKey, store: new FileDocStore(docs), name: 'Ana' });
    const session = new Session(world, { name: 'Ana', clock: () => 0 });
    const start = session.start();
    expect(start.status).toBe('refused');
    expect(start.text).toContain('could not be found on this device');
    expect(start.text).not.toContain(content.world.intro);
    expect((await session.handle('take pebble')).status).toBe('refused');
    await world.close();
    expect(snapshot(docs)).toEqual(before);
  });

  it('a zone entered that this device lost: restored from the zone left when the device is the only copy, never while a relay may hold it', async () => {
    // Offline with a relay configured (nothing listens there): the village's log may be on the
    // relay, so signing a new arrival there would fork Ana's history. Nothing is written.
    const lost = await anaCrossedThenLost((d) => [docHolding(d, 'arrive')]);
    const before = snapshot(lost.docs);
    const port = await freePort();
    const offline = await SharedWorldBackend.open({ content, identity: lost.identity, worldKey: lost.worldKey, store: new FileDocStore(lost.docs), name: 'Ana', relay: { url: `ws://127.0.0.1:${port}`, WebSocketPolyfill: WebSocket }, relayTimeoutMs: 300 });
    const refused = new Session(offline, { name: 'Ana', clock: () => 0 }).start();
    expect(refused.text).toContain('could not be found on this device');
    await offline.close(0);
    expect(snapshot(lost.docs)).toEqual(before);

    // A world kept only here: this device is the only copy, so Ana comes back as she left the harbor.
    const local = await SharedWorldBackend.open({ content, identity: lost.identity, worldKey: lost.worldKey, store: new FileDocStore(lost.docs), name: 'Ana' });
    const back = new Session(local, { name: 'Ana', clock: () => 0 }).start();
    expect(back.text).toContain('Your character was restored');
    expect(back.observation.location?.id).toBe('green');
    expect(back.observation.player?.inventory.map((i) => i.id)).toEqual(['rope']);
    await local.close();
  });
});

describe('a kept world whose stored documents are damaged', () => {
  it('is not opened, is not started afresh, and the terminal client says which file', async () => {
    const dir = tempDir();
    const made = await runClient(['take rope', 'north'], ['--world', dir, '--name', 'Ana']);
    expect(made.code).toBe(0);
    // The village's document, where the crossing north arrived (the world is private: its bytes
    // hold no readable intent, so the file is found by its room's name).
    const { worldKey } = JSON.parse(readFileSync(join(dir, 'world.json'), 'utf8')) as { worldKey: string };
    const damaged = join(dir, 'docs', `${roomName(worldKey, zoneDocName('village'))}.yupd`);
    expect(existsSync(damaged)).toBe(true);
    writeFileSync(damaged, Buffer.concat([readFileSync(damaged), Buffer.from([5, 0, 0, 0, 0xff, 0xfe, 0x01, 0x02, 0x03])]));
    const before = snapshot(join(dir, 'docs'));
    const opened = await runClient(['look'], ['--world', dir, '--name', 'Ana']);
    expect(opened.code).toBe(1);
    expect(opened.stderr).toContain(`${damaged} is damaged`);
    expect(opened.stderr).toContain('Nothing in it was changed');
    expect(opened.stdout).not.toContain(INTRO_START);
    expect(snapshot(join(dir, 'docs'))).toEqual(before);
  });
});

/** The stored zone document whose bytes hold `text` (e.g. the zone an `arrive` was written in). */
function docHolding(docs: string, text: string): string {
  const found = readdirSync(docs).filter((f) => f.endsWith('.yupd') && readFileSync(join(docs, f)).includes(Buffer.from(text)));
  expect(found).toHaveLength(1);
  return join(docs, found[0]!);
}

function snapshot(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f)).toString('base64')]));
}

describe('a command that fails inside the shared world', () => {
  /** Rules with a bug: every move makes a player state no intent may carry (as gift keys once were). */
  const buggy: Rules = {
    ...engineRules,
    apply(c, s, i) {
      const r = engineRules.apply(c, s, i);
      const me = r.state.players[i.player];
      if (i.action.kind !== 'move' || !me) return r;
      return { ...r, state: { ...r.state, players: { ...r.state.players, [i.player]: { ...me, gifts: ['Not A Key'] } } } };
    },
  };

  it('is refused with a clear message, writes nothing, and the player keeps playing', async () => {
    const dir = tempDir();
    const world = await SharedWorldBackend.open({ content, identity: createIdentity(), worldKey: createWorldKey(), store: new FileDocStore(join(dir, 'docs')), name: 'Ana', create: { name: 'T' }, rules: buggy });
    const errors: unknown[] = [];
    const session = new Session(world, { name: 'Ana', clock: () => 0, onError: (e) => errors.push(e) });
    session.start();
    expect((await session.handle('take moonpetal')).status).toBe('ok');
    const docs = snapshot(join(dir, 'docs'));
    const hash = world.shared.stateHash;

    const north = await session.handle('north');
    expect(north.status).toBe('error');
    expect(north.text).toBe(INTERNAL_ERROR_TEXT);
    expect(errors).toHaveLength(1);
    expect(snapshot(join(dir, 'docs'))).toEqual(docs);
    expect(world.shared.zone).toBe('harbor');
    expect(world.shared.stateHash).toBe(hash);
    expect(north.observation.player?.inventory.map((s) => s.id)).toEqual(['moonpetal']);
    expect(north.observation.location?.id).toBe('pier');

    const take = await session.handle('take rope');
    expect(take.status).toBe('ok');
    expect(take.observation.player?.inventory.map((s) => s.id)).toEqual(['moonpetal', 'rope']);
    await world.close();
  });
});
