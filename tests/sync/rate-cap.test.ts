// A hostile member signs 500 valid intents in one game minute (issue 15, point 6). Every replica
// accepts at most CAP_PER_MINUTE of them (the rules' pace, rules/pace.ts), whatever order they
// come in, and the excess changes nothing: the state is the one the first CAP_PER_MINUTE alone
// make. Tried in memory, through a kept world (reopened from its folder) and with two clients
// on the memory relay.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CAP_PER_MINUTE } from '../../src/engine/index.ts';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { createIntent, type VerifiedIntent } from '../../src/sync/intent/intent.ts';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import { MemoryRelay } from '../../src/sync/world/memory-relay.ts';
import { FileDocStore } from '../../src/sync/world/node-doc-store.ts';
import { SharedWorld } from '../../src/sync/world/shared-world.ts';
import { createWorldKey, roomName, worldIdOf, zoneDocName } from '../../src/sync/world/world-key.ts';
import { Author, content, entry, identities, SEED, WORLD } from './fixture.ts';
import { prng, shuffle } from './harness.ts';

const FLOOD = 500;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function replica(): ZoneReplica {
  return new ZoneReplica({ rules: engineRules, content, world: WORLD, zone: 'harbor', seed: SEED, checkpointEvery: 16 });
}

/** Mal joins and signs FLOOD more intents 100 ms apart (50 s: one game minute, 0:00 to 0:50). */
function flood(mal: Author): VerifiedIntent[] {
  const out = [mal.write({ kind: 'join', name: 'Mal' }, 1, 100)];
  for (let i = 0; i < FLOOD; i++) out.push(mal.write(i % 2 === 0 ? { kind: 'say', text: `spam ${i}` } : { kind: 'wait' }, 2 + i, 100));
  return out;
}

describe('a flood of valid intents in one game minute', () => {
  it('every replica accepts the same CAP_PER_MINUTE; the excess changes nothing', () => {
    const [ia, ib, im] = identities(3);
    const ana = new Author('harbor', ia);
    const bo = new Author('harbor', ib);
    const mal = new Author('harbor', im);
    const honest = [ana.write({ kind: 'join', name: 'Ana' }, 1), bo.write({ kind: 'join', name: 'Bo' }, 1)];
    for (let t = 2; t < 40; t += 2) honest.push(ana.write({ kind: 'say', text: `hello ${t}` }, t), bo.write({ kind: 'wait' }, t + 1));
    const spam = flood(mal);

    const all = [...honest, ...spam].map(entry);
    const replicas = [replica(), replica(), replica()];
    replicas[0]!.ingest(all);
    replicas[1]!.ingest(shuffle(all, prng(7)));
    const third = shuffle(all, prng(8));
    for (let i = 0; i < third.length; i += 37) replicas[2]!.ingest(third.slice(i, i + 37));
    const hash = replicas[0]!.stateHash;
    for (const r of replicas) expect(r.stateHash).toBe(hash);
    expect(replicas[0]!.state.players[mal.player]!.pace?.count).toBe(CAP_PER_MINUTE);

    // The state with the flood is the state with only what the cap let in.
    const capped = replica();
    capped.ingest([...honest, ...spam.slice(0, CAP_PER_MINUTE)].map(entry));
    expect(capped.stateHash).toBe(hash);
    // The honest players lost nothing to it: every one of their intents was accepted.
    expect(replicas[0]!.state.players[ana.player]!.pace?.count).toBe(20);
    expect(replicas[0]!.state.players[bo.player]!.pace?.count).toBe(20);
  });

  it('through a kept world and two clients on the memory relay: both agree, and so does the folder reopened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vetrellis-flood-'));
    dirs.push(dir);
    const relay = new MemoryRelay();
    const worldKey = createWorldKey();
    const anaId = createIdentity();
    const openAna = () => SharedWorld.open({ content, identity: anaId, worldKey, store: new FileDocStore(dir), relay: relay.connect, name: 'Ana', create: { name: 'Flood' } });
    const ana = await openAna();
    const bo = await SharedWorld.open({ content, identity: createIdentity(), worldKey, store: new FileDocStore(join(dir, 'bo')), relay: relay.connect, name: 'Bo' });
    const zone = ana.zone;

    // Mal signs with the real key and a clock of his own: 500 intents in ten seconds.
    const mallory = createIdentity();
    const hostile = new Y.Doc();
    relay.connect(hostile, roomName(worldKey, zoneDocName(zone)));
    // All in one game minute of his clock, which starts a little before the honest ones'.
    const start = Math.floor(Date.now() / 60_000) * 60_000;
    const signed: VerifiedIntent[] = [];
    let prev: string | null = null;
    for (let i = 0; i <= FLOOD; i++) {
      const action = i === 0 ? { kind: 'join' as const, name: 'Mal' } : { kind: 'say' as const, text: `spam ${i}` };
      const made = createIntent(mallory, { world: worldIdOf(worldKey), zone, seq: i + 1, prev, turn: 100 + i, at: start + i * 20, action });
      signed.push(made);
      prev = made.id;
    }
    hostile.transact(() => {
      const log = hostile.getMap<unknown>('intents');
      for (const s of signed) log.set(s.id, s.raw);
    });
    await new Promise((r) => setTimeout(r, 50));

    const spoken = (w: SharedWorld) => w.zoneReplica(zone)!.fold.entries.filter((e, i) => e.player === mallory.player && w.zoneReplica(zone)!.fold.eventsAt(i)[0]?.type === 'said').length;
    for (const w of [ana, bo]) {
      expect(w.state.players[mallory.player]!.pace).toEqual({ minute: start / 60_000, count: CAP_PER_MINUTE, at: start + (CAP_PER_MINUTE - 1) * 20 });
      expect(spoken(w)).toBe(CAP_PER_MINUTE - 1);
    }
    expect(bo.stateHash).toBe(ana.stateHash);
    // Honest play goes on in the same minute: Bo's intent is accepted, and Ana sees it.
    const said = bo.submit({ kind: 'say', text: 'Is anyone else here?' }, Date.now());
    expect(said.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(ana.stateHash).toBe(bo.stateHash);
    const hash = ana.stateHash;
    await ana.close();
    await bo.close();
    hostile.destroy();
    await new Promise((r) => setTimeout(r, 10));

    // The kept world reopened from its folder (the relay still holds the log): the same state.
    const again = await openAna();
    expect(again.stateHash).toBe(hash);
    expect(spoken(again)).toBe(CAP_PER_MINUTE - 1);
    await again.close();
    relay.close();
  });
});
