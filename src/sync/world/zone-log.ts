/**
 * Binds a zone document's intent log (Y.Map id -> intent JSON) to a ZoneReplica: every entry
 * already there and every one that arrives later is ingested; a deleted entry whose valid
 * intent the replica holds, or one overwritten with anything but a valid string of the same
 * intent that sorts first (ZoneReplica.keepsOwnString), is written back: the log is add-only,
 * and healing keeps replicas that load later from missing what others folded.
 *
 * A large delivery once the zone is live (after its first sync: junk from a hostile member, or
 * a long absence's worth of others' play) is ingested in slices of a few milliseconds, each in
 * its own task, so the device keeps answering its player meanwhile (issue 14). The first sync
 * and the store's copy are folded at once: what waits for them expects the whole log.
 *
 *   const log = bindZoneLog(zoneDoc, replica, (change) => session.hear(change), { live: () => link.synced });
 *   log.ingestClaimedBy(me.player);   // before signing: our own chain's entries are never left waiting
 *   log.unbind();
 */
import type * as Y from 'yjs';
import type { FoldChange } from '../replica/fold.ts';
import type { ZoneDoc } from './world-docs.ts';
import type { ZoneReplica } from '../replica/zone-replica.ts';

/** Transaction origin of the log's own healing writes. */
export const HEAL_ORIGIN = Symbol('vetrellis-heal');

/** Origin given to the folds of entries ingested later, slice by slice. */
export const BACKLOG_ORIGIN = Symbol('vetrellis-backlog');
/** A live delivery of more entries than this is ingested in slices. */
export const SLICED_ABOVE = 256;
/** Time after which a slice takes no further batch (ms): under a frame's budget at 60 Hz. */
const SLICE_MS = 8;

export interface ZoneLogBinding {
  /** Ingest now every waiting entry that names `player` as its author (their chain's next fields depend on it). */
  ingestClaimedBy(player: string): void;
  unbind(): void;
}

export function bindZoneLog(zone: ZoneDoc, replica: ZoneReplica, onChange: (change: FoldChange, origin: unknown) => void, o: { readonly live?: () => boolean } = {}): ZoneLogBinding {
  const map = zone.intents;
  /** What a stored value says (a private world's are opened: world-cipher.ts). */
  const text = (key: string): unknown => zone.intentText(key, map.get(key));
  let backlog: [string, unknown][] = [];
  /** How many waiting entries each author claims (read from the envelope's `player`, unchecked). */
  const claims = new Map<string, number>();
  let scheduled: ReturnType<typeof setTimeout> | null = null;
  let bound = true;
  const ingest = (entries: [string, unknown][], origin: unknown): void => {
    const change = replica.ingest(entries);
    if (change.news.length > 0 || change.revision) onChange(change, origin);
  };
  const count = (entries: readonly [string, unknown][], by: 1 | -1): void => {
    for (const [, v] of entries) {
      const who = claimedAuthor(v);
      if (who === null) continue;
      const n = (claims.get(who) ?? 0) + by;
      if (n > 0) claims.set(who, n);
      else claims.delete(who);
    }
  };
  const take = (entries: [string, unknown][]): [string, unknown][] => (count(entries, -1), entries);
  const slice = (): void => {
    scheduled = null;
    if (!bound) return;
    const start = performance.now();
    let size = 32;
    while (backlog.length > 0 && performance.now() - start < SLICE_MS) {
      // Taken off the front before folding: a fold's listener may drain the backlog meanwhile.
      ingest(take(backlog.splice(0, size)), BACKLOG_ORIGIN);
      size *= 2;
    }
    if (backlog.length > 0) scheduled = setTimeout(slice, 0);
  };
  const defer = (entries: [string, unknown][]): void => {
    for (const e of entries) backlog.push(e);
    count(entries, 1);
    scheduled ??= setTimeout(slice, 0);
  };
  const heal = (keys: readonly string[]): void => {
    queueMicrotask(() => {
      zone.doc.transact(() => {
        for (const k of keys) {
          // Looked at again: another replica's heal may have settled it meanwhile.
          const raw = replica.rawOf(k);
          if (raw !== null && replica.keepsOwnString(k, text(k))) map.set(k, zone.intentValue(k, raw));
        }
      }, HEAL_ORIGIN);
    });
  };
  const observer = (event: Y.YMapEvent<unknown>, tr: Y.Transaction): void => {
    const arrived: [string, unknown][] = [];
    const damaged: string[] = [];
    event.changes.keys.forEach((change, key) => {
      if (change.action === 'delete') {
        if (replica.has(key)) damaged.push(key);
        return;
      }
      const value = text(key);
      if (!replica.has(key) || value === replica.rawOf(key)) arrived.push([key, value]);
      else if (replica.keepsOwnString(key, value)) damaged.push(key);
    });
    if (damaged.length > 0) {
      replica.diagnostics.count('log/healed', damaged.length);
      heal(damaged);
    }
    if (arrived.length === 0) return;
    if (backlog.length > 0 || (arrived.length > SLICED_ABOVE && o.live?.() === true)) defer(arrived);
    else ingest(arrived, tr.origin);
  };
  ingest(zone.cipher === null ? [...map.entries()] : [...map.keys()].map((key) => [key, text(key)]), null);
  map.observe(observer);
  return {
    ingestClaimedBy(player) {
      if (!claims.has(player)) return;
      const claimed = backlog.filter(([, v]) => claimedAuthor(v) === player);
      backlog = backlog.filter(([, v]) => claimedAuthor(v) !== player);
      ingest(take(claimed), BACKLOG_ORIGIN);
    },
    unbind() {
      bound = false;
      if (scheduled !== null) clearTimeout(scheduled);
      map.unobserve(observer);
    },
  };
}

/**
 * The author a stored intent claims, unchecked: the first `"player":"` of a canonical envelope is
 * its own (no action's args has a `player` key, and quotes inside strings are escaped). Only used
 * to fold a player's own waiting entries first; the fold checks everything.
 */
function claimedAuthor(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const at = v.indexOf('"player":"');
  return at < 0 ? null : v.slice(at + 10, at + 74);
}
