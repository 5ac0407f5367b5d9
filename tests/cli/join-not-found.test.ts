// Joining by a link whose world the relay does not hold: the client says so, naming the relay,
// and ends with a failure code (it once printed the error and then never exited), leaving no
// folder behind for a world that was never found.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorldKey } from '../../src/session/index.ts';
import { runClient, startRelay } from './helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'vetrellis-join-missing-'));
let relay: Awaited<ReturnType<typeof startRelay>>;
beforeAll(async () => {
  relay = await startRelay(join(tmp, 'relay'));
}, 60_000);
afterAll(async () => {
  await relay.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('--join of a world that is not found', () => {
  it('ends with a clear message and exit code 1, and keeps no folder', async () => {
    const page = relay.url.replace('ws://', 'http://');
    const folder = join(tmp, 'joined');
    const r = await runClient(['look'], ['--world', folder, '--join', `${page}/#/w/${createWorldKey()}`, '--name', 'Bo']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`no world was found at this link: the relay at ${new URL(page).host} does not hold it.`);
    expect(r.stdout).toBe('');
    expect(existsSync(folder)).toBe(false);
  }, 60_000);
});
