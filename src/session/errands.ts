/**
 * What the session does with a parser's request (see SessionRequest in src/parser/types.ts):
 * questions are answered from the state on this device and write nothing; GO TO walks the known
 * route one move per room, stopping at anything that needs attention; GO BACK and FLEE take the
 * way the player came (the session remembers the last room they left); TELL and WHISPER find
 * whom they name and speak privately. Also keeps the BRIEF / VERBOSE setting of this session.
 *
 *   const errands = new Errands(host);
 *   const out = await errands.run({ kind: 'travel', to: 'village' }, at); // lines, intents, status
 */
import type { Content, Exit, Id } from '../content/schema.ts';
import { enemyAlive, recipeMissing, scopeOf, type Action, type GameEvent, type ModerationKind } from '../engine/index.ts';
import { line, type AwakePlayers, type ProseLine } from '../narrate/index.ts';
import { journalLines } from '../narrate/quests.ts';
import { missingText, refusalText } from '../narrate/refusals.ts';
import { moderatedText } from '../narrate/moderation.ts';
import { namesCollide } from '../engine/name-key.ts';
import { capitalise, placeName, pronounOf } from '../narrate/words.ts';
import type { ParseStatus, SessionRequest } from '../parser/types.ts';
import { considerLines, craftLines, mapLines, watchedMapLines, recipesAbout, timeLines, weatherLines, whereLines, whoLines } from './answers.ts';
import { hintLines } from './hints.ts';
import { membersOf, roleOf } from './members.ts';
import { mayModerate, membersLines } from './members-rights.ts';
import { SPECTATOR_REFUSAL } from './world.ts';
import { moveRefusalText, moveWorldDone, moveWorldExplained, moveWorldFinished } from './move-world-lines.ts';
import { findRoute, nameScore, placeNamed, shutByClock, wordsOf } from './route.ts';
import { partyLines } from './company-lines.ts';
import type { WorldBackend } from './world.ts';

export type Submitted = { readonly events: readonly GameEvent[]; readonly blocked?: string; readonly failed?: true };

export interface ErrandHost {
  readonly content: Content;
  readonly world: WorldBackend;
  submit(action: Action, at: number): Promise<Submitted>;
  /** Prose for events; `passing`: a room walked through on the way (its name only). */
  narrate(events: readonly GameEvent[], at: number, passing?: boolean): ProseLine[];
  awake(): AwakePlayers | undefined;
}

export interface ErrandOutcome {
  readonly lines: ProseLine[];
  readonly intents: Action[];
  readonly status: ParseStatus;
}

const answered = (lines: ProseLine[]): ErrandOutcome => ({ lines, intents: [], status: 'ok' });
const refused = (text: string): ErrandOutcome => ({ lines: [line('refusal', text)], intents: [], status: 'refused' });

/** Room descriptions: `brief` gives a room already visited as its name and what is in it. */
export type Verbosity = 'verbose' | 'brief';

export class Errands {
  /** The room the player last left by a move, and the room it took them to. */
  #cameFrom: { readonly from: Id; readonly to: Id } | undefined;
  verbosity: Verbosity = 'verbose';

  constructor(private readonly host: ErrandHost) {}

  /** Told of every move of the player's own, so GO BACK knows the way. */
  noteMove(e: Extract<GameEvent, { type: 'moved' }>): void {
    this.#cameFrom = { from: e.location, to: e.to };
  }

  async run(req: SessionRequest, at: number): Promise<ErrandOutcome> {
    const { content, world } = this.host;
    const { state, player } = world;
    switch (req.kind) {
      case 'time': return answered(timeLines(content, at, state.seed));
      case 'weather': return answered(weatherLines(content, state.seed, at));
      case 'map': return answered(world.status()?.role === 'spectator' ? watchedMapLines(content, state) : mapLines(content, state, player));
      case 'journal': return answered(journalLines(content, state, player));
      case 'who': return answered(whoLines(content, state, player, world.status(), this.host.awake()));
      case 'party': return answered(partyLines(content, state, player, at));
      case 'where': return answered(whereLines(content, state, player, req.what, world.status(), at));
      case 'consider': return answered(considerLines(content, state, player, req.target, at));
      case 'hint': return answered(hintLines(content, state, player, req.about));
      case 'crafts': return this.#crafts(req, at);
      case 'travel': return this.#travel(req.to, req.otherwise, at);
      case 'back': return this.#back(at);
      case 'flee': return this.#flee(at);
      case 'tell': return this.#tell(req.text, req.whisper, at);
      case 'moderate': return this.#moderate(req.what, req.text);
      case 'members': return answered(membersLines(membersOf(world.status(), player)));
      case 'move-world': return this.#moveWorld(req.now, req.without, req.finish === true);
      case 'address': return this.#addressed(req.name);
      default: {
        const unknown: never = req;
        return refused(`(${String((unknown as SessionRequest).kind)} is not available.)`);
      }
    }
  }

  /** The exit back to the room the player came from, if they stand where their last move took them. */
  #backExit(): Exit | undefined {
    const me = this.host.world.state.players[this.host.world.player];
    const came = this.#cameFrom;
    if (!me || !came || came.to !== me.location) return undefined;
    return this.host.content.locations.get(me.location)?.exits.find((x) => x.to === came.from);
  }

  async #moves(steps: readonly { dir: Exit['dir']; to?: Id }[], at: number, note?: string): Promise<ErrandOutcome> {
    const { world } = this.host;
    const lines: ProseLine[] = note ? [line('note', note)] : [];
    const intents: Action[] = [];
    for (const [i, step] of steps.entries()) {
      const action: Action = { kind: 'move', dir: step.dir };
      intents.push(action);
      const r = await this.host.submit(action, at);
      if (r.blocked !== undefined) return { lines: [...lines, line('refusal', r.blocked)], intents, status: r.failed ? 'error' : 'refused' };
      const me = world.state.players[world.player];
      const enemy = me ? scopeOf(this.host.content, world.state, world.player, at).entities.find((e) => e.kind === 'enemy') : undefined;
      const last = i === steps.length - 1;
      const arrived = me !== undefined && (step.to === undefined || me.location === step.to);
      const stop = !arrived || me.fighting !== null || enemy !== undefined;
      lines.push(...this.host.narrate(r.events, at, !last && !stop));
      if (r.events.some((e) => e.type === 'refused' && e.player === world.player)) return { lines, intents, status: 'refused' };
      if (stop && !last) {
        if (arrived) lines.push(line('note', `(You stop here${enemy ? `: ${enemy.name.startsWith('the ') ? enemy.name : `the ${enemy.name}`} is here` : ''}.)`));
        break;
      }
    }
    return { lines, intents, status: 'ok' };
  }

  async #travel(to: string, otherwise: string | undefined, at: number): Promise<ErrandOutcome> {
    const { content, world } = this.host;
    const me = world.state.players[world.player];
    if (!me) return refused('You are not on the isle yet.');
    if (me.fighting && enemyAlive(content, world.state, me.location, me.fighting, at)) {
      return refused('Not in the middle of a fight! FLEE first, or finish it.');
    }
    const place = placeNamed(content, world.state, world.player, to);
    if (place.kind === 'unknown') return refused(otherwise ?? "You don't know of any place by that name. MAP lists the places you know.");
    if (place.kind === 'unvisited') {
      // Not been there, but it is through a way out of here ("go into the smithy" from the square).
      const next = content.locations.get(me.location)?.exits.find((x) => nameScore(wordsOf(to), content.locations.get(x.to)?.name ?? '') > 0);
      if (next) return this.#moves([{ dir: next.dir, to: next.to }], at, undefined);
      return refused("You have not been there yet, so you don't know the way. Explore, or ask someone.");
    }
    const name = placeName(content.locations.get(place.id)?.name ?? place.id);
    if (place.id === me.location) return answered([line('body', `You are already at ${name}.`)]);
    const route = findRoute(content, world.state, world.player, place.id, at);
    if (!route) return refused(this.#shutWay(me.location, place.id, at) ?? `You know of no open way from here to ${name}.`);
    return this.#moves(route, at, route.length > 1 ? `(walking to ${name}: ${route.map((s) => s.dir).join(', ')})` : undefined);
  }

  /**
   * Why the way to `to` is shut now, when a way is known but the isle's clock closes it: the
   * content's words for the first shut exit on it ("The sea is in over the shingle ...").
   */
  #shutWay(from: Id, to: Id, at: number): string | undefined {
    const { content, world } = this.host;
    const way = findRoute(content, world.state, world.player, to);
    if (!way) return undefined;
    let here = from;
    for (const step of way) {
      const exit = content.locations.get(here)?.exits.find((x) => x.dir === step.dir);
      if (exit && shutByClock(content, world.state, exit, at)) {
        const name = placeName(content.locations.get(to)?.name ?? to);
        const there = here === from ? '' : ` from ${placeName(content.locations.get(here)?.name ?? here)}`;
        return `The way to ${name} is shut just now (${step.dir}${there}): ${exit.closed ?? 'it is not open at this hour.'}`;
      }
      here = step.to;
    }
    return undefined;
  }

  async #back(at: number): Promise<ErrandOutcome> {
    const me = this.host.world.state.players[this.host.world.player];
    if (!me) return refused('You are not on the isle yet.');
    const exit = this.#backExit();
    if (exit) return this.#moves([{ dir: exit.dir, to: exit.to }], at);
    if (this.#cameFrom?.to === me.location) return refused('There is no way back the way you came from here. EXITS lists the ways out.');
    return refused("You haven't come here from anywhere you remember. Say which way: EXITS lists them.");
  }

  async #flee(at: number): Promise<ErrandOutcome> {
    const { content, world } = this.host;
    const me = world.state.players[world.player];
    if (!me) return refused('You are not on the isle yet.');
    if (!me.fighting || !enemyAlive(content, world.state, me.location, me.fighting, at)) return refused('You are not fighting anything; there is nothing to run from.');
    const exits = content.locations.get(me.location)?.exits ?? [];
    const open = (x: Exit) => !x.lock || world.state.flags.includes(x.lock.id);
    const back = this.#backExit();
    const exit = (back && open(back) ? back : undefined) ?? exits.find((x) => open(x) && me.visited.includes(x.to)) ?? exits.find(open);
    if (!exit) return refused('There is no way out of here to run to!');
    const how = exit === back ? `, back the way you came` : '';
    return this.#moves([{ dir: exit.dir, to: exit.to }], at, `(fleeing ${exit.dir}${how})`);
  }

  async #crafts(req: Extract<SessionRequest, { kind: 'crafts' }>, at: number): Promise<ErrandOutcome> {
    const { content, world } = this.host;
    const recipes = recipesAbout(content, req.what, req.smelt === true);
    const lines = craftLines(content, world.state, world.player, recipes, req.here, req.what);
    if (!req.make || recipes.length !== 1) return answered(lines);
    // What is missing is known here: said without writing an intent the rules would refuse.
    const me = world.state.players[world.player];
    const missing = me ? recipeMissing(content, me, recipes[0]!) : null;
    if (missing) return refused(`You can't make that yet: you need ${missingText(content, { missing })}.`);
    return this.#submitOne({ kind: 'craft', target: recipes[0]!.id }, at);
  }

  /**
   * BAN, UNBAN, MUTE, UNMUTE by the isle's maker or a moderator, MOD and UNMOD by the maker: the
   * player is found by name in the world, wherever they are.
   */
  async #moderate(what: ModerationKind, text: string): Promise<ErrandOutcome> {
    const { world } = this.host;
    const status = world.status();
    const verb = what === 'mod' ? 'name as a moderator' : what === 'unmod' ? 'remove as a moderator' : what;
    if (world.moderate === undefined || status === null) return refused(`Nobody else plays on this isle, so there is nobody to ${verb}.`);
    const role = roleOf(status, world.player);
    if (!mayModerate(role, what)) return refused(what === 'mod' || what === 'unmod' ? "Only the isle's maker names moderators." : `Only the isle's maker and its moderators can ${what} players here.`);
    const name = text.replace(/^(the )?player\s+/i, '').trim();
    if (name === '') return refused(`Whom do you want to ${verb}?`);
    const known = [
      ...Object.values(world.state.players).map((p) => ({ id: p.id, name: p.name })),
      ...status.roster.map((r) => ({ id: r.player, name: r.name })),
    ];
    const target = known.find((k) => namesCollide(k.name, name));
    if (target === undefined) return refused(`Nobody called ${name} has been on this isle.`);
    if (target.id === world.player) return refused(`You can't ${verb} yourself.`);
    if (role === 'moderator' && (target.id === status.owner || status.moderators?.includes(target.id) === true)) {
      return refused("A moderator cannot ban or mute the isle's maker or another moderator.");
    }
    const r = await world.moderate(what, target.id);
    // The rules of the zone this player stands in said no (no longer a moderator, say): that, not success.
    const no = r.events.find((e) => e.type === 'refused');
    if (no !== undefined && no.type === 'refused') return refused(refusalText(this.host.content, world.state, no));
    const lines = [line('system', moderatedText(what, target.name))];
    if (!r.ok) lines.push(line('refusal', 'Some parts of the isle could not be reached just now; say it again once you are back online to reach them all.'));
    return { lines, intents: [], status: r.ok ? 'ok' : 'refused' };
  }

  /**
   * MOVE WORLD (issue 19), the isle's maker's: alone it explains and asks; NOW does it, leaving
   * behind banned players and those named after WITHOUT.
   */
  async #moveWorld(now: boolean, without: string, finish: boolean): Promise<ErrandOutcome> {
    const { world } = this.host;
    const status = world.status();
    if (world.moveWorld === undefined || status === null) return refused('This isle is yours alone: it has no link to move.');
    if (roleOf(status, world.player) !== 'owner') return refused(finish ? "Only the isle's maker can finish moving this world." : "Only the isle's maker can move this world to a new link.");
    const names = without.split(/\s*(?:,|\band\b)\s*/i).map((n) => n.trim()).filter((n) => n !== '');
    // MOVE WORLD FINISH WITHOUT NOBODY: the owner says nobody is left out (besides banned players).
    const nobody = finish && names.length === 1 && /^(nobody|no one|none)$/i.test(names[0]!);
    const leaveOut: string[] = [];
    for (const name of nobody ? [] : names) {
      const found = status.roster.find((r) => namesCollide(r.name, name));
      if (found === undefined) return refused(`Nobody called ${name} has been on this isle.`);
      if (found.player === world.player) return refused('You go where the world goes: you cannot leave yourself behind.');
      leaveOut.push(found.player);
    }
    if (finish) {
      if (world.finishMove === undefined) return refused('This isle is yours alone: it has no link to move.');
      const r = await world.finishMove(names.length === 0 ? null : leaveOut);
      return r.ok ? { lines: moveWorldFinished(r), intents: [], status: 'ok' } : refused(moveRefusalText(r, true));
    }
    if (!now) return answered(moveWorldExplained(world.movingCarriesState === true));
    const r = await world.moveWorld(leaveOut);
    return r.ok ? { lines: 'refrozen' in r ? moveWorldFinished(r) : moveWorldDone(r), intents: [], status: 'ok' } : refused(moveRefusalText(r, false));
  }

  /** Every player who could be told something: those in this zone's state, and the roster's others (with their zone). */
  #listeners(): { readonly id: string; readonly name: string; readonly zone?: string }[] {
    const { state } = this.host.world;
    type Listener = { readonly id: string; readonly name: string; readonly zone?: string };
    return [
      ...Object.values(state.players).map((p): Listener => ({ id: p.id, name: p.name })),
      ...(this.host.world.status()?.roster ?? []).filter((r) => !state.players[r.player]).map((r): Listener => ({ id: r.player, name: r.name, zone: r.zone })),
    ].sort((a, b) => b.name.length - a.name.length);
  }

  /** "pip, follow me" with nobody here called Pip: elsewhere, or nobody by that name. */
  #addressed(name: string): ErrandOutcome {
    const who = this.#listeners().find((l) => l.name.toLowerCase() === name.toLowerCase());
    if (who && this.host.world.state.players[who.id]?.companionOf !== undefined) {
      return refused(`${who.name} is not here to hear you: a companion hears only those beside it. WHO tells you where everyone is.`);
    }
    if (who) return refused(`${who.name} is not here to hear you. WHO tells you where everyone is; TELL ${who.name.toUpperCase()} reaches a player anywhere.`);
    return refused(`Nobody here answers to "${name}", and "${name.split(/\s+/)[0]}" is not a verb I know. HELP lists what you can do.`);
  }

  async #tell(text: string, whisper: boolean, at: number): Promise<ErrandOutcome> {
    const { content, world } = this.host;
    const { state, player } = world;
    const me = state.players[player];
    if (!me) return refused('You are not on the isle yet.');
    // The parser found anyone here already: what is left is a player elsewhere, or nobody.
    const lower = text.toLowerCase();
    const listeners = this.#listeners();
    const first = listeners.find((l) => lower.startsWith(l.name.toLowerCase()) && /^($|[\s,:;.!?])/.test(lower.slice(l.name.length)));
    // "tell meet me at the smithy to ana": the words first, then whom.
    const end = lower.replace(/[.!?]+$/, '');
    const last = first ? undefined : listeners.find((l) => end.endsWith(` to ${l.name.toLowerCase()}`));
    const who = first ?? last;
    const verb = whisper ? 'whisper to' : 'tell';
    if (!who) {
      // An islander elsewhere: islanders hear only who stands before them.
      const npc = [...content.npcs.values()].find((n) => [n.name, n.name.replace(/^the /i, ''), ...n.aliases]
        .some((name) => lower.startsWith(name.toLowerCase()) && /^($|[\s,:;.!?])/.test(lower.slice(name.length))));
      if (npc) return refused(`${capitalise(npc.name)} is not here to hear you. Islanders hear only those who stand before them: WHERE IS ${npc.name.replace(/^the /i, '').toUpperCase()} tells you where to find ${pronounOf(npc.pronouns).object}.`);
      return refused(`There is nobody on the isle by that name to ${verb}. WHO lists the players.`);
    }
    const said = last ? text.slice(0, end.length - last.name.length - 4).trim() : text.slice(who.name.length).replace(/^[\s,:;]+/, '').replace(/^that\s+/i, '').trim();
    if (who.id === player) return answered([line('body', 'You mutter to yourself. It helps a little.')]);
    if (!said) return { lines: [line('note', `What do you want to ${whisper ? 'whisper to' : 'tell'} ${who.name}?`)], intents: [], status: 'incomplete' };
    if (who.zone !== undefined) return this.#tellAfar(who.id, who.name, said, whisper);
    const there = state.players[who.id]!;
    if (whisper && there.location !== me.location) return refused(`${who.name} is not here to whisper to. TELL reaches them where they are.`);
    return this.#submitOne({ kind: 'say', text: said.slice(0, 280), to: who.id, ...(whisper ? { whisper: true as const } : {}) }, at);
  }

  /**
   * TELL to a player in another zone: carried at once to her client if she is playing now, and
   * written to no log (src/sync/world/tells.ts), so it is told here, not narrated from events.
   */
  async #tellAfar(to: string, name: string, said: string, whisper: boolean): Promise<ErrandOutcome> {
    if (whisper) return refused(`${name} is not here to whisper to. TELL reaches them where they are.`);
    const text = said.slice(0, 280);
    switch ((await this.host.world.tell?.(to, text)) ?? 'offline') {
      case 'told': return answered([line('speech', `You tell ${name}, "${text}"`)]);
      case 'asleep': return refused(`${name} is asleep and cannot hear you: a tell reaches only someone who is playing now.`);
      case 'offline': return refused(`Your words cannot reach ${name}: you are not connected to the others right now. A tell to someone in another part of the isle needs the relay.`);
      case 'slow': return refused('You have told a great deal in a few seconds. Give it a moment.');
      case 'watching': return refused('This world is open in another tab or window of yours; this one only watches. Play there, or close it.');
      case 'spectator': return refused(SPECTATOR_REFUSAL);
    }
  }

  async #submitOne(action: Action, at: number): Promise<ErrandOutcome> {
    const r = await this.host.submit(action, at);
    if (r.blocked !== undefined) return { lines: [line('refusal', r.blocked)], intents: [action], status: r.failed ? 'error' : 'refused' };
    const own = r.events.some((e) => e.type === 'refused' && e.player === this.host.world.player);
    return { lines: this.host.narrate(r.events, at), intents: [action], status: own ? 'refused' : 'ok' };
  }
}
