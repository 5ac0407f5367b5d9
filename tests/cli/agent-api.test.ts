/**
 * The `--json` agent API as an agent uses it: a real child process, one command per line in,
 * exactly one JSON object per line out. Every behaviour is checked on each backend of
 * backends.ts (a world in memory, kept on disk, shared through a real relay), and what the agent
 * is told after each line must be the same on all of them; the same seed + lines give the same
 * state hashes in memory, and a second client joined by the link sees what the first one does.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BACKENDS, KEPT_BACKENDS, noticed, sendUntil, setUpWorlds } from './backends.ts';
import { replies, ROOT, runAgent, startAgent, type AgentReply, type LiveAgent } from './helpers.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const worlds = setUpWorlds();

/** An NPC's gift carried over zone borders and back (the path that once wiped kept characters). */
const GIFT_PATH = ['n', 'e', 'ask ysolde about help', 'w', 's', 'i'];

/** What an agent plays for the parity check: the gift path, then gathering, refusals, a crossing to the north coast and back. */
const PARITY_SCRIPT = [
  'look', ...GIFT_PATH, 'go west', 'gather driftwood', 'take all', 'inventory', 'frobnicate the gull', 'take the moon',
  'examine the draught', 'n', 'e', 'e', 'i', 'w', 's', 'e', 'i',
];

let reference: Promise<AgentReply[]> | undefined;
/** The parity script's replies in a world in memory, the reference every backend must match. */
function inMemory(): Promise<AgentReply[]> {
  reference ??= runAgent(PARITY_SCRIPT, ['--seed', '1']).then((r) => replies(r.stdout));
  return reference;
}

describe.each(BACKENDS)('the --json agent API, in $label', (backend) => {
  const script = ['look', 'go west', 'gather driftwood', 'take all', 'inventory', 'frobnicate the gull', 'take the moon', 'n', 'e', 'e'];

  it('answers every line with exactly one JSON object and nothing else on stdout', async () => {
    const { stdout, code } = await runAgent(script, worlds.args(backend));
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

  it('reports a rules refusal as status "refused" with the reason in text', async () => {
    const out = replies((await runAgent(['go up'], worlds.args(backend))).stdout);
    expect(out[0]).toMatchObject({ status: 'refused', intents: [{ kind: 'move', dir: 'up' }] });
    expect(out[0]!.text).toMatch(/can't go up/);
  }, 60_000);

  it(`tells the agent after every line what a world in memory tells it (${PARITY_SCRIPT.length} lines), an NPC's gift carried across zone borders`, async () => {
    const out = replies((await runAgent(PARITY_SCRIPT, worlds.args(backend))).stdout);
    const expected = await inMemory();
    expect(out.map((r) => r.input)).toEqual(PARITY_SCRIPT);
    out.forEach((r, i) => expect(noticed(r), `line ${i + 1}, "${r.input}"`).toEqual(noticed(expected[i]!)));

    // What that means for the player: the draught Ysolde gave stays in the pack over every border.
    const packs = out.filter((r) => r.input === 'i' || r.input === 'inventory');
    expect(packs.map((r) => r.observation.location.id)).toEqual(['harbor-quay', 'driftwood-beach', 'copper-cliffs', 'harbor-quay']);
    for (const r of packs) expect(r.observation.player.inventory.map((s) => s.id)).toContain('healing-draught');
    expect(packs[0]!.text).toBe('You are carrying a healing draught.\nYour purse is empty.\nLoad 0.3 kg of 20.0 kg, 1 of 12 slots.');
  }, 120_000);
});

describe('the --json agent API in memory', () => {
  const script = ['look', 'go west', 'gather driftwood', 'take all', 'inventory', 'frobnicate the gull', 'take the moon', 'n', 'e', 'e'];

  it('gives the same state hash after every line for the same seed and input', async () => {
    const a = replies((await runAgent(script, ['--seed', '7'])).stdout).map((r) => r.observation.stateHash);
    const b = replies((await runAgent(script, ['--seed', '7'])).stdout).map((r) => r.observation.stateHash);
    const c = replies((await runAgent(script, ['--seed', '8'])).stdout).map((r) => r.observation.stateHash);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBeGreaterThan(3);
    expect(c).not.toEqual(a);
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

describe.each(KEPT_BACKENDS)('the --json agent API, in $label, run again', (backend) => {
  it('continues the world where the last run left it, the gift still in the pack', async () => {
    const args = worlds.args(backend);
    const first = replies((await runAgent([...GIFT_PATH, 'go west', 'gather driftwood'], args)).stdout);
    const carried = first.at(-1)!.observation.player.inventory;
    expect(carried.map((s) => s.id)).toEqual(['healing-draught', 'driftwood']);
    // The folder alone names the world (and its relay) the second time.
    const again = replies((await runAgent(['inventory'], args.slice(0, 2))).stdout);
    expect(again[0]!.observation.location.id).toBe(first.at(-1)!.observation.location.id);
    expect(again[0]!.observation.player.inventory).toEqual(carried);
  }, 60_000);
});

describe('the --json agent API, two clients through the relay', () => {
  it('lets a second client, joined by the link, meet the first with the gift and take it when it is dropped', async () => {
    const relay = BACKENDS.find((b) => b.name === 'relay')!;
    const ana = startAgent([...worlds.args(relay), '--name', 'Ana']);
    let bo: LiveAgent | undefined;
    try {
      let last: AgentReply | undefined;
      for (const line of GIFT_PATH) last = await ana.send(line);
      expect(last!.observation.player.inventory.map((s) => s.id)).toEqual(['healing-draught']);

      bo = startAgent(['--world', worlds.dir('bo-live'), '--join', last!.observation.world.link!, '--name', 'Bo']);
      // Presence comes through the relay a moment after the world's documents. (Soft, so that a
      // wrong presence still lets the rest of the meeting be checked.)
      const met = await sendUntil(bo, 'look', (r) => r.text.includes('Ana is here.'));
      expect(met.observation.here.players.map((p) => p.name)).toEqual(['Ana']);
      expect.soft(met.text, 'Ana is playing, so she is awake').toContain('Ana is here.');
      // Bo's replica holds Ana's character as hers does: once Bo's deeds reach her, both read the
      // same world to the last bit. (HELP reads without writing; a LOOK is a deed in a shared world.)
      const boReads = await bo.send('help');
      const anaReads = await sendUntil(ana, 'help', (r) => r.observation.stateHash === boReads.observation.stateHash);
      expect(anaReads.observation.here.players.map((p) => [p.name, p.online])).toEqual([['Bo', true]]);
      expect(anaReads.observation.stateHash).toBe(boReads.observation.stateHash);

      const dropped = await ana.send('drop the draught');
      expect(dropped.text).toBe('You drop the healing draught.');
      const seen = await sendUntil(bo, 'help', (r) => r.observation.here.items.length > 0);
      expect(seen.observation.here.items.map((s) => [s.id, s.qty])).toEqual([['healing-draught', 1]]);
      const taken = await bo.send('take the draught');
      expect(taken.text).toBe('You take the healing draught.');
      expect(taken.observation.player.inventory.map((s) => [s.id, s.qty])).toEqual([['healing-draught', 1]]);

      const anaAfter = await sendUntil(ana, 'help', (r) => r.observation.stateHash === taken.observation.stateHash);
      expect(anaAfter.observation.here.items).toEqual([]);
      expect(anaAfter.observation.player.inventory).toEqual([]);
      expect(anaAfter.observation.stateHash).toBe(taken.observation.stateHash);
    } finally {
      await ana.close();
      await bo?.close();
    }
  }, 120_000);
});
