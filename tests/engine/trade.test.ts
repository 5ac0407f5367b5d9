// Trade in the engine: coin from selling, loot and quests; vendors whose shelves empty and restock
// over game time; offers between players that settle both sides at once or not at all.
import { describe, expect, it } from 'vitest';
import type { Content } from '../../src/content/schema.ts';
import { Enemy, Npc } from '../../src/content/schema.ts';
import { loadContentDir } from '../../src/content/node-load.ts';
import { PlayerState } from '../../src/engine/player-state.ts';
import { OFFER_TTL_MS, coinOf, hashState, type GameState } from '../../src/engine/index.ts';
import { countInPack } from '../../src/engine/inventory.ts';
import { Game, fixture } from './fixture.ts';

/** The fixture with Marta keeping a stall in the square, and a crab that carries coin. */
const content: Content = {
  ...fixture,
  npcs: new Map([
    ...fixture.npcs,
    ['marta', Npc.parse({
      id: 'marta', name: 'Marta', description: 'A stallholder.', location: 'square', greeting: 'Buying or selling?', pronouns: 'she',
      shop: {
        sells: [{ item: 'bread', price: 2, stock: 2, restockMs: 10_000 }],
        buys: [{ item: 'driftwood', price: 1 }, { item: 'crab-shell', price: 3 }, { item: 'pebble', price: 1 }],
      },
    })],
  ]),
  enemies: new Map([...fixture.enemies].map(([id, e]) => [id, id === 'crab' ? Enemy.parse({ ...e, hp: 1, coin: 4 }) : e])),
};

function game(...names: string[]): Game {
  const g = new Game(content);
  for (const n of names) g.do(n, { kind: 'join', name: n });
  return g;
}

/** Ana and Bo on the dock; Ana has gathered three driftwood and sold them: 3 coins. */
function withCoin(): Game {
  const g = game('ana', 'bo');
  g.do('ana', { kind: 'take', target: 'driftwood', qty: 3 });
  g.do('ana', { kind: 'move', dir: 'north' });
  g.do('ana', { kind: 'sell', target: 'driftwood', qty: 3 });
  g.do('ana', { kind: 'move', dir: 'south' });
  return g;
}

/** Every item and coin in the world (packs, gear, floors): trade moves them, never makes or loses any. */
function holdings(s: GameState): Record<string, number> {
  const out: Record<string, number> = {};
  const add = (k: string, n: number) => { out[k] = (out[k] ?? 0) + n; };
  for (const p of Object.values(s.players)) {
    for (const st of p.inventory) add(st.item, st.qty);
    for (const id of Object.values(p.equipment)) if (id) add(id, 1);
    add('coin', coinOf(p));
  }
  for (const floor of Object.values(s.floors)) for (const [k, n] of Object.entries(floor)) add(k, n);
  return out;
}

describe('vendors', () => {
  it('buy what they sell and pay for it at once; refuse what they do not want, and anyone where no vendor is', () => {
    const g = game('ana');
    g.do('ana', { kind: 'take', target: 'driftwood', qty: 3 });
    g.do('ana', { kind: 'sell', target: 'driftwood' });
    expect(g.refusal).toBe('trade/no-vendor');
    g.do('ana', { kind: 'move', dir: 'north' });
    g.do('ana', { kind: 'sell', target: 'driftwood', qty: 3 });
    expect(g.events[0]).toMatchObject({ type: 'sold', npc: 'marta', item: 'driftwood', qty: 3, price: 3 });
    expect(coinOf(g.player('ana'))).toBe(3);
    expect(countInPack(g.player('ana').inventory, 'driftwood')).toBe(0);
    g.do('ana', { kind: 'take', target: 'hammer' });
    g.do('ana', { kind: 'sell', target: 'hammer' });
    expect(g.refusal).toBe('trade/not-wanted');
    g.do('ana', { kind: 'sell', target: 'rope' });
    expect(g.refusal).toBe('trade/not-carried');
    g.do('ana', { kind: 'sell', target: 'driftwood', to: 'archon' });
    expect(g.refusal).toBe('trade/not-carried');
  });

  it('sell for coin; a purchase needs the coin, and takes from a shelf that restocks one every restockMs', () => {
    const g = game('ana');
    g.do('ana', { kind: 'move', dir: 'north' });
    g.do('ana', { kind: 'buy', target: 'bread' });
    expect(g.refusal).toBe('trade/no-coin');
    expect(g.events[0]).toMatchObject({ detail: { need: 2, have: 0, coin: true } });
    g.do('ana', { kind: 'move', dir: 'south' });
    g.do('ana', { kind: 'take', target: 'driftwood', qty: 3 });
    g.do('ana', { kind: 'move', dir: 'north' });
    g.do('ana', { kind: 'sell', target: 'driftwood', qty: 3 });
    g.do('ana', { kind: 'buy', target: 'bread' }, 20_000);
    expect(g.events[0]).toMatchObject({ type: 'bought', npc: 'marta', item: 'bread', qty: 1, price: 2 });
    expect(coinOf(g.player('ana'))).toBe(1);
    expect(countInPack(g.player('ana').inventory, 'bread')).toBe(1);
    g.do('ana', { kind: 'sell', target: 'bread' });
    expect(g.refusal).toBe('trade/not-wanted');
    g.do('ana', { kind: 'buy', target: 'bread', qty: 2 }, 21_000);
    expect(g.refusal).toBe('trade/sold-out');
    expect(g.events[0]).toMatchObject({ detail: { have: 1, need: 2, readyAt: 30_000 } });
    g.do('ana', { kind: 'buy', target: 'carrot' }, 22_000);
    expect(g.refusal).toBe('trade/not-sold');
  });

  it('share one shelf: what one player buys is gone for the next, until it restocks', () => {
    const g = withCoin();
    g.do('bo', { kind: 'take', target: 'pebble', qty: 4 });
    g.do('ana', { kind: 'move', dir: 'north' });
    g.do('bo', { kind: 'move', dir: 'north' });
    g.do('bo', { kind: 'sell', target: 'pebble', qty: 4 });
    g.do('ana', { kind: 'buy', target: 'bread' }, 50_000);
    g.do('bo', { kind: 'buy', target: 'bread' }, 52_000);
    expect(g.refusal).toBeNull();
    g.do('bo', { kind: 'buy', target: 'bread' }, 53_000);
    expect(g.refusal).toBe('trade/sold-out');
    expect(g.events[0]).toMatchObject({ detail: { have: 0, readyAt: 60_000 } });
    // Ten seconds after the first sale one loaf is back; the second follows ten seconds later.
    g.do('bo', { kind: 'buy', target: 'bread' }, 60_000);
    expect(g.refusal).toBeNull();
    g.do('bo', { kind: 'buy', target: 'bread' }, 61_000);
    expect(g.events[0]).toMatchObject({ type: 'refused', reason: 'trade/sold-out', detail: { have: 0, readyAt: 70_000 } });
  });

  it('wares: a free look at the shelves, refused where nobody trades', () => {
    const g = game('ana');
    g.do('ana', { kind: 'wares' });
    expect(g.refusal).toBe('trade/no-vendor');
    g.do('ana', { kind: 'move', dir: 'north' });
    const before = g.player('ana').turns;
    g.do('ana', { kind: 'wares' });
    expect(g.events).toEqual([{ type: 'wares-shown', npc: 'marta', player: 'ana', location: 'square' }]);
    expect(g.player('ana').turns).toBe(before);
  });
});

describe('coin from loot and quests', () => {
  it("an enemy's coin goes to its looter with its loot", () => {
    const g = game('ana');
    g.do('ana', { kind: 'move', dir: 'down' });
    g.do('ana', { kind: 'attack', target: 'crab' });
    expect(g.events.find((e) => e.type === 'enemy-defeated')).toMatchObject({ looter: 'ana', coin: 4 });
    expect(coinOf(g.player('ana'))).toBe(4);
  });

  it('a quest that pays coin pays it when done (the first quest of the isle: 5 coins)', () => {
    const isle = loadContentDir('content/vetrellis');
    const g = new Game(isle, 7);
    g.do('ana', { kind: 'join', name: 'Ana' });
    for (const dir of ['in', 'out', 'north', 'in'] as const) g.do('ana', { kind: 'move', dir });
    g.do('ana', { kind: 'talk', target: 'hesk', topic: 'harbormaster' });
    expect(g.events.some((e) => e.type === 'quest-done' && e.quest === 'nobody-met-the-boat')).toBe(true);
    expect(coinOf(g.player('ana'))).toBe(5);
    g.do('ana', { kind: 'buy', target: 'sea-biscuit' });
    expect(g.events[0]).toMatchObject({ type: 'bought', npc: 'hesk', price: 3 });
    expect(coinOf(g.player('ana'))).toBe(2);
  });

  it('coin crosses zones inside the player state, and an emptied purse is no purse', () => {
    const g = withCoin();
    expect(PlayerState.parse(JSON.parse(JSON.stringify(g.player('ana')))).coin).toBe(3);
    g.do('ana', { kind: 'offer', to: 'bo', gives: { coin: 3 }, wants: {} });
    g.do('bo', { kind: 'accept' });
    expect('coin' in g.player('ana')).toBe(false);
    expect(coinOf(g.player('bo'))).toBe(3);
  });
});

describe('offers between players', () => {
  it('accept moves both sides at once, and the offer is gone', () => {
    const g = withCoin();
    g.do('bo', { kind: 'take', target: 'rope' });
    const before = holdings(g.state);
    g.do('bo', { kind: 'offer', to: 'ana', gives: { items: [{ item: 'rope', qty: 1 }] }, wants: { coin: 2 } });
    expect(g.events[0]).toMatchObject({ type: 'offered', to: 'ana', gives: { items: [{ item: 'rope', qty: 1 }], coin: 0 }, wants: { items: [], coin: 2 } });
    g.do('ana', { kind: 'accept' });
    expect(g.events[0]).toMatchObject({ type: 'traded', with: 'bo', gave: { items: [], coin: 2 }, got: { items: [{ item: 'rope', qty: 1 }], coin: 0 } });
    expect(countInPack(g.player('ana').inventory, 'rope')).toBe(1);
    expect(countInPack(g.player('bo').inventory, 'rope')).toBe(0);
    expect([coinOf(g.player('ana')), coinOf(g.player('bo'))]).toEqual([1, 2]);
    expect(holdings(g.state)).toEqual(before);
    expect(g.state.offers).toBeUndefined();
    g.do('ana', { kind: 'accept' });
    expect(g.refusal).toBe('trade/no-offer');
  });

  it('accept re-checks both sides where it is folded: a thing given away meanwhile, or coin short, refuses and moves nothing', () => {
    const g = withCoin();
    g.do('bo', { kind: 'take', target: 'rope' });
    g.do('bo', { kind: 'offer', to: 'ana', gives: { items: [{ item: 'rope', qty: 1 }] }, wants: { coin: 3 } });
    g.do('bo', { kind: 'drop', target: 'rope' });
    const before = g.state;
    g.do('ana', { kind: 'accept' });
    expect(g.refusal).toBe('trade/they-lack');
    expect(g.events[0]).toMatchObject({ detail: { item: 'rope', need: 1, have: 0, target: 'bo' } });
    expect(g.state).toBe(before);
    g.do('bo', { kind: 'take', target: 'rope' });
    g.do('bo', { kind: 'offer', to: 'ana', gives: { items: [{ item: 'rope', qty: 1 }] }, wants: { coin: 4 } });
    g.do('ana', { kind: 'accept', from: 'bo' });
    expect(g.refusal).toBe('trade/you-lack');
    expect(g.events[0]).toMatchObject({ detail: { coin: true, need: 4, have: 3 } });
  });

  it('an offer refuses what the offerer does not hold, themselves, nobody here, and nothing for nothing', () => {
    const g = withCoin();
    g.do('ana', { kind: 'offer', to: 'bo', gives: { items: [{ item: 'rope', qty: 1 }] }, wants: {} });
    expect(g.refusal).toBe('trade/not-carried');
    g.do('ana', { kind: 'offer', to: 'bo', gives: { coin: 9 }, wants: {} });
    expect(g.refusal).toBe('trade/no-coin');
    g.do('ana', { kind: 'offer', to: 'ana', gives: { coin: 1 }, wants: {} });
    expect(g.refusal).toBe('trade/self');
    g.do('ana', { kind: 'offer', to: 'cy', gives: { coin: 1 }, wants: {} });
    expect(g.refusal).toBe('trade/no-player');
    g.do('ana', { kind: 'offer', to: 'bo', gives: {}, wants: {} });
    expect(g.refusal).toBe('trade/empty-offer');
  });

  it('an offer lapses after its time, or when either of them leaves the room (coming back does not revive it)', () => {
    const late = withCoin();
    late.do('ana', { kind: 'offer', to: 'bo', gives: { coin: 1 }, wants: {} });
    late.do('bo', { kind: 'accept' }, late.at + OFFER_TTL_MS + 1);
    expect(late.refusal).toBe('trade/no-offer');

    for (const leaver of ['ana', 'bo']) {
      const g = withCoin();
      g.do('ana', { kind: 'offer', to: 'bo', gives: { coin: 1 }, wants: {} });
      expect(g.state.offers?.['ana']).toBeDefined();
      g.do(leaver, { kind: 'move', dir: 'north' });
      expect(g.state.offers).toBeUndefined();
      g.do(leaver, { kind: 'move', dir: 'south' });
      g.do('bo', { kind: 'accept' });
      expect(g.refusal, leaver).toBe('trade/no-offer');
    }
  });

  it('decline ends an offer made to you; with none, it withdraws your own; a new offer replaces the old', () => {
    const g = withCoin();
    g.do('ana', { kind: 'offer', to: 'bo', gives: { coin: 1 }, wants: {} });
    g.do('bo', { kind: 'decline' });
    expect(g.events[0]).toMatchObject({ type: 'declined', from: 'ana', to: 'bo' });
    expect(g.state.offers).toBeUndefined();
    g.do('ana', { kind: 'offer', to: 'bo', gives: { coin: 1 }, wants: {} });
    g.do('ana', { kind: 'offer', to: 'bo', gives: { coin: 2 }, wants: {} });
    expect(Object.keys(g.state.offers ?? {})).toEqual(['ana']);
    g.do('ana', { kind: 'decline' });
    expect(g.events[0]).toMatchObject({ type: 'declined', from: 'ana', to: 'bo', withdrawn: true });
    g.do('bo', { kind: 'decline' });
    expect(g.refusal).toBe('trade/no-offer');
  });

  it('refuses a trade one side could not carry, and nothing moves', () => {
    const g = withCoin();
    for (const who of ['ana', 'bo']) {
      g.do(who, { kind: 'move', dir: 'north' });
      g.do(who, { kind: 'move', dir: 'west' });
    }
    g.do('ana', { kind: 'take', target: 'iron-ingot', qty: 2 });
    g.do('bo', { kind: 'take', target: 'iron-ingot' });
    g.do('bo', { kind: 'take', target: 'copper-sword' });
    g.do('ana', { kind: 'offer', to: 'bo', gives: { items: [{ item: 'iron-ingot', qty: 2 }] }, wants: { coin: 0 } });
    const before = hashState(g.state);
    g.do('bo', { kind: 'accept' });
    expect(g.refusal).toBe('trade/too-heavy');
    expect(g.events[0]).toMatchObject({ detail: { target: 'bo', overBy: 4_000 } });
    expect(hashState(g.state)).toBe(before);
  });
});
