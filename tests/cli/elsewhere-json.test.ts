/**
 * An islander elsewhere at this hour, as a bot sees it through `--json` (a real child process):
 * asking, talking to, addressing or giving to Bram after dark at the forge is one answer however
 * it is phrased, the rules' (status "refused", reason `talk/away` or `give/away`, the line that
 * says where he is), and writes nothing. The clock is `--clock turns` (ten seconds of game time a
 * command): the agent waits at the forge until the smith has gone to the inn, as a bot would.
 */
import { describe, expect, it } from 'vitest';
import { startAgent, type AgentReply } from './helpers.ts';

const npcsHere = (r: AgentReply): string[] => ((r.observation.here as unknown as { npcs: { id: string }[] }).npcs ?? []).map((n) => n.id);

describe('an islander elsewhere at this hour, through --json', () => {
  it('is one status for every way of asking: refused, talk/away or give/away, where he is, nothing written', async () => {
    const agent = startAgent(['--seed', '3']);
    try {
      for (const line of ['in', 'take the coat', 'out', 'north', 'west']) expect((await agent.send(line)).status, line).toBe('ok');
      let r = await agent.send('look');
      expect(r.observation.location.id).toBe('smithy');
      // Bram keeps the forge from 06:00 to 21:00: at most a game day of waiting (five commands an hour).
      for (let i = 0; npcsHere(r).includes('bram'); i++) {
        expect(i, 'waiting for Bram to go to the inn').toBeLessThan(130);
        r = await agent.send('wait');
      }
      const before = r.observation.stateHash;
      for (const [line, reason] of [
        ['ask bram about copper', 'talk/away'], ['talk to bram', 'talk/away'], ['bram, hello', 'talk/away'],
        ['ask the smith about ore', 'talk/away'], ['give the coat to bram', 'give/away'], ['give bram the coat', 'give/away'],
      ] as const) {
        const out = await agent.send(line);
        expect(out.status, `${line}: ${out.text}`).toBe('refused');
        expect(out.text, line).toBe('Bram is at the Anchor Inn at this hour.');
        expect(out.events, line).toEqual([expect.objectContaining({ type: 'refused', reason, detail: expect.objectContaining({ target: 'bram', place: 'anchor-inn' }) })]);
        expect(out.intents, line).toEqual([]);
        expect(out.observation.stateHash, `${line} wrote nothing`).toBe(before);
      }
      // The same action sent structured, as an agent may: the same answer, and nothing written.
      const structured = await agent.send('{"kind":"talk","target":"bram","topic":"copper"}');
      expect(structured).toMatchObject({ status: 'refused', text: 'Bram is at the Anchor Inn at this hour.', intents: [] });
      expect(structured.events).toEqual([expect.objectContaining({ type: 'refused', reason: 'talk/away' })]);
      expect(structured.observation.stateHash).toBe(before);
      // And at the inn he answers.
      for (const line of ['east', 'in']) await agent.send(line);
      const there = await agent.send('ask bram about copper');
      expect(there.status).toBe('ok');
      expect(there.text).toContain('Bram says,');
    } finally {
      await agent.close();
    }
  }, 120_000);
});
