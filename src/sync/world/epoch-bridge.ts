/**
 * The bridge between a zone's document at an old epoch and the newest one (world-cut.ts), kept
 * by every device that has the zone open at the old epoch once it learns of a newer cut: entries
 * written to the old epoch outside the cut's sealed set are copied forward, and entries written
 * to the new epoch are copied back, so a device still folding the old epoch and a device that
 * opened the new one from its snapshot hold the same tail and reach the same state. The owner's
 * device writes a new epoch's tail the same way (`copyForward` once, before the cut is signed).
 *
 *   const bridge = EpochBridge.open(oldHandle, newDoc, snapshot);   // copies now, then as entries come
 *   bridge.close();
 *
 * Copying needs no trust: every entry is signed, and both epochs' replicas check it the same way.
 * Of two devices copying one entry, both write the same string (a private world's is
 * deterministic), so the relay's add-only log takes either.
 */
import type * as Y from 'yjs';
import type { ZoneSnapshot } from '../replica/snapshot.ts';
import type { ZoneDoc } from './world-docs.ts';

/** Transaction origin of entries this bridge copied (its own observers skip them). */
const BRIDGE_ORIGIN = Symbol('vetrellis-epoch-bridge');

/** Where an entry's author, seq and kind are, read from its text (null: not an envelope). */
function headerOf(text: unknown): { player: string; seq: number; kind: string } | null {
  if (typeof text !== 'string') return null;
  try {
    const env = JSON.parse(text) as { player?: unknown; seq?: unknown; kind?: unknown };
    return typeof env.player === 'string' && typeof env.seq === 'number' && typeof env.kind === 'string' ? { player: env.player, seq: env.seq, kind: env.kind } : null;
  } catch {
    return null;
  }
}

/**
 * True when the entry stored as `value` under `id` in `from` belongs in the epoch that starts
 * from `snap`: it is not in the snapshot's sealed set (a seq at or below its author's sealed
 * head, or a seal at or below the snapshot's seal). With no snapshot, every entry belongs.
 */
export function belongsAfter(from: ZoneDoc, id: string, value: unknown, snap: ZoneSnapshot | null): boolean {
  if (snap === null) return true;
  const h = headerOf(from.intentText(id, value));
  if (h === null) return false;
  if (h.kind === 'seal') return h.seq > snap.seal.n;
  const head = snap.heads.find((x) => x.player === h.player);
  return head === undefined || h.seq > head.seq;
}

/** Copy the entries of `from` that belong after `snap` and `to` lacks; returns how many. */
export function copyForward(from: ZoneDoc, to: ZoneDoc, snap: ZoneSnapshot | null, ids?: Iterable<string>): number {
  const missing: [string, unknown][] = [];
  for (const id of ids ?? from.intents.keys()) {
    const value = from.intents.get(id);
    if (value === undefined || to.intents.has(id)) continue;
    if (belongsAfter(from, id, value, snap)) missing.push([id, value]);
  }
  if (missing.length > 0) to.doc.transact(() => {
    for (const [id, value] of missing) to.intents.set(id, value);
  }, BRIDGE_ORIGIN);
  return missing.length;
}

function copyBack(from: ZoneDoc, to: ZoneDoc, ids: Iterable<string>): void {
  const missing: [string, unknown][] = [];
  for (const id of ids) {
    const value = from.intents.get(id);
    if (value !== undefined && !to.intents.has(id)) missing.push([id, value]);
  }
  if (missing.length > 0) to.doc.transact(() => {
    for (const [id, value] of missing) to.intents.set(id, value);
  }, BRIDGE_ORIGIN);
}

export class EpochBridge {
  readonly #unbind: () => void;

  private constructor(unbind: () => void) {
    this.#unbind = unbind;
  }

  /** Copy `old`'s tail after `snap` into `next` and `next`'s entries back into `old`, now and as they come. */
  static open(old: ZoneDoc, next: ZoneDoc, snap: ZoneSnapshot | null): EpochBridge {
    copyForward(old, next, snap);
    copyBack(next, old, next.intents.keys());
    const forward = (e: Y.YMapEvent<unknown>, tr: Y.Transaction): void => {
      if (tr.origin !== BRIDGE_ORIGIN) copyForward(old, next, snap, e.keysChanged);
    };
    const back = (e: Y.YMapEvent<unknown>, tr: Y.Transaction): void => {
      if (tr.origin !== BRIDGE_ORIGIN) copyBack(next, old, e.keysChanged);
    };
    old.intents.observe(forward);
    next.intents.observe(back);
    return new EpochBridge(() => {
      old.intents.unobserve(forward);
      next.intents.unobserve(back);
    });
  }

  close(): void {
    this.#unbind();
  }
}
