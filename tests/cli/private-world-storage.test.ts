// A private world on the project's relay (issue 19, "Private worlds"): two players made in the
// terminal talk, trade words and names through a relay with its on-disk storage; then the relay is
// stopped and every byte of its data folder (the SQLite database, its write-ahead log and anything
// else it wrote) is read: none of the names, the words said or told, nor the world's name is there.
// A new world made in the terminal is private by default; its link says so by its form.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { isPrivateWorld, parseWorldLink } from '../../src/sync/world/world-key.ts';
import { startAgent, startRelay } from './helpers.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

const SECRETS = ['Anastasia', 'Bohdana', 'the pearl sleeps under the third stone', 'meet me at the smithy at dusk'];

function everyByte(dir: string): string {
  let out = '';
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    out += statSync(path).isDirectory() ? everyByte(path) : readFileSync(path).toString('latin1');
  }
  return out;
}

async function until(ok: () => Promise<boolean> | boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

it('the relay stores none of a private world\'s names or words', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'vetrellis-private-'));
  const data = join(tmp, 'relay');
  const relay = await startRelay(data);
  const ana = startAgent(['--world', join(tmp, 'ana'), '--relay', relay.url, '--name', SECRETS[0]!]);
  let bo: ReturnType<typeof startAgent> | null = null;
  try {
    const first = await ana.send('look');
    const link = first.observation.world.link!;
    expect(isPrivateWorld(parseWorldLink(link)!.worldKey)).toBe(true);
    bo = startAgent(['--world', join(tmp, 'bo'), '--join', link, '--name', SECRETS[1]!]);
    await bo.send('look');
    await ana.send(`say ${SECRETS[2]}`);
    await until(async () => (await bo!.send('look')).text.includes(SECRETS[0]!));
    const told = await ana.send(`tell ${SECRETS[1]} ${SECRETS[3]}`);
    expect(told.status).toBe('ok');
    let heard = '';
    await until(async () => (heard += (await bo!.send('look')).news.join('\n')).includes(SECRETS[3]!));
    expect(heard).toContain(`${SECRETS[0]} tells you, "${SECRETS[3]}"`);
  } finally {
    await ana.close();
    await bo?.close();
    await relay.stop();
  }
  const stored = everyByte(data);
  expect(stored.length).toBeGreaterThan(1000);
  for (const secret of SECRETS) expect(stored, `"${secret}" in the relay's storage`).not.toContain(secret);
  for (const word of ['"kind"', '"say"', 'publicKey']) expect(stored, `${word} in the relay's storage`).not.toContain(word);
}, 120_000);
