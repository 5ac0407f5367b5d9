/**
 * Two terminal clients in one world through a real relay process: the second joins with the
 * first one's share link, sees what the first did, and both reach the same state.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replies, runAgent, startRelay } from './helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'vetrellis-shared-'));
let relay: Awaited<ReturnType<typeof startRelay>>;

beforeAll(async () => {
  relay = await startRelay(join(tmp, 'relay'));
}, 60_000);
afterAll(async () => {
  await relay?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('two terminal clients through the relay', () => {
  it('share a world by link and converge on the same state', async () => {
    const ana = replies((await runAgent(['go west', 'gather driftwood', 'say the beach is ours'], ['--world', join(tmp, 'ana'), '--relay', relay.url, '--name', 'Ana'])).stdout);
    const link = ana[2]!.observation.world.link;
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#\/w\/[A-Za-z0-9_-]+$/);
    expect(ana[1]!.observation.here.nodes.find((n) => n.id === 'driftwood-pile')?.remaining).toBe(8);

    const bo = replies((await runAgent(['go west', 'look'], ['--world', join(tmp, 'bo'), '--join', link!, '--name', 'Bo'])).stdout);
    expect(bo[1]!.observation.world.id).toBe(ana[2]!.observation.world.id);
    expect(bo[1]!.observation.here.players.map((p) => p.name)).toEqual(['Ana']);
    expect(bo[1]!.observation.here.nodes.find((n) => n.id === 'driftwood-pile')?.remaining).toBe(8);
    expect(bo[1]!.text).toContain('Ana is here.');

    // HELP reads without writing, so both replicas can be compared as they stand.
    const anaAgain = replies((await runAgent(['look', 'help'], ['--world', join(tmp, 'ana')])).stdout);
    expect(anaAgain[0]!.observation.here.players.map((p) => p.name)).toEqual(['Bo']);
    const boAgain = replies((await runAgent(['help'], ['--world', join(tmp, 'bo')])).stdout);
    expect(boAgain[0]!.observation.turn).toBe(anaAgain[1]!.observation.turn);
    expect(boAgain[0]!.observation.stateHash).toBe(anaAgain[1]!.observation.stateHash);
  }, 120_000);

  it('refuses a link that names no world, clearly', async () => {
    const { code, stderr, stdout } = await runAgent(['look'], ['--world', join(tmp, 'cy'), '--join', 'http://example.invalid/#/w/short']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/not a Vetrellis world link/);
  }, 60_000);
});
