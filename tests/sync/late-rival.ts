/**
 * A rival who played offline at the harbor: Carl joins one turn before the player's take and takes
 * the moonpetal in the same turn, with a key picked so he wins that turn's lottery. His two
 * intents reach the relay now, through a link of its own on the harbor's room (a stock provider
 * for a relay's URL), as a late sync would deliver them.
 *
 *   const carl = await lateRival({ worldKey, world: worldId, seed, rivalOf: ana.player, takeTurn, relay });
 *   ...; carl.close();
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { createIdentity, type Identity } from '../../src/sync/intent/identity.ts';
import { createIntent } from '../../src/sync/intent/intent.ts';
import { lotteryOf } from '../../src/sync/replica/order.ts';
import type { RelayConnector } from '../../src/sync/world/relay-link.ts';
import { linkWebsocket } from '../../src/sync/world/websocket-link.ts';
import { membershipProof } from '../../src/sync/intent/membership.ts';
import { memberOf, roomName, zoneDocName } from '../../src/sync/world/world-key.ts';

export interface LateRival {
  readonly identity: Identity;
  readonly player: string;
  close(): void;
}

export async function lateRival(o: { worldKey: string; world: string; seed: number; rivalOf: string; takeTurn: number; relay: string | RelayConnector }): Promise<LateRival> {
  let carl = createIdentity();
  while (lotteryOf(o.seed, o.takeTurn, carl.player) >= lotteryOf(o.seed, o.takeTurn, o.rivalOf)) carl = createIdentity();
  // Carl holds the play link: where the world has a watch link, his join carries the member key's proof.
  const member = memberOf(o.worldKey);
  const join = createIntent(carl, { world: o.world, zone: 'harbor', seq: 1, prev: null, turn: o.takeTurn - 1, at: 1, action: { kind: 'join', name: 'Carl', ...(member === null ? {} : { member: membershipProof(member, o.world, carl.player) }) } });
  const take = createIntent(carl, { world: o.world, zone: 'harbor', seq: 2, prev: join.id, turn: o.takeTurn, at: 2, action: { kind: 'take', target: 'moonpetal' } });
  const doc = new Y.Doc();
  const room = roomName(o.worldKey, zoneDocName('harbor'));
  const link = typeof o.relay === 'string' ? linkWebsocket(doc, room, { url: o.relay, WebSocketPolyfill: WebSocket }) : o.relay(doc, room);
  await link.whenSynced(5000);
  doc.transact(() => {
    doc.getMap('intents').set(join.id, join.raw);
    doc.getMap('intents').set(take.id, take.raw);
  });
  return {
    identity: carl,
    player: carl.player,
    close() {
      link.destroy();
      doc.destroy();
    },
  };
}
