// Issue 16: CRAFT narrows by what the player means before it asks. At the smithy, "craft copper"
// or "forge copper" with a copper nugget and driftwood in the pack is the copper ingot (the one
// recipe that could be made now); with ingots it asks among the things the ingots make now;
// with nothing it asks among the things named copper (not the machete, copper only by its blade).
import { describe, expect, it } from 'vitest';
import { loadContentDir } from '../../src/content/node-load.ts';
import { apply, createWorld, scopeOf, type GameState } from '../../src/engine/index.ts';
import { RuleParser } from '../../src/parser/rule-parser.ts';

const content = loadContentDir();
const joined = apply(content, createWorld(content, 1), { id: 'j', player: 'ana', at: 0, action: { kind: 'join', name: 'Ana' } }).state;

function parseAt(location: string, pack: Record<string, number>, text: string) {
  const p = joined.players['ana']!;
  const inventory = Object.entries(pack).map(([item, qty]) => ({ item, qty }));
  const state: GameState = { ...joined, players: { ...joined.players, ana: { ...p, location, inventory } } };
  const parser = new RuleParser();
  return { r: parser.parse(text, scopeOf(content, state, 'ana')), parser };
}

describe('craft narrows to what the player means', () => {
  it('with ore and driftwood at the smithy, craft/forge/make copper is the copper ingot', () => {
    for (const text of ['craft copper', 'forge copper', 'make copper']) {
      const { r } = parseAt('smithy', { 'copper-ore': 1, driftwood: 1 }, text);
      expect(r.intents, text).toEqual([{ kind: 'craft', target: 'copper-ingot' }]);
    }
  });

  it('with two ingots and a stick it asks only among the copper things they make now', () => {
    const { r, parser } = parseAt('smithy', { 'copper-ingot': 2, driftwood: 1 }, 'craft copper');
    expect(r.status).toBe('ambiguous');
    expect(r.text).toBe('Which do you mean, the copper helm or the copper sword?');
    // The answer to the question is the narrowed list's.
    expect(parser.parse('sword', scopeOf(content, joined, 'ana')).intents).toEqual([{ kind: 'craft', target: 'copper-sword' }]);
  });

  it('with nothing carried it asks among the things named copper, not the machete', () => {
    const { r } = parseAt('smithy', {}, 'craft copper');
    expect(r.text).toBe('Which do you mean, the copper helm, the copper ingot, the copper shield or the copper sword?');
  });

  it('craft sword at anvil and smelt ore still name their one recipe', () => {
    expect(parseAt('smithy', {}, 'craft sword at anvil').r.intents).toEqual([{ kind: 'craft', target: 'copper-sword' }]);
    expect(parseAt('smithy', { 'copper-ore': 1, driftwood: 1 }, 'craft ingot').r.intents).toEqual([{ kind: 'craft', target: 'copper-ingot' }]);
  });
});
