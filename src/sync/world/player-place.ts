/**
 * Where the player is, as this world tells others: the zone they stand in, the zones they left
 * lately (kept open, so late intents there still settle their crossings), the zones whose logs
 * hold their intents, their signed roster entry, and their presence in the zone they stand in.
 *
 *   const place = new PlayerPlace(root, identity, () => gameTime, 'harbor', 'Ana', mine?.zones ?? []);
 *   place.moveTo(villageHandle, 'harbor', me);   // zone, zones left, roster, presence follow
 *   place.noteWritten('village'); place.rename('Ana Vetrell'); place.presence?.others();
 *   place.onPresence(() => …);   // someone came or went in the zone the player stands in
 */
import type { PlayerState } from '../../engine/state.ts';
import type { Identity } from '../intent/identity.ts';
import type { Succession } from '../intent/succession.ts';
import { ZonePresence } from './presence.ts';
import type { WorldRoot } from './world-root.ts';
import type { ZoneHandle } from './zone-handle.ts';

/** How many zones left lately stay open (a journey A -> B -> C still settles A's late news). */
const KEEP_LEFT_ZONES = 3;

export class PlayerPlace {
  /** The zone the player stands in. */
  zone: string;
  /** The last zones left, newest last. */
  readonly left: string[] = [];
  /** Zones whose logs hold the player's intents (signed into the roster). */
  readonly written: Set<string>;
  readonly #root: WorldRoot;
  readonly #identity: Identity;
  readonly #at: () => number;
  #name: string;
  /** The `at` of our last roster signing. */
  #signedAt = 0;
  #presence: ZonePresence | null = null;
  #stopPresence: (() => void) | null = null;
  readonly #presenceListeners = new Set<() => void>();

  /** The character this player's generation succeeds, if they started over (signed into the roster). */
  readonly #succeeds: Succession | undefined;

  constructor(root: WorldRoot, identity: Identity, at: () => number, zone: string, name: string, written: readonly string[], succeeds?: Succession) {
    this.#succeeds = succeeds;
    this.#root = root;
    this.#identity = identity;
    this.#at = at;
    this.zone = zone;
    this.#name = name;
    this.written = new Set(written);
  }

  get presence(): ZonePresence | null {
    return this.#presence;
  }

  /** Called when who is present where the player stands may have changed (they moved, or others came or went). */
  onPresence(cb: () => void): () => void {
    this.#presenceListeners.add(cb);
    return () => this.#presenceListeners.delete(cb);
  }

  #presenceChanged = (): void => {
    for (const cb of this.#presenceListeners) cb();
  };

  /** The player now stands in `h`'s zone (having left `left`, if set); a writing tab signs it into the roster. */
  moveTo(h: ZoneHandle, left: string | null, writer: boolean, me: PlayerState | undefined): void {
    this.zone = h.zone;
    if (left !== null) {
      this.left.push(left);
      if (this.left.length > KEEP_LEFT_ZONES) this.left.shift();
    }
    if (writer) this.sign();
    this.presentIn(h, me);
  }

  /** Presence follows the player: announce in `h`'s zone, leave the previous one. */
  presentIn(h: ZoneHandle, me: PlayerState | undefined): void {
    this.#leavePresence();
    // Where a watch link exists, whoever the roster does not list (a watcher) is not shown as present.
    const admits = this.#root.membersOnly ? (p: string) => this.#root.rosterEntry(p) !== null : undefined;
    this.#presence = new ZonePresence(h.awareness, this.#identity, { world: this.#root.worldId, zone: h.zone }, { cipher: this.#root.cipher, ...(admits === undefined ? {} : { admits }) });
    this.#stopPresence = this.#presence.onChange(this.#presenceChanged);
    this.update(me);
    this.#presenceChanged();
  }

  /** Where the player stands now and under what name, as presence and the roster tell it. */
  update(me: PlayerState | undefined): void {
    if (me && me.name !== this.#name) this.rename(me.name);
    if (this.#presence && me) this.#presence.set({ name: me.name, location: me.location });
  }

  /** The player's intents now live in `zone` (signed into the roster the first time). */
  noteWritten(zone: string): void {
    if (this.written.has(zone)) return;
    this.written.add(zone);
    this.sign();
  }

  /**
   * The player wrote in `h`'s zone before (from this key) but this device holds none of it yet
   * and has not synced it: nothing may be signed there until it has, or the chain forks.
   */
  mustSyncFirst(h: ZoneHandle): boolean {
    return this.written.has(h.zone) && (h.replica?.highestSeq(this.#identity.player) ?? 0) === 0 && !(h.link?.synced ?? true);
  }

  rename(name: string): void {
    this.#name = name;
    this.sign();
  }

  /**
   * Sign the player's roster entry as things stand. Each signing is later than the last: readers
   * keep the entry with the latest `at` (a tie goes to the first string in code-unit order), and a
   * crossing signs twice at one game time (the zone written, then the zone entered).
   */
  sign(): void {
    this.#signedAt = Math.max(this.#at(), this.#signedAt + 1);
    this.#root.write(this.#identity, { name: this.#name, zone: this.zone, zones: [...this.written], at: this.#signedAt, ...(this.#succeeds === undefined ? {} : { succeeds: this.#succeeds }) });
  }

  #leavePresence(): void {
    this.#stopPresence?.();
    this.#presence?.destroy();
  }

  close(): void {
    this.#presenceListeners.clear();
    this.#leavePresence();
  }
}
