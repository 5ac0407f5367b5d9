// Cold join (issue 15's benchmark): a new device joins a zone whose history holds N intents
// (really signed: a newcomer checks every signature it has not seen), through the memory relay.
// Measured: bytes the newcomer downloads (the relay's answer to its first sync), and wall and CPU
// time from opening the world to playing in it. DESIGN.md's budget: <= 1 s and <= 2 MB whatever
// the history's length; today the newcomer downloads and checks the whole history (snapshots are
// designed in docs/finality.md, not built).
// Each size runs twice, in a world stored in plaintext and in a private world (every entry sealed:
// docs/links.md "Private worlds"), and prints what opening the sealed entries costs as a ratio.
// Run: npx tsx tests/bench/cold-join.ts            (N = 2,000 and 10,000)
//      COLD_JOIN_SIZES=100000 npx tsx tests/bench/cold-join.ts   (minutes: every intent is signed)
import * as Y from 'yjs';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { createIntent } from '../../src/sync/intent/intent.ts';
import { MemoryDocStore } from '../../src/sync/world/doc-store.ts';
import { MemoryRelay } from '../../src/sync/world/memory-relay.ts';
import { SharedWorld } from '../../src/sync/world/shared-world.ts';
import { createWorldKey, memberOf, roomName, worldIdOf, zoneDocName } from '../../src/sync/world/world-key.ts';
import { worldCipherOf } from '../../src/sync/world/world-cipher.ts';
import { membershipProof } from '../../src/sync/intent/membership.ts';
import { content } from '../sync/fixture.ts';

const sizes = (process.env['COLD_JOIN_SIZES'] ?? '2000,10000').split(',').map(Number);
const PER_PLAYER = 1_000;
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

for (const n of sizes) {
  const plain = await coldJoin(n, false);
  const sealed = await coldJoin(n, true);
  console.log(`[cold join] ${n.toLocaleString('en')} intents: the private world took ${(sealed.cpu / plain.cpu).toFixed(2)}x the plaintext world's CPU, ${(sealed.wall / plain.wall).toFixed(2)}x its wall time, ${(sealed.bytes / plain.bytes).toFixed(2)}x its bytes`);
}

async function coldJoin(n: number, isPrivate: boolean): Promise<{ wall: number; cpu: number; bytes: number }> {
  const relay = new MemoryRelay();
  const owner = createIdentity();
  const worldKey = createWorldKey(owner.publicKey, { private: isPrivate });
  const cipher = worldCipherOf(worldKey);
  const member = memberOf(worldKey)!;
  const founder = await SharedWorld.open({ content, identity: owner, worldKey, store: new MemoryDocStore(), relay: relay.connect, name: 'Ana', create: { name: 'History' } });
  relay.flush();
  const zone = founder.zone;
  const room = roomName(worldKey, zoneDocName(zone));
  // History, written straight into the relay's room: players who joined, talked and left.
  const log = relay.roomDoc(room)!.getMap<unknown>('intents');
  const built = performance.now();
  let turn = founder.zoneReplica(zone)!.headTurn;
  for (let p = 0; p * PER_PLAYER < n; p++) {
    const me = createIdentity();
    let prev: string | null = null;
    relay.roomDoc(room)!.transact(() => {
      for (let seq = 1; seq <= Math.min(PER_PLAYER, n - p * PER_PLAYER); seq++) {
        turn += 1;
        const action = seq === 1
          ? { kind: 'join' as const, name: `Islander ${p}`, member: membershipProof(member, worldIdOf(worldKey), me.player) }
          : { kind: 'say' as const, text: `word ${seq} from islander ${p}` };
        const i = createIntent(me, { world: worldIdOf(worldKey), zone, seq, prev, turn, at: 1_700_000_000_000 + turn * 1000, action });
        log.set(i.id, cipher === null ? i.raw : cipher.seal('log', i.id, i.raw));
        prev = i.id;
      }
    });
  }
  const buildS = (performance.now() - built) / 1000;
  const bytes = Y.encodeStateAsUpdate(relay.roomDoc(room)!).length;
  await founder.close();

  const c = cpuMs();
  const t = performance.now();
  const newcomer = await SharedWorld.open({ content, identity: createIdentity(), worldKey, store: new MemoryDocStore(), relay: relay.connect, name: 'Newcomer' });
  relay.flush();
  await newcomer.ready();
  const wall = performance.now() - t;
  const cpu = cpuMs() - c;
  const applied = newcomer.zoneReplica(zone)!.applied;
  console.log(`[cold join] ${n.toLocaleString('en')} intents of history, ${isPrivate ? 'private world' : 'plaintext world'}: ${(bytes / 1e6).toFixed(2)} MB downloaded, ${(wall / 1000).toFixed(2)} s wall, ${(cpu / 1000).toFixed(2)} s CPU to play (${applied} folded; budget 1 s and 2 MB; history built in ${buildS.toFixed(0)} s)`);
  await newcomer.close();
  relay.close();
  return { wall, cpu, bytes };
}
