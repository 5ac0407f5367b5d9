/**
 * Shared worlds on Yjs: the public face of src/sync. Platform-neutral; Node-only stores are in
 * ./node.ts (FileDocStore, FileKeyStore), browser-only ones in ./browser.ts (IndexedDbDocStore,
 * IndexedDbKeyStore).
 *
 * The session drives one SharedWorld:
 *
 *   import { SharedWorld, loadOrCreateIdentity, createWorldKey, parseWorldLink } from '../sync/index.ts';
 *   import { FileDocStore, FileKeyStore } from '../sync/node.ts';
 *
 *   const identity = await loadOrCreateIdentity(new FileKeyStore(`${dir}/identity.json`));
 *   const world = await SharedWorld.open({
 *     content, identity, name: 'Ana',
 *     worldKey: parseWorldLink(joinLink)?.worldKey ?? createWorldKey(),
 *     store: new FileDocStore(`${dir}/docs`),
 *     relay: relayUrl ? { url: relayUrl, WebSocketPolyfill: WebSocket } : null,   // WebSocket from 'ws' in Node
 *     create: joinLink ? null : { name: 'Vetrellis', seed: 42 },   // only when making a world
 *     linkBase: 'https://vetrellis.example/',
 *   });
 *   const r = world.submit({ kind: 'take', target: 'moonpetal' });  // SubmitResult, synchronous
 *   if (r.ok) show(r.events, r.state); else show(r.reason);
 *   const off = world.onChange(({ news, revision, state }) => { ... });  // others, re-folds
 *   world.state; world.stateHash; world.zone; world.player; world.link;
 *   world.pendingCount; world.role; world.presence?.others(); world.roster(); world.diagnostics();
 *   await world.close();
 *
 * Below SharedWorld, ZoneReplica is the Yjs-free ordered replica (feed it log entries in any
 * order), used directly by tests, tools and benchmarks.
 */
export { SharedWorld } from './shared-world.ts';
export type { SharedWorldOptions, SubmitResult, WorldChange, NewsItem } from './shared-world.ts';
export type { Revision, RevisionCause } from './revision.ts';
export { ZoneReplica } from './zone-replica.ts';
export type { ZoneReplicaOptions, NextFields } from './zone-replica.ts';
export type { FoldChange, AppliedIntent } from './fold.ts';
export { createIdentity, identityFromSecret, loadOrCreateIdentity, MemoryKeyStore, playerIdOf } from './identity.ts';
export type { Identity, KeyStore } from './identity.ts';
export { createIntent, readIntent, IntentEnvelope, INTENT_VERSION, MAX_INTENT_CHARS, MAX_ARRIVE_CHARS } from './intent.ts';
export type { VerifiedIntent, InvalidReason } from './intent.ts';
export { SyncAction, TravelAction, ArriveAction } from './sync-action.ts';
export { compareOrder, lotteryOf } from './order.ts';
export { createWorldKey, parseWorldLink, worldLink, worldIdOf, roomName, isWorldKey } from './world-key.ts';
export { MemoryDocStore } from './doc-store.ts';
export type { DocStore, StoredDoc } from './doc-store.ts';
export type { RelayOptions } from './relay-link.ts';
export type { Presence } from './presence.ts';
export type { RosterEntry } from './roster.ts';
export type { Rules } from './rules.ts';
export { engineRules } from './engine-rules.ts';
export { digestPlayer, crossingTarget } from './zone-crossing.ts';
