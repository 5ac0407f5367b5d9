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
  /** The content version the world was made with; null when its meta lost it. */
  readonly contentVersion: string | null;
}

export class RootDoc {
  readonly meta: Y.Map<unknown>;
  readonly roster: Y.Map<unknown>;
  constructor(readonly doc: Y.Doc) {
    this.meta = doc.getMap('meta');
    this.roster = doc.getMap('roster');
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
    const name = this.meta.get('name');
    const contentVersion = this.meta.get('contentVersion');
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
