/**
 * The Yjs documents of one world. The root document holds `meta` (name, seed, content version;
 * the seed is the key's, stored for readers, see world-key.ts worldSeedOf)
 * `roster`, `boxes` (members' box keys) and `moved` (the owner's pointers to where the world moved); each zone has its own document (a separate Y.Doc and relay room, the supported
 * one-provider-per-document pattern) whose `intents` Y.Map maps intent id -> canonical intent
 * JSON. Nobody writes game state into a document: state is the fold of the logs.
 *
 *   const root = new RootDoc(new Y.Doc());
 *   root.initMeta({ name: 'Isle of Ana', seed: 42, contentVersion: content.version });
 *   const zone = new ZoneDoc(new Y.Doc()); zone.intents.set(intent.id, intent.raw);
 */
import * as Y from 'yjs';
import type { WorldCipher } from './world-cipher.ts';

export interface WorldMeta {
  readonly v: 1;
  readonly name: string;
  /** uint32 world seed: initial state, dice, the ordering lottery (worldSeedOf the key). */
  readonly seed: number;
  /** The content version the world was made with; null when its meta lost it. */
  readonly contentVersion: string | null;
}

export class RootDoc {
  readonly meta: Y.Map<unknown>;
  readonly roster: Y.Map<unknown>;
  /** The owner's world cuts, `<epoch>.<id>` -> signed record (world-cut.ts). */
  readonly cuts: Y.Map<unknown>;
  /** The owner's pointers to where the world moved, per member (moved-pointers.ts). */
  readonly moved: Y.Map<unknown>;
  /** Members' challenges of cuts, `<cut>/<zone>/<player>` -> signed record (world-challenge.ts). */
  readonly challenges: Y.Map<unknown>;
  /** Members' box key records, per player (box-records.ts). */
  readonly boxes: Y.Map<unknown>;
  /** `cipher`: a private world's (world-cipher.ts): meta, roster, cut and pointer values are stored sealed. */
  constructor(readonly doc: Y.Doc, readonly cipher: WorldCipher | null = null) {
    this.meta = doc.getMap('meta');
    this.roster = doc.getMap('roster');
    this.cuts = doc.getMap('cuts');
    this.moved = doc.getMap('moved');
    this.challenges = doc.getMap('challenges');
    this.boxes = doc.getMap('boxes');
  }

  /** A box key record's value as its text (opened in a private world; undefined when it does not open). */
  boxText(player: string, value: unknown): unknown {
    return this.cipher === null ? value : this.cipher.open('roster', `box ${player}`, value) ?? undefined;
  }

  /** A box key record's text as stored. */
  boxValue(player: string, text: string): string {
    return this.cipher === null ? text : this.cipher.seal('roster', `box ${player}`, text);
  }

  /** A cut value as its record's text (opened in a private world); `key`: its key in `cuts`. */
  cutText(key: string, value: unknown): unknown {
    return this.cipher === null ? value : this.cipher.open('meta', `cut ${key}`, value) ?? undefined;
  }

  /** A cut record's text as stored. */
  cutValue(key: string, text: string): string {
    return this.cipher === null ? text : this.cipher.seal('meta', `cut ${key}`, text);
  }

  /** A challenge's value as its record's text (opened in a private world), and a record's text as stored. */
  challengeText(key: string, value: unknown): unknown {
    return this.cipher === null ? value : this.cipher.open('meta', `challenge ${key}`, value) ?? undefined;
  }
  challengeValue(key: string, text: string): string {
    return this.cipher === null ? text : this.cipher.seal('meta', `challenge ${key}`, text);
  }

  /** A moved pointer's value as its record's text (opened in a private world; undefined when it does not open). */
  movedText(member: string, value: unknown): unknown {
    return this.cipher === null ? value : this.cipher.open('moved', member, value) ?? undefined;
  }

  /** A moved pointer record's text as stored. */
  movedValue(member: string, text: string): string {
    return this.cipher === null ? text : this.cipher.seal('moved', member, text);  }

  /** A roster value as its entry's text (opened in a private world; undefined when it does not open). */
  rosterText(player: string, value: unknown): unknown {
    return this.cipher === null ? value : this.cipher.open('roster', player, value) ?? undefined;
  }

  /** A roster entry's text as stored. */
  rosterValue(player: string, text: string): string {
    return this.cipher === null ? text : this.cipher.seal('roster', player, text);
  }

  #metaText(key: string): unknown {
    const value = this.meta.get(key);
    return this.cipher === null ? value : this.cipher.open('meta', key, value) ?? undefined;
  }

  /**
   * The world's meta once the world is known to exist (meta or roster written), else null. The
   * seed is always `seed` (the key's): a different one stored here is someone's rewrite, and is
   * not followed. Meta is not signed, so a peer could delete or garble its fields: a world
   * missing its name still opens (as "An isle"), and one missing its content version is not
   * called mismatched (`contentVersion` null).
   */
  readMeta(seed: number): WorldMeta | null {
    if (this.meta.size === 0 && this.roster.size === 0) return null;
    const name = this.#metaText('name');
    const contentVersion = this.#metaText('contentVersion');
    return {
      v: 1,
      name: typeof name === 'string' && name.trim() !== '' ? name.slice(0, 60) : 'An isle',
      seed,
      contentVersion: typeof contentVersion === 'string' ? contentVersion : null,
    };
  }

  /** Write back meta fields someone deleted, as this device last read them. */
  keepMeta(): () => void {
    const known = new Map<string, unknown>(this.meta.entries());
    const observer = (event: Y.YMapEvent<unknown>): void => {
      const lost: [string, unknown][] = [];
      event.changes.keys.forEach((change, key) => {
        if (change.action === 'delete' && known.has(key)) lost.push([key, known.get(key)]);
        else if (this.meta.has(key)) known.set(key, this.meta.get(key));
      });
      if (lost.length > 0) queueMicrotask(() => this.doc.transact(() => {
        for (const [key, value] of lost) if (!this.meta.has(key)) this.meta.set(key, value);
      }));
    };
    this.meta.observe(observer);
    return () => this.meta.unobserve(observer);
  }

  /** Set the meta of a new world (one transaction, so nobody sees half of it). */
  initMeta(meta: Omit<WorldMeta, 'v'>): void {
    const c = this.cipher;
    this.doc.transact(() => {
      this.meta.set('v', 1);
      if (c === null) {
        this.meta.set('name', meta.name);
        this.meta.set('seed', meta.seed >>> 0);
        this.meta.set('contentVersion', meta.contentVersion);
      } else {
        // The seed is the key's (worldSeedOf): a private world does not store it.
        this.meta.set('name', c.seal('meta', 'name', meta.name));
        if (meta.contentVersion !== null) this.meta.set('contentVersion', c.seal('meta', 'contentVersion', meta.contentVersion));
      }
    });
  }
}

export class ZoneDoc {
  readonly intents: Y.Map<unknown>;
  /** `cipher`: a private world's (world-cipher.ts): intents are stored sealed. */
  constructor(readonly doc: Y.Doc, readonly zone: string, readonly cipher: WorldCipher | null = null) {
    this.intents = doc.getMap('intents');
  }

  /** A stored value as the intent's text (opened in a private world; undefined when it does not open). */
  intentText(id: string, value: unknown): unknown {
    return this.cipher === null ? value : this.cipher.open('log', id, value) ?? undefined;
  }

  /** An intent's text as stored (the same string on every device). */
  intentValue(id: string, raw: string): string {
    return this.cipher === null ? raw : this.cipher.seal('log', id, raw);
  }
}
