// World files carry the owner's pointers to where a world moved (issue 19): Ana moves her world,
// leaving Mal behind in the frozen copy; Mal's folder (which still names the old link) is exported
// to a world file; Bo imports that file on a new machine with his own key, and opening it there
// follows the pointer to the new link, where his character is. A file whose pointer someone else
// signed, or whose published box key is not its player's, is refused whole and writes nothing.
// Kept worlds through the memory relay and the project's relay.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { exportWorldFolder, importWorldFile } from '../../src/session/node-world.ts';
import { FOLLOWED_NOTE, SharedWorldBackend } from '../../src/session/shared-world-backend.ts';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { signBoxRecord } from '../../src/sync/world/box-records.ts';
import { readMovedPointer, signMovedPointer } from '../../src/sync/world/moved-pointers.ts';
import { openAsMember } from '../../src/sync/world/member-box.ts';
import { readWorldFile } from '../../src/sync/world/world-file.ts';
import { FileDocStore } from '../../src/sync/world/node-doc-store.ts';
import { worldCipherOf } from '../../src/sync/world/world-cipher.ts';
import { RootDoc } from '../../src/sync/world/world-docs.ts';
import { ownerKeyOf, rootDocName, worldIdOf } from '../../src/sync/world/world-key.ts';
import { fromBase64Url, toBase64Url } from '../../src/sync/intent/bytes.ts';
import { KeptWorld, anaBoMal, vetrellisContent } from './kept-world.ts';
import { RELAYS, relayForBlock, until } from '../sync/relay-pair.ts';

/** `text` (a world file) with its root document changed by `change` (as a hostile editor would). */
function alteredRoot(text: string, worldKey: string, change: (root: RootDoc) => void): string {
  const file = JSON.parse(text) as { docs: Record<string, string> };
  const doc = new Y.Doc();
  Y.applyUpdate(doc, fromBase64Url(file.docs[rootDocName()]!)!);
  change(new RootDoc(doc, worldCipherOf(worldKey)));
  file.docs[rootDocName()] = toBase64Url(Y.encodeStateAsUpdate(doc));
  return JSON.stringify(file);
}

describe.each(RELAYS)('world files of a moved world, through %s', (_name, start) => {
  const relays = relayForBlock(start);

  it("a member who opens the frozen world's file follows to the new link; forged pointers and box keys are refused", async () => {
    const { relay, close } = relays();
    const { ana, bo, mal } = await anaBoMal(relay);
    const oldKey = ana.worldKey;
    const tmp = mkdtempSync(join(tmpdir(), 'vetrellis-moved-file-'));
    let imported: SharedWorldBackend | null = null;
    try {
      await until(() => ana.backend.shared.roster().length === 3 && [bo, mal].every((k) => ana.backend.shared.boxKeyOf(k.player) !== null));
      expect((await ana.session.handle('move world now without Mal')).text).toContain('1 member follows you there by themselves: Bo.');
      const newKey = ana.backend.worldKey;
      await until(() => bo.backend.worldKey === newKey && mal.backend.shared.moved, 20_000);
      // Mal's folder holds the frozen copy, the owner's pointers with it.
      await until(() => mal.backend.shared.roster().length === 3);
      await mal.backend.close();
      writeFileSync(join(mal.dir, 'world.json'), JSON.stringify({ format: 'vetrellis-world/1', worldKey: oldKey, relay: null }));
      const file = join(tmp, 'frozen.vetrellis.json');
      exportWorldFolder(mal.dir, file, vetrellisContent(), false);
      const text = readFileSync(file, 'utf8');
      // The file holds the owner's pointer for Bo (it opens, for him alone, to the new link), none for Mal.
      const root = new Y.Doc();
      Y.applyUpdate(root, readWorldFile(text, vetrellisContent().zones.keys()).updates.get(rootDocName())!);
      const held = new RootDoc(root, worldCipherOf(oldKey));
      const pointer = readMovedPointer(bo.player, held.movedText(bo.player, held.moved.get(bo.player)), worldIdOf(oldKey), ownerKeyOf(oldKey));
      expect(await openAsMember(bo.identity, { world: worldIdOf(oldKey), member: bo.player }, pointer?.to)).toBe(newKey);
      expect(held.moved.has(mal.player)).toBe(false);

      // Altered files: a pointer for Bo signed by someone else, a box key record Bo did not sign.
      const forger = createIdentity();
      const forgedPointer = alteredRoot(text, oldKey, (root) => root.moved.set(bo.player, root.movedValue(bo.player, signMovedPointer(forger, { world: worldIdOf(oldKey), member: bo.player, to: 'A'.repeat(180) }))));
      const forgedBox = alteredRoot(text, oldKey, (root) => root.boxes.set(bo.player, root.boxValue(bo.player, signBoxRecord(forger, { world: worldIdOf(oldKey), box: 'B'.repeat(43) }))));
      for (const [name, altered, says] of [['pointer', forgedPointer, "a pointer in it to where the world moved is not signed by the world's owner"], ['box', forgedBox, 'a key a player published in it is not signed by that player']] as const) {
        writeFileSync(join(tmp, `${name}.json`), altered);
        const dir = join(tmp, `refused-${name}`);
        await expect(importWorldFile(dir, join(tmp, `${name}.json`), vetrellisContent())).rejects.toThrow(says);
        expect(existsSync(join(dir, 'world.json'))).toBe(false);
      }

      // Bo, on a new machine, imports the frozen world's file and opens it with his key: he follows.
      await bo.backend.close();
      const dir = join(tmp, 'bo-new-machine');
      await importWorldFile(dir, file, vetrellisContent());
      imported = await SharedWorldBackend.open({
        content: vetrellisContent(), identity: bo.identity, worldKey: oldKey, store: new FileDocStore(join(dir, 'docs')), relay, name: 'Bo', create: null,
      });
      expect(imported.worldKey).toBe(newKey);
      expect(imported.notice).toBe(FOLLOWED_NOTE);
      expect(imported.state.players[bo.player]?.name).toBe('Bo');
    } finally {
      await imported?.close();
      for (const k of [ana, bo, mal]) await k.dispose();
      rmSync(tmp, { recursive: true, force: true });
      close();
    }
  }, 90_000);
});
