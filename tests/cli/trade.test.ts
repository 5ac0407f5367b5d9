/**
 * Buying and selling from the terminal, as a player and as an agent (--json): the first quest's
 * coin, Mother Hesk's wares and a biscuit bought, driftwood sold to Bram and an ingot bought, a
 * knife refused for want of coin. Coin shows in the inventory, in events and in `reward.coin`.
 */
import { describe, expect, it } from 'vitest';
import type { GameEvent } from '../../src/engine/index.ts';
import type { Observation } from '../../src/session/observation.ts';
import { replies, runAgent, runClient } from './helpers.ts';

type Reply = { input: string; intents: unknown[]; text: string; events: GameEvent[]; reward: { coin: number; gained: { item: string; qty: number }[] }; observation: Observation };

const SHOPPING = [
  'in', 'out', 'west', 'gather driftwood', 'gather driftwood', 'east', 'north', 'in',
  'ask hesk about the harbormaster', 'wares', 'buy a sea biscuit', 'out', 'west', 'sell 4 driftwood', 'buy a copper ingot',
  'buy a flint knife', 'inventory',
];

describe('trade in the terminal', () => {
  it('--json: coin from a quest, a purchase, a sale and a refusal, each in events and reward', async () => {
    const { stdout, code } = await runAgent(SHOPPING);
    expect(code).toBe(0);
    const by = new Map((replies(stdout) as unknown as Reply[]).map((r) => [r.input, r]));
    expect(by.get('ask hesk about the harbormaster')!.reward.coin).toBe(5);
    const wares = by.get('wares')!;
    expect(wares.intents).toEqual([{ kind: 'wares' }]);
    expect(wares.text).toContain('Mother Hesk has for sale: a sea biscuit for 3 coins (6 left)');
    expect(wares.observation.here.wares).toContainEqual({ npc: 'hesk', item: 'sea-biscuit', name: 'sea biscuit', price: 3, left: 6 });
    const biscuit = by.get('buy a sea biscuit')!;
    expect(biscuit.events).toContainEqual(expect.objectContaining({ type: 'bought', npc: 'hesk', item: 'sea-biscuit', qty: 1, price: 3 }));
    expect(biscuit.reward).toMatchObject({ coin: -3, gained: [{ item: 'sea-biscuit', qty: 1 }] });
    expect(biscuit.observation.here.wares).toContainEqual(expect.objectContaining({ item: 'sea-biscuit', left: 5 }));
    const sold = by.get('sell 4 driftwood')!;
    expect(sold.events).toContainEqual(expect.objectContaining({ type: 'sold', npc: 'bram', item: 'driftwood', qty: 4, price: 4 }));
    expect(sold.reward.coin).toBe(4);
    expect(sold.observation.player!.coin).toBe(6);
    expect(by.get('buy a copper ingot')!.observation.player!.coin).toBe(0);
    const knife = by.get('buy a flint knife')!;
    expect(knife.events).toContainEqual(expect.objectContaining({ type: 'refused', reason: 'trade/no-coin', detail: expect.objectContaining({ need: 5, have: 0 }) }));
    expect(knife.text).toBe('That costs 5 coins, and you have 0 coins.');
  }, 60_000);

  it('as a player: the prose of the shop', async () => {
    // Game time from turns: the shop keeps hours, and the machine clock would make it night at times.
    const { stdout, code } = await runClient(SHOPPING, ['--clock', 'turns']);
    expect(code).toBe(0);
    expect(stdout).toContain('You gain 10 EXP and 5 coins.');
    expect(stdout).toContain('Mother Hesk has for sale: a sea biscuit for 3 coins (6 left), a bowl of mussel stew for 8 coins (3 left) and a kelp cord for 4 coins (4 left).');
    expect(stdout).toContain('She buys mussels at 1 coin each, gull eggs at 2 coins each, kelp fronds at 1 coin each and salt crystals at 1 coin each.');
    expect(stdout).toContain('You buy a sea biscuit from Mother Hesk for 3 coins.');
    expect(stdout).toContain('You sell four driftwood sticks to Bram for 4 coins.');
    expect(stdout).toContain('You buy a copper ingot from Bram for 6 coins.');
    expect(stdout).toContain('Your purse is empty.');
  }, 60_000);
});
