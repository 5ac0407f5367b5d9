/**
 * Which document holds a zone at an epoch, and the snapshot an epoch document keeps: the part of
 * world cuts (world-cut.ts) every world needs as it opens, a world with no cut included. Reading,
 * checking and signing cut records is world-cut.ts, loaded only once a world has a cut.
 *
 *   epochDocName('harbor', EPOCH_ZERO);            // 'zone/harbor'
 *   epochDocName('harbor', { epoch: 1, id });      // 'zone/harbor@1.<id>'
 *   loadSnapshot(zoneDoc, hash);                   // ZoneSnapshot | null
 */
import { canonicalJson } from '../../content/canonical.ts';
import { sha256Hex } from '../intent/bytes.ts';
import type { PersistedVerdict } from '../intent/verifier.ts';
import { snapshotHash, type ZoneSnapshot } from '../replica/snapshot.ts';
import type { WorldCut } from './world-cut.ts';
import type { ZoneDoc } from './world-docs.ts';

/** The highest epoch a cut may name (a cut a day for a thousand years is far below it). */
export const EPOCH_MAX = 2 ** 20;

/** The map of an epoch document that holds its snapshot. */
export const SNAPSHOT_MAP = 'cut';

/** Which epoch a document belongs to: epoch 0 (id ''), or a cut's epoch and id. */
export interface EpochRef {
  readonly epoch: number;
  readonly id: string;
}
export const EPOCH_ZERO: EpochRef = { epoch: 0, id: '' };

/** The document name of a zone at an epoch (epoch 0: the zone's first document). */
export function epochDocName(zone: string, at: EpochRef): string {
  return at.epoch === 0 ? `zone/${zone}` : `zone/${zone}@${at.epoch}.${at.id}`;
}

/** The key a cut record is stored under in the root's `cuts` map. */
export function cutKey(cut: EpochRef): string {
  return `${cut.epoch}.${cut.id}`;
}

/** The snapshot hash a cut names for a zone: a hash, null (the zone starts from its beginning), or undefined (not named). */
export function cutSnapOf(cut: WorldCut, zone: string): string | null | undefined {
  return cut.zones.find((z) => z.zone === zone)?.snap;
}

/** The snapshot an epoch document keeps under `hash`, if what is there hashes to it. */
export function loadSnapshot(doc: ZoneDoc, hash: string): ZoneSnapshot | null {
  const value = doc.doc.getMap(SNAPSHOT_MAP).get(hash);
  const text = doc.cipher === null ? value : doc.cipher.open('log', `snapshot ${hash}`, value);
  if (typeof text !== 'string') return null;
  let snap: ZoneSnapshot;
  try {
    snap = JSON.parse(text) as ZoneSnapshot;
  } catch {
    return null;
  }
  return snapshotHash(snap) === hash ? snap : null;
}

/**
 * The tail a cut vouches for (world-cut.ts `CutZone.tail`): (id, sha256 of the exact string) of
 * each entry the owner's device carried into the epoch after checking it, sorted by id. A device
 * that opens the epoch from its snapshot takes these as checked (the owner's word, as the snapshot
 * is) instead of verifying a thousand signatures; a device that folded the history checks them.
 */
export type AttestedTail = readonly PersistedVerdict[];

/** The hash a cut names for an attested tail. */
export function tailHash(tail: AttestedTail): string {
  return sha256Hex(canonicalJson(tail));
}

/** Where an epoch document keeps the attested tail `hash` (beside its snapshot, in SNAPSHOT_MAP). */
export const tailKey = (hash: string): string => `tail ${hash}`;

/** The attested tail an epoch document keeps under `hash`, if what is there hashes to it. */
export function loadTail(doc: ZoneDoc, hash: string): AttestedTail | null {
  const key = tailKey(hash);
  const value = doc.doc.getMap(SNAPSHOT_MAP).get(key);
  const text = doc.cipher === null ? value : doc.cipher.open('log', key, value);
  if (typeof text !== 'string') return null;
  let tail: unknown;
  try {
    tail = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(tail) || !tail.every((x) => Array.isArray(x) && x.length === 2 && typeof x[0] === 'string' && typeof x[1] === 'string')) return null;
  return tailHash(tail as AttestedTail) === hash ? (tail as AttestedTail) : null;
}

/** Every document name of a world with these cuts: the root, and each zone at epoch 0 and at each cut. */
export function worldDocNames(zones: Iterable<string>, cuts: readonly EpochRef[]): string[] {
  const names = ['root'];
  for (const zone of zones) for (const at of [EPOCH_ZERO, ...cuts]) names.push(epochDocName(zone, at));
  return names;
}

/** The zone and epoch of a zone document's name (`zone/<zone>` or `zone/<zone>@<epoch>.<id>`); null for any other name. */
export function parseZoneDocName(name: string): { readonly zone: string; readonly epoch: number; readonly id: string } | null {
  const m = /^zone\/([^@]+)(?:@([1-9][0-9]{0,6})\.(o[0-9a-f]{15}|[0-9a-f]{16}))?$/.exec(name);
  if (m === null) return null;
  const epoch = m[2] === undefined ? 0 : Number(m[2]);
  return epoch <= EPOCH_MAX ? { zone: m[1]!, epoch, id: m[3] ?? '' } : null;
}
