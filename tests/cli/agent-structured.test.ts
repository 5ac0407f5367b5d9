/**
 * The terminal's `--json` agent mode with structured actions, as a bot drives it: a child
 * process, `{"kind":...}` lines among text lines, one JSON reply per line whatever comes in, the
 * command's events (refusal reasons included) and reward in each reply, and the fields agents
 * already read kept as they were.
 */
import { describe, expect, it } from 'vitest';
import { replies, runAgent, runClient } from './helpers.ts';

describe('structured actions through --json', () => {
  it('plays {"kind":...} lines as their text would be played, and answers bad ones with status "error"', async () => {
    const lines = [
      '{"kind":"move","dir":"west"}',
      '  {"kind": "gather", "target": "driftwood-pile"}',
      '{"kind":"move","dir":"sideways"}',
      '{"kind":"move","dir":',
      '{"kind":"move","dir":"up"}',
      'go east',
    ];
    const { stdout, stderr, code } = await runAgent(lines, ['--seed', '4']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const out = replies(stdout) as unknown as Record<string, unknown>[];
    expect(out.map((r) => r.input)).toEqual(lines);
    expect(out.map((r) => r.type)).toEqual(lines.map(() => 'reply'));
    expect(out.map((r) => r.status)).toEqual(['ok', 'ok', 'error', 'error', 'refused', 'ok']);
    const [west, gather, sideways, broken, up, east] = out;

    expect(west).toMatchObject({
      intents: [{ kind: 'move', dir: 'west' }],
      events: [{ type: 'moved', dir: 'west', to: 'driftwood-beach', firstVisit: true, player: 'p-local', location: 'harbor-quay' }],
      reward: { exp: 0, levels: 0, gained: [], lost: [], coin: 0 },
      news: [],
    });
    expect(west!.text).toMatch(/^You go west\.\nDriftwood Beach\n/);
    expect(gather).toMatchObject({
      events: [{ type: 'gathered', node: 'driftwood-pile', item: 'driftwood', qty: 2 }],
      reward: { gained: [{ item: 'driftwood', qty: 2 }], lost: [] },
      text: 'You gather two driftwood sticks from the driftwood pile.',
    });
    expect(sideways!.text).toMatch(/^That action is not valid: dir: Invalid option: expected one of "north"/);
    expect(sideways).toMatchObject({ intents: [], events: [] });
    expect(broken!.text).toMatch(/^That line starts like a structured action but is not valid JSON \(/);
    expect(up).toMatchObject({
      events: [{ type: 'refused', kind: 'move', reason: 'move/no-exit', detail: { dir: 'up' } }],
      text: "You can't go up from here.",
    });
    // Neither bad line moved the world on: their neighbours' states follow one another.
    expect((sideways!.observation as { stateHash: string }).stateHash).toBe((gather!.observation as { stateHash: string }).stateHash);
    expect(east).toMatchObject({ intents: [{ kind: 'move', dir: 'east' }], events: [{ type: 'moved', to: 'harbor-quay' }] });
    // The fields agents read before structured replies are all still there.
    for (const r of out) for (const field of ['input', 'status', 'intents', 'text', 'news', 'observation']) expect(r).toHaveProperty(field);
  }, 60_000);

  it('keeps --follow for agents: without --json it is refused with a reason', async () => {
    const { code, stdout, stderr } = await runClient(['look'], ['--follow']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--follow works with --json only');
  }, 30_000);

  it('writes no news lines in a world nobody else is in, with --follow', async () => {
    const out = replies((await runAgent(['{"kind":"say","text":"Anyone?"}', 'wait'], ['--follow'])).stdout) as unknown as Record<string, unknown>[];
    expect(out.map((r) => [r.type, r.status])).toEqual([['reply', 'ok'], ['reply', 'ok']]);
    expect(out[0]).toMatchObject({ events: [{ type: 'said', text: 'Anyone?' }], text: 'You say, "Anyone?"' });
  }, 30_000);
});
