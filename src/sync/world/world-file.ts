/**
 * World files (issue 19): a whole world in one file, to carry it to another machine or keep it
 * aside. The file is JSON text: the world key (and relay), optionally the player's key, and one
 * Yjs update per document (the root, and each zone this device holds), each rebuilt from what
 * verifies: meta, roster entries, box key records and the owner's cuts and moved-world pointers
 * whose signatures hold, and log entries that `readIntent` accepts. Junk a hostile peer once stored in the world is left behind (and counted), so an
 * honest export always imports; a file whose entries do not all verify was altered, and is
 * refused whole.
 *
 *   const text = writeWorldFile({ worldKey, relay, docs, identity, name });   // docs: doc name -> Y.Doc
 *   const file = readWorldFile(text, zoneIds);   // throws WorldFileError with a sentence for people
 *   Y.applyUpdate(doc, file.updates.get(rootDocName())!);
 *
 * Importing merges into what a folder (or a browser) already holds of the same world: Yjs
 * updates merge, the log is add-only by id, so nothing held is lost and nothing is doubled in
 * the state (entries are the same strings under the same ids).
 */
import * as Y from 'yjs';
import { z } from 'zod/mini';
import { fromBase64Url, toBase64Url } from '../intent/bytes.ts';
import { deserializeIdentity, serializeIdentity, type Identity } from '../intent/identity.ts';
import { readIntent } from '../intent/intent.ts';
import { envelopeTail } from '../intent/envelope.ts';
import { Verifier } from '../intent/verifier.ts';
import { RootDoc, ZoneDoc } from './world-docs.ts';
import { readRosterEntry } from './roster.ts';
import { readBoxRecord } from './box-records.ts';
import { readMovedPointer } from './moved-pointers.ts';
import { isWorldKey, memberKeyOfWorld, ownerKeyOf, rootDocName, worldIdOf } from './world-key.ts';
import { cutKey, loadSnapshot, parseZoneDocName, readWorldCut, SNAPSHOT_MAP } from './world-cut.ts';
import { worldCipherOf } from './world-cipher.ts';

export const WORLD_FILE_FORMAT = 'vetrellis-world-file/1';
/** A file larger than this is refused before it is parsed (about 40 zones of 10,000 intents). */
export const WORLD_FILE_MAX_CHARS = 256 * 1024 * 1024;

/** A world file that cannot be imported; the message is a sentence for the player. */
export class WorldFileError extends Error {
  override readonly name = 'WorldFileError';
}

// zod/mini, as the rest of the browser's code: the web app loads this file when a player opens or
// downloads a world file, and full zod would add the parts of zod's core only it uses to the
// page's first chunk (about 7 KB). Mini gives English messages (a refusal's reason) on request.
z.config(z.locales.en());
const FileShape = z.strictObject({
  format: z.literal(WORLD_FILE_FORMAT),
  name: z.string().check(z.maxLength(200)),
  worldKey: z.string().check(z.refine(isWorldKey, 'not a world key')),
  relay: z.nullable(z.string().check(z.maxLength(2048))),
  player: z.optional(z.unknown()),
  docs: z.record(z.string().check(z.maxLength(200)), z.string()),
});

export interface WorldFileContents {
  readonly worldKey: string;
  readonly relay: string | null;
  /** Where the world's name was read from (the root's meta). */
  readonly name: string;
  /** The player's key, when the file carries it. */
  readonly identity: Identity | null;
  /** Doc name (`root`, `zone/<id>`) -> a Yjs update of that document. */
  readonly updates: ReadonlyMap<string, Uint8Array>;
  /** Log entries per zone (for the message after an import). */
  readonly intents: number;
}

export interface WrittenWorldFile {
  readonly text: string;
  /** The world's name (from its meta). */
  readonly name: string;
  /** Entries held that did not verify, left out of the file. */
  readonly leftOut: number;
  readonly intents: number;
}

/** What verifies of a world's documents, as a world file's text. */
export function writeWorldFile(o: { worldKey: string; relay: string | null; docs: ReadonlyMap<string, Y.Doc>; identity?: Identity | null }): WrittenWorldFile {
  const world = worldIdOf(o.worldKey);
  // A private world's documents stay sealed in the file; they are opened only to be checked.
  const cipher = worldCipherOf(o.worldKey);
  const verifier = new Verifier();
  const out: Record<string, string> = {};
  let leftOut = 0;
  let intents = 0;
  let name = 'An isle';
  for (const [docName, doc] of o.docs) {
    const clean = new Y.Doc();
    if (docName === rootDocName()) {
      const from = new RootDoc(doc, cipher);
      const to = new RootDoc(clean, cipher);
      const meta = from.readMeta(0);
      if (meta === null) continue;
      name = meta.name;
      clean.transact(() => {
        for (const [k, v] of from.meta.entries()) to.meta.set(k, v);
        for (const [player, raw] of from.roster.entries()) {
          if (readRosterEntry(player, from.rosterText(player, raw), world, memberKeyOfWorld(o.worldKey)) !== null) to.roster.set(player, raw);
          else leftOut++;
        }
        for (const [key, raw] of from.cuts.entries()) {
          const cut = readWorldCut(from.cutText(key, raw), { world, owner: ownerKeyOf(o.worldKey) });
          if (cut !== null && cutKey(cut) === key) to.cuts.set(key, raw);
          else leftOut++;
        }
        // The owner's pointers to where the world moved, so a member who opens the file follows.
        for (const [member, raw] of from.moved.entries()) {
          if (readMovedPointer(member, from.movedText(member, raw), world, ownerKeyOf(o.worldKey)) !== null) to.moved.set(member, raw);
          else leftOut++;
        }
        for (const [player, raw] of from.boxes.entries()) {
          if (readBoxRecord(player, from.boxText(player, raw), world) !== null) to.boxes.set(player, raw);
          else leftOut++;
        }
      });
    } else {
      const zone = parseZoneDocName(docName)?.zone ?? '';
      const from = new ZoneDoc(doc, zone, cipher);
      const to = new ZoneDoc(clean, zone, cipher);
      const expect = { world, zone, tail: envelopeTail(world, zone) };
      clean.transact(() => {
        for (const [hash, raw] of from.doc.getMap(SNAPSHOT_MAP).entries()) {
          if (loadSnapshot(from, hash) !== null) to.doc.getMap(SNAPSHOT_MAP).set(hash, raw);
          else leftOut++;
        }
        for (const [id, raw] of from.intents.entries()) {
          if (readIntent(id, from.intentText(id, raw), expect, verifier).ok) {
            to.intents.set(id, raw);
            intents++;
          } else leftOut++;
        }
      });
      if (to.intents.size === 0 && to.doc.getMap(SNAPSHOT_MAP).size === 0) continue;
    }
    out[docName] = toBase64Url(Y.encodeStateAsUpdate(clean));
    clean.destroy();
  }
  const file = {
    format: WORLD_FILE_FORMAT,
    name,
    worldKey: o.worldKey,
    relay: o.relay,
    ...(o.identity ? { player: serializeIdentity(o.identity) } : {}),
    docs: out,
  };
  return { text: JSON.stringify(file, null, 1) + '\n', name, leftOut, intents };
}

/**
 * Read and check a world file: its shape, the key, every document (it must decode and hold only
 * what a world holds) and every entry (each must verify for this world and zone). Throws
 * WorldFileError naming what is wrong; returns nothing half-checked.
 */
export function readWorldFile(text: string, zones: Iterable<string>): WorldFileContents {
  if (text.length > WORLD_FILE_MAX_CHARS) throw new WorldFileError(`this file is too large to be a world file (over ${WORLD_FILE_MAX_CHARS / 1024 / 1024} MB)`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WorldFileError('this is not a Vetrellis world file (it is not JSON)');
  }
  const parsed = FileShape.safeParse(json);
  if (!parsed.success) {
    const format = (json as { format?: unknown } | null)?.format;
    if (format !== WORLD_FILE_FORMAT) throw new WorldFileError(typeof format === 'string' && format.startsWith('vetrellis-world-file/') ? `this world file was made by a newer Vetrellis (${format}); update to open it` : 'this is not a Vetrellis world file');
    const issue = parsed.error.issues[0]!;
    throw new WorldFileError(`this world file is damaged: ${issue.path.join('.') || 'the file'}: ${issue.message}`);
  }
  const f = parsed.data;
  let identity: Identity | null = null;
  if (f.player !== undefined) {
    identity = deserializeIdentity(f.player);
    if (identity === null) throw new WorldFileError('this world file is damaged: the player key in it cannot be read');
  }
  const world = worldIdOf(f.worldKey);
  const cipher = worldCipherOf(f.worldKey);
  const zoneIds = new Set(zones);
  if (f.docs[rootDocName()] === undefined) throw new WorldFileError('this world file is damaged: it holds no root document (the world\'s name and players)');
  const updates = new Map<string, Uint8Array>();
  const verifier = new Verifier();
  let intents = 0;
  let name = 'An isle';
  for (const [docName, encoded] of Object.entries(f.docs)) {
    const zone = docName === rootDocName() ? '' : parseZoneDocName(docName)?.zone;
    if (zone === undefined || (zone !== '' && !zoneIds.has(zone))) throw new WorldFileError(`this world file holds a document this isle does not have ("${docName.slice(0, 40)}"): it was made for other content, or altered`);
    const bytes = fromBase64Url(encoded);
    const doc = new Y.Doc();
    try {
      if (bytes === null) throw new Error('not base64url');
      Y.applyUpdate(doc, bytes);
    } catch {
      throw new WorldFileError(`this world file is damaged: the document "${docName}" cannot be read`);
    }
    const extra = [...doc.share.keys()].filter((k) => !(docName === rootDocName() ? ['meta', 'roster', 'cuts', 'moved', 'boxes'] : ['intents', SNAPSHOT_MAP]).includes(k));
    if (extra.length > 0) throw new WorldFileError(`this world file is damaged: the document "${docName}" holds "${extra[0]!.slice(0, 40)}", which no world holds`);
    if (docName === rootDocName()) {
      const root = new RootDoc(doc, cipher);
      const meta = root.readMeta(0);
      if (meta === null) throw new WorldFileError('this world file is damaged: its root document names no world');
      name = meta.name;
      for (const [player, raw] of root.roster.entries()) {
        if (readRosterEntry(player, root.rosterText(player, raw), world, memberKeyOfWorld(f.worldKey)) === null) throw new WorldFileError('this world file was altered: a player entry in it is not signed by its player');
      }
      for (const [key, raw] of root.cuts.entries()) {
        const cut = readWorldCut(root.cutText(key, raw), { world, owner: ownerKeyOf(f.worldKey) });
        if (cut === null || cutKey(cut) !== key) throw new WorldFileError("this world file was altered: a record of the world's epochs in it is not signed by the world's owner");
      }
      for (const [member, raw] of root.moved.entries()) {
        if (readMovedPointer(member, root.movedText(member, raw), world, ownerKeyOf(f.worldKey)) === null) throw new WorldFileError("this world file was altered: a pointer in it to where the world moved is not signed by the world's owner");
      }
      for (const [player, raw] of root.boxes.entries()) {
        if (readBoxRecord(player, root.boxText(player, raw), world) === null) throw new WorldFileError('this world file was altered: a key a player published in it is not signed by that player');
      }
    } else {
      const expect = { world, zone, tail: envelopeTail(world, zone) };
      const log = new ZoneDoc(doc, zone, cipher);
      for (const hash of doc.getMap(SNAPSHOT_MAP).keys()) {
        if (loadSnapshot(log, hash) === null) throw new WorldFileError(`this world file was altered: a snapshot of ${zone} in it is not the one it is named for`);
      }
      let bad = 0;
      let reason = '';
      for (const [id, raw] of log.intents.entries()) {
        const read = readIntent(id, log.intentText(id, raw), expect, verifier);
        if (read.ok) intents++;
        else {
          bad++;
          reason ||= read.reason;
        }
      }
      if (bad > 0) throw new WorldFileError(`this world file was altered: ${bad} of the entries of ${zone} do not verify (${reason})`);
    }
    doc.destroy();
    updates.set(docName, bytes!);
  }
  return { worldKey: f.worldKey, relay: f.relay, name, identity, updates, intents };
}
