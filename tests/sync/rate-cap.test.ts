// A hostile member signs 500 valid intents in one game minute (issue 15, point 6). Every replica
// accepts at most CAP_PER_MINUTE of them (the rules' pace, rules/pace.ts), whatever order they
// come in, and the excess changes nothing: the state is the one the first CAP_PER_MINUTE alone
// make. Tried in memory, through a kept world (reopened from its folder) and with two clients
// on the memory relay.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CAP_PER_MINUTE } from '../../src/engine/index.ts';
import type { Action } from '../../src/engine/index.ts';
import { createIdentity, type Identity } from '../../src/sync/intent/identity.ts';
import { createIntent, type VerifiedIntent } from '../../src/sync/intent/intent.ts';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import { MemoryRelay } from '../../src/sync/world/memory-relay.ts';
import { FileDocStore } from '../../src/sync/world/node-doc-store.ts';
import { MemoryDocStore } from '../../src/sync/world/doc-store.ts';
import { SharedWorld } from '../../src/sync/world/shared-world.ts';
import { createWorldKey, roomName, worldIdOf, zoneDocName } from '../../src/sync/world/world-key.ts';
import { Author, content, entry, identities, SEED, WORLD } from './fixture.ts';
import { prng, shuffle } from './harness.ts';

const FLOOD = 500;

/** A hostile member writes straight into a zone's log: a join, then `says` speeches `step` ms apart. */
async function signInto(relay: MemoryRelay, worldKey: string, zone: string, who: Identity, start: number, step: number, join: Action, says: number): Promise<Y.Doc> {
  const hostile = new Y.Doc();
  relay.connect(hostile, roomName(worldKey, zoneDocName(zone)));
  let prev: string | null = null;
  hostile.transact(() => {
    const log = hostile.getMap<unknown>('intents');
    for (let i = 0; i <= says; i++) {
      const action: Action = i === 0 ? join : { kind: 'say', text: `words ${i}` };
      const made = createIntent(who, { world: worldIdOf(worldKey), zone, seq: i + 1, prev, turn: 100 + i, at: start + i * step, action });
      log.set(made.id, made.raw);
      prev = made.id;
    }
  });
  await new Promise((r) => setTimeout(r, 50));
  return hostile;
}

/** How many of `player`'s intents this client's fold of `zone` accepted as speech. */
function saidBy(w: SharedWorld, zone: string, player: string): number {
  const fold = w.zoneReplica(zone)!.fold;
  return fold.entries.filter((e, i) => e.player === player && fold.eventsAt(i)[0]?.type === 'said').length;
}

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

    // Mal signs with the real key and a clock of his own: 500 intents in ten seconds, all in
    // one game minute of his clock (which starts a little before the honest ones').
    const mallory = createIdentity();
    const start = Math.floor(Date.now() / 60_000) * 60_000;
    const hostile = await signInto(relay, worldKey, zone, mallory, start, 20, { kind: 'join', name: 'Mal' }, FLOOD);
    const spoken = (w: SharedWorld) => saidBy(w, zone, mallory.player);
    // A delivery this large is folded in slices (zone-log.ts): wait until both have all of it.
    await vi.waitFor(() => {
      for (const w of [ana, bo]) expect(w.zoneReplica(zone)!.applied).toBeGreaterThanOrEqual(FLOOD);
    }, { timeout: 20_000 });
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

  it('a hostile companion signing faster than a person types: one speech per 1.5 s of its clock stands, on both clients', async () => {
    const relay = new MemoryRelay();
    const worldKey = createWorldKey();
    const ana = await SharedWorld.open({ content, identity: createIdentity(), worldKey, store: new MemoryDocStore(), relay: relay.connect, name: 'Ana', create: { name: 'Pace' } });
    const bo = await SharedWorld.open({ content, identity: createIdentity(), worldKey, store: new MemoryDocStore(), relay: relay.connect, name: 'Bo' });
    const zone = ana.zone;
    const pip = createIdentity();
    // 40 speeches 100 ms apart: 4 s of its clock, room for two at a person's pace.
    const hostile = await signInto(relay, worldKey, zone, pip, Date.now(), 100, { kind: 'join', name: 'Pip', companionOf: ana.player }, 40);
    for (const w of [ana, bo]) {
      expect(w.state.players[pip.player]!.companionOf).toBe(ana.player);
      expect(saidBy(w, zone, pip.player)).toBe(2);
      const refusals = w.zoneReplica(zone)!.fold.entries.flatMap((e, i) => (e.player === pip.player ? w.zoneReplica(zone)!.fold.eventsAt(i) : []))
        .filter((e) => e.type === 'refused').map((e) => e.type === 'refused' && e.reason);
      expect(new Set(refusals)).toEqual(new Set(['rate/companion-too-fast']));
      expect(refusals).toHaveLength(38);
    }
    expect(bo.stateHash).toBe(ana.stateHash);
    await ana.close();
    await bo.close();
    hostile.destroy();
    relay.close();
  });
});
