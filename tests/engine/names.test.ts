// Names are unique among the players of a state as a reader sees them: a second "Ana", "ANA",
// "ａｎａ" (fullwidth) or "Аna" (a Cyrillic A) joins under a numbered name and is told so, and
// nobody can rename themselves to a name another player here holds.
import { describe, expect, it } from 'vitest';
import { Action } from '../../src/engine/action.ts';
import { nameKeys, namesCollide } from '../../src/engine/name-key.ts';
import { Game } from './fixture.ts';

function join(g: Game, id: string, name: string) {
  return g.do(id, Action.parse({ kind: 'join', name }));
}

describe('unique names', () => {
  for (const second of ['Ana', 'ANA', 'Ana ', 'ａｎａ', '\u0410na', 'An\u0430', '𝐀na']) {
    it(`a second player asking for ${JSON.stringify(second)} joins as a numbered name, told so`, () => {
      const g = new Game();
      join(g, 'p1', 'Ana');
      const events = join(g, 'p2', second);
      const asked = second.trim();
      expect(events).toEqual([{ type: 'joined', name: `${asked} 2`, asked, player: 'p2', location: g.content.world.start }]);
      expect(g.player('p2').name).toBe(`${asked} 2`);
      expect(g.player('p1').name).toBe('Ana');
    });
  }

  it('a third takes the next free number, and a name cut to fit stays unique', () => {
    const g = new Game();
    join(g, 'p1', 'Ana');
    join(g, 'p2', 'Ana');
    join(g, 'p3', 'ana');
    expect(g.player('p3').name).toBe('ana 3');
    const long = 'Anastasia of the Windswept Quays';
    join(g, 'p4', long);
    join(g, 'p5', long);
    expect(g.player('p5').name).toBe('Anastasia of the Windswept Qua 2');
    expect(g.player('p5').name.length).toBeLessThanOrEqual(32);
  });

  it('a name nobody holds joins as asked, with no note', () => {
    const g = new Game();
    join(g, 'p1', 'Ana');
    expect(join(g, 'p2', 'Anna')).toEqual([{ type: 'joined', name: 'Anna', player: 'p2', location: g.content.world.start }]);
  });

  it('a rename to a name another player holds is refused and changes nothing', () => {
    const g = new Game();
    join(g, 'p1', 'Ana');
    join(g, 'p2', 'Bo');
    for (const name of ['Ana', 'aNA', '\u0410n\u0430', 'ａｎａ']) {
      const before = g.state;
      g.do('p2', Action.parse({ kind: 'name', name }));
      expect(g.refusal).toBe('name/taken');
      expect(g.events[0]).toMatchObject({ type: 'refused', reason: 'name/taken', detail: { target: 'p1' } });
      expect(g.state).toBe(before);
    }
    expect(g.player('p2').name).toBe('Bo');
  });

  it('a player may change the case of their own name, and take a name nobody holds', () => {
    const g = new Game();
    join(g, 'p1', 'Ana');
    join(g, 'p2', 'Bo');
    g.do('p1', { kind: 'name', name: 'ANA' });
    expect(g.refusal).toBeNull();
    g.do('p2', { kind: 'name', name: 'Bea' });
    expect(g.player('p2').name).toBe('Bea');
  });

  it('looks names up by what a reader sees, not by code points', () => {
    expect(namesCollide('Bill', 'BiII')).toBe(true);
    expect(namesCollide('Mira', 'MIRA')).toBe(true);
    expect(namesCollide('Ana', 'A\u0301na')).toBe(false);
    expect(namesCollide('Ána', 'A\u0301na')).toBe(true);
    expect(namesCollide('Мира', 'Mira')).toBe(false);
    expect(namesCollide('Ana Bel', 'Ana  Bel')).toBe(true);
    expect(nameKeys('李小龙')).toEqual(['李小龙']);
  });
});
