// A full session on the real content (content/vetrellis): gather -> craft a tool -> gather with
// it -> craft gear -> equip -> fight and level up -> heal with a crafted potion. Every scripted
// step must be accepted; fights loop until the enemy falls.
import { describe, expect, it } from 'vitest';
import { loadContentDir } from '../../src/content/node-load.ts';
import type { Direction } from '../../src/content/schema.ts';
import type { Action } from '../../src/engine/index.ts';
import { hashState, playerStats } from '../../src/engine/index.ts';
import { Game } from './fixture.ts';

const content = loadContentDir('content/vetrellis');

class Script {
  readonly g = new Game(content, 7);
  ok(action: Action): void {
    this.g.do('ana', action);
    expect(this.g.refusal, `${JSON.stringify(action)} at ${this.g.player('ana').location}: ${JSON.stringify(this.g.events)}`).toBeNull();
  }
  go(...dirs: Direction[]): void {
    for (const dir of dirs) this.ok({ kind: 'move', dir });
  }
  times(n: number, action: Action): void {
    for (let i = 0; i < n; i++) this.ok(action);
  }
  count(item: string): number {
    return this.g.player('ana').inventory.filter((s) => s.item === item).reduce((n, s) => n + s.qty, 0);
  }
  /** Attacks until the enemy falls; rests out of the fight is not needed at these odds. */
  fight(enemy: string): void {
    for (let i = 0; i < 30; i++) {
      this.ok({ kind: 'attack', target: enemy });
      if (this.g.events.some((e) => e.type === 'enemy-defeated')) return;
      expect(this.g.events.some((e) => e.type === 'player-defeated')).toBe(false);
    }
    throw new Error(`${enemy} did not fall`);
  }
}

describe('a play-through of Vetrellis Isle', () => {
  it('gathers, crafts a tool, mines, forges a sword, levels up in a fight and heals with a potion', () => {
    const s = new Script();
    s.ok({ kind: 'join', name: 'Ana' });
    expect(s.g.player('ana').location).toBe(content.world.start);

    s.go('west'); // driftwood beach
    s.times(5, { kind: 'gather', target: 'driftwood-pile' });
    s.times(4, { kind: 'gather', target: 'shingle-bank' });
    expect([s.count('driftwood'), s.count('flint')]).toEqual([10, 4]);
    s.go('east', 'south'); // breakwater
    s.times(4, { kind: 'gather', target: 'kelp-bed' });
    s.times(2, { kind: 'gather', target: 'salt-crust' });
    s.times(2, { kind: 'craft', target: 'kelp-cord' });
    s.ok({ kind: 'craft', target: 'flint-pickaxe' });
    expect(s.count('flint-pickaxe')).toBe(1);

    s.go('north', 'west', 'north', 'east'); // copper cliffs
    s.ok({ kind: 'rest' });
    s.times(4, { kind: 'gather', target: 'copper-seam' });
    expect(s.count('copper-ore')).toBe(4);

    s.go('west', 'south', 'east', 'north', 'west'); // smithy
    s.ok({ kind: 'craft', target: 'copper-ingot', qty: 2 });
    s.ok({ kind: 'craft', target: 'copper-sword' });
    s.ok({ kind: 'equip', target: 'copper-sword' });
    expect(playerStats(content, s.g.player('ana')).attack).toBe(9);

    s.go('east', 'east'); // alchemist's house
    s.ok({ kind: 'craft', target: 'healing-draught' });
    expect(s.count('healing-draught')).toBe(1);

    s.go('west', 'south', 'west'); // the beach, where a tide crab waits
    s.fight('tide-crab');
    s.go('north'); // cliff path: a storm gull
    s.fight('storm-gull');
    s.go('east');
    s.fight('storm-gull');
    const ana = s.g.player('ana');
    expect(ana.level).toBe(2);

    s.g.state = { ...s.g.state, players: { ana: { ...ana, hp: 10 } } };
    s.ok({ kind: 'use', target: 'healing-draught' });
    expect(s.g.events[0]).toMatchObject({ type: 'consumed', item: 'healing-draught', hp: 15 });
    expect(s.g.player('ana').hp).toBe(25);
    expect(hashState(s.g.state)).toMatch(/^[0-9a-f]{64}$/);
  });
});
