// Watch links (issue 19, docs/links.md): whoever holds only a world's watch link reads it and
// cannot join. The check is on signed data, at every replica's ingest: a join must carry the member
// key's signature over its author, which only the play link can make. Worlds made before watch
// links (today's key formats) join as before, without a proof.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { membershipProof } from '../../src/sync/intent/membership.ts';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import { RootDoc } from '../../src/sync/world/world-docs.ts';
import { readWorldFile, writeWorldFile } from '../../src/sync/world/world-file.ts';
import { signRosterEntry } from '../../src/sync/world/roster.ts';
import { canJoin, createWorldKey, memberKeyOfWorld, memberOf, rootDocName, roomName, watchKeyOf, worldIdOf, worldOwnerOf, worldSeedOf, zoneDocName } from '../../src/sync/world/world-key.ts';
import { Author, content, entry, identities, SEED, SHARED_VERDICTS, WORLD } from './fixture.ts';

describe('world keys', () => {
  it('a play key and its watch key name one world: id, rooms, seed and owner; only the play key joins', () => {
    const owner = createIdentity();
    const play = createWorldKey(owner.publicKey);
    const watch = watchKeyOf(play)!;
    expect(watch).not.toBeNull();
    expect(watch).not.toBe(play);
    expect(watchKeyOf(watch)).toBe(watch);
    expect(worldIdOf(watch)).toBe(worldIdOf(play));
    expect(roomName(watch, zoneDocName('harbor'))).toBe(roomName(play, zoneDocName('harbor')));
    expect(worldSeedOf(watch)).toBe(worldSeedOf(play));
    expect(worldOwnerOf(watch)).toBe(owner.player);
    expect(canJoin(play)).toBe(true);
    expect(canJoin(watch)).toBe(false);
    expect(memberOf(watch)).toBeNull();
    expect(memberKeyOfWorld(watch)).toEqual(memberOf(play)!.publicKey);
    // The watch key holds nothing of the play key's secret.
    expect(watch).not.toContain(play.slice(1, 44));
  });

  it('keys made before watch links have none, and keep their world id and rooms', () => {
    const legacy = 'K7mJLnrGzRYg5kyUeyrpNbPwC6n6vqLMV_MK-wKVyTI';
    const owned = 'd7xUocdSToe2f56net6B1050aEGKEoTN-JJi114ndrUHWXJESc6jBVMjfFfabqGe1RbuCz34K9sRwrt0_LaznU';
    for (const key of [legacy, owned]) {
      expect(watchKeyOf(key)).toBeNull();
      expect(canJoin(key)).toBe(true);
      expect(memberKeyOfWorld(key)).toBeNull();
    }
    // The names today's main gives them (tests/fixtures/worlds: their document files).
    expect(roomName(legacy, 'root')).toBe('vetrellis-2c5af6438d05550e58562d02785c4f7ab709a5f0');
    expect(roomName(owned, 'root')).toBe('vetrellis-603391f6e06f02f118b4b7048075a42366c1b1dd');
    expect(worldOwnerOf(owned)).not.toBeNull();
  });
});

describe('a watcher cannot join, on any replica', () => {
  const owner = createIdentity();
  const play = createWorldKey(owner.publicKey);
  // The fixture's authors sign for WORLD; the member key is the one this play key holds.
  const world = WORLD;
  const member = memberOf(play)!;
  const replica = () => new ZoneReplica({ rules: engineRules, content, world, zone: 'harbor', seed: SEED, checkpointEvery: 4, verifier: SHARED_VERDICTS, owner: owner.player, member: memberKeyOfWorld(watchKeyOf(play)!) });

  it('refuses joins without the member key’s proof over their author, and what the watcher signs after changes nothing', () => {
    const [ia] = identities(1);
    const ana = new Author('harbor', ia);
    const ana1 = ana.write({ kind: 'join', name: 'Ana', member: membershipProof(member, world, ana.player) }, 1);
    const ana2 = ana.write({ kind: 'take', target: 'moonpetal' }, 2);
    // Each forged join is a different watcher key (a second join of one key would be equivocation).
    const watchers = [0, 1, 2, 3].map(() => new Author('harbor', createIdentity()));
    const forged = [
      watchers[0]!.write({ kind: 'join', name: 'Wendel' }, 3),
      // Ana's proof, copied from the log: it names Ana, not the watcher.
      watchers[1]!.write({ kind: 'join', name: 'Wendel', member: ana1.action.kind === 'join' ? ana1.action.member! : '' }, 3),
      // A proof by a member key the watcher made up.
      watchers[2]!.write({ kind: 'join', name: 'Wendel', member: membershipProof(createIdentity(), world, watchers[2]!.player) }, 3),
      // A proof for the right player in another world.
      watchers[3]!.write({ kind: 'join', name: 'Wendel', member: membershipProof(member, worldIdOf(createWorldKey(owner.publicKey)), watchers[3]!.player) }, 3),
    ];
    const w = new Author('harbor', createIdentity());
    const sneaked = [w.write({ kind: 'take', target: 'moonpetal' }, 3), w.write({ kind: 'say', text: 'hello' }, 4)];

    const a = replica();
    a.ingest([ana1, ana2].map(entry));
    const before = a.stateHash;
    a.ingest([...forged, ...sneaked].map(entry));
    expect(a.diagnostics.snapshot()['intent/not-member']).toBe(4);
    expect(a.stateHash).toBe(before);
    expect(Object.keys(a.state.players)).toEqual([ana.player]);
    // Another replica, fed everything in another order, agrees.
    const b = replica();
    b.ingest([...sneaked, ...forged.reverse(), ana2, ana1].map(entry));
    expect(b.stateHash).toBe(a.stateHash);
    expect(b.diagnostics.snapshot()['intent/not-member']).toBe(4);
  });

  it('a world made before watch links joins without a proof, as before', () => {
    const [ia] = identities(1);
    const ana = new Author('harbor', ia);
    const r = new ZoneReplica({ rules: engineRules, content, world: WORLD, zone: 'harbor', seed: SEED, verifier: SHARED_VERDICTS, member: null });
    r.ingest([entry(ana.write({ kind: 'join', name: 'Ana' }, 1))]);
    expect(r.state.players[ana.player]).toBeDefined();
  });
});

describe('world files of a world with a watch link', () => {
  it("keep the members' roster entries and leave a watcher's out", () => {
    const owner = createIdentity();
    const play = createWorldKey(owner.publicKey);
    const world = worldIdOf(play);
    const doc = new Y.Doc();
    const root = new RootDoc(doc);
    root.initMeta({ name: 'Open Sky', seed: worldSeedOf(play), contentVersion: 'test' });
    const proof = membershipProof(memberOf(play)!, world, owner.player);
    const wendel = createIdentity();
    root.roster.set(owner.player, signRosterEntry(owner, { world, name: 'Ana', zone: 'harbor', zones: ['harbor'], at: 1, member: proof }));
    // A watcher's entry, with Ana's proof copied: it names Ana, not him.
    root.roster.set(wendel.player, signRosterEntry(wendel, { world, name: 'Wendel', zone: 'harbor', zones: [], at: 1, member: proof }));
    const written = writeWorldFile({ worldKey: play, relay: null, docs: new Map([[rootDocName(), doc]]) });
    expect(written.leftOut).toBe(1);
    const read = readWorldFile(written.text, ['harbor']);
    const back = new Y.Doc();
    Y.applyUpdate(back, read.updates.get(rootDocName())!);
    expect([...new RootDoc(back).roster.keys()]).toEqual([owner.player]);
  });
});
