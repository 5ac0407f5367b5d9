/**
 * The living isle in the rules (content/vetrellis): time, weather and tide change what a player can
 * do, not only what they read. Low tide opens the shingle south of the tide pools; a storm shuts
 * the scree chute and the mussel bed; night bars the net sheds and brings the harrow shade out on
 * the breakwater; Bram keeps the forge by day and the inn by night; the grey lynx roams the Greywood
 * and falls on whoever walks into it after dark. Every refusal is a namespaced reason with prose.
 */
import { describe, expect, it } from 'vitest';
import { apply, clockAt, createWorld, npcLocationAt, roamerLocationAt, scopeOf, type GameEvent, type GameState } from '../../src/engine/index.ts';
import type { Action } from '../../src/engine/index.ts';
import type { WorldClock } from '../../src/engine/clock.ts';
import { refusalText } from '../../src/narrate/refusals.ts';
import { vetrellis } from '../golden/transcript.ts';

const content = vetrellis();
const DAY = content.world.dayLengthMs;
const SEED = 4242;
/** Game times like a shared world's (wall-clock sized), stepped by a command's ten seconds. */
const BASE = 1_764_000_000_000;

/** The first game time from BASE whose clock passes `ok`. */
function when(ok: (c: WorldClock) => boolean, seed = SEED, from = BASE): number {
  for (let at = from; at < from + 40 * DAY; at += 10_000) if (ok(clockAt(content, seed, at))) return at;
  throw new Error('no such time in forty days');
}

/** Ana, joined, standing in `location` (having seen its neighbours). */
function standing(location: string, seed = SEED): GameState {
  let s = createWorld(content, seed);
  s = apply(content, s, { id: 'join', player: 'ana', at: BASE - 60_000, action: { kind: 'join', name: 'Ana' } }).state;
  const ana = s.players['ana']!;
  return { ...s, players: { ...s.players, ana: { ...ana, location, visited: [...content.locations.keys()].sort() } } };
}

let n = 0;
function act(s: GameState, action: Action, at: number): { state: GameState; events: GameEvent[]; refusal?: string } {
  const r = apply(content, s, { id: `i${n++}`, player: 'ana', at, action });
  const no = r.events.find((e) => e.type === 'refused');
  return { ...r, ...(no?.type === 'refused' ? { refusal: no.reason } : {}) };
}

function told(s: GameState, events: readonly GameEvent[]): string {
  const no = events.find((e) => e.type === 'refused');
  return no?.type === 'refused' ? refusalText(content, s, no) : '';
}

describe('the tide, the weather and the hour open and shut the isle', () => {
  it('low tide opens the shingle south of the tide pools; any other tide refuses it with move/tide', () => {
    const s = standing('tide-pools');
    const high = when((c) => c.tide === 'high');
    const shut = act(s, { kind: 'move', dir: 'south' }, high);
    expect(shut.refusal).toBe('move/tide');
    expect(shut.state).toBe(s);
    expect(told(s, shut.events)).toContain('shows only at low tide');
    const low = when((c) => c.tide === 'low', SEED, high);
    const open = act(s, { kind: 'move', dir: 'south' }, low);
    expect(open.refusal).toBeUndefined();
    expect(open.state.players['ana']!.location).toBe('seal-cove');
  });

  it('a storm shuts the scree chute (move/weather) and the mussel bed (gather/weather); calm weather opens both', () => {
    const storm = when((c) => c.weather === 'storm');
    const cliffs = standing('copper-cliffs');
    const down = act(cliffs, { kind: 'move', dir: 'down' }, storm);
    expect(down.refusal).toBe('move/weather');
    expect(told(cliffs, down.events)).toContain('The storm is tearing at the cliff top');
    const pools = standing('tide-pools');
    const mussels = act(pools, { kind: 'gather', target: 'mussel-bed' }, storm);
    expect(mussels.refusal).toBe('gather/weather');
    expect(told(pools, mussels.events)).toContain('Storm surf is breaking white');
    const calm = when((c) => c.weather === 'clear', SEED, storm);
    expect(act(cliffs, { kind: 'move', dir: 'down' }, calm).state.players['ana']!.location).toBe('seal-cove');
    expect(act(pools, { kind: 'gather', target: 'mussel-bed' }, calm).events[0]).toMatchObject({ type: 'gathered', item: 'mussel' });
  });

  it('night bars the net sheds (move/hour) and the room says so; by day they are open', () => {
    const quay = standing('harbor-quay');
    const night = when((c) => c.phase === 'night');
    const barred = act(quay, { kind: 'move', dir: 'east' }, night);
    expect(barred.refusal).toBe('move/hour');
    expect(told(quay, barred.events)).toContain('barred for the night');
    const day = when((c) => c.phase === 'day', SEED, night);
    expect(act(quay, { kind: 'move', dir: 'east' }, day).state.players['ana']!.location).toBe('net-sheds');
  });

  it('the harrow shade walks the breakwater only at night', () => {
    const pier = standing('breakwater');
    const night = when((c) => c.phase === 'night');
    const day = when((c) => c.phase === 'day', SEED, night);
    const kinds = (at: number) => scopeOf(content, pier, 'ana', at).entities.filter((e) => e.kind === 'enemy').map((e) => e.id);
    expect(kinds(night)).toContain('harrow-shade');
    expect(kinds(day)).not.toContain('harrow-shade');
    expect(act(pier, { kind: 'attack', target: 'harrow-shade' }, day).refusal).toBe('attack/no-enemy');
    expect(act(pier, { kind: 'attack', target: 'harrow-shade' }, night).events[0]).toMatchObject({ type: 'attacked', enemy: 'harrow-shade' });
  });
});

describe('NPCs keep hours', () => {
  const bram = content.npcs.get('bram')!;

  it('Bram is at the forge by day and at the Anchor Inn at night; talk finds him where he is', () => {
    const noon = when((c) => c.hour === 12);
    const late = when((c) => c.hour === 23);
    expect(npcLocationAt(content, bram, noon)).toBe('smithy');
    expect(npcLocationAt(content, bram, late)).toBe('anchor-inn');
    const smithy = standing('smithy');
    expect(act(smithy, { kind: 'talk', target: 'bram', topic: 'copper' }, noon).events[0]).toMatchObject({ type: 'talked', npc: 'bram', topic: 'bram-copper' });
    const away = act(smithy, { kind: 'talk', target: 'bram', topic: 'copper' }, late);
    expect(away.refusal).toBe('talk/away');
    expect(away.events[0]).toMatchObject({ detail: { target: 'bram', place: 'anchor-inn' } });
    expect(told(smithy, away.events)).toBe('Bram is at the Anchor Inn at this hour.');
    const inn = standing('anchor-inn');
    expect(act(inn, { kind: 'talk', target: 'bram' }, late).events[0]).toMatchObject({ type: 'talked', npc: 'bram' });
    expect(scopeOf(content, inn, 'ana', late).entities.some((e) => e.id === 'bram')).toBe(true);
    expect(scopeOf(content, inn, 'ana', noon).entities.some((e) => e.id === 'bram')).toBe(false);
    expect(scopeOf(content, smithy, 'ana', late).away).toContainEqual({ id: 'bram', name: 'Bram', aliases: ['smith', 'blacksmith'], place: 'Anchor Inn' });
  });

  it('a gift for an NPC who is elsewhere is refused with where they are (give/away), and nothing moves', () => {
    let s = standing('smithy');
    s = { ...s, players: { ...s.players, ana: { ...s.players['ana']!, inventory: [{ item: 'copper-ore', qty: 1 }] } } };
    const late = when((c) => c.hour === 23);
    const r = act(s, { kind: 'give', target: 'copper-ore', to: 'bram' }, late);
    expect(r.refusal).toBe('give/away');
    expect(r.state).toBe(s);
  });

  it('the NPCs who hold the story to its rooms never leave them, at any hour', () => {
    const keepers = ['archon', 'tidekeeper', 'stone-who-counts', 'ysolde', 'hesk', 'pell'];
    for (let h = 0; h < 48; h++) {
      const at = BASE + (h * DAY) / 24;
      for (const id of keepers) expect(npcLocationAt(content, content.npcs.get(id)!, at), `${id} at hour ${h}`).toBe(content.npcs.get(id)!.location);
    }
  });
});

describe('roaming creatures', () => {
  const lynx = content.enemies.get('grey-lynx')!;

  it('the grey lynx walks the Greywood, two hours at each stop, and takes its wounds with it', () => {
    const stops: string[] = [];
    for (let h = 0; h < 12; h++) stops.push(roamerLocationAt(content, SEED, lynx, BASE + (h * DAY) / 24));
    expect(new Set(stops)).toEqual(new Set(['pine-stand', 'moonlit-glade', 'mossy-hollow']));
    // A stop lasts two game hours: in twelve hours it moves on five or six times.
    const moves = stops.filter((at, i) => i > 0 && at !== stops[i - 1]).length;
    expect(moves).toBeGreaterThanOrEqual(5);
    expect(moves).toBeLessThanOrEqual(6);
    const day = when((c) => c.phase === 'day');
    const where = roamerLocationAt(content, SEED, lynx, day);
    const s = standing(where);
    const hit = act(s, { kind: 'attack', target: 'grey-lynx' }, day);
    expect(hit.events[0]).toMatchObject({ type: 'attacked', enemy: 'grey-lynx' });
    const hp = (hit.events[0] as Extract<GameEvent, { type: 'attacked' }>).enemyHp;
    // Two hours on it is elsewhere, with the same wound: one creature, not one per room.
    const later = day + (2 * DAY) / 24;
    const next = roamerLocationAt(content, SEED, lynx, later);
    expect(next).not.toBe(where);
    const there = { ...hit.state, players: { ...hit.state.players, ana: { ...hit.state.players['ana']!, location: next, fighting: null } } };
    const seen = scopeOf(content, there, 'ana', day + 1).entities.find((e) => e.id === 'grey-lynx');
    expect(seen).toBeUndefined();
    expect(act(there, { kind: 'attack', target: 'grey-lynx' }, later + 1).events[0]).toMatchObject({ type: 'attacked', enemy: 'grey-lynx' });
    expect(hp).toBeLessThan(lynx.hp);
    expect(Object.keys(hit.state.enemies).filter((k) => k.endsWith('/grey-lynx'))).toEqual(['pine-stand/grey-lynx']);
  });

  it('after dark the lynx falls on whoever walks into its room; by day it lets them be', () => {
    const nightAt = (() => {
      for (let at = BASE; ; at += 10_000) if (clockAt(content, SEED, at).phase === 'night' && roamerLocationAt(content, SEED, lynx, at) === 'pine-stand') return at;
    })();
    const edge = standing('forest-edge');
    const walked = act(edge, { kind: 'move', dir: 'west' }, nightAt);
    expect(walked.events.map((e) => e.type).slice(0, 2)).toEqual(['moved', 'ambushed']);
    expect(walked.events.some((e) => e.type === 'enemy-attacked' || e.type === 'enemy-missed')).toBe(true);
    expect(walked.state.players['ana']!.fighting).toBe('grey-lynx');
    const dayAt = (() => {
      for (let at = nightAt; ; at += 10_000) if (clockAt(content, SEED, at).phase === 'day' && roamerLocationAt(content, SEED, lynx, at) === 'pine-stand') return at;
    })();
    const calm = act(edge, { kind: 'move', dir: 'west' }, dayAt);
    expect(calm.events.map((e) => e.type)).toEqual(['moved']);
    expect(calm.state.players['ana']!.fighting).toBeNull();
  });
});
