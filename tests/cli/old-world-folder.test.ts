// A world folder made before arrives were verified against the zone left (bfccade): its arrives
// were signed at the entered zone's own turn, often below the travel's. Today's client re-bases
// them after their travels (docs/finality.md, "Worlds made before this change") and the player
// finds their character where they left it, with what they carried, and plays on.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ROOT, runClient } from './helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'vetrellis-old-world-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it('a world folder from before verified crossings opens where the player was, with what they carried, and plays on', async () => {
  const dir = join(tmp, 'world');
  cpSync(join(ROOT, 'tests/fixtures/worlds/before-verified-crossings'), dir, { recursive: true });
  const r = await runClient(['inventory', 'look', 's', 'drop flint', 'inventory'], ['--world', dir]);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('Welcome back to Vetrellis, Ana.');
  expect(r.stdout).toContain('You are carrying five driftwood sticks and a flint.');
  expect(r.stdout).toContain('Forest Edge');
  expect(r.stdout).toContain('Village Square');
  expect(r.stdout).toContain('You are carrying five driftwood sticks.');
  // Opened again: the crossing back into the village and the drop were kept.
  const again = await runClient(['look', 'inventory'], ['--world', dir]);
  expect(again.stdout).toContain('Village Square');
  expect(again.stdout).toContain('You see a flint here.');
}, 120_000);
