/**
 * Shared worlds on Yjs: the public face of src/sync. Platform-neutral; Node-only stores are in
 * ./node.ts (FileDocStore, FileKeyStore), browser-only ones in ./browser.ts (IndexedDbDocStore,
 * IndexedDbKeyStore).
 *
 * The session drives one SharedWorld:
 *
 *   import { SharedWorld, loadOrCreateIdentity, createWorldKey, parseWorldLink } from './index.ts';
 *   import { FileDocStore, FileKeyStore } from './node.ts';
 *
 *   const identity = await loadOrCreateIdentity(new FileKeyStore(`${dir}/identity.json`));
 *   const world = await SharedWorld.open({
 *     content, identity, name: 'Ana',
 *     worldKey: parseWorldLink(joinLink)?.worldKey ?? createWorldKey(),
 *     store: new FileDocStore(`${dir}/docs`),
 *     relay: relayUrl ? { url: relayUrl, WebSocketPolyfill: WebSocket } : null,   // WebSocket from 'ws' in Node;
 *                                             // tests pass a connector instead (world/memory-relay.ts)
 *     create: joinLink ? null : { name: 'Vetrellis', seed: 42 },   // only when making a world
 *     linkBase: 'https://vetrellis.example/',
 *   });
 *   const r = world.submit({ kind: 'take', target: 'moonpetal' }, gameTime);  // SubmitResult, synchronous
 *   if (r.ok) show(r.events, r.state); else show(r.reason);
 *   const off = world.onChange(({ news, revision, state }) => { ... });  // others, re-folds
 *   world.state; world.stateHash; world.zone; world.player; world.link;
 *   world.pendingCount; world.role; world.presence?.others(); world.roster(); world.diagnostics();
 *   await world.close();
 *
 * Below SharedWorld, ZoneReplica is the Yjs-free ordered replica (feed it log entries in any
 * order), used directly by tests, tools and benchmarks.
 */
export { SharedWorld } from './world/shared-world.ts';
export type { SharedWorldOptions, SubmitResult, WorldChange, NewsItem } from './world/shared-world.ts';
export type { Revision, RevisionCause } from './replica/revision.ts';
export { ZoneReplica } from './replica/zone-replica.ts';
export type { ZoneReplicaOptions, NextFields } from './replica/zone-replica.ts';
export type { FoldChange, AppliedIntent } from './replica/fold.ts';
export { createIdentity, identityFromSecret, loadOrCreateIdentity, MemoryKeyStore, playerIdOf } from './intent/identity.ts';
export type { Identity, KeyStore } from './intent/identity.ts';
export { createIntent, readIntent, IntentEnvelope, INTENT_VERSION, MAX_INTENT_CHARS, MAX_ARRIVE_CHARS } from './intent/intent.ts';
export type { VerifiedIntent, InvalidReason } from './intent/intent.ts';
export { SyncAction, TravelAction, ArriveAction } from './intent/sync-action.ts';
export { compareOrder, lotteryOf } from './replica/order.ts';
export { createWorldKey, parseWorldLink, worldLink, worldIdOf, roomName, isWorldKey, rootDocName, zoneDocName } from './world/world-key.ts';
export { readWorldFile, writeWorldFile, WorldFileError, type WorldFileContents } from './world/world-file.ts';
export { MemoryDocStore } from './world/doc-store.ts';
export type { DocStore, StoredDoc } from './world/doc-store.ts';
export type { RelayChoice, RelayConnector, RelayLink, RelayOptions } from './world/relay-link.ts';
export type { Presence } from './world/presence.ts';
export type { RosterEntry } from './world/roster.ts';
export type { Rules } from './replica/rules.ts';
export { engineRules } from './replica/engine-rules.ts';
export { digestPlayer, crossingTarget } from './replica/crossing.ts';
