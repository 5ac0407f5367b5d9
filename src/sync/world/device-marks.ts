/**
 * A small set of strings this device keeps for itself about a world, never sent anywhere: a
 * Y.Doc of its own opened through the world's DocStore (so it lives where the world's copies
 * live: the world folder, IndexedDB) and never attached to a relay. Its room name is derived from
 * the world key like the world's own rooms, so it names nothing. Used to remember which answers
 * to a player's offers were already told on this device (session/shared-world-backend.ts).
 *
 *   const told = await DeviceMarks.open(store, worldKey, `told-answers:${player}`);
 *   if (!told.has(id)) { ...; told.add([id]); }  told.keep(ids); await told.close();
 */
import * as Y from 'yjs';
import { DEVICE_MARKS_DOC } from './device-docs.ts';
import type { DocStore, StoredDoc } from './doc-store.ts';
import { roomName } from './world-key.ts';

export class DeviceMarks {
  readonly #doc: Y.Doc;
  readonly #marks: Y.Map<true>;
  readonly #stored: StoredDoc;

  private constructor(doc: Y.Doc, stored: StoredDoc, name: string) {
    this.#doc = doc;
    this.#marks = doc.getMap<true>(`marks/${name}`);
    this.#stored = stored;
  }

  /** The set `name` (one document per world holds every set, so forgetting the world finds it: device-docs.ts). */
  static async open(store: DocStore, worldKey: string, name: string): Promise<DeviceMarks> {
    const doc = new Y.Doc();
    const stored = store.open(doc, roomName(worldKey, DEVICE_MARKS_DOC));
    await stored.whenLoaded;
    return new DeviceMarks(doc, stored, name);
  }

  has(mark: string): boolean {
    return this.#marks.has(mark);
  }

  add(marks: readonly string[]): void {
    const fresh = marks.filter((m) => !this.#marks.has(m));
    if (fresh.length > 0) this.#doc.transact(() => fresh.forEach((m) => this.#marks.set(m, true)));
  }

  /** Forgets every mark not in `marks` (those that can no longer matter), so the set stays small. */
  keep(marks: ReadonlySet<string>): void {
    const gone = [...this.#marks.keys()].filter((m) => !marks.has(m));
    if (gone.length > 0) this.#doc.transact(() => gone.forEach((m) => this.#marks.delete(m)));
  }

  async close(): Promise<void> {
    await this.#stored.close();
    this.#doc.destroy();
  }
}
