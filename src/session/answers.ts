/**
 * Answers to questions a player asks about the world, from the state on this device: the time of
 * day, a map of the rooms they know, who plays on the isle, where someone or somewhere is, how
 * dangerous an enemy looks, and what they could craft. Pure; nothing here is ever written.
 *
 *   timeLines(content, at)                        // [line('body', 'It is mid-afternoon ...')]
 *   considerLines(content, state, player, 'tide-crab', at) // "The tide crab looks easy."
 */
import type { Content, Id, Recipe } from '../content/schema.ts';
import { clockAt, enemyAlive, npcLocationAt, playerStats, recipeMissing, type GameState, type WorldClock } from '../engine/index.ts';
import { line, type AwakePlayers, type ProseLine } from '../narrate/index.ts';
import { missingText } from '../narrate/refusals.ts';
import { companionLabel } from '../narrate/names.ts';
import { capitalise, listing, placeName, withArticle, withThe } from '../narrate/words.ts';
import { findRoute, nameScore, placeNamed, wordsOf, type RouteStep } from './route.ts';
import type { WorldStatus } from './world.ts';
import { craftEffort } from './craft-effort.ts';

const PHASES: readonly (readonly [until: number, name: string])[] = [
  [15, 'early morning'], [30, 'morning'], [40, 'midday'], [55, 'afternoon'], [70, 'evening'], [85, 'night'], [100, 'the dead of night'],
];

const SKY: Readonly<Record<WorldClock['weather'], string>> = {
  clear: 'The sky is clear', overcast: 'Grey cloud covers the sky', fog: 'Fog has come in off the sea',
  rain: 'Rain is falling', storm: 'A storm is blowing in off the sea, and the waves are breaking white',
};
const SEA: Readonly<Record<WorldClock['tide'], string>> = {
  high: 'the tide is high', ebb: 'the tide is going out', low: 'the tide is low, and the rocks are bare', flood: 'the tide is coming in',
};

/** "14:05": the isle's clock. */
function clockFace(c: WorldClock): string {
  return `${String(c.hour).padStart(2, '0')}:${String(c.minute).padStart(2, '0')}`;
}

/** WEATHER, LOOK AT THE SKY: the weather and the tide now (clock.ts), the same on every replica. */
export function weatherLines(content: Content, seed: number, at: number): ProseLine[] {
  const c = clockAt(content, seed, at);
  return [line('body', `${SKY[c.weather]}; ${SEA[c.tide]}.`)];
}

/** TIME: the hour and the part of the day, how long until it turns, and the sky and the sea. */
export function timeLines(content: Content, at: number, seed = 0): ProseLine[] {
  const c = clockAt(content, seed, at);
  return [...partOfDayLines(content, at, c), ...weatherLines(content, seed, at)];
}

function partOfDayLines(content: Content, at: number, c: WorldClock): ProseLine[] {
  const { dayLengthMs, nightPercent } = content.world;
  const into = ((at % dayLengthMs) + dayLengthMs) % dayLengthMs;
  const percent = Math.floor((into * 100) / dayLengthMs);
  // The phases are written for the default 30% night; the night boundary itself follows content.
  const nightFrom = 100 - nightPercent;
  const night = percent >= nightFrom;
  const scaled = night ? 70 + Math.floor(((percent - nightFrom) * 30) / nightPercent) : Math.floor((percent * 70) / nightFrom);
  const phase = PHASES.find(([until]) => scaled < until)?.[1] ?? 'night';
  const nextMs = night ? dayLengthMs - into : (dayLengthMs * nightFrom) / 100 - into;
  const minutes = Math.max(1, Math.round(nextMs / 60_000));
  const turn = night ? 'Dawn comes' : 'Night falls';
  return [line('body', `It is ${phase} on the isle, ${clockFace(c)}. ${turn} in about ${minutes} minute${minutes === 1 ? '' : 's'}.`)];
}

/** MAP: the rooms the player knows, zone by zone, with where each exit leads (or that it is unexplored). */
export function mapLines(content: Content, state: GameState, player: string): ProseLine[] {
  const p = state.players[player];
  if (!p) return [line('system', 'You are not on the isle yet.')];
  const visited = new Set(p.visited);
  const out: ProseLine[] = [line('title', 'The isle as you know it')];
  for (const zone of content.zones.values()) {
    const rooms = [...content.locations.values()].filter((l) => l.zone === zone.id && visited.has(l.id));
    if (rooms.length === 0) continue;
    out.push(line('here', `${zone.name}:`));
    for (const room of rooms) {
      const ways = room.exits.map((x) => {
        const locked = x.lock !== undefined && !state.flags.includes(x.lock.id) ? ', locked' : '';
        const to = visited.has(x.to) ? content.locations.get(x.to)?.name ?? x.to : 'unexplored';
        return `${x.dir} to ${to}${locked}`.replace(' to unexplored', ' (unexplored)');
      });
      const here = room.id === p.location ? ' (you are here)' : '';
      out.push(line('body', `  ${room.name}${here}: ${ways.length ? ways.join('; ') : 'no way out'}.`));
    }
  }
  out.push(line('note', 'GO TO a place you know walks you there.'));
  return out;
}

/** MAP for a spectator (a world opened with its watch link): the rooms where people stand, by zone. */
export function watchedMapLines(content: Content, state: GameState): ProseLine[] {
  const out: ProseLine[] = [line('title', 'The isle as its players stand on it')];
  for (const zone of content.zones.values()) {
    const rooms = [...content.locations.values()].filter((l) => l.zone === zone.id);
    const lines = rooms.flatMap((room) => {
      const here = Object.values(state.players).filter((p) => p.location === room.id).map((p) => p.name);
      return here.length === 0 ? [] : [line('body', `  ${room.name}: ${here.join(', ')}.`)];
    });
    if (lines.length > 0) out.push(line('here', `${zone.name}:`), ...lines);
  }
  if (out.length === 1) out.push(line('note', 'Nobody stands on this part of the isle right now.'));
  return out;
}

/** WHO: everyone who has joined this world, where they are (as far as this device knows), and who is playing. */
export function whoLines(content: Content, state: GameState, player: string, status: WorldStatus | null, awake: AwakePlayers | undefined): ProseLine[] {
  const rows = new Map<string, { name: string; where: string; playing: string }>();
  const zoneName = (id: string) => content.zones.get(id)?.name ?? id;
  const nameOf = (id: string) => status?.roster.find((r) => r.player === id)?.name;
  for (const [id, p] of Object.entries(state.players)) {
    const where = placeName(content.locations.get(p.location)?.name ?? p.location);
    const playing = id === player ? '' : !awake || awake.has(id) ? ', playing now' : ', asleep';
    const companion = companionLabel(state, id, player, nameOf);
    const name = id === player ? `${p.name} (you)` : p.name;
    rows.set(id, { name: companion === null ? name : `${name}, ${companion}`, where: `at ${where}`, playing });
  }
  for (const r of status?.roster ?? []) {
    if (rows.has(r.player) || status?.banned?.includes(r.player)) continue;
    rows.set(r.player, { name: r.name, where: `last seen in the ${zoneName(r.zone)}`, playing: '' });
  }
  const owner = status?.owner ? rows.get(status.owner) : undefined;
  if (owner) owner.name = `${owner.name}, who made this isle`;
  const sorted = [...rows.entries()].sort(([a], [b]) => (a === player ? -1 : b === player ? 1 : 0) || (rows.get(a)!.name < rows.get(b)!.name ? -1 : 1));
  return [
    line('title', rows.size === 1 ? 'You are the only one on this isle.' : `${rows.size} players on this isle:`),
    ...sorted.map(([, r]) => line('body', `  ${r.name}, ${r.where}${r.playing}.`)),
  ];
}

function routeText(steps: readonly RouteStep[]): string {
  if (steps.length === 1) return `${steps[0]!.dir} of here`;
  const dirs = steps.map((s) => s.dir);
  return `${steps.length} moves away (${dirs.slice(0, 4).join(', ')}${dirs.length > 4 ? ', ...' : ''})`;
}

/** WHERE IS: a player, a person of the isle, a creature seen, or a place, from what this player knows. */
export function whereLines(content: Content, state: GameState, player: string, what: string, status: WorldStatus | null, at = state.time): ProseLine[] {
  const asked = wordsOf(what);
  const me = state.players[player];
  if (!me || asked.length === 0) return [line('note', 'Where is what? WHERE IS ARCHON, say, or WHERE IS THE SMITHY.')];
  const visited = new Set(me.visited);
  const placed = (id: Id, who: string): string => {
    const room = placeName(content.locations.get(id)?.name ?? id);
    if (id === me.location) return `${who} is right here, in ${room}.`;
    const route = findRoute(content, state, player, id);
    return `${who} is in ${room}${route ? `, ${routeText(route)}` : ''}.`;
  };
  const other = Object.values(state.players).find((p) => p.id !== player && nameScore(asked, p.name) === 2);
  if (other) return [line('body', placed(other.location, other.name))];
  const far = status?.roster.find((r) => r.player !== player && nameScore(asked, r.name) === 2);
  if (far) return [line('body', `${far.name} was last seen in the ${content.zones.get(far.zone)?.name ?? far.zone}.`)];
  if (['i', 'me'].includes(asked.join(' '))) return [line('body', placed(me.location, 'You').replace('You is', 'You are'))];
  const npc = [...content.npcs.values()].find((n) => [n.name, ...n.aliases].some((name) => nameScore(asked, name) > 0));
  if (npc) {
    // An islander who keeps hours is told where they are now, even in a room not yet visited.
    const now = npcLocationAt(content, npc, at);
    if (visited.has(now) || npc.schedule.length > 0) {
      const told = placed(now, capitalise(npc.name));
      return [line('body', npc.schedule.length > 0 && now !== me.location ? told.replace(/\.$/, ', at this hour.') : told)];
    }
    return [line('body', `You have not come across ${npc.name} yet. Ask around: the islanders all know each other.`)];
  }
  const enemy = [...content.enemies.values()].find((e) => nameScore(asked, e.name) > 0);
  if (enemy) {
    const seen = enemy.locations.filter((l) => visited.has(l)).map((l) => placeName(content.locations.get(l)?.name ?? l));
    return [line('body', seen.length ? `You have seen ${withArticle(enemy.name)} at ${listing(seen)}.` : `You have not seen ${withArticle(enemy.name)} anywhere yet.`)];
  }
  const place = placeNamed(content, state, player, what);
  if (place.kind === 'room') {
    const name = capitalise(placeName(content.locations.get(place.id)?.name ?? place.id));
    if (place.id === me.location) return [line('body', `You are there already: this is ${placeName(content.locations.get(place.id)?.name ?? place.id)}.`)];
    const route = findRoute(content, state, player, place.id);
    return [line('body', route ? `${name} is ${routeText(route)}.` : `${name} is somewhere you have been, but you know no open way back there from here.`)];
  }
  if (place.kind === 'unvisited') return [line('body', "You have not been there yet, so you don't know the way. EXPLORE, or ask someone.")];
  return [line('body', "You don't know where that is. MAP lists the places you know; WHO, the players.")];
}

/** CONSIDER: the enemy's numbers against the player's, and a verdict. */
export function considerLines(content: Content, state: GameState, player: string, enemyId: Id, at: number): ProseLine[] {
  const me = state.players[player];
  const enemy = content.enemies.get(enemyId);
  const alive = me && enemy ? enemyAlive(content, state, me.location, enemyId, at) : null;
  if (!me || !enemy || !alive) return [line('refusal', "There's nothing like that here to size up.")];
  const stats = playerStats(content, me);
  const mine = Math.max(1, stats.attack - enemy.defence);
  const theirs = Math.max(1, enemy.attack - stats.defence);
  const toWin = Math.ceil(alive.hp / mine);
  // Its blows miss one time in ten.
  const toLose = Math.ceil((me.hp * 10) / (theirs * 9));
  const foe = capitalise(withThe(enemy.name));
  const verdict = toWin <= 1 ? `${foe} would fall to a single blow.`
    : toWin * 3 <= toLose ? `${foe} looks easy.`
    : toWin * 3 <= toLose * 2 ? `${foe} looks like a fair fight, in your favour.`
    : toWin < toLose ? `${foe} would be a close fight; it could go either way.`
    : `${foe} would likely kill you.`;
  const numbers = `(It has ${alive.hp} of ${enemy.hp} HP, attack ${enemy.attack}, defence ${enemy.defence}. Your blows would do about ${mine} damage, its about ${theirs}, against your ${me.hp} HP.)`;
  return [line('body', verdict), line('note', numbers)];
}

/** The recipes a CRAFTS question is about: by output name first, then by an input's name. */
export function recipesAbout(content: Content, what: string, smelt = false): Recipe[] {
  const asked = wordsOf(what);
  const all = [...content.recipes.values()].filter((r) => !smelt || (r.category === 'material' && r.station !== undefined));
  if (asked.length === 0) return all;
  const named = (id: Id) => { const item = content.items.get(id); return [item?.name ?? id, ...(item?.aliases ?? [])].some((n) => nameScore(asked, n) > 0); };
  const byOutput = all.filter((r) => named(r.output.item));
  if (byOutput.length > 0) return byOutput;
  return all.filter((r) => r.inputs.some((i) => named(i.item)));
}

/** WHAT CAN I CRAFT (HERE), CAN YOU MAKE ME A SWORD: what could be made now, and what each other recipe still needs. */
export function craftLines(content: Content, state: GameState, player: string, recipes: readonly Recipe[], here: boolean, asked: string): ProseLine[] {
  const me = state.players[player];
  if (!me) return [line('system', 'You are not on the isle yet.')];
  const made = (r: Recipe) => withArticle(content.items.get(r.output.item)?.name ?? r.output.item);
  const stationHere = (r: Recipe) => r.station === undefined || content.stations.get(r.station)?.location === me.location;
  const pool = here ? recipes.filter((r) => r.station !== undefined && stationHere(r)) : recipes;
  const ready = pool.filter((r) => recipeMissing(content, me, r) === null);
  // What is within reach first: the fewest deeds still to do (gathers, crafts, fights, walks), then content order.
  const short = pool.filter((r) => recipeMissing(content, me, r) !== null)
    .map((r) => ({ r, missing: recipeMissing(content, me, r)!, effort: craftEffort(content, me, r) }))
    .sort((a, b) => a.effort - b.effort);
  const out: ProseLine[] = [];
  if (asked && pool.length === 0) return [line('body', "Nobody on the isle knows how to make that. RECIPES lists what can be made.")];
  if (here && pool.length === 0) return [line('body', 'There is nothing here to work at. Recipes that need no bench or fire can be made anywhere: WHAT CAN I CRAFT lists them.')];
  if (ready.length > 0) out.push(line('body', `You could craft now: ${listing(ready.map(made))}. CRAFT one by name.`));
  else if (!asked) out.push(line('body', here ? 'You carry nothing that could be worked here yet.' : 'Nothing you carry makes anything yet.'));
  const shown = asked ? short : short.slice(0, 4);
  for (const { r, missing } of shown) {
    out.push(line('here', `${capitalise(made(r))}: you still need ${missingText(content, { missing })}.`));
  }
  if (shown.length < short.length) out.push(line('note', `(And ${short.length - shown.length} more; EXAMINE a recipe to see what it needs.)`));
  return out;
}
