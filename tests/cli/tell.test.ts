/**
 * Issue 16: TELL across zones between two terminal clients in --json mode through the project's
 * relay. Ana walks up to the village; Bo, on the quay, tells her something: her next reply
 * carries it in `news` (prose) and `newsEvents` ({ type: 'told' }); once her client has left,
 * Bo is told she is asleep.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, startRelay, type AgentReply, type LiveAgent } from './helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'vetrellis-tell-'));
let relay: Awaited<ReturnType<typeof startRelay>>;
beforeAll(async () => {
  relay = await startRelay(join(tmp, 'relay'));
}, 60_000);
afterAll(async () => {
  await relay?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

/** Sends `line` until the reply satisfies `ok` (presence and tells arrive a moment after documents). */
async function sendUntil(agent: LiveAgent, line: string, ok: (r: AgentReply) => boolean): Promise<AgentReply> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const reply = await agent.send(line);
    if (ok(reply) || Date.now() > deadline) return reply;
    await new Promise((r) => setTimeout(r, 250));
  }
}

type WithNewsEvents = AgentReply & { newsEvents: { type: string; [k: string]: unknown }[] };

describe('tell between two terminal clients in different zones', () => {
  it('reaches her in --json as news and a told event; asleep once she has left', async () => {
    const ana = startAgent(['--world', join(tmp, 'ana'), '--relay', relay.url, '--name', 'Ana']);
    let bo: LiveAgent | undefined;
    try {
      expect((await ana.send('north')).observation.location.id).toBe('village-square');
      const link = (await ana.send('look')).observation.world.link!;
      bo = startAgent(['--world', join(tmp, 'bo'), '--join', link, '--name', 'Bo']);
      const told = await sendUntil(bo, 'tell ana the tide is turning', (r) => r.status === 'ok');
      expect(told.text).toBe('You tell Ana, "the tide is turning"');
      const heard = await sendUntil(ana, 'look', (r) => r.news.length > 0) as WithNewsEvents;
      expect(heard.news).toEqual(['Bo tells you from the Harbor, "the tide is turning"']);
      expect(heard.newsEvents).toEqual([{ type: 'told', player: expect.any(String), name: 'Bo', zone: 'harbor', text: 'the tide is turning' }]);

      expect(await ana.close()).toBe(0);
      const asleep = await sendUntil(bo, 'tell ana are you there?', (r) => r.status === 'refused');
      expect(asleep.text).toBe('Ana is asleep and cannot hear you: a tell reaches only someone who is playing now.');
    } finally {
      await ana.close();
      await bo?.close();
    }
  }, 120_000);
});
