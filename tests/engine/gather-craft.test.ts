// Gathering (tools, SP, depletion, respawn in game time, carry limits) and crafting.
import { describe, expect, it } from 'vitest';
import { Game, joinedGame } from './fixture.ts';
import { nodeRemaining, recipeMissing } from '../../src/engine/index.ts';

describe('gather', () => {
  it('takes units, costs SP, depletes and respawns after respawnMs of game time', () => {
    const g = joinedGame('ana');
    g.do('ana', { kind: 'gather', target: 'driftwood-pile' });
    expect(g.events[0]).toMatchObject({ type: 'gathered', node: 'driftwood-pile', item: 'driftwood', qty: 1, remaining: 2 });
    g.do('ana', { kind: 'gather', target: 'driftwood-pile' });
    g.do('ana', { kind: 'gather', target: 'driftwood-pile' });
    const dryAt = g.at;
    expect(g.state.nodes['driftwood-pile']).toEqual({ remaining: 0, depletedAt: dryAt });
    g.do('ana', { kind: 'gather', target: 'driftwood-pile' });
    expect(g.refusal).toBe('gather/depleted');
    expect(g.events[0]).toMatchObject({ detail: { readyAt: dryAt + 10_000 } });
    expect(nodeRemaining(g.content, g.state, 'driftwood-pile', dryAt + 9_999)).toBe(0);
    expect(nodeRemaining(g.content, g.state, 'driftwood-pile', dryAt + 10_000)).toBe(3);
    g.do('ana', { kind: 'gather', target: 'driftwood-pile' }, dryAt + 10_000);
    expect(g.events[0]).toMatchObject({ type: 'gathered', remaining: 2 });
  });

  it('refuses a node that is not here, a missing tool, too little SP', () => {
    const g = joinedGame('ana');
    g.do('ana', { kind: 'gather', target: 'copper-vein' });
    expect(g.refusal).toBe('gather/no-node');
    g.do('ana', { kind: 'move', dir: 'north' });
    g.do('ana', { kind: 'move', dir: 'west' });
    g.do('ana', { kind: 'gather', target: 'copper-vein' });
    expect(g.refusal).toBe('gather/no-tool');
    expect(g.events[0]).toMatchObject({ detail: { tool: 'pickaxe' } });
    const h = joinedGame('ana');
    for (let i = 0; i < 3; i++) h.do('ana', { kind: 'gather', target: 'driftwood-pile' });
    expect(h.player('ana').sp).toBe(7);
    const low = { ...h.state, players: { ana: { ...h.player('ana'), sp: 1 } } };
    h.state = low;
    h.do('ana', { kind: 'gather', target: 'driftwood-pile' }, h.at + 60_000);
    expect(h.refusal).toBe('gather/no-sp');
    expect(h.events[0]).toMatchObject({ detail: { need: 2, have: 1 } });
  });

  it('respects the carry limits', () => {
    const g = joinedGame('ana');
    g.do('ana', { kind: 'take', target: 'pebble', qty: 9 });
    g.do('ana', { kind: 'take', target: 'rope' });
    g.do('ana', { kind: 'take', target: 'brass-key' });
    g.do('ana', { kind: 'gather', target: 'driftwood-pile' });
    expect(g.refusal).toBe('gather/no-slots');
    const h = joinedGame('ana');
    for (const dir of ['north', 'west'] as const) h.do('ana', { kind: 'move', dir });
    h.do('ana', { kind: 'take', target: 'iron-ingot', qty: 2 });
    h.do('ana', { kind: 'take', target: 'copper-sword' });
    for (const dir of ['east', 'south'] as const) h.do('ana', { kind: 'move', dir });
    h.do('ana', { kind: 'gather', target: 'driftwood-pile' });
    expect(h.refusal).toBe('gather/too-heavy');
    expect(h.events[0]).toMatchObject({ detail: { overBy: 500, limit: 10_000, item: 'driftwood' } });
  });
});

describe('craft', () => {
  it('consumes inputs, keeps tools, needs the station, produces the output', () => {
    const g = joinedGame('ana');
    g.do('ana', { kind: 'take', target: 'driftwood', qty: 3 });
    g.do('ana', { kind: 'take', target: 'rope' });
    g.do('ana', { kind: 'craft', target: 'make-pickaxe' });
    expect(g.events[0]).toMatchObject({ type: 'crafted', recipe: 'make-pickaxe', item: 'pickaxe', qty: 1 });
    expect(g.player('ana').inventory).toEqual([{ item: 'driftwood', qty: 1 }, { item: 'pickaxe', qty: 1 }]);
    g.do('ana', { kind: 'move', dir: 'north' });
    g.do('ana', { kind: 'move', dir: 'west' });
    g.do('ana', { kind: 'gather', target: 'copper-vein' });
    expect(g.events[0]).toMatchObject({ type: 'gathered', qty: 2, remaining: 2 });
    g.do('ana', { kind: 'craft', target: 'forge-sword' });
    expect(g.refusal).toBe('craft/missing');
    expect(g.events[0]).toMatchObject({ detail: { missing: { inputs: [], tools: ['hammer'], station: 'anvil' } } });
    g.do('ana', { kind: 'move', dir: 'east' });
    g.do('ana', { kind: 'take', target: 'hammer' });
    g.do('ana', { kind: 'craft', target: 'copper-sword' }); // by the item it makes
    expect(g.events[0]).toMatchObject({ type: 'crafted', recipe: 'forge-sword', item: 'copper-sword' });
    expect(g.player('ana').inventory.map((s) => s.item).sort()).toEqual(['copper-sword', 'hammer', 'pickaxe']);
  });

  it('craft/missing lists every input short with need and have', () => {
    const g = joinedGame('ana');
    g.do('ana', { kind: 'take', target: 'driftwood' });
    g.do('ana', { kind: 'craft', target: 'make-pickaxe', qty: 2 });
    expect(g.refusal).toBe('craft/missing');
    expect(g.events[0]).toMatchObject({
      detail: { missing: { inputs: [{ item: 'driftwood', need: 4, have: 1 }, { item: 'rope', need: 2, have: 0 }], tools: [], station: null } },
    });
    expect(recipeMissing(g.content, g.player('ana'), g.content.recipes.get('forge-sword')!)).toEqual({
      inputs: [{ item: 'copper-ore', need: 2, have: 0 }], tools: ['hammer'], station: 'anvil',
    });
    g.do('ana', { kind: 'craft', target: 'no-such-recipe' });
    expect(g.refusal).toBe('craft/unknown-recipe');
  });

  it('refuses without SP, and when the output would not fit', () => {
    const g = joinedGame('ana');
    g.do('ana', { kind: 'take', target: 'driftwood', qty: 2 });
    g.do('ana', { kind: 'take', target: 'rope' });
    g.state = { ...g.state, players: { ana: { ...g.player('ana'), sp: 0 } } };
    g.do('ana', { kind: 'craft', target: 'make-pickaxe' });
    expect(g.refusal).toBe('craft/no-sp');
    expect(g.events[0]).toMatchObject({ detail: { need: 1, have: 0 } });
  });

  it('refuses an output over the weight limit or with no slot for it', () => {
    const g = joinedGame('ana');
    const ana = g.player('ana');
    const heavy = [{ item: 'iron-ingot', qty: 2 }, { item: 'crab-shell', qty: 1 }, { item: 'copper-ore', qty: 2 }, { item: 'pebble', qty: 1 }];
    g.state = { ...g.state, players: { ana: { ...ana, inventory: heavy } } }; // 9910 g
    g.do('ana', { kind: 'craft', target: 'brew-potion' }); // -300 + 400
    expect(g.refusal).toBe('craft/too-heavy');
    expect(g.events[0]).toMatchObject({ detail: { item: 'potion', overBy: 10, limit: 10_000 } });
    const full = [{ item: 'crab-shell', qty: 2 }, { item: 'rope', qty: 1 }, { item: 'pebble', qty: 1 }, { item: 'driftwood', qty: 1 }, { item: 'hammer', qty: 1 }];
    g.state = { ...g.state, players: { ana: { ...ana, inventory: full } } };
    g.do('ana', { kind: 'craft', target: 'brew-potion' });
    expect(g.refusal).toBe('craft/no-slots');
    expect(g.events[0]).toMatchObject({ detail: { overBy: 1, limit: 5 } });
  });
});
