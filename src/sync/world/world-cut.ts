/**
 * World cuts and epoch documents (docs/finality.md "Snapshots and compaction", issue 15 point 3).
 *
 * A cut is the owner's signed record, in the root document's `cuts` map (under `<epoch>.<id>`,
 * its id being a hash of the record, so two records for one epoch never share a key or a
 * document), that epoch N of the world begins: for each zone, the hash of the zone's snapshot at its final seal (or null: that
 * zone's epoch N starts from the beginning, its whole log copied). Epoch N of a zone is a
 * document of its own (room `zone/<zone>@<N>`; epoch 0 is the zone's first room, so worlds made
 * before cuts are epoch 0 and open as before; a later epoch's room also names the cut's id:
 * `zone/<zone>@<N>.<id>`). It holds the snapshot in its `cut` map, under the
 * snapshot's hash, and the tail in `intents`: every entry outside the cut's sealed set. A new
 * device opens each zone at the newest epoch: it downloads a snapshot and a tail, never the
 * history below the cut.
 *
 *   const { text, cut } = signWorldCut(owner, { world, epoch: 1, zones: [{ zone: 'harbor', snap: hash }] });
 *   readWorldCut(text, { world, owner: ownerKeyOf(worldKey) });   // WorldCut | null
 *   epochDocName('harbor', { epoch: 1, id });                       // 'zone/harbor@1.<id>'
 *   storeSnapshot(zoneDoc, snap); loadSnapshot(zoneDoc, hash);      // ZoneSnapshot | null
 *
 * Trust: a joiner accepts the owner's word for the snapshot (the cut is signed by the key the
 * world key names; the snapshot must hash to what the cut names, and its state to what its seal
 * names). A device that folded the history checks the snapshot against its own fold before it
 * moves to the new epoch (`ZoneReplica.snapshot()` must give the same hash).
 */
import * as Y from 'yjs';
import { z } from 'zod/mini';
import { canonicalJson, compareCodeUnits } from '../../content/canonical.ts';
import { Id } from '../../content/id.ts';
import { fromBase64Url, sha256Hex, toBase64Url, utf8ToBytes } from '../intent/bytes.ts';
import { signBytes, verifyBytes, type Identity } from '../intent/identity.ts';
import { Hex64 } from '../intent/sync-action.ts';
import { snapshotHash, type ZoneSnapshot } from '../replica/snapshot.ts';
import type { RootDoc, ZoneDoc } from './world-docs.ts';
import { cutKey, EPOCH_MAX, SNAPSHOT_MAP, tailHash, tailKey, type AttestedTail } from './epoch-ref.ts';

// What every world needs as it opens lives in epoch-ref.ts; it is named here too, with the rest of cuts.
export { cutKey, cutSnapOf, EPOCH_MAX, EPOCH_ZERO, epochDocName, loadSnapshot, loadTail, parseZoneDocName, SNAPSHOT_MAP, worldDocNames, type AttestedTail, type EpochRef } from './epoch-ref.ts';
/** Challenges of cuts (world-challenge.ts) load with the cut code: they only matter once a world has a cut. */
export { readChallenge, signChallenge } from './world-challenge.ts';

const PREFIX = 'vetrellis/cut/v1\n';
/** The map of a root document that holds cuts (an epoch document's snapshot is in SNAPSHOT_MAP: epoch-ref.ts). */
export const CUTS_MAP = 'cuts';

/**
 * A zone of a cut: the hash of its snapshot (null: the epoch starts from the zone's beginning),
 * and (v2) the hash of the tail the owner's device vouches for (epoch-ref.ts `AttestedTail`).
 */
const CutZone = z.strictObject({ zone: Id, snap: z.nullable(Hex64), tail: z.optional(Hex64) });
export type CutZone = z.infer<typeof CutZone>;

const WorldCutSchema = z.strictObject({
  /** 1: cuts made before session 15; 2: the same record, whose epoch's rooms are owned (drop-order.ts). */
  v: z.union([z.literal(1), z.literal(2)]),
  world: Hex64,
  epoch: z.int().check(z.minimum(1), z.maximum(EPOCH_MAX)),
  zones: z.array(CutZone).check(z.maxLength(256)),
  /** A moved world's first cut (issue 19): the world its state was carried from. */
  from: z.optional(Hex64),
  sig: z.string().check(z.regex(/^[A-Za-z0-9_-]{86}$/)),
});
/**
 * A cut as read: the signed record and its id, from the sha256 of its text: its first 16 hex
 * digits (v1), or `o` and its first 15 (v2: the epoch's room names bind the owner's key, so the
 * owner can have the relay drop them; world-key.ts `roomName`).
 */
export type WorldCut = z.infer<typeof WorldCutSchema> & { readonly id: string };

function idOf(text: string, v: 1 | 2): string {
  return v === 2 ? `o${sha256Hex(text).slice(0, 15)}` : sha256Hex(text).slice(0, 16);
}

function bodyOf(c: Omit<WorldCut, 'sig' | 'id'>): string {
  return PREFIX + canonicalJson({ v: c.v, world: c.world, epoch: c.epoch, zones: c.zones, ...(c.from === undefined ? {} : { from: c.from }) });
}

/** The owner's cut record for epoch `epoch`, as the canonical text stored in the root. Zones are sorted. */
export function signWorldCut(owner: Identity, c: { readonly world: string; readonly epoch: number; readonly zones: readonly CutZone[]; readonly from?: string }): { readonly text: string; readonly cut: WorldCut } {
  const zones = [...c.zones].sort((a, b) => compareCodeUnits(a.zone, b.zone)).map((x) => ({ zone: x.zone, snap: x.snap, ...(x.tail === undefined ? {} : { tail: x.tail }) }));
  const body = { v: 2 as const, world: c.world, epoch: c.epoch, zones, ...(c.from === undefined ? {} : { from: c.from }) };
  const sig = toBase64Url(signBytes(owner, utf8ToBytes(bodyOf(body))));
  const text = canonicalJson({ ...body, sig });
  return { text, cut: { ...body, sig, id: idOf(text, 2) } };
}

/**
 * A stored cut, if it is the owner's, of this world, canonical, with each zone named once in
 * order; null for anything else (junk anyone with the link could write).
 */
export function readWorldCut(text: unknown, expect: { readonly world: string; readonly owner: Uint8Array | null }): WorldCut | null {
  if (typeof text !== 'string' || expect.owner === null || text.length > 64 * 1024) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const r = WorldCutSchema.safeParse(parsed);
  if (!r.success || r.data.world !== expect.world || canonicalJson(r.data) !== text) return null;
  const zones = r.data.zones;
  for (let i = 1; i < zones.length; i++) if (compareCodeUnits(zones[i - 1]!.zone, zones[i]!.zone) >= 0) return null;
  if (r.data.v === 1 && zones.some((x) => x.tail !== undefined)) return null;
  const sig = fromBase64Url(r.data.sig);
  if (sig === null || !verifyBytes(expect.owner, utf8ToBytes(bodyOf(r.data)), sig)) return null;
  return { ...r.data, id: idOf(text, r.data.v) };
}

/** Keep an attested tail in an epoch document (sealed in a private world); returns its hash. */
export function storeTail(doc: ZoneDoc, tail: AttestedTail): string {
  const hash = tailHash(tail);
  const key = tailKey(hash);
  const text = canonicalJson(tail);
  doc.doc.getMap(SNAPSHOT_MAP).set(key, doc.cipher === null ? text : doc.cipher.seal('log', key, text));
  return hash;
}

/** Every valid cut in a root's `cuts` map, each under its own key, opened by `open` (a private world's cipher). */
export function validCuts(cuts: Y.Map<unknown>, expect: { readonly world: string; readonly owner: Uint8Array | null }, open: (key: string, value: unknown) => unknown): WorldCut[] {
  const out: WorldCut[] = [];
  for (const [key, value] of cuts.entries()) {
    const cut = readWorldCut(open(key, value), expect);
    if (cut !== null && cutKey(cut) === key) out.push(cut);
  }
  return out;
}

/**
 * The cut zones open at: the highest epoch, and of two records for one epoch (two of the owner's
 * devices cutting at once) the smaller id, the same choice on every replica.
 */
export function newestCut(cuts: readonly WorldCut[]): WorldCut | null {
  let best: WorldCut | null = null;
  for (const c of cuts) if (best === null || c.epoch > best.epoch || (c.epoch === best.epoch && c.id < best.id)) best = c;
  return best;
}

/** Keep a snapshot in an epoch document, under its hash (sealed in a private world). */
export function storeSnapshot(doc: ZoneDoc, snap: ZoneSnapshot): string {
  const hash = snapshotHash(snap);
  const text = canonicalJson(snap);
  const map = doc.doc.getMap(SNAPSHOT_MAP);
  map.set(hash, doc.cipher === null ? text : doc.cipher.seal('log', `snapshot ${hash}`, text));
  return hash;
}

/** Every valid cut a root document holds (a private world's root opened with its cipher). */
export function rootCuts(root: RootDoc, world: string, owner: Uint8Array | null): WorldCut[] {
  return validCuts(root.cuts, { world, owner }, (key, value) => root.cutText(key, value));
}
