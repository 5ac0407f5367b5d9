/**
 * HELP advertises only what the isle has: its examples come from the loaded content, and each
 * one is read by the rule parser as an action on a real thing (or a command it answers itself).
 */
import { describe, expect, it } from 'vitest';
import { scopeOf, type GameState } from '../../src/engine/index.ts';
import { apply, createWorld } from '../../src/engine/index.ts';
import type { Scope, ScopeEntity } from '../../src/engine/scope.ts';
import { RuleParser } from '../../src/parser/rule-parser.ts';
import { helpExamples, helpText } from '../../src/session/help.ts';
import { LocalWorld, memoryLogStore } from '../../src/session/local-world.ts';
import { Session } from '../../src/session/index.ts';
import { vetrellis } from '../golden/transcript.ts';

const content = vetrellis();

/** A scope where every item lies here (or is carried), every node, station and NPC is here, and a crab. */
function everythingScope(items: 'here' | 'carried' | 'worn'): Scope {
  const joined: GameState = apply(content, createWorld(content, 1), { id: 'j', player: 'ana', at: 0, action: { kind: 'join', name: 'Ana' } }).state;
  const base = scopeOf(content, { ...joined, players: { ...joined.players, ana: { ...joined.players['ana']!, level: 99 } } }, 'ana');
  const e = (id: string, kind: ScopeEntity['kind'], n: { name: string; aliases: readonly string[]; adjectives: readonly string[] }, where: ScopeEntity['where'], extra: Partial<ScopeEntity> = {}): ScopeEntity =>
    ({ id, kind, name: n.name, plural: `${n.name}s`, aliases: n.aliases, adjectives: n.adjectives, where, qty: 1, ...extra });
  const entities: ScopeEntity[] = [
    ...[...content.items.values()].map((i) => e(i.id, 'item', i, items, { ...(i.slot ? { slot: i.slot } : {}), ...(i.consumable ? { consumable: i.consumable.verb } : {}), ...(i.plural ? { plural: i.plural } : {}), qty: 3 })),
    ...[...content.nodes.values()].map((n) => e(n.id, 'node', n, 'here')),
    ...[...content.stations.values()].map((s) => e(s.id, 'station', s, 'here')),
    ...[...content.enemies.values()].filter((x) => x.id === 'tide-crab').map((x) => e(x.id, 'enemy', x, 'here')),
    ...[...content.npcs.values()].map((n) => e(n.id, 'npc', n, 'here')),
    ...base.entities.filter((x) => x.where === 'known'),
  ];
  return { ...base, exits: ['north', 'up', 'in'], entities };
}

describe('help', () => {
  it('every example parses to an action on a known thing', () => {
    const scopes = { here: everythingScope('here'), carried: everythingScope('carried'), worn: everythingScope('worn') };
    const known = new Set([...scopes.here.entities.map((x) => x.id), ...content.recipes.keys()]);
    const examples = helpExamples(content);
    expect(examples.length).toBeGreaterThan(15);
    for (const example of examples) {
      // Taking and gathering are tried with the things lying here, removing with them worn, the rest in the pack.
      const r = new RuleParser().parse(example, scopes[/^(take|gather)\b/.test(example) ? 'here' : /^remove\b/.test(example) ? 'worn' : 'carried']);
      expect(r.status, example).toBe('ok');
      expect(r.intents.length, example).toBeGreaterThan(0);
      for (const a of r.intents) {
        if ('target' in a && a.target !== undefined) expect(known.has(a.target) || /^(head|body|hands|feet|mainHand|offHand)$/.test(a.target), `${example}: ${a.target}`).toBe(true);
      }
    }
  });

  it('advertises nothing the isle lacks (the rope, the bread, the leather cap, spark)', async () => {
    let t = 0;
    const session = new Session(LocalWorld.open(content, memoryLogStore(1)), { name: 'Ana', clock: () => (t += 1) * 10_000 });
    session.start();
    const text = (await session.handle('help')).text;
    expect(text).toBe(helpText(content));
    for (const missing of ['rope', 'bread', 'leather cap', 'spark', 'copper pickaxe']) expect(text).not.toContain(missing);
    expect(text).toContain('take the kelp cord');
    expect(text).toContain('cast tide bolt at the crab');
    // Every zone, each with one article ("The Saltings" is not "the The Saltings").
    expect(text).toContain('exits lead between the Harbor, the Village, the Northern Coast, the Forest, the Saltings and the Blackfell Moor');
    expect(text).not.toMatch(/\bthe the\b/i);
  });
});
