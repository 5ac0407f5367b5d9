// The add-only intent log, enforced at the relay: in a zone document the top-level Y.Map
// `intents` maps an intent id to the intent's canonical JSON (docs/intent-format.md). Before
// applying an update the relay refuses it whole when it would delete a live entry or overwrite a
// sound one with a different value, and drops from it the entries it can tell are junk without
// the world key (intent-checks.ts: a key that is not the hash of the body, a signature that does
// not verify, another world or zone than the room's), keeping the rest: an honest client whose
// sync carries someone else's junk loses none of its own intents.
//
//   const verdict = judgeLogWrite(doc, update, checks, failures);
//   if (verdict.refused) refuse(verdict.refused) else { apply(verdict.update); if (verdict.junk) tell(verdict.junk) }
//
// Map writes in a Yjs update name their key only when they have no origin; a write over an
// existing key carries the previous item as its origin instead, so the key is found through it
// (in the room's document, or earlier in the same update).
import * as Y from 'yjs';
import { dropStructs } from './drop-structs.ts';
import type { IntentChecks, LogJunk } from './intent-checks.ts';
import type { TokenBucket } from './limits.ts';
import { structIndex } from './state-chunks.ts';

/** The add-only map's name in a zone document (src/sync/world/world-docs.ts). */
export const INTENT_LOG = 'intents';

export type AddOnlyViolation = 'log/delete' | 'log/overwrite' | 'log/unknown-origin' | 'log/unchecked';

/** The close reason a writer whose update was refused whole reads. */
export const VIOLATION_TEXT: Record<AddOnlyViolation, string> = {
  'log/delete': 'intent log is add-only: delete refused',
  'log/overwrite': 'intent log is add-only: overwrite refused',
  'log/unknown-origin': 'intent log write depends on data the relay lacks',
  'log/unchecked': 'too many bad signatures from your address, try again later',
};

/** The close reason a writer reads when junk was dropped from its update (the rest is stored). */
export const JUNK_TEXT: Record<LogJunk, string> = {
  'log/id-mismatch': 'dropped: intent key is not the hash of its value',
  'log/bad-signature': 'dropped: intent signature does not verify',
};

export type LogVerdict =
  | { readonly refused: AddOnlyViolation }
  /** `update` is what to apply: the one received, or a copy without its junk (`junk` says why the first was dropped). */
  | { readonly refused: null; readonly update: Uint8Array; readonly junk: LogJunk | null };

const NAME_BYTES = new TextEncoder().encode(INTENT_LOG);

/** A top-level shared type as the relay's document holds it (created by integration, untyped). */
type LogType = NonNullable<ReturnType<Y.Doc['share']['get']>>;

type Where = { log: true; key: string | null } | { log: false } | 'unknown' | 'dropped';

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

  /** Whether an item of the update belongs to the log, and under which key; 'dropped' when it integrates next to a dropped item. */
  where(item: Y.Item, dropped: ReadonlySet<Y.Item> = new Set()): Where {
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
      if (dropped.has(earlier)) return 'dropped';
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
          if (typeof where !== 'string' && where.log && where.key !== null && !rewritten.has(where.key) && liveValue(this.log, where.key) !== null) return true;
        }
      }
    }
    return false;
  }
}

/**
 * What to do with a client's `update` to a room's document: refuse it whole (a delete or an
 * overwrite of a live entry, a write the relay cannot place, or junk it has no budget left to
 * check), or apply it, without the log entries `checks` judges junk (and anything that integrates
 * next to them). Checks are cheap first; a signature is verified once per room (memoised).
 */
export const judgeLogWrite = (doc: Y.Doc, update: Uint8Array, checks: IntentChecks, failures: TokenBucket | null): LogVerdict => {
  const log = doc.share.get(INTENT_LOG);
  // Rooms without an intent log, and updates that cannot reach one, cost nothing more.
  if (log === undefined && Buffer.from(update.buffer, update.byteOffset, update.byteLength).indexOf(NAME_BYTES) < 0) return { refused: null, update, junk: null };
  const decoded = Y.decodeUpdate(update);
  const items = decoded.structs.filter((s): s is Y.Item => s instanceof Y.Item);
  const check = new LogCheck(doc, log, items);
  const judge = checks.forUpdate(failures);
  // First the entries' own values; an item that integrates next to a dropped one is dropped too.
  const dropped = new Set<Y.Item>();
  let junk: LogJunk | null = null;
  for (const item of items) {
    const where = check.where(item);
    if (where === 'unknown') {
      if (log !== undefined) return { refused: 'log/unknown-origin' };
      continue;
    }
    if (where === 'dropped' || !where.log || item.content instanceof Y.ContentDeleted) continue;
    const value: unknown = item.content.getContent()[0];
    const verdict = where.key === null || item.content.getLength() !== 1 ? 'log/id-mismatch' : judge(where.key, value);
    if (verdict === 'unchecked') return { refused: 'log/unchecked' };
    const current = log === undefined || where.key === null ? null : liveValue(log, where.key);
    // Junk stored before these checks may be healed; a sound entry stays as it is.
    if (current !== null && current.value !== value && judge(where.key!, current.value) === 'sound') return { refused: 'log/overwrite' };
    if (verdict !== 'sound') {
      dropped.add(item);
      junk ??= verdict;
    }
  }
  // Keys this update writes a value for that it does not delete again, and live keys it writes
  // and deletes within itself (harmless for a new key; for a live key, only beside a rewrite).
  const rewritten = new Set<string>();
  const deletedLive = new Set<string>();
  for (const item of items) {
    if (dropped.has(item)) continue;
    const where = check.where(item, dropped);
    if (where === 'dropped') {
      dropped.add(item);
      continue;
    }
    if (where === 'unknown' || !where.log) continue;
    if (item.content instanceof Y.ContentDeleted) {
      if (log !== undefined && where.key !== null && liveValue(log, where.key) !== null) deletedLive.add(where.key);
      continue;
    }
    if (!Y.isDeleted(decoded.ds, item.id)) rewritten.add(where.key!);
  }
  for (const key of deletedLive) if (!rewritten.has(key)) return { refused: 'log/delete' };
  if (check.removesEntry(decoded.ds, rewritten)) return { refused: 'log/delete' };
  return { refused: null, update: dropped.size === 0 ? update : dropStructs(decoded, dropped), junk };
};
