// Containers (rules/containers.ts): put in, take out (carry limits honoured), open, close, locks
// with keys, a capacity in grams, two players racing for the last thing in a chest, and the
// parser's PUT/TAKE FROM with ALL and ALL EXCEPT.
import { describe, expect, it } from 'vitest';
import { Location, type Content } from '../../src/content/schema.ts';
import { containerNow, hashState, scopeOf } from '../../src/engine/index.ts';
import { RuleParser } from '../../src/parser/rule-parser.ts';
import { fixture, Game } from './fixture.ts';

/** The fixture with a locked sea chest and an open crate on the dock. */
function withBoxes(): Content {
  const dock = fixture.locations.get('dock')!;
  const boxed = Location.parse({
    ...dock,
    containers: [
      {
        id: 'sea-chest', name: 'sea chest', aliases: ['chest'], description: 'A chest bound in brass.', lid: true, capacity: 4000,
        lock: { key: 'brass-key', locked: 'The chest is locked fast.', opened: 'The brass key turns with a click.' },
        items: [{ item: 'rope', qty: 1 }, { item: 'pebble', qty: 3 }],
      },
      { id: 'fish-crate', name: 'fish crate', aliases: ['crate'], description: 'An open crate that smells of the sea.', items: [{ item: 'boulder', qty: 1 }] },
    ],
  });
  return { ...fixture, locations: new Map([...fixture.locations, ['dock', boxed]]), version: 'fixture-boxes' };
}

function game(...names: string[]): Game {
  const g = new Game(withBoxes());
  for (const n of names) g.do(n, { kind: 'join', name: n });
  return g;
}

/** The intents the rule parser makes of `text` for `player` now. */
function parsed(g: Game, player: string, text: string) {
  return new RuleParser().parse(text, scopeOf(g.content, g.state, player)).intents;
}

describe('containers', () => {
  it('a locked chest opens only for someone carrying its key, and stays unlocked', () => {
    const g = game('ana', 'bo');
    g.do('ana', { kind: 'take', target: 'rope', from: 'sea-chest' });
    expect(g.refusal).toBe('take/closed');
    g.do('ana', { kind: 'open', target: 'sea-chest' });
    expect(g.refusal).toBe('open/locked');
    expect(g.events[0]).toMatchObject({ detail: { tool: 'brass-key' } });
    g.do('ana', { kind: 'move', dir: 'east' }); // the shed's door needs the key too: fetch it from the square
    g.state = { ...g.state, players: { ...g.state.players, ana: { ...g.player('ana'), location: 'dock', inventory: [{ item: 'brass-key', qty: 1 }] } } };
    g.do('ana', { kind: 'open', target: 'sea-chest' });
    expect(g.events[0]).toMatchObject({ type: 'container-opened', container: 'sea-chest', key: 'brass-key' });
    g.do('ana', { kind: 'close', target: 'sea-chest' });
    expect(g.events[0]).toMatchObject({ type: 'container-closed' });
    // Bo has no key, but the lock was undone for good.
    g.do('bo', { kind: 'open', target: 'sea-chest' });
    expect(g.refusal).toBeNull();
    g.do('bo', { kind: 'open', target: 'sea-chest' });
    expect(g.refusal).toBe('open/already');
    g.do('bo', { kind: 'close', target: 'fish-crate' });
    expect(g.refusal).toBe('close/no-lid');
  });

  it('puts an item in and another player takes it out: nothing made or lost', () => {
    const g = game('ana', 'bo');
    g.do('ana', { kind: 'take', target: 'driftwood', qty: 2 });
    g.do('ana', { kind: 'put', target: 'driftwood', in: 'fish-crate', qty: 2 });
    expect(g.events[0]).toMatchObject({ type: 'put', item: 'driftwood', qty: 2, container: 'fish-crate' });
    expect(g.player('ana').inventory).toEqual([]);
    expect(containerNow(g.content, g.state, 'fish-crate')!.items).toEqual({ boulder: 1, driftwood: 2 });
    g.do('bo', { kind: 'take', target: 'driftwood', from: 'fish-crate', qty: 2 });
    expect(g.events[0]).toMatchObject({ type: 'took', item: 'driftwood', qty: 2, from: 'fish-crate' });
    expect(g.player('bo').inventory).toEqual([{ item: 'driftwood', qty: 2 }]);
    expect(containerNow(g.content, g.state, 'fish-crate')!.items).toEqual({ boulder: 1 });
    g.do('bo', { kind: 'take', target: 'driftwood', from: 'fish-crate' });
    expect(g.refusal).toBe('take/not-in');
    g.do('bo', { kind: 'put', target: 'rope', in: 'fish-crate' });
    expect(g.refusal).toBe('put/not-carried');
    g.do('bo', { kind: 'put', target: 'driftwood', in: 'cellar-barrel' });
    expect(g.refusal).toBe('put/no-container');
  });

  it('taking out honours the weight limit and the pack slots, and leaves the item inside', () => {
    const g = game('ana');
    g.do('ana', { kind: 'take', target: 'boulder', from: 'fish-crate' });
    expect(g.refusal).toBe('take/too-heavy');
    expect(g.events[0]).toMatchObject({ detail: { item: 'boulder', overBy: 10_000, limit: 10_000 } });
    expect(containerNow(g.content, g.state, 'fish-crate')!.items).toEqual({ boulder: 1 });
    // Five slots: fill them, then the chest's pebbles have nowhere to go.
    g.state = { ...g.state, players: { ...g.state.players, ana: { ...g.player('ana'), inventory: [
      { item: 'brass-key', qty: 1 }, { item: 'potion', qty: 1 }, { item: 'bread', qty: 1 }, { item: 'hammer', qty: 1 }, { item: 'driftwood', qty: 1 },
    ] } } };
    g.do('ana', { kind: 'open', target: 'sea-chest' });
    g.do('ana', { kind: 'take', target: 'pebble', from: 'sea-chest' });
    expect(g.refusal).toBe('take/no-slots');
    expect(containerNow(g.content, g.state, 'sea-chest')!.items).toEqual({ pebble: 3, rope: 1 });
  });

  it('a chest holds no more than its capacity, and nothing goes in or out while it is shut', () => {
    const g = game('ana');
    g.state = { ...g.state, players: { ...g.state.players, ana: { ...g.player('ana'), inventory: [{ item: 'brass-key', qty: 1 }, { item: 'iron-ingot', qty: 1 }] } } };
    g.do('ana', { kind: 'put', target: 'iron-ingot', in: 'sea-chest' });
    expect(g.refusal).toBe('put/closed');
    g.do('ana', { kind: 'open', target: 'sea-chest' });
    g.do('ana', { kind: 'put', target: 'iron-ingot', in: 'sea-chest' }); // 4000 g + a rope and pebbles > 4000 g
    expect(g.refusal).toBe('put/full');
    expect(g.events[0]).toMatchObject({ detail: { overBy: 1030, limit: 4000 } });
  });

  it('of two players taking the last rope in one turn, exactly one gets it', () => {
    const g = game('ana', 'bo');
    g.state = { ...g.state, players: { ...g.state.players, ana: { ...g.player('ana'), inventory: [{ item: 'brass-key', qty: 1 }] } } };
    g.do('ana', { kind: 'open', target: 'sea-chest' });
    g.do('bo', { kind: 'take', target: 'rope', from: 'sea-chest' });
    g.do('ana', { kind: 'take', target: 'rope', from: 'sea-chest' });
    expect(g.refusal).toBe('take/not-in');
    expect(g.player('bo').inventory).toEqual([{ item: 'rope', qty: 1 }]);
  });

  it('a chest nobody touched stores nothing: a new world hashes as before', () => {
    expect(hashState(game('ana').state)).toBe(hashState(joinedPlain()));
  });
});

function joinedPlain() {
  const g = new Game();
  g.do('ana', { kind: 'join', name: 'ana' });
  return g.state;
}

describe('the parser and containers', () => {
  function opened() {
    const g = game('ana');
    g.state = { ...g.state, players: { ...g.state.players, ana: { ...g.player('ana'), inventory: [{ item: 'brass-key', qty: 1 }] } } };
    g.do('ana', { kind: 'open', target: 'sea-chest' });
    return g;
  }

  it('TAKE ALL FROM and TAKE ALL EXCEPT ... FROM name what is inside', () => {
    const g = opened();
    expect(parsed(g, 'ana', 'take all from the chest')).toEqual([
      { kind: 'take', target: 'pebble', qty: 3, from: 'sea-chest' }, { kind: 'take', target: 'rope', from: 'sea-chest' },
    ]);
    expect(parsed(g, 'ana', 'take everything except the rope from chest')).toEqual([{ kind: 'take', target: 'pebble', qty: 3, from: 'sea-chest' }]);
    expect(parsed(g, 'ana', 'get the rope out of the sea chest')).toEqual([{ kind: 'take', target: 'rope', from: 'sea-chest' }]);
  });

  it('PUT ALL IN, OPEN, UNLOCK and CLOSE', () => {
    const g = opened();
    g.do('ana', { kind: 'take', target: 'driftwood', qty: 3 });
    expect(parsed(g, 'ana', 'put all in the crate')).toEqual([
      { kind: 'put', target: 'brass-key', in: 'fish-crate' }, { kind: 'put', target: 'driftwood', qty: 3, in: 'fish-crate' },
    ]);
    expect(parsed(g, 'ana', 'put all except key into the crate')).toEqual([{ kind: 'put', target: 'driftwood', qty: 3, in: 'fish-crate' }]);
    expect(parsed(g, 'ana', 'close the chest')).toEqual([{ kind: 'close', target: 'sea-chest' }]);
    expect(parsed(g, 'ana', 'unlock chest with brass key')).toEqual([{ kind: 'open', target: 'sea-chest' }]);
  });

  it('LOOK IN the chest examines it; a shut chest says so', () => {
    const g = game('ana');
    expect(parsed(g, 'ana', 'look in the chest')).toEqual([{ kind: 'examine', target: 'sea-chest' }]);
    const r = new RuleParser().parse('take rope from chest', scopeOf(g.content, g.state, 'ana'));
    expect(r.intents).toEqual([]);
    expect(r.text).toBe('The sea chest is shut.');
  });
});
