// The web app folder is served as files, never as a way out of it: symlinks are not followed
// (neither to a file nor through a folder), and dotfiles and anything under a dot-folder stay private.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Relay } from '../../server/relay.ts';
import { startTestRelay, tempDir } from './helpers/relay.ts';

const relays: Relay[] = [];
afterEach(async () => {
  for (const r of relays.splice(0)) await r.shutdown();
});

const SECRET = 'secret outside the app';

const appWithTraps = (): string => {
  const outside = tempDir('outside');
  writeFileSync(join(outside, 'secret.txt'), SECRET);
  const dist = join(tempDir('app'), 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Vetrellis</title>');
  writeFileSync(join(dist, 'assets', 'app-1a2b3c4d.js'), 'console.log(1)');
  symlinkSync(join(outside, 'secret.txt'), join(dist, 'linked.txt'));
  symlinkSync(outside, join(dist, 'linked-folder'));
  symlinkSync(join(dist, 'index.html'), join(dist, 'inside-link.html'));
  writeFileSync(join(dist, '.env'), 'RELAY_TOKEN=hunter2');
  mkdirSync(join(dist, '.git'));
  writeFileSync(join(dist, '.git', 'config'), '[core]');
  mkdirSync(join(dist, 'assets', '.cache'));
  writeFileSync(join(dist, 'assets', '.cache', 'x.js'), 'cached');
  return dist;
};

describe('static files', () => {
  it('never follows a symlink, to a file or through a folder, even one that points inside', async () => {
    const r = await startTestRelay({ RELAY_STATIC: appWithTraps() });
    relays.push(r);
    const base = `http://127.0.0.1:${r.port}`;
    expect((await fetch(`${base}/`)).status).toBe(200);
    expect((await fetch(`${base}/assets/app-1a2b3c4d.js`)).status).toBe(200);
    for (const path of ['/linked.txt', '/linked-folder/secret.txt', '/inside-link.html']) {
      const res = await fetch(`${base}${path}`);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(await res.text()).not.toContain(SECRET);
    }
  });

  it('never serves dotfiles or anything under a dot-folder', async () => {
    const r = await startTestRelay({ RELAY_STATIC: appWithTraps() });
    relays.push(r);
    const base = `http://127.0.0.1:${r.port}`;
    for (const path of ['/.env', '/.git/config', '/assets/.cache/x.js', '/%2eenv', '/.git/', '/assets/%2Ecache/x.js']) {
      const res = await fetch(`${base}${path}`);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
  });
});
