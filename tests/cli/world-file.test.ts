/**
 * World files as players use them (issue 19): `--world DIR --export FILE [--with-key]` writes the
 * world kept in a folder to one file; `--world DIR2 --import FILE` brings it into another folder
 * and plays it. Through a real relay the imported copy meets the relay's copy and nothing is
 * doubled; a damaged or altered file is refused with a clear message and nothing is written; junk
 * someone once stored in the world is left out of the export, which then imports cleanly.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { appendUpdate } from '../../src/sync/node.ts';
import { roomName, zoneDocName } from '../../src/sync/world/world-key.ts';
import { worldCipherOf } from '../../src/sync/world/world-cipher.ts';
import { fromBase64Url, toBase64Url } from '../../src/sync/intent/bytes.ts';
import { relayForFile, replies, runAgent, runClient } from './helpers.ts';

const { tmp, relay } = relayForFile('world-file');
const qty = (r: ReturnType<typeof replies>[number], item: string) => r.observation.player.inventory.filter((s) => s.id === item).reduce((n, s) => n + s.qty, 0);

describe('world files', () => {
  it('a world exported with the player key plays on from another folder, as the same character, and meets the relay copy without doubling anything', async () => {
    const home = join(tmp, 'home');
    const first = replies((await runAgent(['go west', 'gather driftwood'], ['--world', home, '--relay', relay.url, '--name', 'Ana'])).stdout);
    expect(qty(first.at(-1)!, 'driftwood')).toBe(2);
    const file = join(tmp, 'ana.world');
    const exported = await runClient([], ['--world', home, '--export', file, '--with-key']);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toMatch(/^Wrote Ana's isle to .*ana\.world: \d+ entries\.\nYour player key is in it/);
    const laptop = join(tmp, 'laptop');
    const there = await runAgent(['look', 'who'], ['--world', laptop, '--import', file, '--relay', relay.url]);
    expect(there.code).toBe(0);
    expect(there.stderr).toContain("Imported Ana's isle into");
    const [look, who] = replies(there.stdout);
    expect(look!.observation.location.id).toBe('driftwood-beach');
    expect(qty(look!, 'driftwood')).toBe(2);
    expect(who!.text).toContain('Ana (you), who made this isle');
    // The same character on the first folder, after both met the relay: one state.
    const back = replies((await runAgent(['look'], ['--world', home, '--relay', relay.url])).stdout);
    expect(back[0]!.observation.stateHash).toBe(look!.observation.stateHash);
  }, 120_000);

  it('without the key, the imported world is the same isle, and its player starts as a newcomer', async () => {
    const home = join(tmp, 'home2');
    await runAgent(['go west', 'gather driftwood'], ['--world', home, '--name', 'Ana']);
    const file = join(tmp, 'ana2.world');
    const exported = await runClient([], ['--world', home, '--export', file]);
    expect(exported.stderr).toContain('Your player key is not in it');
    const reply = replies((await runAgent(['who'], ['--world', join(tmp, 'friend'), '--import', file, '--name', 'Bo'])).stdout)[0]!;
    expect(reply.text).toMatch(/Ana, who made this isle/);
    expect(reply.text).toContain('Bo (you)');
    expect(qty(reply, 'driftwood')).toBe(0);
  }, 120_000);

  it('junk stored in the world is left out of the export, and a file altered afterwards is refused whole, writing nothing', async () => {
    const home = join(tmp, 'home3');
    await runAgent(['go west', 'gather driftwood'], ['--world', home, '--name', 'Ana']);
    const worldKey = (JSON.parse(readFileSync(join(home, 'world.json'), 'utf8')) as { worldKey: string }).worldKey;
    // A hostile peer once stored an entry that does not verify in the harbor's log.
    const junk = new Y.Doc();
    junk.getMap('intents').set('0'.repeat(64), '{"not":"an intent"}');
    appendUpdate(join(home, 'docs'), roomName(worldKey, zoneDocName('harbor')), Y.encodeStateAsUpdate(junk));
    const file = join(tmp, 'ana3.world');
    const exported = await runClient([], ['--world', home, '--export', file]);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain('(1 stored entries that do not verify were left out)');
    const clean = await runAgent(['look'], ['--world', join(tmp, 'clean'), '--import', file]);
    expect(clean.code).toBe(0);

    // Someone edits the file: Ana's gathering now yields pearls.
    const f = JSON.parse(readFileSync(file, 'utf8')) as { docs: Record<string, string> };
    const beach = new Y.Doc();
    Y.applyUpdate(beach, fromBase64Url(f.docs[zoneDocName('harbor')]!)!);
    // The world is private: its entries are sealed, and whoever holds the file holds the key to them.
    const cipher = worldCipherOf(worldKey)!;
    const log = beach.getMap<string>('intents');
    const [id, raw] = [...log.entries()].map(([k, v]) => [k, cipher.open('log', k, v)!] as const).find(([, v]) => v.includes('driftwood'))!;
    log.set(id, cipher.seal('log', id, raw.replace('driftwood', 'pearl')));
    f.docs[zoneDocName('harbor')] = toBase64Url(Y.encodeStateAsUpdate(beach));
    const altered = join(tmp, 'altered.world');
    writeFileSync(altered, JSON.stringify(f));
    const target = join(tmp, 'target');
    const refused = await runAgent(['look'], ['--world', target, '--import', altered]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/The world could not be imported: .*altered\.world: this world file was altered: 1 of the entries of harbor do not verify \(intent\/[a-z-]+\)\. Nothing was imported\./);
    expect(existsSync(target)).toBe(false);

    // Not a world file at all, and a world file for a folder that holds another world.
    writeFileSync(join(tmp, 'notes.txt'), 'shopping: rope, lamp oil\n');
    const notes = await runClient([], ['--world', join(tmp, 'notes'), '--import', join(tmp, 'notes.txt')]);
    expect(notes.stderr).toContain('this is not a Vetrellis world file (it is not JSON). Nothing was imported.');
    const other = await runClient([], ['--world', join(tmp, 'clean'), '--import', join(tmp, 'ana.world')]);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('already holds another world; import into an empty folder');
  }, 120_000);

  it('says what --export and --import need', async () => {
    const r = await runClient([], ['--export', join(tmp, 'x.world')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--export needs --world DIR');
    const none = await runClient([], ['--world', join(tmp, 'empty'), '--export', join(tmp, 'x.world')]);
    expect(none.stderr).toContain('holds no world to export');
  }, 60_000);
});
