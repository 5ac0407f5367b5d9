/**
 * Sensible random play for tests and benchmarks: from a player's scope, the actions that make
 * sense now (take what is here, gather nodes here, fight enemies here, craft, equip, move ...),
 * so most of them are accepted. Works on any content (the fixture or content/vetrellis).
 *
 *   const options = candidates(content, state, 'ana', ['ana', 'bo']);
 *   const log = validLog(content, 42, 100_000, ['p1', 'p2', 'p3', 'p4']); // accepted intents only
 */
import type { Content } from '../../src/content/schema.ts';
import type { Action, EngineIntent } from '../../src/engine/action.ts';
import { apply, createRng, createWorld, rngInt, scopeOf } from '../../src/engine/index.ts';
import type { GameState } from '../../src/engine/index.ts';

export function candidates(content: Content, s: GameState, player: string, players: readonly string[]): Action[] {
  if (!s.players[player]) return [{ kind: 'join', name: player }];
  const scope = scopeOf(content, s, player);
  const list: Action[] = [{ kind: 'wait' }, { kind: 'rest' }, { kind: 'look' }];
  for (const dir of scope.exits) list.push({ kind: 'move', dir }, { kind: 'move', dir });
  for (const e of scope.entities) {
    if (e.kind === 'item' && e.where === 'here') list.push({ kind: 'take', target: e.id }, { kind: 'take', target: e.id, qty: e.qty });
    if (e.kind === 'item' && e.where === 'carried') {
      list.push({ kind: 'drop', target: e.id }, { kind: 'use', target: e.id });
      if (e.slot) list.push({ kind: 'equip', target: e.id }, { kind: 'equip', target: e.id });
      for (const other of players) list.push({ kind: 'give', target: e.id, to: other, qty: e.qty });
    }
    if (e.kind === 'item' && e.where === 'worn') list.push({ kind: 'unequip', target: e.id });
    if (e.kind === 'node') list.push({ kind: 'gather', target: e.id }, { kind: 'gather', target: e.id }, { kind: 'gather', target: e.id });
    if (e.kind === 'enemy') {
      for (let k = 0; k < 4; k++) list.push({ kind: 'attack', target: e.id });
      for (const sk of content.skills.keys()) list.push({ kind: 'attack', target: e.id, with: sk });
    }
    if (e.kind === 'npc') {
      list.push({ kind: 'talk', target: e.id });
      for (const topic of content.npcs.get(e.id)?.topics ?? []) list.push({ kind: 'talk', target: e.id, topic: topic.keywords[0]! });
    }
    if (e.kind === 'recipe') list.push({ kind: 'craft', target: e.id }, { kind: 'craft', target: e.id });
    if (e.kind === 'skill') list.push({ kind: 'use', target: e.id });
    if (e.kind === 'scenery' || e.kind === 'player') list.push({ kind: 'examine', target: e.id });
  }
  return list;
}

/** A log of `count` intents that were all accepted, played by `players` from a fresh world. */
export function validLog(content: Content, seed: number, count: number, players: readonly string[]): EngineIntent[] {
  const rng = createRng(seed);
  let s = createWorld(content, seed);
  const log: EngineIntent[] = [];
  let at = 0;
  let n = 0;
  while (log.length < count) {
    const player = players[rngInt(rng, players.length)]!;
    const options = candidates(content, s, player, players);
    at += rngInt(rng, 3000);
    for (let tries = 0; tries < 8; tries++) {
      const intent: EngineIntent = { id: `g${n++}`, player, at, action: options[rngInt(rng, options.length)]! };
      const r = apply(content, s, intent);
      if (r.events[0]?.type !== 'refused') {
        s = r.state;
        log.push(intent);
        break;
      }
    }
  }
  return log;
}
