/**
 * A world's root document as a world opens it: meta (read as the relay has it, or made for a new
 * world), and the roster (who plays, where, and in which zones their intents live).
 *
 *   const root = await WorldRoot.open({ worldKey, store, connect, content, create }, 3000);
 *   root.meta; root.rosterEntry(player); root.roster(); root.write(identity, { name, zone, zones, at });
 *   root.onRoster(() => …); await root.close();
 */
import * as Y from 'yjs';
import type { Content } from '../../content/schema.ts';
import type { DocStore, StoredDoc } from './doc-store.ts';
import type { Identity } from '../intent/identity.ts';
import type { RelayConnector, RelayLink } from './relay-link.ts';
import { readBoxRecord, signBoxRecord } from './box-records.ts';
import { RosterIndex, signRosterEntry, type RosterEntry } from './roster.ts';
import type { Succession } from '../intent/succession.ts';
import { RootDoc, type WorldMeta } from './world-docs.ts';
import { memberKeyOfWorld, memberOf, ownerKeyOf, roomName, rootDocName, worldIdOf, worldSeedOf } from './world-key.ts';
import type { MovedPointer, MovedPointers } from './moved-pointers.ts';
import { membershipProof } from '../intent/membership.ts';
import type { WorldCipher } from './world-cipher.ts';
import { cutKey, newestCut, validCuts, type WorldCut } from './world-cut.ts';

export interface WorldRootOptions {
  readonly worldKey: string;
  readonly store: DocStore;
  readonly connect: RelayConnector | null;
  readonly content: Content;
  /** Make the world if its meta is not found (only for a key this device just made). */
  readonly create?: { readonly name: string } | null;
  /** A private world's cipher (world-cipher.ts): meta and roster are stored sealed. */
  readonly cipher?: WorldCipher | null;
}

export class WorldRoot {
  readonly worldId: string;
  readonly meta: WorldMeta;
  readonly #root: RootDoc;
  readonly #stored: StoredDoc;
  readonly #link: RelayLink | null;
  readonly #roster: RosterIndex;
  /** Signs this device's membership proof into its roster entries (a play key of a world with a watch link). */
  readonly #member: Identity | null;
  readonly #membersOnly: boolean;
  /** The owner's pointers, read (and kept: moved-pointers.ts) once the `moved` map holds anything; that code loads only then. */
  #moved: Promise<MovedPointers> | null = null;
  readonly #ownerKey: Uint8Array | null;
  /** Box public keys (member-box.ts) of this device's players, once loaded (their records: `setBox`). */
  readonly #boxes = new Map<string, { readonly identity: Identity; readonly box: string }>();

  private constructor(meta: WorldMeta, root: RootDoc, stored: StoredDoc, link: RelayLink | null, worldKey: string) {
    this.worldId = worldIdOf(worldKey);
    this.meta = meta;
    this.#root = root;
    this.#stored = stored;
    this.#link = link;
    this.#roster = new RosterIndex(root.roster, this.worldId, memberKeyOfWorld(worldKey), root);
    this.#member = memberOf(worldKey);
    this.#membersOnly = memberKeyOfWorld(worldKey) !== null;
    const owner = ownerKeyOf(worldKey);
    this.#ownerKey = owner;
    if (root.moved.size > 0) void this.#pointers();
    else root.moved.observe(() => void this.#pointers());
    root.keepMeta();
  }

  /**
   * Reads meta and roster as the relay has them (a player's roster entry decides their zone and
   * whether they join). A world known only to the relay is worth the whole `timeoutMs`; one
   * stored here starts at once when the relay cannot be reached.
   */
  static async open(o: WorldRootOptions, timeoutMs: number): Promise<WorldRoot> {
    const ydoc = new Y.Doc();
    const room = roomName(o.worldKey, rootDocName());
    const stored = o.store.open(ydoc, room);
    await stored.whenLoaded;
    const link = o.connect ? o.connect(ydoc, room) : null;
    const root = new RootDoc(ydoc, o.cipher ?? null);
    const seed = worldSeedOf(o.worldKey);
    if (link) await link.whenSynced(timeoutMs, { untilUnreachable: root.readMeta(seed) !== null });
    if (!root.readMeta(seed)) {
      if (!o.create) {
        link?.destroy();
        await stored.close();
        // The document's awareness keeps a timer running until it is destroyed.
        ydoc.destroy();
        throw new Error('world not found: nothing stored locally and the relay did not provide it');
      }
      root.initMeta({ name: o.create.name, seed, contentVersion: o.content.version });
    }
    return new WorldRoot(root.readMeta(seed)!, root, stored, link, o.worldKey);
  }

  /** A private world's cipher (presence and tells are sealed with it too); null for a plaintext world. */
  get cipher(): WorldCipher | null {
    return this.#root.cipher;
  }

  /** The world has a watch link (docs/links.md): its roster lists members only, and so does presence. */
  get membersOnly(): boolean {
    return this.#membersOnly;
  }

  /** The player's valid roster entry, if any. */
  rosterEntry(player: string): RosterEntry | null {
    return this.#roster.get(player);
  }

  /** The latest generation of `player` (roster.ts `heirOf`). */
  heirOf(player: string): string {
    return this.#roster.heirOf(player);
  }

  /** Valid roster entries in player id order (bounded: roster.ts ROSTER_LIST_MAX). */
  roster(): readonly RosterEntry[] {
    return this.#roster.list();
  }

  /** The root document's link to the relay (its awareness carries tells: tells.ts); null without a relay. */
  get link(): RelayLink | null {
    return this.#link;
  }

  /** The newest valid world cut (world-cut.ts): the epoch zones open at; null before the first. */
  latestCut(): WorldCut | null {
    return newestCut(this.cuts());
  }

  /** Every valid world cut (world-cut.ts), in no order. */
  cuts(): WorldCut[] {
    const root = this.#root;
    if (root.cuts.size === 0) return [];
    return validCuts(root.cuts, { world: this.worldId, owner: this.#ownerKey }, (key, value) => root.cutText(key, value));
  }

  /** Write the owner's signed cut record (world-cut.ts `signWorldCut`). */
  writeCut(cut: WorldCut, text: string): void {
    this.#root.cuts.set(cutKey(cut), this.#root.cutValue(cutKey(cut), text));
    this.#link?.track();
  }

  /** Called after the cuts changed (here or from the relay). */
  onCuts(cb: () => void): () => void {
    const observer = (): void => cb();
    this.#root.cuts.observe(observer);
    return () => this.#root.cuts.unobserve(observer);
  }

  /** Called after the roster changed (here or from the relay). */
  onRoster(cb: () => void): () => void {
    const observer = (): void => cb();
    this.#root.roster.observe(observer);
    return () => this.#root.roster.unobserve(observer);
  }

  /** The owner's pointer to where the world moved, for `member` (moved-pointers.ts); null when there is none for them. */
  async movedPointer(member: string): Promise<MovedPointer | null> {
    if (this.#root.moved.size === 0) return null;
    return (await this.#pointers()).get(member);
  }

  #pointers(): Promise<MovedPointers> {
    const root = this.#root;
    this.#moved ??= import('./moved-pointers.ts').then(({ MovedPointers, readMovedPointer }) =>
      new MovedPointers(root.moved, (member, value) => readMovedPointer(member, root.movedText(member, value), this.worldId, this.#ownerKey)));
    return this.#moved;
  }

  /** Write the owner's pointer for `member` (`to`: the new key sealed to them); `owner` is the key the world key names. */
  async writeMovedPointer(owner: Identity, member: string, to: string): Promise<void> {
    const { signMovedPointer } = await import('./moved-pointers.ts');
    this.#root.moved.set(member, this.#root.movedValue(member, signMovedPointer(owner, { world: this.worldId, member, to })));
    this.#link?.track();
  }

  /** Called after the moved pointers changed (here or from the relay). */
  onMoved(cb: () => void): () => void {
    const observer = (): void => cb();
    this.#root.moved.observe(observer);
    return () => this.#root.moved.unobserve(observer);
  }

  /**
   * Publish `identity`'s box public key (member-box.ts) in its own signed record (box-records.ts),
   * unless the root holds it already. Not in the roster entry: older clients drop entries with it.
   */
  setBox(identity: Identity, box: string): void {
    if (this.#boxes.size === 0) {
      // A record deleted or overwritten by someone else is written again (the owner needs it to carry us).
      this.#root.boxes.observe((event) => {
        const lost = [...event.keysChanged].filter((key) => this.#boxes.has(key));
        if (lost.length > 0) queueMicrotask(() => { for (const key of lost) this.#writeBox(this.#boxes.get(key)!); });
      });
    }
    this.#boxes.set(identity.player, { identity, box });
    this.#writeBox({ identity, box });
  }

  #writeBox({ identity, box }: { readonly identity: Identity; readonly box: string }): void {
    if (this.#root.doc.isDestroyed || this.boxOf(identity.player) === box) return;
    this.#root.boxes.set(identity.player, this.#root.boxValue(identity.player, signBoxRecord(identity, { world: this.worldId, box })));
    this.#link?.track();
  }

  /** True once `player`'s box key is known here (see `setBox`). */
  hasBox(player: string): boolean {
    return this.#boxes.has(player);
  }

  /**
   * `player`'s box public key: from their signed record (box-records.ts), else from a roster entry
   * a session-13 client signed with it; null when neither holds one.
   */
  boxOf(player: string): string | null {
    const raw = this.#root.boxes.get(player);
    const recorded = raw === undefined ? null : readBoxRecord(player, this.#root.boxText(player, raw), this.worldId);
    return recorded ?? this.#roster.get(player)?.box ?? null;
  }

  /** Sign and write the player's roster entry (without the box key: that has a record of its own, `setBox`). */
  write(identity: Identity, f: { readonly name: string; readonly zone: string; readonly zones: readonly string[]; readonly at: number; readonly succeeds?: Succession }): void {
    const member = this.#member === null ? {} : { member: membershipProof(this.#member, this.worldId, identity.player) };
    this.#root.roster.set(identity.player, this.#root.rosterValue(identity.player, signRosterEntry(identity, { world: this.worldId, ...f, ...member })));
    this.#link?.track();
  }

  async close(): Promise<void> {
    this.#link?.destroy();
    await this.#stored.close();
    this.#root.doc.destroy();
  }
}
