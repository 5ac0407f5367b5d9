/**
 * Revisions: what changed for one viewer when a re-fold rewrote intents they had already seen
 * applied (rollback). The session narrates it ("Ana reached the last moonpetal first; it is no
 * longer in your pack.") from the structured record built here.
 *
 * Viewer-relevant events are the viewer's own (event.player === viewer) and gifts to them.
 */
import type { GameEvent } from '../../engine/events.ts';
import type { PlayerState } from '../../engine/state.ts';
import { canonicalJson, compareCodeUnits } from '../../content/canonical.ts';

export interface RevisionCause {
  readonly id: string;
  readonly player: string;
  /** The author's name, set when they may not be in the viewer's zone (a settle's cause). */
  readonly name?: string;
  /** The cause's events as now folded ("Ana took the moonpetal"). */
  readonly events: readonly GameEvent[];
}

export interface Revision {
  readonly viewer: string;
  /** Intents that sorted before intents the viewer had already seen applied. */
  readonly causes: readonly RevisionCause[];
  /** Viewer-relevant events that had been shown and are no longer true. */
  readonly disappeared: readonly GameEvent[];
  /** Viewer-relevant events of already-seen intents that are true now and were not shown. */
  readonly appeared: readonly GameEvent[];
  /** Viewer's pack change across the revision (item, signed qty), sorted by item. */
  readonly inventory: readonly { readonly item: string; readonly delta: number }[];
  readonly before: PlayerState | null;
  readonly after: PlayerState | null;
}

export function concernsViewer(e: GameEvent, viewer: string): boolean {
  return e.player === viewer || (e.type === 'gave' && e.to === viewer);
}

/** Structural equality of plain JSON-like data (events). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

/** True when both event lists show the viewer the same things, in the same order. */
export function sameForViewer(was: readonly GameEvent[], now: readonly GameEvent[], viewer: string): boolean {
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < was.length && !concernsViewer(was[i]!, viewer)) i++;
    while (j < now.length && !concernsViewer(now[j]!, viewer)) j++;
    if (i === was.length || j === now.length) return i === was.length && j === now.length;
    if (!sameData(was[i], now[j])) return false;
    i++;
    j++;
  }
}

/** Viewer-relevant events of one intent, as canonical strings (for multiset comparison). */
export function viewerKeys(events: readonly GameEvent[], viewer: string): string[] {
  const out: string[] = [];
  for (const e of events) if (concernsViewer(e, viewer)) out.push(canonicalJson(e));
  return out;
}

/** Events in `a` not matched in `b` (multiset difference). */
export function eventDifference(a: readonly GameEvent[], b: readonly GameEvent[], viewer: string): GameEvent[] {
  const counts = new Map<string, number>();
  for (const k of viewerKeys(b, viewer)) counts.set(k, (counts.get(k) ?? 0) + 1);
  const out: GameEvent[] = [];
  for (const e of a) {
    if (!concernsViewer(e, viewer)) continue;
    const k = canonicalJson(e);
    const n = counts.get(k) ?? 0;
    if (n > 0) counts.set(k, n - 1);
    else out.push(e);
  }
  return out;
}

export function inventoryDelta(before: PlayerState | null, after: PlayerState | null): { item: string; delta: number }[] {
  const totals = new Map<string, number>();
  for (const s of before?.inventory ?? []) totals.set(s.item, (totals.get(s.item) ?? 0) - s.qty);
  for (const s of after?.inventory ?? []) totals.set(s.item, (totals.get(s.item) ?? 0) + s.qty);
  return [...totals]
    .filter(([, d]) => d !== 0)
    .sort(([a], [b]) => compareCodeUnits(a, b))
    .map(([item, delta]) => ({ item, delta }));
}
