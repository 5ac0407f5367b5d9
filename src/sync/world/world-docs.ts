/**
 * The Yjs documents of one world. The root document holds `meta` (name, seed, content version;
 * the seed is the key's, stored for readers, see world-key.ts worldSeedOf)
 * and `roster`; each zone has its own document (a separate Y.Doc and relay room, the supported
 * one-provider-per-document pattern) whose `intents` Y.Map maps intent id -> canonical intent
 * JSON. Nobody writes game state into a document: state is the fold of the logs.
 *
 *   const root = new RootDoc(new Y.Doc());
 *   root.initMeta({ name: 'Isle of Ana', seed: 42, contentVersion: content.version });
 *   const zone = new ZoneDoc(new Y.Doc()); zone.intents.set(intent.id, intent.raw);
 */
import * as Y from 'yjs';

export interface WorldMeta {
  readonly v: 1;
  readonly name: string;
  /** uint32 world seed: initial state, dice, the ordering lottery (worldSeedOf the key). */
  readonly seed: number;
  readonly contentVersion: string;
}

export class RootDoc {
  readonly meta: Y.Map<unknown>;
  readonly roster: Y.Map<unknown>;
  constructor(readonly doc: Y.Doc) {
    this.meta = doc.getMap('meta');
    this.roster = doc.getMap('roster');
  }

  /**
   * The world's meta once it is known and well-formed, else null. The seed is always `seed`
   * (the key's): a different one stored here is someone's rewrite, and is not followed.
   */
  readMeta(seed: number): WorldMeta | null {
    const name = this.meta.get('name');
    const contentVersion = this.meta.get('contentVersion');
    if (typeof name !== 'string' || typeof contentVersion !== 'string') return null;
    return { v: 1, name, seed, contentVersion };
  }

  /** Set the meta of a new world (one transaction, so nobody sees half of it). */
  initMeta(meta: Omit<WorldMeta, 'v'>): void {
    this.doc.transact(() => {
      this.meta.set('v', 1);
      this.meta.set('name', meta.name);
      this.meta.set('seed', meta.seed >>> 0);
      this.meta.set('contentVersion', meta.contentVersion);
    });
  }
}

export class ZoneDoc {
  readonly intents: Y.Map<unknown>;
  constructor(readonly doc: Y.Doc, readonly zone: string) {
    this.intents = doc.getMap('intents');
  }
}
