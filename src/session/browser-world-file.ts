/**
 * World files in the web app (issue 19), the same files as the terminal's `--export` / `--import`
 * (src/sync/world/world-file.ts). "Download world" writes what this browser holds of a world (its
 * root and every zone document kept in IndexedDB), optionally with the player key it plays that
 * world with. "Open world file" checks a file whole before it writes anything, then merges its
 * documents into this browser's copy of the world and keeps the key it carries for that world.
 * The web app loads this module only when a player asks for either: it is not first-screen code.
 *
 *   const file = await downloadBrowserWorld({ content, worldKey, relay: 'wss://host/', withKey: false });
 *   const opened = await openBrowserWorldFile(content, input.files[0]);   // throws with a sentence
 *   location.hash = `#/w/${opened.worldKey}`;
 */
import * as Y from 'yjs';
import type { Content } from '../content/schema.ts';
import { IndexedDbKeyStore } from '../sync/browser.ts';
import { addStoredUpdate, storedUpdateIn } from '../sync/world/browser-stored-updates.ts';
import { readWorldFile, WORLD_FILE_MAX_CHARS, writeWorldFile, type WorldFileContents } from '../sync/world/world-file.ts';
import { RootDoc } from '../sync/world/world-docs.ts';
import { isPrivateWorld, ownerKeyOf, roomName, rootDocName, worldIdOf } from '../sync/world/world-key.ts';
import { rootCuts, worldDocNames, type WorldCut } from '../sync/world/world-cut.ts';
import { worldCipherOf } from '../sync/world/world-cipher.ts';
import { browserWorldIdentity, worldKeyProfile } from './browser-world.ts';
import { plainLabel } from './plain-label.ts';
import { importedKeyPlan, worldFileName } from './world-file-choices.ts';

export { WorldFileError } from '../sync/world/world-file.ts';

export interface DownloadedWorld {
  /** The file's text (JSON), to be saved under `fileName`. */
  readonly text: string;
  readonly fileName: string;
  /** The world's name (from its root). */
  readonly name: string;
  readonly intents: number;
  /** Entries this browser held that do not verify (someone once stored junk), left out. */
  readonly leftOut: number;
  readonly withKey: boolean;
}

/** The cuts (world-cut.ts) a stored root document holds. */
export function cutsOfStoredRoot(worldKey: string, rootUpdate: Uint8Array): WorldCut[] {
  const root = new Y.Doc();
  Y.applyUpdate(root, rootUpdate);
  const cuts = rootCuts(new RootDoc(root, isPrivateWorld(worldKey) ? worldCipherOf(worldKey) : null), worldIdOf(worldKey), ownerKeyOf(worldKey));
  root.destroy();
  return cuts;
}

/**
 * The world file of what this browser holds of `worldKey`. `relay`: the relay it syncs through,
 * as a URL (the terminal that opens the file syncs there too). `label`: the player's own name for
 * the world, which the file is named after. Reads IndexedDB, writes nothing.
 */
export async function downloadBrowserWorld(o: { content: Content; worldKey: string; relay: string | null; withKey: boolean; label?: string }): Promise<DownloadedWorld> {
  const docs = new Map<string, Y.Doc>();
  try {
    const rootUpdate = await storedUpdateIn(roomName(o.worldKey, rootDocName()));
    const cuts = rootUpdate === null ? [] : cutsOfStoredRoot(o.worldKey, rootUpdate);
    for (const name of worldDocNames(o.content.zones.keys(), cuts)) {
      const update = await storedUpdateIn(roomName(o.worldKey, name));
      if (update === null) continue;
      const doc = new Y.Doc();
      Y.applyUpdate(doc, update);
      docs.set(name, doc);
    }
    const root = docs.get(rootDocName());
    if (root === undefined || new RootDoc(root).readMeta(0) === null) throw new Error('this browser does not hold this world yet (wait until it has loaded)');
    const identity = o.withKey ? await browserWorldIdentity(o.worldKey) : null;
    const written = writeWorldFile({ worldKey: o.worldKey, relay: o.relay, docs, identity });
    return { ...written, fileName: worldFileName(o.label ?? written.name), withKey: identity !== null };
  } finally {
    for (const doc of docs.values()) doc.destroy();
  }
}

/** What opening a world file brought into this browser. */
export interface OpenedWorldFile {
  readonly worldKey: string;
  /** The relay the file names (null: none; the page's own then). */
  readonly relay: string | null;
  /** The world's name, as plain text (whoever made the world chose it). */
  readonly name: string;
  readonly intents: number;
  /** The file carried a player key, and this browser now plays the world as that character. */
  readonly withKey: boolean;
}

/**
 * Checks a world file (a picked File) whole (a damaged or altered file throws `WorldFileError` with
 * its reason, and nothing is written), refuses a key for a world this browser already plays as
 * another character, then merges every document into this browser's copy of the world and keeps
 * the key. Documents merge as Yjs updates into add-only logs: nothing held here is lost or doubled.
 */
export async function openBrowserWorldFile(content: Content, picked: Blob): Promise<OpenedWorldFile> {
  // One character past the limit is enough for readWorldFile to refuse a file too large, unread.
  const file: WorldFileContents = readWorldFile(await picked.slice(0, WORLD_FILE_MAX_CHARS + 1).text(), content.zones.keys());
  const own = new IndexedDbKeyStore(worldKeyProfile(file.worldKey));
  // The key this browser plays the world with: one an earlier file brought, else its own
  // player's, where it already holds the world (it joined it as that player).
  const held = (await own.load()) ?? ((await storedUpdateIn(roomName(file.worldKey, rootDocName()))) !== null ? await new IndexedDbKeyStore().load() : null);
  const plan = importedKeyPlan(file.identity?.player ?? null, held?.player ?? null);
  if (plan === 'conflict') {
    throw new Error(`this browser already plays "${plainLabel(file.name, 40)}" as another character, and taking the file's player key would leave that one behind; open the file in a browser that does not play this world, or download it again without the key`);
  }
  for (const [docName, update] of file.updates) await addStoredUpdate(roomName(file.worldKey, docName), update);
  if (plan === 'save') await own.save(file.identity!);
  return { worldKey: file.worldKey, relay: file.relay, name: plainLabel(file.name, 60), intents: file.intents, withKey: plan === 'save' || plan === 'same' };
}
