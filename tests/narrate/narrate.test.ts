/**
 * Narration as players read it: second person for your own deeds, third person for what you
 * saw others do, silence for what happened elsewhere, and rooms described in sentences.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { describeRoom, narrateEvents, plainText } from '../../src/narrate/index.ts';
import { describeInventory } from '../../src/narrate/details.ts';
import { narrateRevision } from '../../src/narrate/revision.ts';
import { fixture, Game } from '../engine/fixture.ts';
import { loadLaterProse } from '../../src/narrate/later-prose.ts';

// Refusals, own deeds and others' are told by prose loaded after the first paint (later-prose.ts), as in the app.
beforeAll(() => loadLaterProse());

function seen(game: Game, viewer: string): string {
  return plainText(narrateEvents(fixture, game.state, game.events, viewer, game.at));
}

function threePlayers(): Game {
  const game = new Game();
  game.do('ana', { kind: 'join', name: 'Ana' });
  game.do('bo', { kind: 'join', name: 'Bo' });
  game.do('cy', { kind: 'join', name: 'Cy' });
  game.do('cy', { kind: 'move', dir: 'north' });
  return game;
}

describe('narration of events', () => {
  it('tells the actor in second person and a witness in third person', () => {
    const game = threePlayers();
    game.do('ana', { kind: 'gather', target: 'driftwood-pile' });
    expect(seen(game, 'ana')).toBe('You gather a driftwood from the driftwood pile.');
    expect(seen(game, 'bo')).toBe('Ana gathers a driftwood from the driftwood pile.');
    expect(seen(game, 'cy')).toBe('');
  });

  it('counts in words and uses plurals', () => {
    const game = threePlayers();
    game.do('ana', { kind: 'take', target: 'pebble', qty: 3 });
    expect(seen(game, 'ana')).toBe('You take the three pebbles.');
    expect(seen(game, 'bo')).toBe('Ana takes three pebbles.');
  });

  it('shows departures and arrivals from both sides', () => {
    const game = threePlayers();
    game.do('ana', { kind: 'move', dir: 'north' });
    expect(seen(game, 'bo')).toBe('Ana goes north.');
    expect(seen(game, 'cy')).toBe('Ana arrives from the south.');
    const own = seen(game, 'ana');
    expect(own.split('\n').slice(0, 2)).toEqual(['You go north.', 'Square']);
    expect(own).toContain('Cy is here.');
  });

  it('lets speech carry across the zone and says where it came from', () => {
    const game = threePlayers();
    game.do('bo', { kind: 'move', dir: 'down' }); // cave, same zone as the dock
    game.do('ana', { kind: 'say', text: 'Anyone down there?' });
    expect(seen(game, 'ana')).toBe('You say, "Anyone down there?"');
    expect(seen(game, 'bo')).toBe('Ana says from the Dock, "Anyone down there?"');
    expect(seen(game, 'cy')).toBe(''); // the square is in another zone
  });

  it('says which limit a refusal hit and by how much', () => {
    const game = new Game();
    game.do('ana', { kind: 'join', name: 'Ana' });
    game.do('ana', { kind: 'move', dir: 'north' });
    game.do('ana', { kind: 'take', target: 'boulder' });
    expect(seen(game, 'ana')).toBe('The boulder would put you 10.0 kg over your carrying limit of 10.0 kg.');
  });

  it('lists exactly what a recipe still needs', () => {
    const game = new Game();
    game.do('ana', { kind: 'join', name: 'Ana' });
    game.do('ana', { kind: 'take', target: 'driftwood', qty: 1 });
    game.do('ana', { kind: 'craft', target: 'forge-sword' });
    expect(seen(game, 'ana')).toBe(
      "You can't make that yet: you need two copper ores, a hammer at hand and to be at the anvil (in the Square).",
    );
  });

  it('never shows another player the actor\'s refusals', () => {
    const game = threePlayers();
    game.do('ana', { kind: 'move', dir: 'west' });
    expect(seen(game, 'ana')).toContain("You can't go west");
    expect(seen(game, 'bo')).toBe('');
  });
});

describe('room descriptions', () => {
  it('describe what is here in sentences, with exits last', () => {
    const game = threePlayers();
    const text = plainText(describeRoom(fixture, game.state, 'ana', game.at));
    const lines = text.split('\n');
    expect(lines[0]).toBe('Dock');
    expect(text).toContain('You see a brass key, three driftwoods, nine pebbles and a rope here.');
    expect(text).toContain('You could gather driftwoods from a driftwood pile (3 left).');
    expect(text).toContain('Archon is here.');
    expect(text).toContain('Bo is here.');
    expect(lines[lines.length - 1]).toBe('You can go north, east (locked) or down.');
  });

  it('tell players who are playing from those who left, when presence is known', () => {
    const game = threePlayers();
    game.do('dee', { kind: 'join', name: 'Dee' });
    game.do('eli', { kind: 'join', name: 'Eli' });
    const here = (awake?: ReadonlySet<string>) =>
      describeRoom(fixture, game.state, 'ana', game.at, awake).filter((l) => /\b(Bo|Dee|Eli)\b/.test(l.text)).map((l) => l.text);
    // No presence (a single-player world): everyone present is simply here.
    expect(here()).toEqual(['Bo, Dee and Eli are here.']);
    expect(here(new Set(['bo', 'dee', 'eli']))).toEqual(['Bo, Dee and Eli are here.']);
    expect(here(new Set(['dee']))).toEqual(['Dee is here.', 'Bo and Eli are here, fast asleep.']);
    expect(here(new Set(['bo', 'eli', 'cy']))).toEqual(['Bo and Eli are here.', 'Dee is here, fast asleep.']);
    // Nobody playing; the viewer is never among the sleepers, even absent from the set.
    expect(here(new Set())).toEqual(['Bo, Dee and Eli are here, fast asleep.']);
    expect(plainText(describeRoom(fixture, game.state, 'ana', game.at, new Set()))).not.toMatch(/Ana/);
  });

  it('describe a sleeper on entering a room, too', () => {
    const game = threePlayers();
    game.do('ana', { kind: 'move', dir: 'north' });
    const own = plainText(narrateEvents(fixture, game.state, game.events, 'ana', game.at, new Set(['bo'])));
    expect(own).toContain('Cy is here, fast asleep.');
    expect(plainText(narrateEvents(fixture, game.state, game.events, 'ana', game.at, new Set(['cy'])))).toContain('Cy is here.');
  });

  it('name the rooms you know on the way out', () => {
    const game = threePlayers();
    game.do('ana', { kind: 'move', dir: 'north' });
    game.do('ana', { kind: 'move', dir: 'south' });
    const text = plainText(describeRoom(fixture, game.state, 'ana', game.at));
    expect(text.split('\n').pop()).toBe('You can go north to the Square, east (locked) or down.');
  });
});

describe('inventory', () => {
  it('says a weapon is held and a coat worn', () => {
    const game = threePlayers();
    game.do('ana', { kind: 'move', dir: 'north' });
    game.do('ana', { kind: 'move', dir: 'west' });
    game.do('ana', { kind: 'take', target: 'copper-sword' });
    game.do('ana', { kind: 'equip', target: 'copper-sword' });
    expect(plainText(describeInventory(fixture, game.state, 'ana'))).toContain('You are holding a copper sword (main hand).');
    const ana = game.state.players['ana']!;
    const dressed = { ...game.state, players: { ...game.state.players, ana: { ...ana, equipment: { ...ana.equipment, body: 'cloth-shirt' } } } };
    expect(plainText(describeInventory(fixture, dressed, 'ana'))).toContain('You are wearing a cloth shirt (body) and holding a copper sword (main hand).');
  });
});

describe('revisions', () => {
  it('say who reached a thing first and what left your pack', () => {
    const game = threePlayers();
    const took = game.do('bo', { kind: 'take', target: 'rope' });
    const lines = narrateRevision(fixture, game.state, {
      causes: [{ player: 'bo', events: took }],
      disappeared: [{ type: 'took', player: 'ana', location: 'dock', item: 'rope', qty: 1 }],
      appeared: [{ type: 'refused', player: 'ana', location: 'dock', kind: 'take', reason: 'take/not-here', detail: { item: 'rope' } }],
      inventory: [{ item: 'rope', delta: -1 }],
    }, 'ana');
    expect(plainText(lines)).toBe('Bo reached the rope first; the rope is no longer in your pack.');
    expect(lines.every((l) => l.style === 'revision')).toBe(true);
  });

  it('count what left in words', () => {
    const game = threePlayers();
    const took = game.do('bo', { kind: 'gather', target: 'driftwood-pile' });
    const text = plainText(narrateRevision(fixture, game.state, {
      causes: [{ player: 'bo', events: took }], disappeared: [], appeared: [], inventory: [{ item: 'pebble', delta: -3 }],
    }, 'ana'));
    expect(text).toBe('Bo got to the driftwood pile first; the three pebbles are no longer in your pack.');
  });

  it('fall back to the refusal that now stands when no one is to blame by name', () => {
    const game = threePlayers();
    const text = plainText(narrateRevision(fixture, game.state, {
      causes: [], disappeared: [{ type: 'took', player: 'ana', location: 'dock', item: 'rope', qty: 1 }],
      appeared: [{ type: 'refused', player: 'ana', location: 'dock', kind: 'take', reason: 'take/not-here', detail: { item: 'rope' } }],
      inventory: [],
    }, 'ana'));
    expect(text).toBe('What you did a moment ago did not happen after all: There is no rope here (any more).');
  });

  it('say a trade that did not stand, or stood after all, as a trade, naming the other side from the roster when they have gone', () => {
    const game = threePlayers();
    const traded = { type: 'traded', player: 'ana', location: 'dock', with: 'zed', gave: { items: [{ item: 'pebble', qty: 1 }], coin: 0 }, got: { items: [{ item: 'rope', qty: 1 }], coin: 0 } } as const;
    const undone = plainText(narrateRevision(fixture, game.state, {
      causes: [], disappeared: [traded],
      appeared: [{ type: 'refused', player: 'ana', location: 'dock', kind: 'accept', reason: 'trade/no-offer', detail: { target: 'zed' } }],
      inventory: [{ item: 'rope', delta: -1 }, { item: 'pebble', delta: 1 }],
    }, 'ana', (p) => (p === 'zed' ? 'Zed' : undefined)));
    expect(undone).toBe('Your trade with Zed did not stand; the rope is no longer in your pack and you have a pebble after all.');
    const made = plainText(narrateRevision(fixture, game.state, {
      causes: [], disappeared: [], appeared: [{ ...traded, player: 'bo', with: 'ana' }], inventory: [{ item: 'rope', delta: -1 }, { item: 'pebble', delta: 1 }],
    }, 'ana'));
    expect(made).toBe('Bo had accepted your offer; the rope is no longer in your pack and you have a pebble after all.');
  });
});
