// Private worlds (issue 19, docs/links.md "Private worlds"): everything a private world's documents
// and presence carry is sealed with a key derived from its read secret. Two players and a watcher
// play through the memory relay and the project's relay: they hear each other, see each other and
// are told things as in any world, while a stranger's stock client in every room the relay holds
// (what the relay stores and hands out, and the presence it forwards) finds none of the names,
// words or the world's name. The same session in a plaintext world shows them (so the scan sees).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Session } from '../../src/session/index.ts';
import { SharedWorldBackend } from '../../src/session/shared-world-backend.ts';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { MemoryDocStore } from '../../src/sync/world/doc-store.ts';
import { worldCipherOf } from '../../src/sync/world/world-cipher.ts';
import { createWorldKey, isPrivateWorld, rootDocName, roomName, watchKeyOf, zoneDocName } from '../../src/sync/world/world-key.ts';
import { content } from './fixture.ts';
import { RELAYS, relayForBlock, until } from './relay-pair.ts';

const SECRETS = ['Anastasia', 'Bohdana', 'Lantern of Sorrows', 'the pearl sleeps under the third stone', 'meet me at the smithy'];

describe('world keys of private worlds', () => {
  it('a private play key and its watch key name one private world; both open its cipher, which refuses what is not its own', () => {
    const owner = createIdentity();
    const play = createWorldKey(owner.publicKey, { private: true });
    const watch = watchKeyOf(play)!;
    expect(play[0]).toBe('E');
    expect(watch[0]).toBe('V');
    expect(isPrivateWorld(play) && isPrivateWorld(watch)).toBe(true);
    expect(isPrivateWorld(createWorldKey(owner.publicKey))).toBe(false);
    const a = worldCipherOf(play)!;
    const sealed = a.seal('log', 'id-1', 'a secret');
    // Deterministic (one string per entry on every device), opened by the watch key's cipher.
    expect(a.seal('log', 'id-1', 'a secret')).toBe(sealed);
    expect(worldCipherOf(watch)!.open('log', 'id-1', sealed)).toBe('a secret');
    // Bound to its place, its world, and intact.
    expect(a.open('log', 'id-2', sealed)).toBeNull();
    expect(a.open('roster', 'id-1', sealed)).toBeNull();
    expect(worldCipherOf(createWorldKey(owner.publicKey, { private: true }))!.open('log', 'id-1', sealed)).toBeNull();
    expect(a.open('log', 'id-1', sealed.slice(0, -2) + (sealed.endsWith('AA') ? 'AB' : 'AA'))).toBeNull();
    expect(a.open('log', 'id-1', 'a secret')).toBeNull();
  });
});

describe.each(RELAYS)('a private world, through %s', (_name, start) => {
  const relays = relayForBlock(start);

  async function playSession(isPrivate: boolean): Promise<{ stored: string; sent: string; heard: { bo: string; wendel: string; told: string } }> {
    const { relay, connect, close } = relays();
    const anaKey = createIdentity();
    const playKey = createWorldKey(anaKey.publicKey, { private: isPrivate });
    const watchKey = watchKeyOf(playKey)!;
    const open = (name: string, worldKey: string, identity = createIdentity()) =>
      SharedWorldBackend.open({ content, worldKey, identity, store: new MemoryDocStore(), name, relay, ...(name === SECRETS[0] ? { create: { name: SECRETS[2]! } } : {}) });
    const ana = await open(SECRETS[0]!, playKey, anaKey);
    const bo = await open(SECRETS[1]!, playKey);
    const wendel = await open('Wendel', watchKey);
    let t = 0;
    const clock = () => Date.now() + (t += 1);
    // A stranger (the relay's view): a stock client in every room the world has.
    const rooms = [rootDocName(), ...[...content.zones.keys()].map(zoneDocName)].map((name) => {
      const doc = new Y.Doc();
      return { doc, link: connect(doc, roomName(watchKey, name)) };
    });
    try {
      const anaSession = new Session(ana, { name: SECRETS[0]!, clock });
      const boSession = new Session(bo, { name: SECRETS[1]!, clock });
      const watching = new Session(wendel, { name: 'Wendel', clock });
      anaSession.start();
      boSession.start();
      watching.start();
      await until(() => ana.status().online.some((p) => p.name === SECRETS[1]) && bo.status().online.some((p) => p.name === SECRETS[0]));
      await anaSession.handle(`say ${SECRETS[3]}`);
      await until(() => bo.state.players[ana.player] !== undefined && wendel.shared.stateHash === ana.shared.stateHash && bo.shared.stateHash === ana.shared.stateHash);
      const told = (await anaSession.handle(`tell ${SECRETS[1]} ${SECRETS[4]}`)).text;
      let boHeard = '';
      await until(() => (boHeard += boSession.poll().map((l) => l.text).join('\n')).includes(SECRETS[4]!));
      let wendelSaw = '';
      await until(() => (wendelSaw += watching.poll().map((l) => l.text).join('\n')).includes(SECRETS[3]!));
      await Promise.all(rooms.map((r) => r.link.whenSynced(5000)));
      await until(() => rooms[0]!.doc.getMap('roster').size >= 2 && rooms[1]!.doc.getMap('intents').size >= 3);
      const stored = rooms.map((r) => Buffer.from(Y.encodeStateAsUpdate(r.doc)).toString('latin1')).join('\n');
      const sent = rooms.map((r) => JSON.stringify([...r.link.awareness.getStates().values()])).join('\n');
      return { stored, sent, heard: { bo: boHeard, wendel: wendelSaw, told } };
    } finally {
      for (const r of rooms) {
        r.link.destroy();
        r.doc.destroy();
      }
      await Promise.all([ana.close(), bo.close(), wendel.close()]);
      close();
    }
  }

  it('players hear, see and tell each other and a watcher follows, while the relay holds and forwards none of it in plaintext', async () => {
    const s = await playSession(true);
    expect(s.heard.bo).toContain(`${SECRETS[0]} says, "${SECRETS[3]}"`);
    expect(s.heard.bo).toContain(SECRETS[4]);
    expect(s.heard.wendel).toContain(SECRETS[3]);
    for (const secret of SECRETS) {
      expect(s.stored, `"${secret}" stored in plaintext`).not.toContain(secret);
      expect(s.sent, `"${secret}" sent in plaintext`).not.toContain(secret);
    }
    // Not even the envelope's words: the kinds of intent, or the fields of a roster entry.
    for (const word of ['"kind"', '"say"', 'publicKey', '"name"']) expect(s.stored).not.toContain(word);
  }, 60_000);

  it('the same session in a plaintext world shows the names and words (so the scan above sees what is there)', async () => {
    const s = await playSession(false);
    expect(s.stored).toContain(SECRETS[0]);
    expect(s.stored).toContain(SECRETS[3]);
    expect(s.sent).toContain(SECRETS[1]);
  }, 60_000);
});
