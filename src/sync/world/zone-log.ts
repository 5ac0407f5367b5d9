/**
 * Binds a zone document's intent log (Y.Map id -> intent JSON) to a ZoneReplica: every entry
 * already there and every one that arrives later is ingested; a deleted entry whose valid
 * intent the replica holds, or one overwritten with anything but a valid string of the same
 * intent that sorts first (ZoneReplica.keepsOwnString), is written back: the log is add-only,
 * and healing keeps replicas that load later from missing what others folded.
 *
 *   const unbind = bindZoneLog(zoneDoc, replica, (change) => session.hear(change));
 */
import type * as Y from 'yjs';
import type { FoldChange } from '../replica/fold.ts';
import type { ZoneDoc } from './world-docs.ts';
import type { ZoneReplica } from '../replica/zone-replica.ts';

/** Transaction origin of the log's own healing writes. */
export const HEAL_ORIGIN = Symbol('vetrellis-heal');

export function bindZoneLog(zone: ZoneDoc, replica: ZoneReplica, onChange: (change: FoldChange, origin: unknown) => void): () => void {
  const map = zone.intents;
  const heal = (keys: readonly string[]): void => {
    queueMicrotask(() => {
      zone.doc.transact(() => {
        for (const k of keys) {
          // Looked at again: another replica's heal may have settled it meanwhile.
          const raw = replica.rawOf(k);
          if (raw !== null && replica.keepsOwnString(k, map.get(k))) map.set(k, raw);
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
      const value = map.get(key);
      if (!replica.has(key) || value === replica.rawOf(key)) arrived.push([key, value]);
      else if (replica.keepsOwnString(key, value)) damaged.push(key);
    });
    if (damaged.length > 0) {
      replica.diagnostics.count('log/healed', damaged.length);
      heal(damaged);
    }
    if (arrived.length === 0) return;
    const change = replica.ingest(arrived);
    if (change.news.length > 0 || change.revision) onChange(change, tr.origin);
  };
  const initial = replica.ingest([...map.entries()]);
  if (initial.news.length > 0) onChange(initial, null);
  map.observe(observer);
  return () => map.unobserve(observer);
}
