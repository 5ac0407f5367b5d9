/**
 * The isle's own life, computed, never written: where each NPC is by the hour (their `schedule`),
 * the things they do now and then (`ambient`), where a roaming creature is, and whether a night
 * hunter is abroad. Pure functions of content, world seed and game time, like respawn (timers.ts),
 * so every replica agrees and nobody writes an NPC's intents.
 *
 *   npcLocationAt(content, bram, at)             // 'smithy' by day, 'anchor-inn' at night
 *   npcsAt(content, 'anchor-inn', at)            // who is in the inn now, sorted by id
 *   ambientAt(content, seed, 'smithy', from, to) // the latest thing done there in (from, to], or null
 */
import { compareCodeUnits } from '../content/canonical.ts';
import type { Content, Enemy, Id, Npc } from '../content/schema.ts';
import { holdsAt, hourAt } from './clock.ts';
import { indexContent, listAt } from './content-index.ts';
import { fnv1a32, mix32 } from './prng.ts';
import { enemyKey } from './state.ts';

/** Where an NPC is at `at`: the schedule entry whose hour came last, round the clock; `location` without one. */
export function npcLocationAt(content: Content, npc: Npc, at: number): Id {
  return scheduleEntryAt(content, npc, at)?.location ?? npc.location;
}

function scheduleEntryAt(content: Content, npc: Npc, at: number): Npc['schedule'][number] | undefined {
  if (npc.schedule.length === 0) return undefined;
  const hour = hourAt(content, at);
  let best: Npc['schedule'][number] | undefined;
  let latest: Npc['schedule'][number] = npc.schedule[0]!;
  for (const e of npc.schedule) {
    if (e.from <= hour && (best === undefined || e.from > best.from)) best = e;
    if (e.from > latest.from) latest = e;
  }
  return best ?? latest;
}

interface Lively {
  /** NPCs that never move, by location (the content index). */
  readonly still: ReadonlyMap<Id, readonly Npc[]>;
  /** NPCs with a schedule, sorted by id. */
  readonly moving: readonly Npc[];
}
const lively = new WeakMap<Content, Lively>();

function livelyOf(content: Content): Lively {
  let l = lively.get(content);
  if (!l) {
    const moving = [...content.npcs.values()].filter((n) => n.schedule.length > 0).sort((a, b) => compareCodeUnits(a.id, b.id));
    const still = new Map<Id, Npc[]>();
    for (const [loc, npcs] of indexContent(content).npcsAt) {
      const fixed = npcs.filter((n) => n.schedule.length === 0);
      if (fixed.length > 0) still.set(loc, fixed);
    }
    l = { still, moving };
    lively.set(content, l);
  }
  return l;
}

/** The NPCs in `location` at `at`, sorted by id. */
export function npcsAt(content: Content, location: Id, at: number): readonly Npc[] {
  const l = livelyOf(content);
  const still = listAt(l.still, location);
  if (l.moving.length === 0) return still;
  const here = l.moving.filter((n) => npcLocationAt(content, n, at) === location);
  if (here.length === 0) return still;
  return [...still, ...here].sort((a, b) => compareCodeUnits(a.id, b.id));
}

/** Whether the NPC `id` is in `location` at `at`. */
export function npcIsAt(content: Content, id: Id, location: Id, at: number): boolean {
  const npc = content.npcs.get(id);
  return npc !== undefined && npcLocationAt(content, npc, at) === location;
}

/** Game time between two moments an NPC might do something (one game hour). */
export function ambientBeatMs(content: Content): number {
  return Math.max(1, Math.floor(content.world.dayLengthMs / 24));
}
/** Percent of beats at which an NPC does something to be told. */
const AMBIENT_PERCENT = 50;

/** What the NPC does at beat `beat`, if anything: one of the lines for where they are, drawn from the seed. */
function ambientLine(content: Content, seed: number, npc: Npc, beat: number): string | null {
  const at = beat * ambientBeatMs(content);
  const lines = scheduleEntryAt(content, npc, at)?.ambient ?? [];
  const pool = lines.length > 0 ? lines : npc.ambient;
  if (pool.length === 0) return null;
  const roll = mix32((mix32(seed ^ fnv1a32(npc.id)) + mix32(beat >>> 0) + Math.floor(beat / 4294967296)) >>> 0);
  if (roll % 100 >= AMBIENT_PERCENT) return null;
  return pool[Math.floor(roll / 100) % pool.length]!;
}

/**
 * The latest thing an NPC in `location` did after game time `from` and by `to` (at most one, so
 * a long absence is not a flood), or null. Ties at one beat go to the first NPC by id.
 */
export function ambientAt(content: Content, seed: number, location: Id, from: number, to: number): { npc: Id; text: string } | null {
  const beatMs = ambientBeatMs(content);
  const first = Math.floor(from / beatMs) + 1;
  const last = Math.floor(to / beatMs);
  // Only the last day's beats can be the latest; older ones are never told.
  for (let beat = last; beat >= first && beat > last - 24; beat--) {
    for (const npc of npcsAt(content, location, beat * beatMs)) {
      const text = ambientLine(content, seed, npc, beat);
      if (text !== null) return { npc: npc.id, text };
    }
  }
  return null;
}

/** The key a creature's state is kept under: a roamer's at the first of its `locations`, wherever it is. */
export function enemyStateKey(enemy: Enemy, location: Id): string {
  return enemyKey(enemy.roams !== undefined ? enemy.locations[0]! : location, enemy.id);
}

/** Where a roaming creature is at `at`: `everyHours` in each of its `locations`, from a start the seed picks. */
export function roamerLocationAt(content: Content, seed: number, enemy: Enemy, at: number): Id {
  const every = enemy.roams?.everyHours ?? 1;
  const stops = enemy.locations.length;
  const hour = Math.floor(at / ambientBeatMs(content));
  const offset = mix32(seed ^ fnv1a32(enemy.id)) % (stops * every);
  const step = Math.floor((hour + offset) / every);
  return enemy.locations[((step % stops) + stops) % stops]!;
}

/** Whether a creature is in `location` at `at` (a roamer's stop, a night hunter's hours). */
export function enemyAbroad(content: Content, seed: number, enemy: Enemy, location: Id, at: number): boolean {
  if (enemy.while !== undefined && !holdsAt(content, seed, at, enemy.while)) return false;
  if (enemy.roams !== undefined && roamerLocationAt(content, seed, enemy, at) !== location) return false;
  return true;
}
