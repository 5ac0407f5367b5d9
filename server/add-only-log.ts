// The add-only intent log, enforced at the relay: in a zone document the top-level Y.Map
// `intents` maps an intent id to the intent's canonical JSON (docs/intent-format.md). The relay
// refuses, before applying it, an update that would delete a live entry, overwrite a sound one
// with a different value, or add an entry whose key is not the hash of its value's body. This needs no
// world key: the id is sha256 of the canonical JSON of the envelope without `sig`.
//
//   const why = addOnlyViolation(doc, update); if (why !== null) refuse(why)
//
// Map writes in a Yjs update name their key only when they have no origin; a write over an
// existing key carries the previous item as its origin instead, so the key is found through it
// (in the room's document, or earlier in the same update).
import * as Y from 'yjs';
import { canonicalJsonBounded } from '../src/content/canonical.ts';
import { sha256Hex } from '../src/sync/intent/bytes.ts';
import { structIndex } from './state-chunks.ts';

/** The add-only map's name in a zone document (src/sync/world/world-docs.ts). */
export const INTENT_LOG = 'intents';

export type AddOnlyViolation = 'log/delete' | 'log/overwrite' | 'log/id-mismatch' | 'log/unknown-origin';

/** The close reason a refused writer reads. */
export const VIOLATION_TEXT: Record<AddOnlyViolation, string> = {
  'log/delete': 'intent log is add-only: delete refused',
  'log/overwrite': 'intent log is add-only: overwrite refused',
  'log/id-mismatch': 'intent key is not the hash of its value',
  'log/unknown-origin': 'intent log write depends on data the relay lacks',
};

const NAME_BYTES = new TextEncoder().encode(INTENT_LOG);

/** True when `key` is sha256 of the canonical JSON of `value`'s envelope without `sig`. */
export const keyIsHashOf = (key: string, value: unknown): boolean => {
  if (typeof value !== 'string') return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return false;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !('sig' in parsed)) return false;
  const { sig: _sig, ...body } = parsed as Record<string, unknown>;
  // A canonical value holds its canonical body: nothing longer can match.
  const canonical = canonicalJsonBounded(body, value.length);
  return canonical !== null && sha256Hex(canonical) === key;
};

/** A top-level shared type as the relay's document holds it (created by integration, untyped). */
type LogType = NonNullable<ReturnType<Y.Doc['share']['get']>>;

type Where = { log: true; key: string | null } | { log: false } | 'unknown';

/** The structs of one client's list (sorted by clock) that overlap [clock, clock + len). */
function* overlapping<T extends { id: Y.ID; length: number }>(list: readonly T[] | undefined, clock: number, len: number): Generator<T> {
  if (list === undefined || list.length === 0) return;
  const last = list[list.length - 1]!;
  if (clock >= last.id.clock + last.length || clock + len <= list[0]!.id.clock) return;
  let i = clock < list[0]!.id.clock ? 0 : structIndex(list, clock);
  for (; i < list.length && list[i]!.id.clock < clock + len; i++) yield list[i]!;
}

/** The struct holding `id` in one client's list, if any. */
const holding = <T extends { id: Y.ID; length: number }>(list: readonly T[] | undefined, id: Y.ID): T | undefined =>
  overlapping(list, id.clock, 1).next().value ?? undefined;

/** The live value under `key` in a top-level map, however the relay's document typed it. */
const liveValue = (log: LogType, key: string): { value: unknown } | null => {
  const item = log._map.get(key);
  return item === undefined || item.deleted ? null : { value: item.content.getContent()[item.length - 1] };
};

/** Checks one update against a room document's intent log. */
class LogCheck {
  private readonly incoming = new Map<number, Y.Item[]>();

  constructor(private readonly doc: Y.Doc, private readonly log: LogType | undefined, items: readonly Y.Item[]) {
    for (const item of items) {
      const list = this.incoming.get(item.id.client) ?? [];
      list.push(item);
      this.incoming.set(item.id.client, list);
    }
  }

  /** Whether an item of the update belongs to the log, and under which key. */
  where(item: Y.Item): Where {
    let current: Y.Item = item;
    // Overwrites of overwrites within one update form chains; each step goes to an earlier item.
    for (let steps = 0; steps < 100_000; steps++) {
      const { parent } = current;
      if (typeof parent === 'string') return parent === INTENT_LOG ? { log: true, key: current.parentSub } : { log: false };
      if (parent !== null) return { log: false }; // inside a nested type
      const via = current.origin ?? current.rightOrigin;
      if (via === null) return { log: false };
      const stored = holding(this.doc.store.clients.get(via.client), via);
      if (stored !== undefined) {
        // A collected struct has no parent: nothing integrates next to it.
        if (!(stored instanceof Y.Item) || this.log === undefined || stored.parent !== this.log) return { log: false };
        return { log: true, key: stored.parentSub };
      }
      const earlier = holding(this.incoming.get(via.client), via);
      if (earlier === undefined) return 'unknown';
      current = earlier;
    }
    return 'unknown';
  }

  /**
   * True when the deletions remove a live entry: a stored one, or a write in this update of a
   * live key, whose key this update does not write again (an equal rewrite deletes the item it
   * replaces, and a device that wrote its entries again twice sends the first rewrite deleted).
   */
  removesEntry(ds: ReturnType<typeof Y.decodeUpdate>['ds'], rewritten: ReadonlySet<string>): boolean {
    if (this.log === undefined) return false;
    for (const [client, ranges] of ds.clients) {
      for (const { clock, len } of ranges) {
        for (const struct of overlapping(this.doc.store.clients.get(client), clock, len)) {
          const key = struct instanceof Y.Item && !struct.deleted && struct.parent === this.log ? struct.parentSub : null;
          if (key !== null && !rewritten.has(key)) return true;
        }
        for (const item of overlapping(this.incoming.get(client), clock, len)) {
          const where = this.where(item);
          if (where !== 'unknown' && where.log && where.key !== null && !rewritten.has(where.key) && liveValue(this.log, where.key) !== null) return true;
        }
      }
    }
    return false;
  }
}

/** Why applying `update` to `doc` would break the add-only intent log, or null when it would not. */
export const addOnlyViolation = (doc: Y.Doc, update: Uint8Array): AddOnlyViolation | null => {
  const log = doc.share.get(INTENT_LOG);
  // Rooms without an intent log, and updates that cannot reach one, cost nothing more.
  if (log === undefined && Buffer.from(update.buffer, update.byteOffset, update.byteLength).indexOf(NAME_BYTES) < 0) return null;
  const { structs, ds } = Y.decodeUpdate(update);
  const items = structs.filter((s): s is Y.Item => s instanceof Y.Item);
  const check = new LogCheck(doc, log, items);
  // Keys this update writes a value for that it does not delete again, and live keys it writes
  // and deletes within itself (harmless for a new key; for a live key, only beside a rewrite).
  const rewritten = new Set<string>();
  const deletedLive = new Set<string>();
  for (const item of items) {
    const where = check.where(item);
    if (where === 'unknown') {
      if (log !== undefined) return 'log/unknown-origin';
      continue;
    }
    if (!where.log) continue;
    if (item.content instanceof Y.ContentDeleted) {
      if (log !== undefined && where.key !== null && liveValue(log, where.key) !== null) deletedLive.add(where.key);
      continue;
    }
    const value: unknown = item.content.getContent()[0];
    if (where.key === null || item.content.getLength() !== 1 || !keyIsHashOf(where.key, value)) return 'log/id-mismatch';
    const current = log === undefined ? null : liveValue(log, where.key);
    // Junk stored before this check existed may be healed; a sound entry stays as it is.
    if (current !== null && current.value !== value && keyIsHashOf(where.key, current.value)) return 'log/overwrite';
    if (!Y.isDeleted(ds, item.id)) rewritten.add(where.key);
  }
  for (const key of deletedLive) if (!rewritten.has(key)) return 'log/delete';
  return check.removesEntry(ds, rewritten) ? 'log/delete' : null;
};
