/**
 * The `--json` agent API as an agent uses it: a real child process, one command per line in,
 * exactly one JSON object per line out, and the same seed + lines giving the same state hashes.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { replies, ROOT, runAgent } from './helpers.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the --json agent API', () => {
  const script = ['look', 'go west', 'gather driftwood', 'take all', 'inventory', 'frobnicate the gull', 'take the moon', 'n', 'e', 'e'];

  it('answers every line with exactly one JSON object and nothing else on stdout', async () => {
    const { stdout, code } = await runAgent(script, ['--seed', '7']);
    expect(code).toBe(0);
    const out = replies(stdout);
    expect(out.map((r) => r.input)).toEqual(script);
    const [look, west, gather] = out;
    expect(look!.status).toBe('ok');
    expect(look!.observation.location.id).toBe('harbor-quay');
    expect(west!.intents).toEqual([{ kind: 'move', dir: 'west' }]);
    expect(gather!.intents[0]).toMatchObject({ kind: 'gather' });
    expect(gather!.observation.player.inventory.length).toBeGreaterThan(0);
    expect(out[5]!.status).toBe('unknown-verb');
    expect(out[6]!.status).toBe('unknown-noun');
    expect(out[6]!.text).toBe("You can't see any such thing.");
  }, 60_000);

  it('gives the same state hash after every line for the same seed and input', async () => {
    const a = replies((await runAgent(script, ['--seed', '7'])).stdout).map((r) => r.observation.stateHash);
    const b = replies((await runAgent(script, ['--seed', '7'])).stdout).map((r) => r.observation.stateHash);
    const c = replies((await runAgent(script, ['--seed', '8'])).stdout).map((r) => r.observation.stateHash);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBeGreaterThan(3);
    expect(c).not.toEqual(a);
  }, 60_000);

  it('reports a rules refusal as status "refused" with the reason in text', async () => {
    const out = replies((await runAgent(['go up'])).stdout);
    expect(out[0]).toMatchObject({ status: 'refused', intents: [{ kind: 'move', dir: 'up' }] });
    expect(out[0]!.text).toMatch(/can't go up/);
  }, 60_000);

  it('keeps a world on disk with --world and continues it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vetrellis-world-'));
    dirs.push(dir);
    const first = replies((await runAgent(['go west', 'gather driftwood'], ['--world', dir])).stdout);
    const carried = first[1]!.observation.player.inventory;
    expect(carried.length).toBe(1);
    const again = replies((await runAgent(['inventory'], ['--world', dir])).stdout);
    expect(again[0]!.observation.location.id).toBe(first[1]!.observation.location.id);
    expect(again[0]!.observation.player.inventory).toEqual(carried);
  }, 60_000);

  it('refuses to start on broken content and names every error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vetrellis-content-'));
    dirs.push(dir);
    cpSync(join(ROOT, 'content/vetrellis'), dir, { recursive: true });
    const items = join(dir, 'items.yaml');
    writeFileSync(items, readFileSync(items, 'utf8').replace(/weight: \d+/, 'weight: heavy'));
    const nodes = join(dir, 'nodes.yaml');
    writeFileSync(nodes, readFileSync(nodes, 'utf8').replace(/resource: [a-z-]+/, 'resource: unobtainium'));
    const { code, stderr, stdout } = await runAgent(['look'], ['--content', dir]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/items\.yaml:\d+: items\[0\]\.weight: /);
    expect(stderr).toMatch(/nodes\.yaml:\d+: .*unobtainium/);
  }, 60_000);
});
