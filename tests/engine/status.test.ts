// Equipment, effects over turns, consumables, rest, SP regeneration and derived stats.
import { describe, expect, it } from 'vitest';
import { Game, joinedGame } from './fixture.ts';
import { playerStats } from '../../src/engine/index.ts';

function atMine(): Game {
  const g = new Game();
  g.do('ana', { kind: 'join', name: 'Ana' });
  g.do('ana', { kind: 'move', dir: 'north' });
  g.do('ana', { kind: 'move', dir: 'west' });
  return g;
}

describe('equipment', () => {
  it('equip moves gear from the pack to its slot and swaps the old piece back', () => {
    const g = atMine();
    g.do('ana', { kind: 'take', target: 'copper-sword' });
    g.do('ana', { kind: 'take', target: 'wooden-club' });
    g.do('ana', { kind: 'equip', target: 'wooden-club' });
    expect(g.events[0]).toMatchObject({ type: 'equipped', item: 'wooden-club', slot: 'mainHand', replaced: null });
    expect(playerStats(g.content, g.player('ana')).attack).toBe(5);
    g.do('ana', { kind: 'equip', target: 'copper-sword' });
    expect(g.events[0]).toMatchObject({ type: 'equipped', item: 'copper-sword', replaced: 'wooden-club' });
    expect(g.player('ana').inventory).toEqual([{ item: 'wooden-club', qty: 1 }]);
    expect(g.player('ana').equipment).toEqual({ mainHand: 'copper-sword' });
    const s = playerStats(g.content, g.player('ana'));
    expect(s.attack).toBe(7);
    expect(s.weight).toBe(3500); // worn gear counts toward weight
    expect(s.slots).toBe(1); // but takes no pack slot
  });

  it('refuses what is not carried or not equippable', () => {
    const g = atMine();
    g.do('ana', { kind: 'equip', target: 'copper-sword' });
    expect(g.refusal).toBe('equip/not-carried');
    g.do('ana', { kind: 'take', target: 'strength-tonic' });
    g.do('ana', { kind: 'equip', target: 'strength-tonic' });
    expect(g.refusal).toBe('equip/not-equippable');
  });

  it('capacity gear raises the limits; taking it off is refused when the pack would not fit', () => {
    const g = joinedGame('ana');
    g.do('ana', { kind: 'take', target: 'brass-key' });
    g.do('ana', { kind: 'move', dir: 'east' });
    g.do('ana', { kind: 'take', target: 'leather-pack' });
    g.do('ana', { kind: 'equip', target: 'leather-pack' });
    let s = playerStats(g.content, g.player('ana'));
    expect([s.maxWeight, s.maxSlots, s.defence]).toEqual([15_000, 7, 2]);
    g.do('ana', { kind: 'move', dir: 'west' });
    g.do('ana', { kind: 'take', target: 'pebble', qty: 9 });
    g.do('ana', { kind: 'take', target: 'rope' });
    g.do('ana', { kind: 'take', target: 'driftwood' });
    s = playerStats(g.content, g.player('ana'));
    expect(s.slots).toBe(6);
    g.do('ana', { kind: 'unequip', target: 'body' });
    expect(g.refusal).toBe('unequip/no-slots');
    expect(g.events[0]).toMatchObject({ detail: { item: 'leather-pack', overBy: 2, limit: 5 } });
    g.do('ana', { kind: 'unequip', target: 'mainHand' });
    expect(g.refusal).toBe('unequip/not-equipped');
    g.do('ana', { kind: 'unequip', target: 'copper-sword' });
    expect(g.refusal).toBe('unequip/not-equipped');
    g.do('ana', { kind: 'drop', target: 'pebble', qty: 9 });
    g.do('ana', { kind: 'unequip', target: 'leather-pack' });
    expect(g.events[0]).toMatchObject({ type: 'unequipped', item: 'leather-pack', slot: 'body' });
  });

  it('refuses to equip when the swap would leave the pack over the weight limit', () => {
    const g = joinedGame('ana');
    g.do('ana', { kind: 'take', target: 'brass-key' });
    g.do('ana', { kind: 'move', dir: 'east' });
    g.do('ana', { kind: 'take', target: 'leather-pack' });
    g.do('ana', { kind: 'equip', target: 'leather-pack' });
    for (const dir of ['west', 'north', 'west'] as const) g.do('ana', { kind: 'move', dir });
    g.do('ana', { kind: 'take', target: 'iron-ingot', qty: 3 }); // 12000 + 800 worn + 50 key
    g.do('ana', { kind: 'take', target: 'copper-sword' });
    expect(playerStats(g.content, g.player('ana')).weight).toBe(14_850);
    g.do('ana', { kind: 'unequip', target: 'body' });
    expect(g.refusal).toBe('unequip/too-heavy');
    expect(g.events[0]).toMatchObject({ detail: { overBy: 4850, limit: 10_000 } });
  });

  it('refuses a swap that lowers the limits below what is carried', () => {
    const g = joinedGame('ana');
    const ana = g.player('ana');
    const full = [
      { item: 'cloth-shirt', qty: 1 }, { item: 'rope', qty: 1 }, { item: 'hammer', qty: 1 }, { item: 'pickaxe', qty: 1 },
      { item: 'brass-key', qty: 1 }, { item: 'wooden-club', qty: 1 }, { item: 'pebble', qty: 1 },
    ];
    g.state = { ...g.state, players: { ana: { ...ana, inventory: full, equipment: { body: 'leather-pack' } } } };
    g.do('ana', { kind: 'equip', target: 'cloth-shirt' });
    expect(g.refusal).toBe('equip/no-slots');
    expect(g.events[0]).toMatchObject({ detail: { item: 'cloth-shirt', overBy: 2, limit: 5 } });
    const heavy = [{ item: 'cloth-shirt', qty: 1 }, { item: 'iron-ingot', qty: 3 }];
    g.state = { ...g.state, players: { ana: { ...ana, inventory: heavy, equipment: { body: 'leather-pack' } } } };
    g.do('ana', { kind: 'equip', target: 'cloth-shirt' });
    expect(g.refusal).toBe('equip/too-heavy');
    expect(g.events[0]).toMatchObject({ detail: { overBy: 3000, limit: 10_000 } });
  });
});

describe('effects, consumables, rest and regeneration', () => {
  it('a buff lasts its turns, counts in stats, and ends with effect-ended', () => {
    const g = atMine();
    g.do('ana', { kind: 'take', target: 'strength-tonic' });
    g.do('ana', { kind: 'use', target: 'strength-tonic' });
    expect(g.events.map((e) => e.type)).toEqual(['consumed', 'effect-started']);
    expect(g.player('ana').effects).toEqual([{ id: 'strength', turnsLeft: 3 }]);
    expect(playerStats(g.content, g.player('ana')).attack).toBe(5);
    g.do('ana', { kind: 'wait' });
    g.do('ana', { kind: 'look' }); // free: no tick
    expect(g.player('ana').effects).toEqual([{ id: 'strength', turnsLeft: 2 }]);
    g.do('ana', { kind: 'wait' });
    g.do('ana', { kind: 'wait' });
    expect(g.events.map((e) => e.type)).toEqual(['waited', 'effect-ended']);
    expect(g.player('ana').effects).toEqual([]);
    expect(playerStats(g.content, g.player('ana')).attack).toBe(3);
  });

  it('food restores SP within the maximum and its per-turn effect ticks', () => {
    const g = atMine();
    g.do('ana', { kind: 'move', dir: 'east' });
    g.do('ana', { kind: 'take', target: 'bread' });
    g.do('ana', { kind: 'use', target: 'bread' });
    expect(g.events[0]).toMatchObject({ type: 'consumed', item: 'bread', sp: 0 });
    expect(g.player('ana').sp).toBe(10);
    expect(g.player('ana').inventory).toEqual([]);
    g.do('ana', { kind: 'use', target: 'bread' });
    expect(g.refusal).toBe('use/not-carried');
    g.do('ana', { kind: 'use', target: 'old-anchor' });
    expect(g.refusal).toBe('use/not-carried');
  });

  it('SP regenerates one per turn; rest restores a quarter, fully at a restful place with rested', () => {
    const g = joinedGame('ana');
    g.do('ana', { kind: 'gather', target: 'driftwood-pile' }); // -2 +1
    expect(g.player('ana').sp).toBe(9);
    g.do('ana', { kind: 'gather', target: 'driftwood-pile' });
    g.do('ana', { kind: 'gather', target: 'driftwood-pile' });
    expect(g.player('ana').sp).toBe(7);
    g.do('ana', { kind: 'wait' });
    expect(g.player('ana').sp).toBe(8);
    g.do('ana', { kind: 'rest' });
    expect(g.events[0]).toMatchObject({ type: 'rested', hp: 0, mp: 0, sp: 2 });
    g.do('ana', { kind: 'move', dir: 'north' });
    g.do('ana', { kind: 'rest' });
    expect(g.events.map((e) => e.type)).toEqual(['rested', 'effect-started']);
    expect(g.player('ana').effects).toEqual([{ id: 'rested', turnsLeft: 5 }]);
    expect(playerStats(g.content, g.player('ana')).defence).toBe(2);
  });

  it('use of an item that does nothing is refused', () => {
    const g = joinedGame('ana');
    g.do('ana', { kind: 'take', target: 'rope' });
    g.do('ana', { kind: 'use', target: 'rope' });
    expect(g.refusal).toBe('use/nothing-happens');
  });

  it('name changes the display name', () => {
    const g = joinedGame('ana');
    g.do('ana', { kind: 'name', name: 'Anna' });
    expect(g.events[0]).toMatchObject({ type: 'renamed', from: 'ana', to: 'Anna' });
    expect(g.player('ana').name).toBe('Anna');
    g.do('ana', { kind: 'status' });
    expect(g.events[0]).toMatchObject({ type: 'status-shown' });
    g.do('ana', { kind: 'inventory' });
    expect(g.events[0]).toMatchObject({ type: 'inventory-shown' });
  });
});
