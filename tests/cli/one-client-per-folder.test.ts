// Two terminal clients on one --world folder would sign the same sequence numbers and get the
// player's chain judged equivocating. The second one says the world is open elsewhere and ends
// with a failure code, having written nothing; once the first has quit, the folder opens again
// and the game goes on where it was.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { replies, runAgent, runClient, startAgent } from './helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'vetrellis-lock-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every file of the folder but the lock itself, with a hash of its bytes. */
function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(e.parentPath, e.name);
    if (path.slice(dir.length + 1).startsWith('.lock') || statSync(path).isDirectory()) continue;
    out[path.slice(dir.length + 1)] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return out;
}

describe('one client per world folder', () => {
  it('a second client on the same folder refuses to start, changes nothing, and the first plays on', async () => {
    const dir = join(tmp, 'isle');
    const first = startAgent(['--world', dir, '--name', 'Ana']);
    expect((await first.send('go west')).status).toBe('ok');
    const took = await first.send('gather driftwood');
    expect(took.status).toBe('ok');
    const before = contents(dir);

    const second = await runClient(['drop driftwood'], ['--world', dir, '--name', 'Ana']);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('this world is open in another client');
    expect(second.stdout).toBe('');
    expect(contents(dir)).toEqual(before);

    const still = await first.send('inventory');
    expect(still.text).toContain('driftwood');
    expect(await first.close()).toBe(0);

    const again = replies((await runAgent(['drop driftwood'], ['--world', dir, '--name', 'Ana'])).stdout);
    expect(again.map((r) => r.status)).toEqual(['ok']);
    expect(again[0]!.observation.here.items.map((i) => i.id)).toContain('driftwood');
  }, 90_000);
});
