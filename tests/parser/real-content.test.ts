// The rule parser over the real Vetrellis content (content/vetrellis via scopeOf): every thing a
// player can see, carry or craft answers to its name and to each alias (alone, or as one of the
// candidates of a question), so content authors learn here when two names collide.
import { describe, expect, it } from 'vitest';
import { loadContentDir } from '../../src/content/node-load.ts';
import { apply, createWorld, scopeOf, type GameState } from '../../src/engine/index.ts';
import type { Scope, ScopeEntity } from '../../src/engine/scope.ts';
import { RuleParser } from '../../src/parser/rule-parser.ts';

const content = loadContentDir();
const joined = apply(content, createWorld(content, 1), { id: 'j', player: 'ana', at: 0, action: { kind: 'join', name: 'Ana' } }).state;

function scopeAt(location: string): Scope {
  const p = joined.players['ana']!;
  const state: GameState = { ...joined, players: { ...joined.players, ana: { ...p, location } } };
  return scopeOf(content, state, 'ana');
}

/** `examine <words>` names `e`: directly, or as one of the candidates it asks about. */
function names(words: string, e: ScopeEntity, scope: Scope): boolean {
  const verb = e.kind === 'recipe' ? 'craft' : e.kind === 'skill' ? 'cast' : 'examine';
  const parser = new RuleParser();
  const r = parser.parse(`${verb} ${words}`, scope);
  if (r.intents.some((a) => ('target' in a && a.target === e.id) || (a.kind === 'use' && a.target === e.id) || (a.kind === 'attack' && a.with === e.id))) return true;
  // A skill that strikes is cast at an enemy: asked at which, or told there is none here to cast it at.
  if (e.kind === 'skill' && e.strikes && (parser.state.pending?.template.includes(`#${e.id} `) || r.text === `There is nothing here to cast the ${e.name} at.`)) return true;
  if (r.status === 'ambiguous') return parser.state.pending?.candidates.includes(e.id) ?? false;
  return false;
}

describe('rule parser over the real content', () => {
  it('every entity in every location answers to its name and aliases', () => {
    const missed: string[] = [];
    let checked = 0;
    for (const loc of content.locations.keys()) {
      const scope = scopeAt(loc);
      for (const e of scope.entities) {
        if (e.kind === 'player') continue;
        for (const n of [e.name, ...e.aliases]) {
          checked++;
          if (!names(n.toLowerCase(), e, scope)) missed.push(`${loc}: "${n}" does not name ${e.kind} ${e.id}`);
        }
      }
    }
    console.log(`real content: ${checked} names checked across ${content.locations.size} locations, ${missed.length} missed`);
    expect(missed).toEqual([]);
  });

  it('can walk every exit of every location by its direction', () => {
    for (const [id, loc] of content.locations) {
      const scope = scopeAt(id);
      for (const exit of loc.exits) {
        expect(new RuleParser().parse(`go ${exit.dir}`, scope).intents).toEqual([{ kind: 'move', dir: exit.dir }]);
      }
    }
  });
});

describe('things that work, on the real content', () => {
  it('PULL, HAUL ON, TURN, CRANK, LIFT, PUSH and USE a thing that works are a use of it; a thing that does not stays a reply', () => {
    const cases: [string, string, string][] = [
      ['mine-mouth', 'pull the lever', 'adit-lever'],
      ['mine-mouth', 'haul on the adit lever', 'adit-lever'],
      ['mine-mouth', 'use lever', 'adit-lever'],
      ['old-mine', 'turn the sluice wheel', 'sluice-wheel'],
      ['old-mine', 'crank the wheel', 'sluice-wheel'],
      ['old-mine', 'push the wheel', 'sluice-wheel'],
      ['deep-workings', 'lift the fallen prop', 'fallen-prop'],
      ['deep-workings', 'heave the prop up', 'fallen-prop'],
      ['deep-workings', 'raise the beam', 'fallen-prop'],
    ];
    for (const [loc, line, target] of cases) {
      const r = new RuleParser().parse(line, scopeAt(loc));
      expect(r.intents, `${loc}> ${line}: ${r.text}`).toEqual([{ kind: 'use', target }]);
    }
    const still = new RuleParser().parse('pull the gate', scopeAt('mine-mouth'));
    expect(still.intents).toEqual([]);
    expect(still.text).toBe('You pull the gate, but nothing happens.');
    expect(new RuleParser().parse('lift the timbers', scopeAt('mine-mouth')).text).toBe("You can't lift the timbers.");
  });
});
