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
import { RosterIndex, signRosterEntry, type RosterEntry } from './roster.ts';
import type { Succession } from '../intent/succession.ts';
import { RootDoc, type WorldMeta } from './world-docs.ts';
import { memberKeyOfWorld, memberOf, ownerKeyOf, roomName, rootDocName, worldIdOf, worldSeedOf } from './world-key.ts';
import type { MovedPointer, MovedPointers } from './moved-pointers.ts';
import { membershipProof } from '../intent/membership.ts';
import type { WorldCipher } from './world-cipher.ts';
import { cutKey } from './epoch-ref.ts';
import type { WorldCut } from './world-cut.ts';
import type { Challenge } from './world-challenge.ts';

/** Reading cut records (world-cut.ts): loaded only once a world has a cut. */
type CutCode = typeof import('./world-cut.ts');
const loadCutCode = (): Promise<CutCode> => import('./world-cut.ts');
/** Box key records (box-records.ts): loaded once this device publishes a box key or reads one. */
type BoxCode = typeof import('./box-records.ts');

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

/**
 * Verdicts on signed records by key, kept while the stored value stays the same: each record's
 * signature is checked once, not on every read (junk written under many keys costs one check each).
 */
class Verdicts<T> {
  readonly #seen = new Map<string, { readonly value: unknown; readonly verdict: T | null }>();
  get(key: string, value: unknown, read: () => T | null): T | null {
    const known = this.#seen.get(key);
    if (known !== undefined && known.value === value) return known.verdict;
    const verdict = read();
    this.#seen.set(key, { value, verdict });
    return verdict;
  }
}

export class WorldRoot {
  readonly #cutVerdicts = new Verdicts<WorldCut>();
  readonly #challengeVerdicts = new Verdicts<Challenge>();
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
  #boxCode: BoxCode | null = null;
  #loadingBoxCode: Promise<BoxCode> | null = null;
  /** Box public keys (member-box.ts) of this device's players, once loaded (their records: `setBox`). */
  readonly #boxes = new Map<string, { readonly identity: Identity; readonly box: string }>();
  /** The code that reads cuts (world-cut.ts), once loaded: as the world opens when it has a cut, else when one arrives. */
  #cutCode: CutCode | null;

  private constructor(meta: WorldMeta, root: RootDoc, stored: StoredDoc, link: RelayLink | null, worldKey: string, cutCode: CutCode | null) {
    this.#cutCode = cutCode;
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
    // A world with a cut opens its zones at the cut's epoch: the code that reads cuts comes first.
    const cutCode = root.cuts.size > 0 ? await loadCutCode() : null;
    return new WorldRoot(root.readMeta(seed)!, root, stored, link, o.worldKey, cutCode);
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

  /**
   * The newest valid world cut nobody challenged (world-cut.ts, world-challenge.ts): the epoch
   * zones open at; null before the first (or when every cut is challenged: the history).
   */
  latestCut(): WorldCut | null {
    const code = this.#cutCode;
    if (code === null) return null;
    const cuts = this.cuts();
    if (cuts.length === 0 || this.#root.challenges.size === 0) return code.newestCut(cuts);
    const challenged = new Set(this.challenges().map((c) => c.cut));
    return code.newestCut(cuts.filter((c) => !challenged.has(cutKey(c))));
  }

  /** Every valid challenge of a cut by a member the roster lists (world-challenge.ts); none before the cut code is in. */
  challenges(): Challenge[] {
    const root = this.#root;
    const code = this.#cutCode;
    const out: Challenge[] = [];
    if (code === null) return out;
    for (const [key, value] of root.challenges.entries()) {
      // The roster first (the key names the challenger): a stranger's junk costs no signature check.
      const by = key.slice(key.lastIndexOf('/') + 1);
      if (this.#roster.get(by) === null) continue;
      const c = this.#challengeVerdicts.get(key, value, () => code.readChallenge(key, root.challengeText(key, value), { world: this.worldId }));
      if (c !== null) out.push(c);
    }
    return out;
  }

  /** Challenge `cut`'s snapshot of `zone`: this member holds `own` instead at `seal` (world-challenge.ts). */
  writeChallenge(member: Identity, cut: WorldCut, zone: string, seal: string, own: string): void {
    const code = this.#cutCode;
    if (code === null) return; // a cut was read, so its code is in
    const { key, text } = code.signChallenge(member, { world: this.worldId, cut: cutKey(cut), zone, seal, own });
    this.#root.challenges.set(key, this.#root.challengeValue(key, text));
    this.#link?.track();
  }

  /**
   * Every valid world cut (world-cut.ts), in no order. None while the code that reads them is
   * loading (a first cut just arrived): `onCuts` listeners are called once it is in.
   */
  cuts(): WorldCut[] {
    const root = this.#root;
    const code = this.#cutCode;
    if (root.cuts.size === 0 || code === null) return [];
    const expect = { world: this.worldId, owner: this.#ownerKey };
    const out: WorldCut[] = [];
    for (const [key, value] of root.cuts.entries()) {
      const cut = this.#cutVerdicts.get(key, value, () => {
        const c = code.readWorldCut(root.cutText(key, value), expect);
        return c !== null && cutKey(c) === key ? c : null;
      });
      if (cut !== null) out.push(cut);
    }
    return out;
  }

  /** Write the owner's signed cut record (world-cut.ts `signWorldCut`). */
  writeCut(cut: WorldCut, text: string): void {
    this.#root.cuts.set(cutKey(cut), this.#root.cutValue(cutKey(cut), text));
    this.#link?.track();
  }

  /** Called after the cuts or their challenges changed (here or from the relay). */
  onCuts(cb: () => void): () => void {
    const observer = (): void => {
      if (this.#cutCode !== null) return cb();
      void loadCutCode().then((code) => {
        this.#cutCode = code;
        cb();
      });
    };
    this.#root.cuts.observe(observer);
    this.#root.challenges.observe(observer);
    return () => {
      this.#root.cuts.unobserve(observer);
      this.#root.challenges.unobserve(observer);
    };
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
  async setBox(identity: Identity, box: string): Promise<void> {
    const first = this.#boxes.size === 0;
    this.#boxes.set(identity.player, { identity, box });
    const code = await this.loadBoxCode();
    if (first) {
      // A record deleted or overwritten by someone else is written again (the owner needs it to carry us).
      this.#root.boxes.observe((event) => {
        const lost = [...event.keysChanged].filter((key) => this.#boxes.has(key));
        if (lost.length > 0) queueMicrotask(() => { for (const key of lost) this.#writeBox(this.#boxes.get(key)!); });
      });
    }
    this.#writeBox({ identity, box }, code);
  }

  /** The code of box key records (box-records.ts): loaded once a player's box key is (after the first prompt). */
  loadBoxCode(): Promise<BoxCode> {
    this.#loadingBoxCode ??= import('./box-records.ts').then((code) => (this.#boxCode = code));
    return this.#loadingBoxCode;
  }

  #writeBox({ identity, box }: { readonly identity: Identity; readonly box: string }, code: BoxCode = this.#boxCode!): void {
    if (this.#root.doc.isDestroyed || this.boxOf(identity.player) === box) return;
    this.#root.boxes.set(identity.player, this.#root.boxValue(identity.player, code.signBoxRecord(identity, { world: this.worldId, box })));
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
    // Before the record code is in (`loadBoxCode`), only a session-13 roster entry can say.
    const recorded = raw === undefined || this.#boxCode === null ? null : this.#boxCode.readBoxRecord(player, this.#root.boxText(player, raw), this.worldId);
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
