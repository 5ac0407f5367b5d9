/**
 * Plays one command at a time through a kept shared world's session and checks, after every
 * command, what a player would notice: an answer (never status 'error', never silence), their
 * character still there, in the zone its location belongs to, every player state valid for the
 * engine's schema; and after every zone crossing, the character in the zone the exit leads to
 * with exactly what it carried (the move's own rules aside: effects tick, SP comes back, a fight
 * left behind strikes once). Reopening checks the same character comes back where it was.
 *
 *   const driver = new PlayDriver(kept, prng(seed));
 *   await driver.command({ kind: 'move', dir: 'north' });
 *   driver.coverage   // what the play reached: action kinds, borders, gifts, slots, effects ...
 */
import { expect } from 'vitest';
import type { Content, Slot } from '../../src/content/schema.ts';
import { apply, scopeOf, type Action, type GameEvent, type GameState, type PlayerState as PlayerStateType } from '../../src/engine/index.ts';
import { PlayerState } from '../../src/engine/player-state.ts';
import { commandFor } from '../../src/parser/command-text.ts';
import type { Reply } from '../../src/session/index.ts';
import { crossingTarget } from '../../src/sync/replica/crossing.ts';
import type { KeptWorld } from './kept-world.ts';
import { pause } from './kept-world.ts';
import { borderName, type Border } from './isle-plan.ts';

export interface Rnd {
  next(): number;
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
}

export interface Coverage {
  commands: number;
  /** Accepted actions by kind (the rules did not refuse them). */
  readonly accepted: Map<string, number>;
  /** Refusals by reason (the rules, or the world: "still loading"). */
  readonly refused: Map<string, number>;
  readonly statuses: Map<string, number>;
  /** Zone crossings by border, completed (the player arrived). */
  readonly borders: Map<string, number>;
  /** Crossings that fled a fight (the enemy's parting blow rolls dice). */
  fleeingCrossings: number;
  readonly gifts: Set<string>;
  readonly slots: Set<Slot>;
  readonly effects: Set<string>;
  readonly crafted: Set<string>;
  readonly consumed: Set<string>;
  readonly defeated: Set<string>;
  levelUps: number;
  maxLevel: number;
  playerDefeats: number;
  reopens: number;
  /** Lines the rule parser read as another action than the one meant (natural phrasings). */
  parserMismatches: number;
  /** Commands refused with "still loading" and typed again a moment later. */
}

export function newCoverage(): Coverage {
  return {
    commands: 0, accepted: new Map(), refused: new Map(), statuses: new Map(), borders: new Map(), fleeingCrossings: 0,
    gifts: new Set(), slots: new Set(), effects: new Set(), crafted: new Set(), consumed: new Set(), defeated: new Set(),
    levelUps: 0, maxLevel: 1, playerDefeats: 0, reopens: 0, parserMismatches: 0,
  };
}

export function mergeCoverage(into: Coverage, c: Coverage): void {
  const add = (m: Map<string, number>, from: Map<string, number>): void => {
    for (const [k, v] of from) m.set(k, (m.get(k) ?? 0) + v);
  };
  into.commands += c.commands;
  add(into.accepted, c.accepted);
  add(into.refused, c.refused);
  add(into.statuses, c.statuses);
  add(into.borders, c.borders);
  into.fleeingCrossings += c.fleeingCrossings;
  for (const k of ['gifts', 'slots', 'effects', 'crafted', 'consumed', 'defeated'] as const) for (const v of c[k]) (into[k] as Set<string>).add(v);
  into.levelUps += c.levelUps;
  into.maxLevel = Math.max(into.maxLevel, c.maxLevel);
  into.playerDefeats += c.playerDefeats;
  into.reopens += c.reopens;
  into.parserMismatches += c.parserMismatches;
}

/** What the session says when a zone is not loaded yet (the sync layer's `sync/zone-loading`). */
export const STILL_LOADING = 'still loading';

const bump = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);

const SHORT_DIRS: Readonly<Record<string, string>> = {
  north: 'n', south: 's', east: 'e', west: 'w', up: 'u', down: 'd', northeast: 'ne', northwest: 'nw', southeast: 'se', southwest: 'sw',
};

/** What a player might type for `action`: `#id` commands (exact), or entity names as a person types them. */
export function textFor(content: Content, action: Action, state: GameState, player: string, rnd: Rnd): string {
  if (action.kind === 'move') return rnd.pick([action.dir, `go ${action.dir}`, SHORT_DIRS[action.dir] ?? action.dir]);
  const exact = commandFor(action);
  if (!rnd.chance(0.3)) return exact;
  const names = new Map<string, string>();
  for (const e of scopeOf(content, state, player).entities) if (!names.has(e.id)) names.set(e.id, e.kind === 'player' ? e.name : `the ${e.name}`);
  return exact.replace(/#([a-z0-9-]+)/g, (m, id: string) => names.get(id) ?? m);
}

export class PlayDriver {
  readonly coverage = newCoverage();
  /** The last commands and replies, for failure messages. */
  readonly #log: string[] = [];

  constructor(readonly kept: KeptWorld, readonly rnd: Rnd, readonly label = '') {}

  /** The recent transcript, for a failure message. */
  transcript(lines = 30): string {
    return this.#log.slice(-lines).join('\n');
  }

  #why(what: string): string {
    return `${this.label}: ${what}\n--- last commands ---\n${this.transcript()}`;
  }

  get me(): PlayerStateType {
    const me = this.kept.me;
    expect(me, this.#why('the character is missing from the world')).toBeDefined();
    return me!;
  }

  /** Types the command for `action` (or `text`), waits as a player would, and checks what the world did. */
  async command(action: Action, text?: string): Promise<Reply> {
    const kept = this.kept;
    const before = kept.state;
    const meBefore = this.me;
    const typed = text ?? textFor(kept.content, action, before, kept.player, this.rnd);
    kept.takeEvents();
    const reply = await kept.session.handle(typed);
    await pause();
    // A world kept on this disk has nothing to wait for: the session waits for the zones it loads.
    expect(reply.text, this.#why('a kept world asked the player to try again later')).not.toContain(STILL_LOADING);
    const events = kept.takeEvents();
    this.#log.push(`> ${typed}   [${JSON.stringify(reply.intents)} ${reply.status}]`, reply.text.slice(0, 400));
    this.coverage.commands++;
    bump(this.coverage.statuses, reply.status);

    expect(kept.errors, this.#why(`a failure inside the world: ${String(kept.errors[0])}`)).toEqual([]);
    expect(reply.status, this.#why(`"${typed}" answered with status error`)).not.toBe('error');
    expect(reply.text.trim().length, this.#why(`"${typed}" got no answer`)).toBeGreaterThan(0);
    const me = this.me;
    expect(kept.content.locations.get(me.location)?.zone, this.#why('the character stands outside the zone the world is in')).toBe(kept.zone);
    this.#checkSchema();

    if (reply.intents.length === 1 && JSON.stringify(reply.intents[0]) !== JSON.stringify(action) && text === undefined) this.coverage.parserMismatches++;
    this.#note(reply, events, me);
    const move = reply.intents.length === 1 && reply.intents[0]!.kind === 'move' ? reply.intents[0] : null;
    if (move) {
      const target = crossingTarget(kept.content, meBefore.location, move.dir);
      if (target) this.#checkCrossing(before, meBefore, { from: meBefore.location, dir: move.dir, to: target.to, fromZone: kept.content.locations.get(meBefore.location)!.zone, toZone: target.zone }, reply, events);
    }
    return reply;
  }

  #checkSchema(): void {
    for (const [id, p] of Object.entries(this.kept.state.players)) {
      const r = PlayerState.safeParse(p);
      expect(r.success, this.#why(`player ${id} fails the PlayerState schema: ${r.error?.message}`)).toBe(true);
    }
    expect(this.kept.violations, this.#why('the engine made a player state its own schema refuses')).toEqual([]);
  }

  #checkCrossing(before: GameState, meBefore: PlayerStateType, border: Border, reply: Reply, events: readonly GameEvent[]): void {
    const kept = this.kept;
    const me = this.me;
    const name = borderName(border);
    const refusal = reply.status === 'refused' ? reply.text : '';
    // The engine's own verdict on this move from the state before it (the preview the crossing is built on).
    const expected = apply(kept.content, before, { id: 'expected-move', player: kept.player, at: kept.lastAt, action: { kind: 'move', dir: border.dir } });
    const expectedMe = expected.state.players[kept.player];
    const rolled = expected.state.rng !== before.rng;
    if (!rolled) {
      // No dice: the character must be exactly the engine's result of the move, in the zone entered.
      expect(me, this.#why(`crossing ${name}: the character is not what the move makes of it ${refusal}`)).toEqual(expectedMe);
      if (expectedMe?.location === border.to) {
        expect(kept.zone, this.#why(`crossing ${name}: the world is not in the zone entered`)).toBe(border.toZone);
        bump(this.coverage.borders, name);
      }
      return;
    }
    // Fleeing a fight (the parting blow) or walking into a creature that falls on whoever comes in
    // (the lynx in the pines by night, across the moor's border) rolls dice (another intent id than
    // any preview), so only what a blow cannot change is exact; then either the player arrived or
    // was defeated.
    this.coverage.fleeingCrossings++;
    const carried = (p: PlayerStateType) => ({ inventory: p.inventory, equipment: p.equipment, gifts: p.gifts, level: p.level, name: p.name });
    expect(carried(me), this.#why(`fleeing across ${name}: what the character carries changed`)).toEqual(carried(meBefore));
    if (me.location === border.to) {
      expect(kept.zone, this.#why(`fleeing across ${name}: the world is not in the zone entered`)).toBe(border.toZone);
      expect(me.exp, this.#why(`fleeing across ${name}: EXP changed`)).toBe(meBefore.exp);
      // No longer fighting what was fled from; only a creature that fell on them as they came in.
      const ambush = [...events, ...reply.events].find((e) => e.type === 'ambushed' && e.player === kept.player && e.location === border.to);
      expect(me.fighting, this.#why(`fleeing across ${name}: still fighting`)).toBe(ambush?.type === 'ambushed' ? ambush.enemy : null);
      expect(me.hp, this.#why(`fleeing across ${name}: HP rose`)).toBeLessThanOrEqual(Math.max(meBefore.hp, expectedMe?.hp ?? 0));
      bump(this.coverage.borders, name);
    } else if (me.location === kept.content.world.respawn && me.location !== meBefore.location) {
      expect(me.exp, this.#why(`defeated fleeing across ${name}: EXP rose`)).toBeLessThanOrEqual(meBefore.exp);
    } else {
      expect(me.location, this.#why(`fleeing across ${name}: the character is neither across, nor back at the respawn`)).toBe(meBefore.location);
    }
  }

  #note(reply: Reply, events: readonly GameEvent[], me: PlayerStateType): void {
    const c = this.coverage;
    const mine = events.filter((e) => e.player === this.kept.player);
    const refusal = mine.find((e) => e.type === 'refused');
    if (refusal && refusal.type === 'refused') bump(c.refused, refusal.reason);
    else if (reply.status === 'refused' && mine.length === 0) bump(c.refused, `world: ${reply.text.slice(0, 60)}`);
    else for (const a of reply.intents) bump(c.accepted, a.kind);
    for (const e of mine) {
      if (e.type === 'crafted') c.crafted.add(e.recipe);
      if (e.type === 'consumed') c.consumed.add(e.item);
      if (e.type === 'enemy-defeated') c.defeated.add(e.enemy);
      if (e.type === 'level-up') c.levelUps++;
      if (e.type === 'player-defeated') c.playerDefeats++;
      if (e.type === 'effect-started' && e.enemy === undefined) c.effects.add(e.effect);
    }
    for (const g of me.gifts) c.gifts.add(g);
    for (const [slot, item] of Object.entries(me.equipment)) if (item) c.slots.add(slot as Slot);
    for (const e of me.effects) c.effects.add(e.id);
    c.maxLevel = Math.max(c.maxLevel, me.level);
  }

  /** Close the world and open the same folder: the same character, where it was. */
  async reopen(): Promise<void> {
    const kept = this.kept;
    const before = this.me;
    const zone = kept.zone;
    const greeting = await kept.reopen();
    this.#log.push('(closed and opened again)', greeting.text.slice(0, 300));
    this.coverage.reopens++;
    expect(greeting.status, this.#why('reopening: the greeting is not ok')).toBe('ok');
    expect(kept.zone, this.#why('reopening: another zone')).toBe(zone);
    expect(this.me, this.#why('reopening: another character')).toEqual(before);
    this.#checkSchema();
  }
}
