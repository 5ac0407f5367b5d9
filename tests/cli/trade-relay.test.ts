/**
 * A trade between two terminal clients through a real relay process: Ana offers Bo two sticks of
 * driftwood for a flint, Bo sees the offer arrive and accepts it; both packs change at once, both
 * clients are told in their own words, and both reach the same state.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sendUntil } from './backends.ts';
import { startAgent, relayForFile, type AgentReply, type LiveAgent } from './helpers.ts';

const { tmp, relay } = relayForFile('trade');

type TradeReply = AgentReply & { observation: AgentReply['observation'] & { offers: { from: string; to: string }[] } };
const qty = (r: AgentReply, item: string) => r.observation.player.inventory.filter((s) => s.id === item).reduce((n, s) => n + s.qty, 0);

describe('a trade through the relay', () => {
  it('an offer made by one client is accepted by the other, and both packs change at once', async () => {
    const ana = startAgent(['--world', join(tmp, 'ana'), '--relay', relay.url, '--name', 'Ana']);
    let bo: LiveAgent | undefined;
    try {
      await ana.send('go west');
      expect(qty(await ana.send('gather driftwood'), 'driftwood')).toBe(2);
      const link = (await ana.send('look')).observation.world.link!;
      bo = startAgent(['--world', join(tmp, 'bo'), '--join', link, '--name', 'Bo']);
      await bo.send('go west');
      expect(qty(await bo.send('gather flint'), 'flint')).toBe(1);
      await sendUntil(ana, 'look', (r) => r.text.includes('Bo is here'));
      const offered = await ana.send('offer bo 2 driftwood for a flint');
      expect(offered.text).toContain('You offer Bo two driftwood sticks for a flint.');
      const seen = (await sendUntil(bo, 'look', (r) => (r as TradeReply).observation.offers.length > 0)) as TradeReply;
      expect(seen.observation.offers).toEqual([expect.objectContaining({ from: offered.observation.player.id, to: seen.observation.player.id })]);
      const accepted = await bo.send('accept');
      expect(accepted.text).toBe('You shake on it with Ana: you hand over a flint and receive two driftwood sticks.');
      expect([qty(accepted, 'driftwood'), qty(accepted, 'flint')]).toEqual([2, 0]);
      const told = await sendUntil(ana, 'look', (r) => qty(r, 'flint') === 1);
      expect([qty(told, 'driftwood'), qty(told, 'flint')]).toEqual([0, 1]);
      expect(told.news.join('\n') + told.text).toContain('Bo accepts your offer: you hand over two driftwood sticks and receive a flint.');
      const last = await bo.send('look');
      expect(told.observation.stateHash).toBe(last.observation.stateHash);
    } finally {
      await ana.close();
      await bo?.close();
    }
  }, 120_000);
});
